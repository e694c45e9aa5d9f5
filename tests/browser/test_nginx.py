"""The shipped nginx configuration (deploy/nginx), run for real: its headers, and the site behind it in Chromium."""

from __future__ import annotations

import gzip
import http.client
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import html

from browser.conftest import MISSING_PAGE, TabFactory
from browser.nginx import NginxSite

HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
DENIED = ("camera", "microphone", "geolocation", "payment", "usb", "display-capture")
LONG = "public, max-age=31536000, immutable"


@dataclass
class Answer:
    """One HTTP response from nginx, not followed if it redirects."""

    status: int
    headers: http.client.HTTPMessage
    body: bytes


def get(site: NginxSite, path: str) -> Answer:
    """GET a path of the origin, as a browser asks: gzip accepted."""
    parts = urlsplit(site.origin)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        body = response.read()
        if response.getheader("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return Answer(response.status, response.headers, body)
    finally:
        connection.close()


def header_problems(label: str, answer: Answer, cache: str) -> list[str]:
    """What is missing or wrong in a response's security and caching headers."""
    problems = [f"{label}: {name} is {answer.headers.get_all(name)}, not [{value!r}]"
                for name, value in HEADERS.items() if answer.headers.get_all(name) != [value]]
    policy = dict(part.strip().split("=", 1) for part in (answer.headers.get("Permissions-Policy") or "").split(","))
    problems += [f"{label}: Permissions-Policy does not deny {feature}" for feature in DENIED if policy.get(feature) != "()"]
    if answer.headers.get_all("Cache-Control") != [cache]:
        problems.append(f"{label}: Cache-Control is {answer.headers.get_all('Cache-Control')}, not [{cache!r}]")
    return problems


def test_nginx_sends_the_headers_on_a_page_a_hashed_asset_a_pdf_and_the_404_page(nginx_site: NginxSite) -> None:
    base = urlsplit(nginx_site.base_url).path
    page = get(nginx_site, base + "signalen/")
    assert page.status == 200 and page.headers.get("Content-Encoding") == "gzip", page.headers
    tree = html.document_fromstring(page.body)
    bundle = next(src for src in tree.xpath("//script/@src") if re.search(r"bundle\.[0-9a-f]{8}\.min\.js$", src))
    stylesheet = next(href for href in tree.xpath("//link[@rel='stylesheet']/@href")
                      if re.search(r"main\.[0-9a-f]{8}\.min\.css$", href))
    checks = {
        "signalen/": (page, "no-cache", "text/html"),
        "hashed script": (get(nginx_site, urlsplit(nginx_site.url("signalen/") + bundle).path), LONG,
                          "application/javascript"),
        "hashed stylesheet": (get(nginx_site, urlsplit(nginx_site.url("signalen/") + stylesheet).path), LONG,
                              "text/css"),
        "the site's own stylesheet": (get(nginx_site, base + "assets/stylesheets/handboek.css"), "no-cache", "text/css"),
        "search index": (get(nginx_site, base + "search/search_index.json"), "no-cache", "application/json"),
        "PDF": (get(nginx_site, base + "downloads/handboek.pdf"), "no-cache", "application/pdf"),
        "404 page": (get(nginx_site, base + MISSING_PAGE), "no-cache", "text/html"),
    }
    problems = []
    for label, (answer, cache, content_type) in checks.items():
        problems += header_problems(label, answer, cache)
        if not (answer.headers.get("Content-Type") or "").startswith(content_type):
            problems.append(f"{label}: Content-Type {answer.headers.get('Content-Type')}, not {content_type}")
    assert not problems, "\n".join(problems)
    assert checks["hashed script"][0].headers.get("Content-Encoding") == "gzip"
    assert checks["PDF"][0].body.startswith(b"%PDF-")
    not_found = checks["404 page"][0]
    assert not_found.status == 404
    assert not_found.body == (nginx_site.site / "404.html").read_bytes(), "the site's own 404 page"


def test_nginx_redirects_within_the_sub_path_without_naming_a_host(nginx_site: NginxSite) -> None:
    base = urlsplit(nginx_site.base_url).path
    for path, target in ((base.rstrip("/"), base), (base + "signalen", base + "signalen/")):
        answer = get(nginx_site, path)
        assert (answer.status, answer.headers.get("Location")) == (301, target), path
    assert get(nginx_site, base).body == (nginx_site.site / "index.html").read_bytes(), "index.html"


def test_search_language_selector_and_colour_scheme_work_behind_nginx(new_tab: TabFactory) -> None:
    tab = new_tab("nginx")
    page = tab.page
    for start, lang, goal in (("signalen/", "en", "en/signalen/"), ("en/signalen/", "nl", "signalen/")):
        tab.open(start)
        page.keyboard.press("/")
        tab.wait_for_search()
        page.keyboard.type("signalen" if lang == "en" else "signals")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.keyboard.press("Escape")
        page.locator(".md-select").first.hover()
        page.locator(f".md-select__link[hreflang='{lang}']").click()
        page.wait_for_url(tab.site.url(goal))
        assert page.evaluate("document.documentElement.lang") == lang
    before = tab.scheme()
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    assert tab.scheme() != before
    page.reload()
    assert tab.scheme() != before, "the choice is kept"
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    assert tab.scheme() == before
    assert not tab.failed and not tab.csp_messages() and not tab.foreign_requests()
