"""Adapter: run the content checks during the build and report every problem in one format.

MkDocs' own link validation stays on; its messages are rewritten with the file's line number.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from handboek import downloads, linkcheck, linkmessages, session

CONTENT_CLASS = "md-content__inner"
# Material's navigation sidebars are generated from mkdocs.yml's nav, which MkDocs validates itself.
SIDEBARS = ('<div class="md-sidebar md-sidebar--primary"', '<div class="md-content"')


class _LinkWarningsToReport(logging.Filter):
    """Moves MkDocs' link warnings into the report, with line numbers."""

    docs_dir = Path("docs")
    shown = "docs"

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record unless it became a problem in the report."""
        problem = linkmessages.convert(record.getMessage(), self.docs_dir, self.shown)
        if problem is None:
            return True
        session.current().report.add(problem)
        return False


_link_warnings = _LinkWarningsToReport()
_built: dict[str, linkcheck.BuiltPage] = {}


@event_priority(-120)  # after hooks/settings.py has started the session
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start collecting; route MkDocs' link warnings into the report."""
    if not config.plugins["i18n"].building:
        _built.clear()
        current = session.current()
        _link_warnings.docs_dir = Path(config.docs_dir)
        _link_warnings.shown = session.display(Path(config.docs_dir), current.root)
        logging.getLogger("mkdocs.structure.pages").addFilter(_link_warnings)
    return config


@event_priority(-120)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Read the links and ids of the built page, once."""
    current = session.current()
    lang = page.file.locale
    source = current.sources.get(lang, {}).get(page.file.src_uri.removeprefix(f"{lang}/"))
    record = linkcheck.BuiltPage(path=page.file.dest_uri, lang=lang,
                                 display=source.display if source else page.file.src_uri,
                                 source=source.text if source else "", expanded=page.markdown or "")
    _built[record.path] = linkcheck.collect(output, record, CONTENT_CLASS, SIDEBARS)
    return output


@event_priority(-110)  # after mkdocs-static-i18n (-100) has built every other language
def on_post_build(config: MkDocsConfig) -> None:
    """Check the links across all languages, print every problem and stop on errors."""
    if config.plugins["i18n"].building:
        return
    logging.getLogger("mkdocs.structure.pages").removeFilter(_link_warnings)
    current = session.current()
    files = {str(Path(root, name).relative_to(config.site_dir).as_posix())
             for root, _, names in os.walk(config.site_dir) for name in names}
    files |= set(downloads.all_site_paths(current.contents, current.default_language).values())
    current.report.extend(linkcheck.check(_built.values(), files, current.languages, current.default_language,
                                          already=current.report.problems))
    report = current.report
    for line in report.lines():
        print(line, file=sys.stderr)
    if report.errors:
        raise Abort(report.summary())
    if report.warnings:
        print(report.summary(), file=sys.stderr)


def on_build_error(error: Exception) -> None:
    """Stop routing MkDocs' warnings when a build fails."""
    logging.getLogger("mkdocs.structure.pages").removeFilter(_link_warnings)
