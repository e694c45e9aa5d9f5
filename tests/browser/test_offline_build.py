"""The build, PDFs included, succeeds in a network namespace without any network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE_SETTINGS, ROOT, copy_project
from handboek.pdf.products import KINDS, outputs
from browser.conftest import unavailable

NO_NETWORK_PROBE = """
import socket
try:
    socket.create_connection(("1.1.1.1", 443), timeout=3)
except OSError as error:
    print("no network:", error)
else:
    raise SystemExit("the namespace can reach the internet")
"""


# Where network namespaces are not allowed (an unprivileged CI container), the equivalent: every Python
# socket refuses to connect anywhere but the machine itself, and asking DNS for a name fails.
SOCKET_GUARD = """
import socket

_connect = socket.socket.connect


def _refuse(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if host not in ("127.0.0.1", "::1", "localhost") and not isinstance(address, (str, bytes)):
        raise OSError(f"network is cut off for this test: {address!r}")
    return _connect(self, address)


def _no_dns(*args, **kwargs):
    raise OSError("network is cut off for this test: DNS")


socket.socket.connect = _refuse
socket.socket.connect_ex = lambda self, address: _refuse(self, address) or 0
socket.getaddrinfo = _no_dns
socket.create_connection = lambda address, *a, **k: _refuse(socket.socket(), address)
"""


def offline_prefix() -> list[str] | None:
    """The command prefix that runs a program in a network namespace, or None where that is not allowed."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    for prefix in ([unshare, "--net"], [unshare, "--user", "--map-root-user", "--net"]):
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    return None


def offline(tmp_path: Path, env: dict[str, str]) -> list[str]:
    """A network namespace when the machine allows one; otherwise Python sockets that refuse to connect."""
    prefix = None if os.environ.get("HANDBOEK_NO_NAMESPACE") else offline_prefix()
    if prefix is not None:
        return prefix
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SOCKET_GUARD, encoding="utf-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(guard), env.get("PYTHONPATH", "")]))
    return []


def test_build_succeeds_with_the_network_cut_off(tmp_path: Path) -> None:
    # One language: the other is built by the same code, and its PDFs are rendered in the same way.
    # The second municipality: its own fonts and logo, and the help card in Dutch only (each kind of PDF, once).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOEK_PDF": "true", "HANDBOEK_ONLY_LANGUAGE": "nl",
           "HANDBOEK_SETTINGS": str(FIXTURE_SETTINGS)}
    prefix = offline(tmp_path, env)
    probe = subprocess.run([*prefix, sys.executable, "-c", NO_NETWORK_PROBE], capture_output=True, text=True,
                           env=env)
    assert probe.returncode == 0, probe.stdout + probe.stderr
    project = copy_project(tmp_path / "project")   # no PDF cache: every PDF is rendered offline too
    site = tmp_path / "site"
    build = subprocess.run([*prefix, sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                           capture_output=True, text=True, env=env, cwd=project)
    output = build.stdout + build.stderr
    assert build.returncode == 0, output
    assert "WARNING" not in output, output
    assert (site / "index.html").is_file()
    from handboek.model import project as loaded

    current, _ = loaded.load(ROOT, str(FIXTURE_SETTINGS.relative_to(ROOT)), "data", "docs", ["nl"], "nl", KINDS)
    assert len(list(site.rglob("*.pdf"))) == len(outputs(current))


def test_the_cut_off_really_blocks_the_network(tmp_path: Path) -> None:
    """In the namespace only a loopback device exists, and it is down; with the guard, no socket connects."""
    prefix = None if os.environ.get("HANDBOEK_NO_NAMESPACE") else offline_prefix()
    if prefix is None:
        env = dict(os.environ)
        offline(tmp_path, env)
        probe = subprocess.run([sys.executable, "-c", NO_NETWORK_PROBE], capture_output=True, text=True, env=env)
        assert probe.returncode == 0 and "network is cut off" in probe.stdout, probe.stdout + probe.stderr
        return
    links = subprocess.run([*prefix, "ip", "-o", "link"], capture_output=True, text=True)
    if links.returncode != 0:
        unavailable("`ip` (iproute2) is not installed")
    devices = [line.split(":")[1].strip() for line in links.stdout.splitlines()]
    assert devices == ["lo"] and "state DOWN" in links.stdout, links.stdout
