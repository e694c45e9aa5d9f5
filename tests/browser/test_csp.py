"""Content-Security-Policy: on every page, only the site itself; the browser enforces it."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from lxml import html

from conftest import Build
from browser.conftest import TabFactory
from handboek import csp

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
def test_every_page_has_a_policy_that_allows_only_the_site(build_name: str,
                                                           request: pytest.FixtureRequest) -> None:
    build: Build = request.getfixturevalue(build_name)
    pages = build.html_files()
    assert build.site / "404.html" in pages and len(pages) > 30
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
        assert hashes == expected_hashes(page), f"{path}: hashes must match the inline scripts exactly"
        assert len(hashes) >= 2, "Material's inline scripts"
        others = {source for sources in policy.values() for source in sources} - hashes - ALLOWED_SOURCES
        assert not others, f"{path}: allows more than the site itself: {others}"
        assert "data:" not in policy["script-src"] + policy["default-src"]


def test_policy_hashes_each_inline_script_and_skips_data_and_external_scripts() -> None:
    page = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
            '<script>var a=1</script><script type="module">b()</script>'
            '<script src="x.js"></script><script id="c" type="application/json">{"x": 1}</script>'
            '</head><body><script>\r\nc()\r\n</script></body></html>')
    result = csp.add_policy(page)
    assert result.index("Content-Security-Policy") > result.index('<meta charset="utf-8">')
    assert result.index("Content-Security-Policy") < result.index("<title>")
    tree = html.document_fromstring(result)
    hashes = {source for source in policy_of(tree)["script-src"] if source.startswith("'sha256-")}
    assert hashes == {csp.script_hash("var a=1"), csp.script_hash("b()"), csp.script_hash("\nc()\n")}
    expected = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert csp.script_hash("var a=1") == f"'sha256-{expected}'"


def test_policy_is_added_once_and_needs_a_head() -> None:
    with_policy = csp.add_policy("<html><head><title>t</title></head><body></body></html>")
    assert with_policy.startswith("<html><head>\n")
    with pytest.raises(ValueError):
        csp.add_policy(with_policy)
    with pytest.raises(ValueError):
        csp.add_policy("<p>no head</p>")


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
