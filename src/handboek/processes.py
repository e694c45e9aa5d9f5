"""Worker processes: how many cores there are, how to start a worker cheaply, and a pool that starts late."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing.context import BaseContext


def cores() -> int:
    """The CPU cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """True where a worker can be forked safely: the platform has fork() and this process has one thread."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def context() -> BaseContext:
    """Fork where it is safe: a worker starts at once with the build's modules loaded; else a fork server, or spawn."""
    if can_fork():
        return multiprocessing.get_context("fork")
    # Python 3.11's default on Linux is fork even with threads running; a forked thread's lock or pipe would leak.
    return multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods()
                                       else "spawn")


def preloading_context(modules: Sequence[str]) -> BaseContext:
    """Workers forked from one server process that imports `modules` once; the default context where there is none.

    The server is shared by every pool of this process and keeps the modules it was first given.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return context()
    server = multiprocessing.get_context("forkserver")
    server.set_forkserver_preload(list(modules))
    return server


class Pool:
    """Worker processes that start with the first task, so that a build that needs none starts none.

    With a fork server, tasks are handed over by a thread: starting a worker waits until the server has imported
    its modules, and the build goes on meanwhile. The server lives as long as this process.
    """

    def __init__(self, size: int, mp_context: BaseContext | None = None) -> None:
        self.size = max(1, size)
        self._context = mp_context      # None: decided when the first worker starts, see context()
        self._executor: ProcessPoolExecutor | None = None
        self._feeder: ThreadPoolExecutor | None = None
        self._handed: list[Future] = []

    @property
    def _served(self) -> bool:
        """True when the workers fork from a server process."""
        return self._context is not None and self._context.get_start_method() == "forkserver"

    def prepare(self) -> None:
        """Start the server the workers fork from now, so that its imports run beside the build; it returns at once."""
        if self._served:
            from multiprocessing import forkserver

            forkserver.ensure_running()

    @property
    def started(self) -> bool:
        """True once a task was handed to a worker."""
        return self._executor is not None

    def submit(self, function: Callable[..., object], *args: object) -> Future:
        """Run `function(*args)` in a worker."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.size, mp_context=self._context or context())
        if not self._served:
            return self._executor.submit(function, *args)
        if self._feeder is None:
            self._feeder = ThreadPoolExecutor(1, thread_name_prefix="handboek-feeder")
        result: Future = Future()
        self._handed.append(result)
        self._feeder.submit(_hand_over, self._executor, result, function, args)
        return result

    def close(self, cancel: bool = False) -> None:
        """Stop the workers, after their tasks unless `cancel`."""
        if self._feeder is not None:
            self._feeder.shutdown(cancel_futures=cancel)
            self._feeder = None
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=cancel)
            self._executor = None
        for result in self._handed:
            result.cancel()        # only those never handed over are still pending: nobody waits for them forever
        self._handed.clear()


def _hand_over(executor: ProcessPoolExecutor, result: Future, function: Callable[..., object],
               args: tuple[object, ...]) -> None:
    """Submit a task to the process pool and pass its outcome on to `result`."""
    try:
        task = executor.submit(function, *args)
    except BaseException as error:  # noqa: BLE001 - e.g. BrokenProcessPool: the waiting build reports it
        result.set_exception(error)
        return
    task.add_done_callback(lambda done: _pass_on(done, result))


def _pass_on(done: Future, result: Future) -> None:
    """Give `result` the outcome of `done`, unless it was cancelled meanwhile."""
    if result.done():
        return
    if done.cancelled():
        result.cancel()
    elif done.exception() is not None:
        result.set_exception(done.exception())
    else:
        result.set_result(done.result())
