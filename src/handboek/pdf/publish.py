"""Make every PDF of one language for the site, each only when its inputs changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handboek import downloads
from handboek.pdf import cache, documents, handbook, render
from handboek.problems import ProblemsFound
from handboek.session import Session, display

MAKERS = {"card": documents.card, "card_a4": documents.card_a4, "checklist": documents.checklist,
          "report_form": documents.report_form}


@dataclass(frozen=True)
class Made:
    """One PDF put into the site."""

    path: Path
    rendered: bool          # False when it came unchanged from the cache


def _render(job: render.Job, fonts: list) -> bytes:
    """Render with a font configuration shared by the PDFs of one language."""
    from weasyprint.text.fonts import FontConfiguration

    if not fonts:
        fonts.append(FontConfiguration())
    return render.render(job, fonts[0])


def print_source(current: Session, lang: str) -> documents.PrintSource:
    """What the PDFs of one language are made from."""
    return documents.PrintSource(content=current.contents[lang], settings=current.settings,
                                 root=current.settings_path.parent, demo=current.is_demo(),
                                 settings_display=current.settings_display,
                                 data_display=display(current.data_dir / lang, current.root))


def make_all(current: Session, lang: str, site_dir: Path, cache_dir: Path, page_order: list[str],
             render_changed: bool = True) -> list[Made]:
    """Render (or take from the cache) the five PDFs of `lang` into `site_dir`; problems go to the report.

    With `render_changed=False` (the live preview) only cached PDFs are copied; changed ones are left out.
    """
    source = print_source(current, lang)
    inputs = source.inputs()
    fonts: list = []  # one FontConfiguration, made only when a PDF must really be rendered
    made: list[Made] = []
    jobs = []
    for kind, maker in MAKERS.items():
        path = downloads.site_path(source.content, kind, current.default_language)
        jobs.append((path, maker(source, path)))
    records = {record.url: record for record in current.rendered.get(lang, [])}
    ordered = [records[url] for url in page_order if url in records]
    path = downloads.site_path(source.content, "handbook", current.default_language)
    prefix = "" if lang == current.default_language else f"{lang}/"
    jobs.append((path, handbook.handbook(source, ordered, path, site_dir, prefix, current.today)))
    for path, job in jobs:
        try:
            renderer = (lambda j: _render(j, fonts)) if render_changed else None
            rendered = cache.produce(job, inputs, cache_dir, site_dir / path, renderer)
        except ProblemsFound as found:
            current.report.extend(found.problems)
            continue
        if rendered is not None:
            made.append(Made(site_dir / path, rendered))
    return made
