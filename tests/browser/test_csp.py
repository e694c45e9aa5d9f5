"""Content-Security-Policy: on every page, only the site itself; the browser enforces it."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

from typing import TYPE_CHECKING

import pytest
from lxml import html

from conftest import Build, run_build
from browser.conftest import SETTINGS, VIEWPORT, TabFactory, handbook_url
from browser.served import serve
from browser.tab import Tab
from handboek.site import csp

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Script types that are data, not code: CSP does not apply to them.
DATA_SCRIPT = re.compile(r"json|template|text/x-", re.IGNORECASE)
# What a directive may list: the site itself, nothing, inline images (icons), or hashes of exact scripts.
ALLOWED_SOURCES = {"'self'", "'none'", "data:"}


def policy_of(page: html.HtmlElement) -> dict[str, list[str]]:
    """The CSP meta of a parsed page, as directive → sources."""
    metas = page.xpath("//meta[translate(@http-equiv, 'CSP', 'csp')='content-security-policy']")
    assert len(metas) == 1, "exactly one Content-Security-Policy meta"
    directives = [part.split() for part in metas[0].get("content").split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def expected_hashes(page: html.HtmlElement) -> set[str]:
    """sha256 of every inline script the browser would run, computed here independently of handboek.csp."""
    hashes = set()
    for script in page.xpath("//script[not(@src)]"):
        if DATA_SCRIPT.search(script.get("type") or ""):
            continue
        digest = hashlib.sha256((script.text or "").encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


@pytest.mark.parametrize("build_name", ["demo_build", "fixture_build"])
def test_every_page_has_one_policy_that_allows_only_the_site_and_the_themes_scripts(
        build_name: str, request: pytest.FixtureRequest) -> None:
    build: Build = request.getfixturevalue(build_name)
    pages = build.html_files()
    assert build.site / "404.html" in pages and len(pages) > 30
    policies = set()
    for path in pages:
        text = path.read_text(encoding="utf-8")
        page = html.document_fromstring(text)
        head = page.find("head")
        charset = head.xpath("meta[@charset]")[0]
        assert charset.getnext().get("http-equiv", "").lower() == "content-security-policy", \
            f"{path}: the policy must come right after <meta charset>"
        policy = policy_of(page)
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], path
        assert policy["form-action"] == ["'none'"] and policy["base-uri"] == ["'self'"], path
        hashes = {source for source in policy["script-src"] if source.startswith("'sha256-")}
        assert expected_hashes(page) <= hashes, f"{path}: every inline script of the page is the theme's"
        others = {source for sources in policy.values() for source in sources} - hashes - ALLOWED_SOURCES
        assert not others, f"{path}: allows more than the site itself: {others}"
        assert "data:" not in policy["script-src"] + policy["default-src"]
        policies.add(metas_content(page))
    assert len(policies) == 1, "the policy comes from the theme's templates, not from what a page contains"


def metas_content(page: html.HtmlElement) -> str:
    """The text of the page's policy."""
    return page.xpath("//meta[translate(@http-equiv, 'CSP', 'csp')='content-security-policy']")[0].get("content")


def test_inline_scripts_are_found_as_the_browser_reads_them_and_data_scripts_are_left_alone() -> None:
    page = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
            '<script>var a=1</script><script type="module">b()</script>'
            '<script src="x.js"></script><script id="c" type="application/json">{"x": 1}</script>'
            '</head><body><script>\r\nc()\r\n</script></body></html>')
    assert csp.inline_scripts(page) == ["var a=1", "b()", "\nc()\n"]
    expected = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert csp.script_hash("var a=1") == f"'sha256-{expected}'"
    allowed = {csp.script_hash("var a=1"), csp.script_hash("b()")}
    assert csp.foreign_scripts(page, allowed) == ["c()"]


def test_a_page_with_a_script_the_theme_did_not_write_stops_the_build(project: Path, tmp_path: Path) -> None:
    page = project / "docs" / "nl" / "signalen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>window.stolen = document.cookie</script>\n",
                    encoding="utf-8")
    build = run_build(project, tmp_path / "site", pdf=False)
    assert build.returncode != 0 and "Traceback" not in build.output
    assert "docs/nl/signalen.md:1: the built page runs a script that the theme did not put there " \
           "('window.stolen = document.cookie…')" in build.output, build.output


def test_the_browser_blocks_a_script_in_a_page_and_the_site_still_works(chromium: Browser, demo_build: Build,
                                                                       tmp_path: Path) -> None:
    """A page written with an inline script of its own: the browser refuses it, under the site's own policy."""
    copy = shutil.copytree(demo_build.site, tmp_path / "site")
    signals = (copy / "signalen" / "index.html").read_text(encoding="utf-8")
    (copy / "signalen" / "index.html").write_text(
        signals.replace("</article>", "<script>window.__injected = true</script></article>", 1), encoding="utf-8")
    site = serve("injected", copy, handbook_url(SETTINGS["demo"]))
    tab = Tab.open_in(chromium.new_context(viewport=VIEWPORT), site)
    try:
        tab.open("signalen/")
        assert tab.page.evaluate("window.__injected === true") is False
        assert {violation["directive"] for violation in tab.csp} == {"script-src-elem"}
        tab.forget()
        tab.open("wat-te-doen/")
        assert tab.page.evaluate("typeof __md_scope") == "object", "the theme's own scripts ran"
        assert not tab.csp_messages(), "and were allowed"
    finally:
        tab.close()
        site.stop()


def test_the_browser_enforces_the_policy(new_tab: TabFactory) -> None:
    """An injected inline script, a request to another host and an outside image are all refused."""
    tab = new_tab()
    tab.open("signalen/")
    assert not tab.csp_messages()
    outcome = tab.page.evaluate("""async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.head.append(script);
      const image = new Image();
      image.src = 'http://192.0.2.1/pixel.png';
      document.body.append(image);
      let fetched = 'sent';
      try { await fetch('http://192.0.2.1/collect'); } catch (error) { fetched = 'refused'; }
      await new Promise(resolve => setTimeout(resolve, 200));
      return {injected: window.__injected === true, fetched};
    }""")
    assert outcome == {"injected": False, "fetched": "refused"}
    directives = {violation["directive"] for violation in tab.csp}
    assert {"script-src-elem", "img-src", "connect-src"} <= directives
    # Chromium reports the image request, then stops it itself: nothing left the browser.
    refused = [failure for failure in tab.failed if failure.startswith("http://192.0.2.1/")]
    assert len(refused) == len(tab.foreign_requests()) and all(f.endswith("(csp)") for f in refused), refused
