"""Benchmark-only hook: hooks/checks.py with a stopwatch around each of its event handlers.

Used in place of hooks/checks.py by the ``project-timed`` variant (benchmarks/synthetic.py). The handlers run
unchanged; at the end of the whole build (after the last language) the totals are printed to stderr as
``BENCH-CHECKS {"seconds": {"on_post_page": wall seconds, ...}, "cpu": {...}, "calls": {...},
"worker_cpu": seconds}`` for benchmarks/run.py: `cpu` is time in the build process, `worker_cpu` the CPU time of
the process that parses the pages beside the build.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import resource
import sys
import time
from pathlib import Path

_path = Path(__file__).resolve().parent.parent / "hooks" / "checks.py"
_spec = importlib.util.spec_from_file_location("handboek_hooks_checks_timed", _path)
_checks = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _checks
_spec.loader.exec_module(_checks)

totals: dict[str, float] = {}      # wall seconds (time.perf_counter)
cpu: dict[str, float] = {}         # CPU seconds of this process (time.process_time): not inflated by a busy machine
calls: dict[str, int] = {}


def _timed(name: str):  # noqa: ANN202
    real = getattr(_checks, name)

    @functools.wraps(real)
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - start
            cpu[name] = cpu.get(name, 0.0) + time.process_time() - start_cpu
            calls[name] = calls.get(name, 0) + 1

    if hasattr(real, "mkdocs_priority"):
        wrapper.mkdocs_priority = real.mkdocs_priority
    return wrapper


on_config = _timed("on_config")
on_post_page = _timed("on_post_page")
on_build_error = _timed("on_build_error")
_post_build = _timed("on_post_build")


@functools.wraps(_checks.on_post_build)
def on_post_build(config):  # noqa: ANN001, ANN201
    try:
        return _post_build(config)
    finally:
        if not config.plugins["i18n"].building:
            # The pages are parsed in a worker process (handboek.collector), which has ended by now; PDFs are
            # off in these builds, so the children's CPU time is that worker's.
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            print("BENCH-CHECKS " + json.dumps({"seconds": totals, "cpu": cpu, "calls": calls,
                                                "worker_cpu": children.ru_utime + children.ru_stime}),
                  file=sys.stderr, flush=True)


on_post_build.mkdocs_priority = _checks.on_post_build.mkdocs_priority
