"""Worker processes: how many cores there are, how to start a worker cheaply, and a pool that starts late."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext


def cores() -> int:
    """The CPU cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """True where a worker can be forked safely: the platform has fork() and this process has one thread."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def context() -> BaseContext:
    """Fork where it is safe: a worker starts at once with the build's modules loaded; else the default."""
    return multiprocessing.get_context("fork") if can_fork() else multiprocessing.get_context()


class Pool:
    """Worker processes that start with the first task, so that a build that needs none starts none."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._executor: ProcessPoolExecutor | None = None

    @property
    def started(self) -> bool:
        """True once a task was handed to a worker."""
        return self._executor is not None

    def submit(self, function: Callable[..., object], *args: object) -> Future:
        """Run `function(*args)` in a worker."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.size, mp_context=context())
        return self._executor.submit(function, *args)

    def close(self, cancel: bool = False) -> None:
        """Stop the workers, after their tasks unless `cancel`."""
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=cancel)
            self._executor = None
