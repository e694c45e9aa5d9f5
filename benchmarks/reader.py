"""What a reader's browser downloads: bytes on the wire and requests, measured in Chromium.

The built site is served by a small static server like a typical intranet web server: gzip for text files
(level 6), `Last-Modified` and `304 Not Modified`, no `Cache-Control` header. Chromium (Debian's, through
Playwright) opens the home page with an empty cache, then a second page in the same tab. Every network request
is recorded through the DevTools protocol: `encodedDataLength` is what came over the wire (compressed body +
headers). A request to any other host than the local server is a third-party request.
"""

from __future__ import annotations

import email.utils
import gzip
import mimetypes
import posixpath
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SEARCH_INDEX = "search/search_index.json"


def make_server(root: Path, log: list[dict]) -> ThreadingHTTPServer:
    """A static server for `root` on a free local port; call serve_forever() in a thread.

    Every response is appended to `log`: path, status and the bytes written (headers + body), which is what
    the browser received for that request, compressed.
    """
    compressed: dict[Path, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"   # keep-alive, as real servers do

        def log_message(self, *args) -> None:  # noqa: ANN002 - quiet
            pass

        def end_headers(self) -> None:
            self._header_bytes = sum(len(chunk) for chunk in getattr(self, "_headers_buffer", [])) + 2
            super().end_headers()

        def handle_one_request(self) -> None:
            self._header_bytes, self._body_bytes = 0, 0
            super().handle_one_request()
            if getattr(self, "command", None):
                log.append({"path": self.path, "status": getattr(self, "_status", None),
                            "bytes": self._header_bytes + self._body_bytes,
                            "encoding": getattr(self, "_encoding", "")})

        def send_response(self, code: int, message: str | None = None) -> None:
            self._status, self._encoding = code, ""
            super().send_response(code, message)

        def write_body(self, data: bytes) -> None:
            self._body_bytes += len(data)
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            path = posixpath.normpath(unquote(urlsplit(self.path).path)).lstrip("/")
            target = (root / path) if path not in {"", "."} else root
            if target.is_dir():
                if not self.path.split("?")[0].endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", self.path.split("?")[0] + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
            if not target.is_file() or root.resolve() not in target.resolve().parents:
                body = b"Not found"
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.write_body(body)
                return
            mtime = int(target.stat().st_mtime)
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    if int(email.utils.parsedate_to_datetime(since).timestamp()) >= mtime:
                        self.send_response(304)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                except (TypeError, ValueError):
                    pass
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            data = target.read_bytes()
            self.send_response(200)
            if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
                if target not in compressed:
                    compressed[target] = gzip.compress(data, compresslevel=6, mtime=0)
                data = compressed[target]
                self._encoding = "gzip"
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Last-Modified", email.utils.formatdate(mtime, usegmt=True))
            self.end_headers()
            self.write_body(data)

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@dataclass
class Visit:
    """The network requests of one page view."""

    url: str
    requests: list[dict] = field(default_factory=list)   # what Chromium asked for (DevTools protocol)
    served: list[dict] = field(default_factory=list)     # what the server sent

    def total(self, include_search_index: bool = False) -> int:
        return sum(r["bytes"] for r in self.served if include_search_index or not r["path"].endswith(SEARCH_INDEX))

    def third_party(self, origin: str) -> list[str]:
        return [r["url"] for r in self.requests if not r["url"].startswith(origin)]

    def search_index(self) -> int:
        return sum(r["bytes"] for r in self.served if r["path"].endswith(SEARCH_INDEX))


def measure(site: Path, second_page: str) -> dict:
    """First visit to the home page with an empty cache, then `second_page` (site-relative) in the same tab."""
    from playwright.sync_api import sync_playwright

    log: list[dict] = []
    server = make_server(site, log)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    visits: list[Visit] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context()
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            pending: dict[str, dict] = {}
            current: list[Visit] = []

            def sent(event: dict) -> None:
                url = event["request"]["url"]
                if url.startswith(("data:", "blob:")):
                    return
                pending[event["requestId"]] = {"url": url, "status": None, "bytes": 0, "cache": False,
                                               "type": event.get("type", "")}
                current[-1].requests.append(pending[event["requestId"]])

            def received(event: dict) -> None:
                record = pending.get(event["requestId"])
                if record is not None:
                    response = event["response"]
                    record["status"] = response.get("status")
                    record["cache"] = bool(response.get("fromDiskCache") or response.get("fromServiceWorker")
                                           or response.get("fromPrefetchCache"))
                    record["encoding"] = {k.lower(): v for k, v in response.get("headers", {}).items()
                                          }.get("content-encoding", "")

            def finished(event: dict) -> None:
                record = pending.get(event["requestId"])
                if record is not None:
                    record["bytes"] = int(event.get("encodedDataLength", 0))

            def failed(event: dict) -> None:
                record = pending.get(event["requestId"])
                if record is not None:
                    record["failed"] = event.get("errorText", "failed")

            def from_cache(event: dict) -> None:
                record = pending.get(event["requestId"])
                if record is not None:
                    record["cache"] = True

            cdp.on("Network.requestWillBeSent", sent)
            cdp.on("Network.responseReceived", received)
            cdp.on("Network.loadingFinished", finished)
            cdp.on("Network.loadingFailed", failed)
            cdp.on("Network.requestServedFromCache", from_cache)
            for url in (origin, origin + second_page):
                current.append(Visit(url))
                visits.append(current[-1])
                first = len(log)
                page.goto(url, wait_until="networkidle")
                page.wait_for_timeout(1500)   # late requests: the search worker loads its index after load
                current[-1].served = log[first:]
            context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    result = {"origin": origin, "visits": []}
    for visit in visits:
        result["visits"].append({
            "url": visit.url.removeprefix(origin) or "/",
            "bytes_without_search_index": visit.total(),
            "bytes_with_search_index": visit.total(include_search_index=True),
            "search_index_bytes": visit.search_index(),
            "network_requests": len(visit.served),
            "not_found": [r["path"] for r in visit.served if r["status"] == 404],
            "browser_requests": len(visit.requests),
            "third_party": visit.third_party(origin),
            "served": visit.served,
            "requests": [{**r, "url": r["url"].removeprefix(origin)} for r in visit.requests],
        })
    result["raw_html_bytes_home"] = (site / "index.html").stat().st_size
    return result


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "signalen/"), indent=1))
