"""WCAG 2.1 AA with axe-core on every page of both languages in the light scheme; the dark scheme and the second
municipality's colours on a fixed sample of pages that between them hold every kind of block and the contacts.

Each visit also proves that the page loads completely under its sub-path, from the site only, without a refused
request, a console error or any Content-Security-Policy violation. The demo municipality is served by nginx with
the shipped configuration (deploy/nginx/), as on an intranet server.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, Build
from browser.conftest import MISSING_PAGE, PAGES, SCHEMES, SharedTabs, TabFactory
from browser.tab import AXE_TAGS, axe_script, axe_version, describe

# The demo site behind nginx: every page in the light scheme. The colours are what the dark scheme and the second
# municipality change, and they are the same on every page of a kind; so those are measured on the Dutch pages
# that between them hold every kind of block (signals, steps, contacts, form, downloads, tables) and the error page.
SECOND = "testwijk"
SAMPLE = ["", "signalen/", "wat-te-doen/", "organisaties/", "meldingsformulier/", "downloads/", "over/",
          MISSING_PAGE]


def measurements(path: str) -> list[tuple[str, str]]:
    """The (site, scheme) pairs a page is measured in."""
    if path in SAMPLE:
        return [(name, scheme) for name in ("nginx", SECOND) for scheme in SCHEMES]
    return [("nginx", "light")]


def test_every_built_page_is_visited(demo_build: Build) -> None:
    built = {p.parent.relative_to(demo_build.site).as_posix() + "/" for p in demo_build.site.rglob("index.html")}
    built = {"" if path == "./" else path for path in built}
    built -= {path for path in built if path.split("/")[0] in {"assets", "search"}}
    assert built == set(PAGES)
    assert (demo_build.site / "404.html").is_file()


@pytest.mark.parametrize("path", [*PAGES, MISSING_PAGE])
def test_page_meets_wcag_21_aa(shared_tabs: SharedTabs, path: str) -> None:
    """axe runs in all tabs of a page at once: the browser has the cores."""
    missing = path == MISSING_PAGE
    tabs = {f"{name}, {scheme}": shared_tabs(name, scheme) for name, scheme in measurements(path)}
    for label, tab in tabs.items():
        response = tab.open(path, missing=missing)
        assert response is not None and response.status == (404 if missing else 200), label
        assert tab.scheme() == SCHEMES[label.split(", ")[1]], label
        tab.start_axe()
    problems = []
    for label, tab in tabs.items():
        if violations := tab.axe_violations():
            problems.append(f"{label}:\n{describe(violations)}")
        if tab.failed:
            problems.append(f"{label}: did not load under its sub-path: {tab.failed}")
        if errors := tab.console_errors():
            problems.append(f"{label}: console errors: {errors}")
        if foreign := tab.foreign_requests():
            problems.append(f"{label}: requests to other hosts: {foreign}")
        if csp := tab.csp_messages():
            problems.append(f"{label}: CSP violations: {csp}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_does_find_what_the_house_style_fixes(new_tab: TabFactory, scheme: str) -> None:
    """Undo the house style's link underline and footer colour: axe must then report both problems."""
    tab = new_tab("demo", scheme)
    tab.open("signalen/")
    assert tab.axe() == []
    # Through the CSSOM: the site's CSP rightly refuses an injected <style>.
    tab.page.evaluate("""() => {
      for (const a of document.querySelectorAll('.md-typeset a')) a.style.setProperty('text-decoration', 'none');
      document.querySelector('.md-copyright').style.setProperty('color', '#777', 'important');
    }""")
    found = {violation["id"] for violation in tab.axe()}
    assert {"link-in-text-block", "color-contrast"} <= found


@pytest.mark.parametrize(("lang", "pages", "counted", "checks"),
                         [("nl", "{} pagina's", "{} metingen", "{} controles"),
                          ("en", "{} pages", "{} measurements", "{} checks")])
def test_accessibility_statement_reports_what_these_tests_measure(new_tab: TabFactory, lang: str, pages: str,
                                                                  counted: str, checks: str) -> None:
    statement = (ROOT / "docs" / lang / "over" / "toegankelijkheid.md").read_text(encoding="utf-8")
    tab = new_tab()
    tab.open("")
    tab.page.evaluate(axe_script())
    rules = tab.page.evaluate("tags => axe.getRules(tags).length", AXE_TAGS)
    visited = [*PAGES, MISSING_PAGE]
    measured = sum(len(measurements(path)) for path in visited)
    for claim in (pages.format(len(visited)), pages.format(len(SAMPLE)), counted.format(measured),
                  checks.format(rules), f"axe-core {axe_version()}"):
        assert claim in statement, f"update the measurement in docs/{lang}/over/toegankelijkheid.md: {claim}"
