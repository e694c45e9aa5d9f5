"""Worker processes: PDF workers fork from one server that loaded the renderer once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import os, signal, sys, time
from concurrent.futures.process import BrokenProcessPool
from handboek import processes

def facts():
    return os.getpid(), os.getppid(), "weasyprint" in sys.modules

def sleep(seconds):
    time.sleep(seconds)
    return seconds

if __name__ == "__main__":
    pool = processes.Pool(2, processes.preloading_context(["weasyprint"]))
    pool.prepare()
    results = [pool.submit(facts) for _ in range(4)]
    seen = [future.result(timeout=60) for future in results]
    print("workers", len({pid for pid, _, _ in seen}) >= 1, "parent is server", all(ppid != os.getpid() for _, ppid, _ in seen),
          "renderer preloaded", all(loaded for _, _, loaded in seen), "not here", "weasyprint" not in sys.modules)
    doomed = pool.submit(sleep, 30)
    time.sleep(3)
    for pid in list(pool._executor._processes):   # a worker dies, e.g. killed for lack of memory
        os.kill(pid, signal.SIGKILL)
    try:
        doomed.result(timeout=60)
        print("no error")
    except BrokenProcessPool:
        print("broken pool reported")
    pool.close(cancel=True)
    later = processes.Pool(1, processes.preloading_context(["weasyprint"]))
    waiting = [later.submit(sleep, 5), later.submit(sleep, 5), later.submit(sleep, 5)]
    started = time.perf_counter()
    later.close(cancel=True)
    print("cancelled", sum(future.cancelled() for future in waiting), "in time", time.perf_counter() - started < 30)
"""


def test_pdf_workers_fork_from_one_server_that_loaded_the_renderer(tmp_path: Path) -> None:
    script = tmp_path / "pool.py"
    script.write_text(SCRIPT, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "workers True parent is server True renderer preloaded True not here True", lines
    assert lines[1] == "broken pool reported", "a killed worker is an error for whoever waits, not a hang"
    assert lines[2].startswith("cancelled ") and lines[2].endswith("in time True"), lines
    assert int(lines[2].split()[1]) >= 1, "tasks never handed over are cancelled, so nobody waits for them"
