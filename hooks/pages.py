"""Adapter: expand shortcodes, label review dates and keep each rendered page for the PDFs and checks."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handboek import review, session, shortcodes
from handboek.blocks import Where
from handboek.session import PageRecord


def _source(page: Page):  # noqa: ANN202 - the handboek.pages.SourcePage of this page
    """The page as the session read it from disk."""
    current = session.current()
    lang = page.file.locale
    rel = page.file.src_uri.removeprefix(f"{lang}/")
    return current.sources[lang].get(rel)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace shortcodes; unknown ones are reported with their file and line."""
    current = session.current()
    source = _source(page)
    if source is None:
        return markdown
    # MkDocs strips blank lines after the front matter; count them to keep line numbers right.
    stripped = len(source.body) - len(source.body.lstrip("\n"))
    context = shortcodes.Context(current, Where(source.lang, source.rel), source.display,
                                 source.body_first_line + stripped)
    expanded, problems = shortcodes.expand(markdown, context)
    current.report.extend(problems)
    texts = current.contents[source.lang].texts.site
    page.meta["review"] = review.page_labels(source, current.today, texts.last_reviewed, texts.review_due,
                                             texts.owner, source.lang)
    return expanded


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep the rendered page for the handbook PDF and the content checks."""
    source = _source(page)
    if source is not None:
        session.current().add_page(PageRecord(lang=source.lang, src=source.display, url=page.url,
                                              title=page.title or "", html=html, meta=dict(page.meta)))
    return html


_not_found: dict[str, str] = {}


@event_priority(-10)  # after the CSP hook has finished the page
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Keep each language's 404 page."""
    if template_name == "404.html":
        _not_found[config.plugins["i18n"].current_language] = output
    return output


@event_priority(-115)  # after every language is built
def on_post_build(config: MkDocsConfig) -> None:
    """The site has one 404 page and the last language built wrote it; put back the default language's."""
    i18n = config.plugins["i18n"]
    if not i18n.building and i18n.default_language in _not_found:
        Path(config.site_dir, "404.html").write_text(_not_found[i18n.default_language], encoding="utf-8")
