"""The checks of the built pages: each page as soon as it is built, the links between pages at the end.

Where a worker can be forked, the pages go to it in batches while MkDocs builds the next ones, and the build
waits only for the last batch and the links between pages. Elsewhere (`mkdocs serve`, a site smaller than one
batch) the same checks run in the build.
"""

from __future__ import annotations

import uuid
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

from handboek import linkcheck, processes, readability
from handboek.linkcheck import BuiltPage, Internal
from handboek.problems import Problem

BATCH = 50      # pages sent to the worker at once: fewer, larger messages


class SiteCheck:
    """Every check of one build's pages, in the process that reads them."""

    def __init__(self, content_marker: str, switches: bool = True) -> None:
        self.content_marker, self.switches = content_marker, switches
        self.problems: list[Problem] = []
        self.ids: dict[str, set[str]] = {}
        self.internal: list[tuple[BuiltPage, list[Internal]]] = []

    def add(self, output: str, page: BuiltPage, readable: bool = False) -> None:
        """Read one built page (navigation cut out) and check what can be checked on it alone.

        `readable`: also check the language level of its text (Dutch pages written by editors).
        """
        try:
            article = linkcheck.collect(output, page, self.content_marker)
            local, internal = linkcheck.page_problems(page, self.switches)
            if readable and article is not None:
                local += readability.problems(page.display, article, page.source)
        except Exception as error:  # noqa: BLE001 - one unreadable page must not hide the other pages' problems
            self.problems.append(Problem(page.display, 1, f"the checks could not read this page ({error})",
                                         "look at the built page; if it looks right, report this as a bug"))
            return
        self.problems.extend(local)
        self.ids[page.path] = page.ids
        page.links = []
        self.internal.append((page, internal))

    def finish(self, files: set[str], languages: list[str], default: str) -> list[Problem]:
        """Every problem, once the links between pages can be checked against the whole built site."""
        for page, internal in self.internal:
            self.problems.extend(linkcheck.internal_problems(page, internal, self.ids, files, languages, default))
        self.internal = []
        return self.problems


_in_worker: dict[str, SiteCheck] = {}    # in the worker process: the checks of each build it serves


def _add_batch(build: str, options: tuple[str, bool], batch: list[tuple[str, BuiltPage, bool]]) -> None:
    """In the worker: check a batch of built pages."""
    check = _in_worker.setdefault(build, SiteCheck(*options))
    for output, page, readable in batch:
        check.add(output, page, readable)


def _finish(build: str, files: set[str], languages: list[str], default: str) -> list[Problem]:
    """In the worker: the problems of every page of the build."""
    check = _in_worker.pop(build, None)
    return check.finish(files, languages, default) if check is not None else []


class Collector:
    """The built pages of one build, checked beside the build where a worker can be forked."""

    def __init__(self, content_marker: str, skip: tuple[str, str] | None, switches: bool = True,
                 parallel: bool = True, batch: int = BATCH) -> None:
        self.skip, self.batch = skip, batch
        self.options = (content_marker, switches)
        self.parallel = parallel and processes.cores() > 1 and processes.can_fork()
        self._build = uuid.uuid4().hex
        self._here = SiteCheck(*self.options)
        self._waiting: list[tuple[str, BuiltPage, bool]] = []
        self._sent: list[tuple[str, Future]] = []      # the first page of each batch, and the batch's future
        self._broken: Problem | None = None            # the worker stopped: what to report
        self._pool = processes.Pool(1)

    def add(self, output: str, page: BuiltPage, readable: bool = False) -> None:
        """Take a built page; it is checked now or in the worker (`readable`: also its language level)."""
        output = linkcheck.cut(output, self.skip)
        if not self.parallel:
            self._here.add(output, page, readable)
            return
        self._waiting.append((output, page, readable))
        if len(self._waiting) >= self.batch:
            self._send()

    def _stopped(self, where: str) -> Problem:
        """The problem to report when the worker process stopped."""
        return Problem(where, 1, "the link check stopped unexpectedly",
                       "run the build again; if it happens again, check the free memory")

    def _send(self) -> None:
        """Hand the waiting pages to the worker, starting it the first time."""
        if self._waiting and self._broken is None:
            where = self._waiting[0][1].display
            try:
                self._sent.append((where, self._pool.submit(_add_batch, self._build, self.options, self._waiting)))
            except BrokenProcessPool:
                self._broken = self._stopped(where)
        self._waiting = []

    def problems(self, files: set[str], languages: list[str], default: str) -> list[Problem]:
        """Every problem of every page, once the worker has read them all."""
        if not self._pool.started:      # fewer pages than one batch: not worth starting a worker
            for output, page, readable in self._waiting:
                self._here.add(output, page, readable)
            self._waiting = []
            return self._here.finish(files, languages, default)
        try:
            self._send()
            where = self._sent[0][0] if self._sent else ""
            for page_name, future in self._sent:
                where = page_name
                future.result()
            if self._broken is not None:
                return [self._broken]
            return self._pool.submit(_finish, self._build, files, languages, default).result()
        except BrokenProcessPool:
            return [self._stopped(where)]
        finally:
            self.close()

    def close(self) -> None:
        """Stop the worker."""
        self._sent.clear()
        self._pool.close(cancel=True)
