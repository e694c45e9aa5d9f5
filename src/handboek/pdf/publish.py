"""Put every print product of a language into the site: from the cache when its inputs did not change, else
rendered in worker processes while the build goes on."""

from __future__ import annotations

import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from handboek.model.pages import language_root
from handboek.model.project import Project
from handboek.pdf import cache, handbook, render
from handboek.pdf.documents import PrintSource
from handboek.pdf.products import outputs
from handboek.problems import Problem, ProblemsFound, shown

MAX_WORKERS = 4             # each worker holds WeasyPrint and its fonts: about 150 MB


@dataclass(frozen=True)
class Made:
    """One PDF put into the site."""

    path: Path
    rendered: bool          # False when it came unchanged from the cache
    seconds: float = 0.0    # how long rendering took


def print_source(project: Project, lang: str, site_dir: Path | None = None, page_order: list[str] = ()) -> PrintSource:
    """What the PDFs of one language are made from; with `site_dir`, also its built pages in `page_order`."""
    chapters: tuple[handbook.Chapter, ...] = ()
    if site_dir is not None:
        by_url = {page.url(project.default_language): page for page in project.pages[lang].values()}
        ordered = [by_url[url] for url in page_order if url in by_url]
        chapters = tuple(handbook.chapters(ordered, site_dir, project.default_language,
                                           language_root(lang, project.default_language), project.settings.handbook_url))
    return PrintSource(content=project.contents[lang], settings=project.settings, root=project.settings_path.parent,
                       demo=project.demo, settings_display=shown(project.settings_path, project.root),
                       data_display=shown(project.data_dir / lang, project.root), today=project.today,
                       chapters=chapters)


@dataclass
class Printing:
    """The PDFs of one build. With `render=False` (the live preview) changed PDFs are left out, not rendered.

    Rendering starts longest first, so that the workers finish at about the same time: the whole handbook of a
    language as soon as its pages are written, the other products of that language after it, and the help
    card's editions (many short PDFs that need no pages) last, in `finish()`.
    """

    cache_dir: Path
    render: bool = True
    made: list[Made] = field(default_factory=list)
    rendering: list[tuple[str, Path, Path, Future, Path | None]] = field(default_factory=list)  # ..., preview
    later: list[tuple[render.Job, Path, Path, Path | None, Path | None]] = field(default_factory=list)
    _pool: ProcessPoolExecutor | None = None

    def add_language(self, project: Project, lang: str, site_dir: Path, page_order: list[str]) -> None:
        """Take the PDFs of a language whose pages are built: from the cache, or start rendering them."""
        from_pages = print_source(project, lang, site_dir, page_order)
        # Only a product made from the pages has them (and their images) among its inputs: a new picture on a page
        # must not render the pocket card again.
        without_pages = replace(from_pages, chapters=())
        for output in sorted(outputs(project, lang), key=lambda output: not output.product.from_pages):
            product = output.product
            source = from_pages if product.from_pages else without_pages
            if output.edition:      # one language of the help card
                source = replace(source, card=project.help_cards.cards[output.edition], facts=project.help_cards.facts)
            job = product.make(source, output.path)
            cached, target = cache.cached_path(job, source.inputs(), self.cache_dir), site_dir / output.path
            preview = site_dir / output.preview_path if output.preview_path else None
            # A sheet of cards is placed from its card's PDF when that is in the cache by then (cards go first).
            card = cache.cached_path(job.alone, source.inputs(), self.cache_dir) if job.slots else None
            if cached.is_file() and (preview is None or cache.preview_of(cached).is_file()):
                cache.copy_out(cached, target, preview)
                self.made.append(Made(target, rendered=False))
            elif self.render and output.edition:
                self.later.append((job, cached, target, preview, card))
            elif self.render:
                self._start(job, cached, target, preview, card)

    def _start(self, job: render.Job, cached: Path, target: Path, preview: Path | None, card: Path | None) -> None:
        """Render one PDF in a worker process."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(min(os.cpu_count() or 1, MAX_WORKERS))
        future = self._pool.submit(_render_into_cache, job, cached, preview is not None, card)
        self.rendering.append((job.name, cached, target, future, preview))

    def finish(self) -> tuple[list[Made], list[Problem]]:
        """Wait for the PDFs being rendered and put them into the site; the problems that stopped any of them."""
        problems: list[Problem] = []
        for waiting in self.later:
            self._start(*waiting)
        self.later.clear()
        try:
            for name, cached, target, future, preview in self.rendering:
                try:
                    found, seconds = future.result()
                except BrokenProcessPool:
                    found, seconds = [Problem(name, 1, "the process that renders this PDF stopped unexpectedly",
                                              "run the build again; if it happens again, check the free memory")], 0.0
                except (OSError, EOFError) as error:     # e.g. WeasyPrint cannot load Pango
                    found, seconds = [Problem(name, 1, f"the PDF could not be rendered ({error or type(error).__name__})",
                                              "check the prerequisites in README.md (Pango) and the free disk space, "
                                              "then build again")], 0.0
                problems += found
                if not found:
                    cache.copy_out(cached, target, preview)
                    self.made.append(Made(target, rendered=True, seconds=seconds))
        finally:
            self.close()
        cache.prune(self.cache_dir)
        return self.made, problems

    def close(self, cancel: bool = False) -> None:
        """Stop the rendering processes; with `cancel`, PDFs not yet being rendered are dropped."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=cancel)
            self._pool = None


_fonts: list = []           # in a worker: WeasyPrint's font configuration, made once


def _render_into_cache(job: render.Job, cached: Path, preview: bool = False,
                       card: Path | None = None) -> tuple[list[Problem], float]:
    """In a worker: render one PDF (and, with `preview`, an image of its first page) into the cache; the problems
    that stopped it, and the seconds it took. A sheet of cards is placed from `card`, its card's cached PDF, when
    that is there."""
    if not _fonts:      # loading WeasyPrint and the fonts is the worker's cost, not the PDF's
        from weasyprint.text.fonts import FontConfiguration

        _fonts.append(FontConfiguration())
    started = time.perf_counter()
    try:
        data = render.render(job, _fonts[0], card.read_bytes() if card and card.is_file() else None)
    except ProblemsFound as found:
        return found.problems, time.perf_counter() - started
    except RuntimeError as error:       # e.g. pdfium could not read the cached card or write the sheet
        return [Problem(job.name, 1, f"the PDF could not be made ({error})",
                        "delete the folder .cache/handboek/pdf and build again; if it happens again, report this "
                        "line to the developers")], time.perf_counter() - started
    if preview:     # first: a cached PDF without its image counts as not rendered
        cache.write_atomically(cache.preview_of(cached), render.preview_png(data))
    cache.write_atomically(cached, data)
    return [], time.perf_counter() - started
