"""Adapter: give every built page, 404.html included, a Content-Security-Policy that allows only the site.

`mkdocs serve` is left without one: its live reload injects an inline script that changes on every request.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from handboek import csp

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is the `mkdocs serve` preview."""
    global _serving
    _serving = command == "serve"


@event_priority(-200)  # last: the hashes must cover the page exactly as it is written
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Add the policy to a page."""
    return output if _serving else csp.add_policy(output)


@event_priority(0)  # before hooks/pages.py (-10) keeps each language's 404 page
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Add the policy to 404.html; other static templates such as sitemap.xml are not HTML."""
    if _serving or not template_name.endswith(".html"):
        return output_content
    return csp.add_policy(output_content)
