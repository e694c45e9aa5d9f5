"""`make check-online`: dead links and redirects found, concurrently, with a cache; never run in CI."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from handboek.checks import online as onlinecheck


class _Handler(BaseHTTPRequestHandler):
    """/ok answers 200, /moved redirects, anything else is 404; every request is counted."""

    hits: list[str] = []

    def do_HEAD(self) -> None:  # noqa: N802 - the http.server API
        """Answer without a body."""
        self.hits.append(self.path)
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        else:
            self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        """Stay quiet."""


@pytest.fixture()
def server() -> Iterator[str]:
    """A local web server; the tests never reach the internet."""
    _Handler.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_dead_links_and_redirects_are_reported_with_file_and_line(server: str, tmp_path: Path) -> None:
    page = tmp_path / "docs" / "nl" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"# X\n\nZie [a]({server}/ok)\nen [b]({server}/gone)\nen [c]({server}/moved)\n", encoding="utf-8")
    urls = {f"{server}/ok", f"{server}/gone", f"{server}/moved", "http://127.0.0.1:9/closed"}
    results = asyncio.run(onlinecheck.check_urls(urls, {}))
    lines = [str(p) for p in onlinecheck.problems(results, [page], tmp_path)]
    assert f"docs/nl/x.md:4: link '{server}/gone' is dead (HTTP 404) — find the page's new address, or remove the link" \
        in lines
    assert f"docs/nl/x.md:5: warning: link '{server}/moved' redirects to '{server}/ok' — use the new address" in lines
    assert any("link 'http://127.0.0.1:9/closed' cannot be reached" in line for line in lines)
    assert len(lines) == 3


def test_cached_results_are_not_asked_again_until_they_expire(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "links.json"
    urls = {f"{server}/ok", f"{server}/gone"}
    onlinecheck.save_cache(cache, asyncio.run(onlinecheck.check_urls(urls, {})))
    assert len(_Handler.hits) == 2
    cached = onlinecheck.load_cache(cache)
    asyncio.run(onlinecheck.check_urls(urls, cached))
    assert len(_Handler.hits) == 2, "nothing asked again within the cache's lifetime"
    expired = {url: onlinecheck.Result(**{**result.__dict__, "checked_at": 0.0}) for url, result in cached.items()}
    onlinecheck.save_cache(cache, expired)
    assert onlinecheck.load_cache(cache) == {}


def test_external_urls_come_from_the_built_pages(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="https://x.nl/p#frag">x</a><a href="../b/">b</a>'
                                               '<a href="mailto:a@b.nl">m</a>', encoding="utf-8")
    assert onlinecheck.external_urls(tmp_path) == {"https://x.nl/p"}


def test_settings_and_data_urls_are_checked_but_not_the_intranet_address(tmp_path: Path) -> None:
    settings = tmp_path / "municipality.yml"
    settings.write_text("municipality:\n  website: https://www.gemeente.nl  # public\n"
                        "handbook_url: https://intranet.gemeente.nl/h/\nrepo_edit_url: https://git.gemeente.nl/e/\n"
                        "# https://commented.example.org/\n", encoding="utf-8")
    data = tmp_path / "organisations.yml"
    data.write_text("  website: https://www.politie.nl/\n  source: https://wegwijzermensenhandel.nl/x\n", encoding="utf-8")
    assert onlinecheck.data_urls([settings, data]) == {"https://www.gemeente.nl", "https://www.politie.nl/",
                                                       "https://wegwijzermensenhandel.nl/x"}
