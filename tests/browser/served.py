"""A built site served on 127.0.0.1 under the path of its handbook_url, as an intranet web server does."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site only under its prefix; anything else is 404 with the site's 404.html, like nginx."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        """Map `/prefix/x` to `<site>/x`; other paths to a file that does not exist."""
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-prefix" / "missing")
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing page with the site's own 404.html."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Keep the test output quiet."""


@dataclass
class ServedSite:
    """A running server for one built site."""

    name: str
    site: Path
    base_url: str             # e.g. http://127.0.0.1:41234/handboek-mensenhandel/
    server: ThreadingHTTPServer | None   # None when another program serves it (browser/nginx.py)

    @property
    def origin(self) -> str:
        """`http://127.0.0.1:port`: the only origin pages may talk to."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def url(self, path: str) -> str:
        """The address of a page, e.g. `en/signalen/`."""
        return self.base_url + path

    def stop(self) -> None:
        """Stop serving."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def serve(name: str, site: Path, handbook_url: str) -> ServedSite:
    """Serve `site` at 127.0.0.1 under the path of `handbook_url`, in a background thread."""
    prefix = urlsplit(handbook_url).path.rstrip("/") + "/"
    handler = type("Handler", (_SubPathHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return ServedSite(name=name, site=site, base_url=f"http://{host}:{port}{prefix}", server=server)
