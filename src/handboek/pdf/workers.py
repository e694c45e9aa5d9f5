"""What a PDF worker process does: render one PDF into the cache."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from handboek.pdf import cache, render
from handboek.problems import Problem, ProblemsFound

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

MAX_WORKERS = 4             # each worker holds WeasyPrint and its fonts: about 150 MB
PRELOAD = ("handboek.pdf.workers", "handboek.pdf.preload")   # imported once, before the workers fork
_fonts: list[FontConfiguration] = []


def render_into_cache(job: render.Job, cached: Path) -> tuple[list[Problem], float]:
    """Render one PDF into the cache; the problems that stopped it, and the seconds it took."""
    if not _fonts:  # once per worker: importing WeasyPrint and loading the fonts is not the PDF's own time
        from weasyprint.text.fonts import FontConfiguration

        _fonts.append(FontConfiguration())
    started = time.perf_counter()
    try:
        data = render.render(job, _fonts[0])
    except ProblemsFound as found:
        return found.problems, time.perf_counter() - started
    cache.write_atomically(cached, data)
    return [], time.perf_counter() - started

