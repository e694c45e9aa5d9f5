"""Render PDFs in worker processes, one per CPU core, while the build goes on."""

from __future__ import annotations

import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from handboek import processes
from handboek.pdf import cache, render
from handboek.problems import Problem, ProblemsFound

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

MAX_WORKERS = 4             # each worker holds WeasyPrint and its fonts: about 150 MB
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


class Workers:
    """A pool of rendering processes, started on the first PDF that is not in the cache."""

    def __init__(self, size: int | None = None) -> None:
        self.size = max(1, min(size or processes.cores(), MAX_WORKERS))
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, job: render.Job, cached: Path) -> Future:
        """Start rendering `job` into `cached`."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.size, mp_context=processes.context())
        return self._pool.submit(render_into_cache, job, cached)

    def close(self) -> None:
        """Wait for the workers and stop them."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
