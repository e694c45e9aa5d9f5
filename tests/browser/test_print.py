"""Printing a page from Chromium gives a clean A4 page: the content only, and where external links go."""

from __future__ import annotations

import re

import pytest
from coloraide import Color
from lxml import html

from conftest import Build, pdf_pages, pdf_sizes
from browser.conftest import PAGES, TabFactory
from browser.tab import Tab

A4 = (595.3, 841.9)          # points
# Page furniture that has no place on paper.
SCREEN_ONLY = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
               ".md-footer", ".md-skip", ".md-top", ".md-content__button"]


def printed(tab: Tab) -> tuple[list[str], list[tuple[float, float]]]:
    """Print the current page as Chromium does to A4: the text and size of each PDF page."""
    tab.page.emulate_media(media="print")
    # Switching to print starts Material's colour transitions; read colours once they have ended, as paper shows.
    tab.page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    pdf = tab.page.pdf(format="A4")
    return pdf_pages(pdf), pdf_sizes(pdf)


def squeeze(text: str) -> str:
    """Text without any white space, to compare across line breaks."""
    return re.sub(r"\s+", "", text)


def external_links(build: Build, path: str) -> list[str]:
    """The web addresses that the content of a page links to."""
    tree = html.document_fromstring(build.page(path or "."))
    return [a.get("href") for a in tree.xpath("//*[contains(@class, 'md-content__inner')]//a[@href]")
            if re.match(r"https?://", a.get("href"))]


def on_paper(css_colour: str) -> float:
    """Contrast of a computed CSS colour, laid over white paper, against that paper."""
    red, green, blue, *alpha = (float(n) for n in re.findall(r"[\d.]+", css_colour))
    opacity = alpha[0] if alpha else 1.0
    laid = [channel * opacity + 255 * (1 - opacity) for channel in (red, green, blue)]
    return Color("srgb", [c / 255 for c in laid]).contrast(Color("white"), method="wcag21")


# Each language and the form page; the dark scheme twice, because paper is white whatever the screen shows.
@pytest.mark.parametrize(("path", "scheme"), [("", "light"), ("en/", "dark"), ("meldingsformulier/", "dark")])
def test_page_prints_as_a_clean_a4_page(new_tab: TabFactory, path: str, scheme: str) -> None:
    tab = new_tab("demo", scheme)
    tab.open(path)
    page = tab.page
    navigation = [text.strip() for text in page.locator(".md-nav--primary .md-nav__link").all_inner_texts()]
    content = page.locator(".md-content").inner_text()
    nav_only = {title for title in navigation if title and title not in content}
    placeholder = page.locator(".md-search__input").get_attribute("placeholder")
    heading = page.locator("h1").inner_text().strip()
    banner = page.locator(".md-banner").inner_text().strip()
    texts, sizes = printed(tab)
    assert all(abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2 for w, h in sizes), sizes
    assert len(texts) <= 4, "the page, not a print of the whole navigation"
    faint = {colour for colour in page.evaluate(
        "() => [...document.querySelectorAll('.md-typeset :is(h1, h2, p, li, a, label, legend, dd, dt)')]"
        ".filter(e => e.getClientRects().length).map(e => getComputedStyle(e).color)") if on_paper(colour) < 4.5}
    assert not faint, f"text too faint on white paper: {faint}"
    hidden = {selector: page.locator(selector).first.is_hidden() for selector in SCREEN_ONLY
              if page.locator(selector).count()}
    assert all(hidden.values()), hidden
    whole = squeeze("\n".join(texts))
    assert nav_only and not [title for title in nav_only if squeeze(title) in whole], "no navigation on paper"
    assert squeeze(placeholder) not in whole, "no search on paper"
    # Compared without white space: where the warning wraps depends on the fonts the machine has.
    assert squeeze(texts[0]).startswith(squeeze(banner + heading)), "the page starts with the demo warning and title"
    assert squeeze(heading) in whole and all(texts), "no empty pages"


def test_external_links_print_with_their_address(new_tab: TabFactory, demo_build: Build) -> None:
    # One print rule (handboek.css) writes every address; the page of each language with the most links shows it.
    with_links = {path: links for path in PAGES if (links := external_links(demo_build, path))}
    assert len(with_links) >= 4, "the content links to its sources: there must be something to check"
    with_links = {path: with_links[path] for path in (max((p for p in with_links if p.startswith("en/") == english),
                                                          key=lambda p: len(with_links[p])) for english in (False, True))}
    tab = new_tab()
    problems = []
    for path, links in with_links.items():
        tab.open(path)
        texts, _ = printed(tab)
        tab.page.emulate_media(media="screen")
        whole = squeeze("\n".join(texts))
        if missing := [link for link in links if f"({squeeze(link)})" not in whole]:
            problems.append(f"{path}: printed without their address: {missing}")
        internal = tab.page.locator(".md-content__inner a[href]:not([href^='http'])").first
        if internal.count() and f"({squeeze(internal.get_attribute('href'))})" in whole:
            problems.append(f"{path}: an internal link got an address; only external ones should")
    assert not problems, "\n".join(problems)
