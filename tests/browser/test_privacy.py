"""Nothing leaves the intranet: loading and using every page, search included, talks to the site only."""

from __future__ import annotations

import re

from browser.conftest import TabFactory


def search_word(title: str) -> str:
    """A word to search for that the index surely has: the longest word of the handbook's name."""
    return max(re.findall(r"\w+", title), key=len)


def test_using_the_site_talks_to_the_site_only(new_tab: TabFactory) -> None:
    """Searching and switching the colour scheme, in both languages. Loading every page is checked for requests
    to other hosts in test_accessibility."""
    tab = new_tab("demo")
    problems = []
    for path in ("signalen/", "en/signalen/"):
        tab.open(path)
        page = tab.page
        # Search, with the keyboard shortcut Material offers, for a word from the handbook's name.
        page.keyboard.press("/")
        tab.wait_for_search()
        page.keyboard.type(search_word(page.locator(".md-header__topic").first.inner_text()))
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
        page.keyboard.press("Escape")
        for _ in range(2):      # the other colour scheme and back
            page.locator("label.md-header__button[for^='__palette']:visible").click()
        tab.settle()
        if foreign := tab.foreign_requests():
            problems.append(f"{path}: requests to other hosts: {foreign}")
        if csp := tab.csp_messages():
            problems.append(f"{path}: CSP violations: {csp}")
    assert not problems, "\n".join(problems)
    # The recorder saw what the search does in the background (index and language support in its worker).
    seen = {request.url.removeprefix(tab.site.base_url) for request in tab.requests}
    assert "search/search_index.json" in seen
    assert {"assets/javascripts/lunr/min/lunr.nl.min.js", "assets/javascripts/lunr/min/lunr.multi.min.js"} <= seen


def test_the_recorder_does_see_a_request_to_another_host(new_tab: TabFactory) -> None:
    """On a blank page without the site's policy, an image from elsewhere is requested and recorded."""
    tab = new_tab()
    tab.page.set_content('<img src="http://192.0.2.1/pixel.png" alt="">')
    assert tab.foreign_requests() == ["http://192.0.2.1/pixel.png"]
