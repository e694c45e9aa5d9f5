"""Read the links and ids of the built pages in a second process, while MkDocs builds the next pages."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

from handboek import linkcheck, processes
from handboek.linkcheck import BuiltPage, Link
from handboek.problems import Problem

BATCH = 50      # pages sent to the worker at once: fewer, larger messages


def _collect_batch(pages: list[tuple[str, str]], content_marker: str) -> list[tuple[list[Link], set[str]]]:
    """In the worker: the links and ids of each (path, page HTML)."""
    found = []
    for path, output in pages:
        page = linkcheck.collect(output, BuiltPage(path=path, lang="", display="", source="", expanded=""),
                                 content_marker)
        found.append((page.links, page.ids))
    return found


class Collector:
    """The built pages of one build; where a worker can be forked, their HTML is parsed beside the build."""

    def __init__(self, content_marker: str, skip: tuple[str, str] | None, parallel: bool = True,
                 batch: int = BATCH) -> None:
        self.content_marker, self.skip, self.batch = content_marker, skip, batch
        self.parallel = parallel and processes.cores() > 1 and processes.can_fork()
        self._pages: dict[str, BuiltPage] = {}
        self._waiting: list[tuple[str, str]] = []
        self._sent: list[tuple[list[str], Future]] = []
        self._pool = processes.Pool(1)

    def add(self, output: str, page: BuiltPage) -> None:
        """Take a built page; its links and ids are read now or in the worker."""
        self._pages[page.path] = page
        if not self.parallel:
            linkcheck.collect(output, page, self.content_marker, self.skip)
            return
        self._waiting.append((page.path, linkcheck.cut(output, self.skip)))
        if len(self._waiting) >= self.batch:
            self._send()

    def _send(self) -> None:
        """Hand the waiting pages to the worker, starting it the first time."""
        if not self._waiting:
            return
        paths = [path for path, _ in self._waiting]
        self._sent.append((paths, self._pool.submit(_collect_batch, self._waiting, self.content_marker)))
        self._waiting = []

    def pages(self) -> tuple[list[BuiltPage], list[Problem]]:
        """Every page with its links and ids, once the worker has read them; and a problem if it failed."""
        if not self._pool.started:      # fewer pages than one batch: not worth starting a worker
            for path, output in self._waiting:
                linkcheck.collect(output, self._pages[path], self.content_marker)
            self._waiting = []
        self._send()
        problems = []
        for paths, future in self._sent:
            try:
                results = future.result()
            except BrokenProcessPool:
                problems = [Problem(paths[0], 1, "the link check stopped unexpectedly",
                                    "run the build again; if it happens again, check the free memory")]
                break
            for path, (links, ids) in zip(paths, results, strict=True):
                self._pages[path].links.extend(links)
                self._pages[path].ids.update(ids)
        self.close()
        return list(self._pages.values()), problems

    def close(self) -> None:
        """Stop the worker."""
        self._sent.clear()
        self._pool.close(cancel=True)
