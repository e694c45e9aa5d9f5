"""Worker processes: how many cores there are, and how to start a worker cheaply."""

from __future__ import annotations

import multiprocessing
import os
import threading
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
