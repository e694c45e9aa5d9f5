"""Running a command and measuring it: wall time, CPU time, peak memory, and how busy the machine was."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

PY = sys.executable


@dataclass
class Run:
    """One measured command."""

    wall: float          # seconds, time.perf_counter around the subprocess
    cpu: float           # seconds of user + system CPU time of the subprocess and all it started (os.wait4)
    rss_mb: float        # peak resident memory of the subprocess or any process it started, MiB (ru_maxrss)
    stall: float         # share of the wall time in which some runnable task waited for a CPU (Linux PSI)
    rc: int
    output: str = ""

    def brief(self) -> dict:
        """The numbers, without the output."""
        data = asdict(self)
        data.pop("output")
        return data


def _psi_some_us() -> int | None:
    """Microseconds in which at least one task waited for a CPU since boot (/proc/pressure/cpu)."""
    try:
        line = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except OSError:
        return None
    return int(line.rsplit("total=", 1)[1])


_adopting = False


def adopt_orphans() -> None:
    """Become the parent of processes whose parent ends (Linux PR_SET_CHILD_SUBREAPER), so that their CPU is counted.

    The build's PDF workers fork from a server process that outlives the build by a moment; without this, its CPU
    time would go to init, not to the build. Called by the benchmark programs that measure builds.
    """
    global _adopting
    if sys.platform == "linux":
        import ctypes

        _adopting = ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0   # 36: PR_SET_CHILD_SUBREAPER


def _children() -> set[int]:
    """The processes whose parent is this one (from /proc)."""
    me, found = os.getpid(), set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me:
                found.add(int(entry.name))
    return found


def _reap_adopted(before: set[int], usage: os.struct_rusage, wait: float = 10.0) -> tuple[float, float]:
    """Wait for the processes the command left behind (killing them after `wait` s); their CPU, the largest peak memory."""
    cpu, rss = 0.0, usage.ru_maxrss
    left = (_children() - before) if _adopting else set()
    deadline = time.perf_counter() + wait
    while left:
        for pid in list(left):
            if time.perf_counter() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            try:
                done, _, used = os.wait4(pid, 0 if time.perf_counter() > deadline else os.WNOHANG)
            except ChildProcessError:
                left.discard(pid)
                continue
            if done:
                left.discard(pid)
                cpu += used.ru_utime + used.ru_stime
                rss = max(rss, used.ru_maxrss)
        time.sleep(0.02)
    return cpu, rss


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None) -> Run:
    """Run `cmd` to completion and measure it. Output (stdout + stderr) is kept in Run.output."""
    before = _children() if _adopting else set()
    with tempfile.TemporaryFile() as out:
        psi_before = _psi_some_us()
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG if deadline else 0)
            if pid:
                break
            if deadline and time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)   # the build and the workers it started
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
        psi_after = _psi_some_us()
        adopted_cpu, rss = _reap_adopted(before, usage)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    stall = (psi_after - psi_before) / 1e6 / wall if psi_before is not None and psi_after is not None else float("nan")
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime + adopted_cpu, rss_mb=rss / 1024, stall=stall,
               rc=process.returncode, output=text)


PYCACHE = Path(__file__).resolve().parent / "work" / "pycache"


def build_env(**extra: str) -> dict[str, str]:
    """The environment of a build, as `make` sets it.

    Python's compiled bytecode is cached in benchmarks/work/pycache (PYTHONPYCACHEPREFIX), so that every build
    runs as it does on an editor's machine after the first one, whether or not the environment sets
    PYTHONDONTWRITEBYTECODE, and without writing into src/.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
           "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("HANDBOEK_SETTINGS", None)
    env.update(extra)
    return env


def mkdocs_build(project: Path, site: Path, *, pdf: bool = True, strict: bool = True,
                 extra_args: tuple[str, ...] = (), timeout: float | None = None, **env: str) -> Run:
    """`mkdocs build --strict` of a project, as `make build` (pdf=True) or `make check` (pdf=False) runs it."""
    cmd = [PY, *extra_args, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
           "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    return run(cmd, project, build_env(HANDBOEK_PDF="true" if pdf else "false", **env), timeout=timeout)


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine() -> dict:
    """What the figures were measured on."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-htmlproofer-plugin", "weasyprint",
                    "lxml", "playwright"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    chromium = ""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                  timeout=20).stdout.strip()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": model, "cores": os.cpu_count(), "ram_gib": round(ram, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(), "versions": versions, "chromium": chromium,
        "pythondontwritebytecode": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
    }


def build_in_process(project: Path, site: Path) -> int:
    """`mkdocs build --strict` of `project` inside this process (for instrumented runs); its exit code."""
    from mkdocs.__main__ import cli

    os.chdir(project)
    try:
        cli.main(["build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)], standalone_mode=False)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except Exception as error:  # noqa: BLE001 - reported, and the exit code says it failed
        print(f"build failed: {error!r}", file=sys.stderr)
        return 1
    return 0
