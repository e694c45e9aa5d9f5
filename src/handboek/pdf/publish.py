"""Make every PDF of one language for the site, each only when its inputs changed."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from handboek import downloads, processes
from handboek.blocks import language_root
from handboek.pdf import cache, documents, handbook
from handboek.pdf.render import Job
from handboek.pdf import workers
from handboek.problems import Problem
from handboek.session import Session, display

MAKERS = {"card": documents.card, "card_a4": documents.card_a4, "checklist": documents.checklist,
          "report_form": documents.report_form}


@dataclass(frozen=True)
class Made:
    """One PDF put into the site."""

    path: Path
    rendered: bool          # False when it came unchanged from the cache
    seconds: float = 0.0    # how long rendering took


PER_LANGUAGE = len(MAKERS) + 1     # and the whole handbook


@dataclass
class Pending:
    """The PDFs of one or more languages: those taken from the cache, and those still being rendered.

    With `render=False` (the live preview) nothing is rendered: changed PDFs are left out.
    """

    render: bool = True
    made: list[Made] = field(default_factory=list)
    rendering: list[tuple[Job, Path, Path, Future]] = field(default_factory=list)  # job, cached, target
    preload: tuple[str, ...] = ()   # modules the workers need besides the renderer, e.g. the running program's
    pool: processes.Pool = field(init=False)

    def __post_init__(self) -> None:
        self.pool = processes.Pool(min(processes.cores(), workers.MAX_WORKERS),
                                   processes.preloading_context(workers.PRELOAD + self.preload))

    def prepare(self) -> None:
        """Start loading the renderer now, before any PDF is asked for."""
        self.pool.prepare()

    def close(self, cancel: bool = False) -> None:
        """Stop the rendering processes; with `cancel`, PDFs not yet being rendered are dropped."""
        self.pool.close(cancel=cancel)


def cache_dir(current: Session) -> Path:
    """Where rendered PDFs are kept between builds."""
    return current.cache_dir / "pdf"


def print_source(current: Session, lang: str) -> documents.PrintSource:
    """What the PDFs of one language are made from."""
    return documents.PrintSource(content=current.contents[lang], settings=current.settings,
                                 root=current.settings_path.parent, demo=current.is_demo(),
                                 settings_display=current.settings_display,
                                 data_display=display(current.data_dir / lang, current.root))


def jobs(current: Session, lang: str, site_dir: Path, page_order: list[str]) -> list[tuple[Path, Job]]:
    """The site path and the rendering job of each PDF of `lang`, the longest (the handbook) first."""
    documents.keep_compiled_in(current.cache_dir / "jinja-pdf")
    source = print_source(current, lang)
    records = {record.url: record for record in current.rendered.get(lang, [])}
    ordered = [records[url] for url in page_order if url in records and records[url].meta.get("in_pdf") is not False]
    path = downloads.site_path(source.content, "handbook", current.default_language)
    prefix = language_root(lang, current.default_language)
    found = [(path, handbook.handbook(source, ordered, path, site_dir, prefix, current.today))]
    for kind, maker in MAKERS.items():
        path = downloads.site_path(source.content, kind, current.default_language)
        found.append((path, maker(source, path)))
    return found


def start(current: Session, lang: str, site_dir: Path, cache_dir: Path, page_order: list[str],
          pending: Pending) -> Pending:
    """Copy the cached PDFs of `lang` into the site and start rendering the others."""
    inputs = print_source(current, lang).inputs()
    for path, job in jobs(current, lang, site_dir, page_order):
        cached = cache.cached_path(job, inputs, cache_dir)
        if cached.is_file():
            cache.copy_out(cached, site_dir / path)
            pending.made.append(Made(site_dir / path, rendered=False))
        elif pending.render:
            pending.rendering.append((job, cached, site_dir / path,
                                      pending.pool.submit(workers.render_into_cache, job, cached)))
    return pending


def finish(pending: Pending, current: Session) -> list[Made]:
    """Wait for the PDFs being rendered, put them into the site, add their problems to the report; stop the pool."""
    made = list(pending.made)
    try:
        for job, cached, target, future in pending.rendering:
            try:
                problems, seconds = future.result()
            except BrokenProcessPool:
                problems, seconds = [Problem(job.name, 1, "the process that renders this PDF stopped unexpectedly",
                                             "run the build again; if it happens again, check the free memory")], 0.0
            except (OSError, EOFError) as error:     # e.g. WeasyPrint cannot load Pango, or no process can start
                problems, seconds = [Problem(job.name, 1, f"the PDF could not be rendered ({error or type(error).__name__})",
                                             "check the prerequisites in README.md (Pango) and the free disk space, "
                                             "then build again")], 0.0
            current.report.extend(problems)
            if not problems:
                cache.copy_out(cached, target)
                made.append(Made(target, rendered=True, seconds=seconds))
    finally:
        pending.rendering.clear()
        pending.close()
    return made


def make_all(current: Session, lang: str, site_dir: Path, cache_dir: Path, page_order: list[str],
             render_changed: bool = True) -> list[Made]:
    """Render (or take from the cache) the five PDFs of `lang` into `site_dir`; problems go to the report."""
    return finish(start(current, lang, site_dir, cache_dir, page_order, Pending(render=render_changed)), current)
