"""A built site served by Debian's nginx with the shipped deploy/nginx configuration, on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from browser.served import ServedSite

SHIPPED = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "handboek-mensenhandel.conf"
SHIPPED_PATH = "/handboek-mensenhandel"       # the sub-path the shipped file is written for
SHIPPED_ROOT = "/var/www/intranet"            # the folder that holds handboek-mensenhandel/ there
STARTUP_SECONDS = 10

# Only what a test needs around the shipped snippet. `master_process off` keeps nginx one process that
# reads files as the user who started it: as root, nginx would hand requests to workers running as
# `nobody`, who cannot read pytest's private temporary folders.
MAIN = """daemon off;
master_process off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {snippet};
    }}
}}
"""


def nginx_binary() -> str | None:
    """Debian's nginx (in /usr/sbin, which is not always on a user's PATH)."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class NginxSite(ServedSite):
    """The site behind a running nginx."""

    process: subprocess.Popen | None = None
    prefix: Path | None = None

    def stop(self) -> None:
        """Stop nginx and wait for it."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STARTUP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self) -> str:
        """nginx's error log, for a failure message."""
        path = self.prefix / "error.log" if self.prefix else None
        return path.read_text(encoding="utf-8", errors="replace") if path and path.is_file() else ""


def configure(site: Path, handbook_url: str, prefix: Path, port: int) -> Path:
    """Write nginx.conf in `prefix`: the shipped snippet with this build's folder and sub-path."""
    sub_path = urlsplit(handbook_url).path.rstrip("/")
    www = prefix / "www"
    (www / sub_path.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
    (www / sub_path.lstrip("/")).symlink_to(site.resolve(), target_is_directory=True)
    snippet = SHIPPED.read_text(encoding="utf-8").replace(SHIPPED_ROOT, str(www)).replace(SHIPPED_PATH, sub_path)
    (prefix / "handboek.conf").write_text(snippet, encoding="utf-8")
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / folder).mkdir(exist_ok=True)
    config = prefix / "nginx.conf"
    config.write_text(MAIN.format(prefix=prefix, port=port, mime_types="/etc/nginx/mime.types",
                                  snippet=prefix / "handboek.conf"), encoding="utf-8")
    return config


def serve_with_nginx(name: str, site: Path, handbook_url: str, prefix: Path) -> NginxSite:
    """Start nginx for `site` under the path of `handbook_url`; raise RuntimeError with its log if it fails."""
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx")
    port = free_port()
    config = configure(site, handbook_url, prefix, port)
    command = [binary, "-p", f"{prefix}/", "-c", str(config), "-e", str(prefix / "error.log")]
    check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t refused the configuration:\n{check.stderr}")
    path = urlsplit(handbook_url).path.rstrip("/") + "/"
    served = NginxSite(name=name, site=site, base_url=f"http://127.0.0.1:{port}{path}", server=None,
                       process=subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
                       prefix=prefix)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise RuntimeError(f"nginx stopped at once:\n{served.log()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return served
        except OSError:
            time.sleep(0.05)
    served.stop()
    raise RuntimeError(f"nginx did not listen on 127.0.0.1:{port} within {STARTUP_SECONDS} s:\n{served.log()}")
