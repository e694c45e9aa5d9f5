"""The keyboard alone: skip link, a visible focus on every Tab stop, the language selector and search."""

from __future__ import annotations

import re

import pytest
from coloraide import Color
from lxml import html

from conftest import Build
from browser.conftest import SCHEMES, TabFactory
from browser.tab import Tab

# Where focus is, and what shows it: the element's outline, or (for Material's hidden radio buttons) the
# outline of the label shown after it. The background is what the ring is drawn on, once the transitions that
# focus starts (the search field turns the page's colour) have ended: what the reader then keeps seeing.
FOCUS = """async () => {
  await Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)));
  const element = document.activeElement;
  const box = r => r.width > 0 && r.height > 0;
  let shown = element;
  if (!box(element.getBoundingClientRect())) {
    const shownLabel = label => label.tagName === 'LABEL' && box(label.getBoundingClientRect());
    const after = [];
    for (let next = element.nextElementSibling; next; next = next.nextElementSibling) after.push(next);
    shown = after.find(shownLabel) || [...(element.labels || [])].find(shownLabel) || element;
  }
  const style = getComputedStyle(shown);
  const parse = value => (value.match(/[\\d.]+/g) || []).map(Number);
  const offset = parseFloat(style.outlineOffset);
  const layers = [];
  for (let node = offset < 0 ? shown : shown.parentElement; node; node = node.parentElement) {
    const [r, g, b, a = 1] = parse(getComputedStyle(node).backgroundColor);
    if (a > 0) layers.push([r, g, b, a]);
    if (a === 1) break;
  }
  let background = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) background = [r, g, b].map((c, i) => c * a + background[i] * (1 - a));
  const rect = shown.getBoundingClientRect();
  return {
    what: `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${
      (element.getAttribute('aria-label') || element.textContent || element.value || '').trim().slice(0, 40)}"`,
    body: element === document.body,
    inContent: !!element.closest('.md-content'),
    style: style.outlineStyle, width: parseFloat(style.outlineWidth),
    color: parse(style.outlineColor), background,
    visible: box(rect) && getComputedStyle(shown).visibility !== 'hidden',
  };
}"""
MAX_STOPS = 150


def contrast(first: list[float], second: list[float]) -> float:
    """WCAG contrast between two sRGB colours given as 0–255 channels."""
    colours = [Color("srgb", [c / 255 for c in rgb[:3]]) for rgb in (first, second)]
    return colours[0].contrast(colours[1], method="wcag21")


def tab_until(tab: Tab, condition: str, limit: int = MAX_STOPS) -> None:
    """Press Tab until the focused element matches the JavaScript condition on `element`."""
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate(f"() => {{ const element = document.activeElement; return !!({condition}); }}"):
            return
    pytest.fail(f"Tab never reached an element where {condition}")


@pytest.mark.parametrize("path", ["signalen/", "en/signalen/"])
def test_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(new_tab: TabFactory, path: str) -> None:
    tab = new_tab()
    tab.open(path)
    tab.page.keyboard.press("Tab")
    skip = tab.page.locator(":focus")
    assert skip.get_attribute("class") and "md-skip" in skip.get_attribute("class")
    box = skip.bounding_box()
    assert box and box["width"] > 0 and 0 <= box["y"] < tab.page.viewport_size["height"], "shown when focused"
    target = skip.get_attribute("href")
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("location.hash") == target
    tab.page.keyboard.press("Tab")
    focus = tab.page.evaluate(FOCUS)
    assert focus["inContent"], f"after the skip link, Tab goes on in the content, not to {focus['what']}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", ["demo", "testwijk"])
def test_every_tab_stop_shows_a_clear_focus_ring(new_tab: TabFactory, name: str, scheme: str) -> None:
    """On the form page: it has every kind of control the site has (header, search, sidebar, fields, buttons)."""
    tab = new_tab(name, scheme)
    tab.open("meldingsformulier/")
    problems, stops = [], 0
    for _ in range(MAX_STOPS):
        tab.page.keyboard.press("Tab")
        focus = tab.page.evaluate(FOCUS)
        if focus["body"]:  # past the last stop
            break
        stops += 1
        ratio = contrast(focus["color"], focus["background"])
        if not focus["visible"] or focus["style"] in {"none", "hidden"} or focus["width"] < 2 or ratio < 3:
            problems.append(f"{focus['what']}: outline {focus['style']} {focus['width']}px, "
                            f"contrast {ratio:.2f}:1, visible: {focus['visible']}")
    assert stops > 20, "the page has links, buttons and fields to reach"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("start", "lang", "goal"), [("signalen/", "en", "en/signalen/"),
                                                     ("en/signalen/", "nl", "signalen/")])
def test_language_selector_works_with_the_keyboard(new_tab: TabFactory, start: str, lang: str, goal: str) -> None:
    tab = new_tab()
    tab.open(start)
    tab_until(tab, "element.closest('.md-select') && element.tagName === 'BUTTON'")
    menu = tab.page.locator(".md-select__inner")
    menu.wait_for(state="visible")
    tab.page.wait_for_function("() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")
    tab_until(tab, f"element.getAttribute('hreflang') === '{lang}'", limit=5)
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(tab.site.url(goal))
    assert tab.page.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize(("lang", "prefix"), [("nl", ""), ("en", "en/")])
def test_search_works_with_the_keyboard(new_tab: TabFactory, demo_build: Build, lang: str, prefix: str) -> None:
    """Tab to the search field, type the title of the signals page, arrow to the first result, Enter."""
    title = html.document_fromstring(demo_build.page(f"{prefix}signalen")).find(".//h1").text_content().strip()
    tab = new_tab()
    tab.open(prefix)
    tab_until(tab, "element.matches('.md-search__input')")
    tab.wait_for_search()
    tab.page.keyboard.type(title)
    first = tab.page.locator(".md-search-result__link").first
    first.wait_for(state="visible")
    tab.page.keyboard.press("ArrowDown")
    assert tab.page.evaluate("document.activeElement.matches('.md-search-result__link')")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(re.compile(re.escape(tab.site.url(f"{prefix}signalen/"))))
    assert title in tab.page.locator("h1").inner_text()
    assert not tab.foreign_requests() and not tab.csp_messages()
