"""One browser tab on a served site that records what a privacy or security review looks at."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from browser.served import ServedSite

if TYPE_CHECKING:  # Playwright is needed only where Chromium is; without it the tests skip, not crash
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Report every Content-Security-Policy violation to the test, before any script of the page runs.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__handboekCspViolation({directive: event.effectiveDirective, blocked: event.blockedURI,
                                 sample: event.sample, source: event.sourceFile, line: event.lineNumber,
                                 page: event.documentURI});
});
"""
# The resources a page needs; a failure means the site does not work under its sub-path.
NEEDED = {"document", "stylesheet", "script", "image", "font"}


@cache
def axe_script() -> str:
    """axe-core as bundled in the axe-playwright-python package (never from a CDN)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_version() -> str:
    """The bundled axe-core version, e.g. `4.12.1`."""
    return axe_script().split("axe v", 1)[1].split()[0]


@dataclass
class Tab:
    """A page in its own browser context, with every request, CSP violation and console message it caused."""

    site: ServedSite
    context: BrowserContext
    page: Page
    requests: list[Request] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    csp: list[dict] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)

    @classmethod
    def open_in(cls, context: BrowserContext, site: ServedSite) -> Tab:
        """A new tab that starts recording before the first page loads."""
        page = context.new_page()
        tab = cls(site=site, context=context, page=page)
        context.on("request", lambda request: tab.requests.append(request))
        context.on("requestfailed", tab._request_failed)
        context.on("response", tab._check_response)
        page.on("console", tab._console)
        page.expose_binding("__handboekCspViolation", lambda source, violation: tab.csp.append(violation))
        page.add_init_script(CSP_LISTENER)
        return tab

    def _request_failed(self, request: Request) -> None:
        """Remember a request that got no answer; one cut short because the tab moved on does not count."""
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url} ({request.failure})")

    def _check_response(self, response: Response) -> None:
        """Remember any request the server refused: a page view asks for nothing that is not there."""
        if response.status >= 400 and response.url not in self.missing:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def _console(self, message: ConsoleMessage) -> None:
        """Keep console errors and warnings; CSP violations are logged here too. The 404 of an address visited
        on purpose to see the 404 page is not an error."""
        if message.type in {"error", "warning"} and message.location.get("url") not in self.missing:
            self.console.append(f"{message.type}: {message.text}")

    def console_errors(self) -> list[str]:
        """The console errors of the pages seen since the last `forget()`."""
        return [text for text in self.console if text.startswith("error: ")]

    def open(self, path: str, *, missing: bool = False) -> Response | None:
        """Load a page of the site, e.g. `en/signalen/`, and wait until it has loaded.

        `missing=True` visits an address that does not exist, to see the site's 404 page.
        """
        if missing:
            self.missing.add(self.site.url(path))
        return self.page.goto(self.site.url(path), wait_until="load")

    def forget(self) -> None:
        """Start a new record: forget earlier requests, failures, violations and messages."""
        for record in (self.requests, self.failed, self.csp, self.console):
            record.clear()

    def settle(self) -> None:
        """Wait until the page has stopped loading things (the search index, for instance)."""
        self.page.wait_for_load_state("networkidle")

    def foreign_requests(self, since: int = 0) -> list[str]:
        """Every request (from the `since`-th on) that went anywhere but the site's own origin."""
        origin = urlsplit(self.site.origin)
        return [request.url for request in self.requests[since:]
                if urlsplit(request.url)[:2] != origin[:2] and not request.url.startswith("data:")]

    def csp_messages(self) -> list[str]:
        """Every CSP violation, from the DOM event and from the console."""
        events = [f"{v['directive']} blocked {v['blocked'] or v['sample']!r} on {v['page']} "
                  f"({v['source']}:{v['line']})" for v in self.csp]
        logged = [text for text in self.console if "Content Security Policy" in text]
        return events + logged

    def wait_for_search(self) -> None:
        """Wait until Material's search is ready: it then invites the reader to type."""
        self.page.wait_for_function("""() => {
          const invite = JSON.parse(document.getElementById('__config').textContent)
            .translations['search.result.placeholder'];
          return document.querySelector('.md-search-result__meta').textContent.trim() === invite;
        }""")

    def scheme(self) -> str:
        """Material's colour scheme in use: `default` (light) or `slate` (dark)."""
        return self.page.evaluate("document.body.dataset.mdColorScheme")

    def start_axe(self) -> None:
        """Start axe-core on the current page without waiting, so that other tabs can work meanwhile."""
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.evaluate(axe_script())
        self.page.evaluate("tags => { window.__handboekAxe = axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']}).then(results => results.violations); }", AXE_TAGS)

    def axe_violations(self) -> list[dict]:
        """The WCAG 2.0/2.1 A and AA violations found since `start_axe`."""
        return self.page.evaluate("window.__handboekAxe")

    def axe(self) -> list[dict]:
        """The WCAG 2.0/2.1 A and AA violations axe-core finds on the current page."""
        self.start_axe()
        return self.axe_violations()

    def close(self) -> None:
        """Close the tab and its context."""
        self.context.close()


def describe(violations: list[dict]) -> str:
    """axe's violations as readable lines: rule, element, why."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{violation['id']}: {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)
