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
    cpu: float           # seconds of user + system CPU time of the subprocess and the children it waited for (os.wait4)
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


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None) -> Run:
    """Run `cmd` to completion and measure it. Output (stdout + stderr) is kept in Run.output."""
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
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    stall = (psi_after - psi_before) / 1e6 / wall if psi_before is not None and psi_after is not None else float("nan")
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss_mb=usage.ru_maxrss / 1024, stall=stall,
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
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-htmlproofer-plugin", "mkdocs-to-pdf", "weasyprint",
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
