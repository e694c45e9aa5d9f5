"""Worker processes: PDF workers fork from one server that loaded the renderer once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# slow_import stands for WeasyPrint: the server cannot finish loading until the script creates the file "go".
SLOW_IMPORT = """
import os, time
while not os.path.exists(os.environ["GO_FILE"]):
    time.sleep(0.05)
"""

SCRIPT = """
import os, signal, sys, time
from concurrent.futures.process import BrokenProcessPool
from handboek import processes
from handboek.pdf import workers

def facts():
    return os.getpid(), os.getppid(), "slow_import" in sys.modules, "weasyprint" in sys.modules

def sleep(seconds):
    time.sleep(seconds)
    return seconds

if __name__ == "__main__":
    pool = processes.Pool(2, processes.preloading_context(["slow_import", *workers.PRELOAD]))
    pool.prepare()
    results = [pool.submit(facts) for _ in range(4)]
    print("submitted while the server was still loading", not os.path.exists(os.environ["GO_FILE"]))
    open(os.environ["GO_FILE"], "w").close()
    seen = [future.result(timeout=120) for future in results]
    parents = {ppid for _, ppid, _, _ in seen}
    print("one server", len(parents) == 1 and os.getpid() not in parents,
          "preloaded", all(slow and renderer for _, _, slow, renderer in seen),
          "not here", "weasyprint" not in sys.modules)
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
    later = processes.Pool(1, processes.preloading_context(["slow_import"]))
    waiting = [later.submit(sleep, 5), later.submit(sleep, 5), later.submit(sleep, 5)]
    later.close(cancel=True)
    print("some cancelled", any(future.cancelled() for future in waiting),
          "all settled", all(future.done() for future in waiting))
"""


def test_pdf_workers_fork_from_one_server_that_loaded_the_renderer(tmp_path: Path) -> None:
    (tmp_path / "slow_import.py").write_text(SLOW_IMPORT, encoding="utf-8")
    script = tmp_path / "pool.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "GO_FILE": str(tmp_path / "go")}
    # If submit() waited for the server, the script would never create "go": it would hang and time out.
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=180, cwd=tmp_path,
                         env=env)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    lines = run.stdout.splitlines()
    assert lines == ["submitted while the server was still loading True",
                     "one server True preloaded True not here True",
                     "broken pool reported",
                     "some cancelled True all settled True"], lines
