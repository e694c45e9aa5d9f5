"""Adapter: run the content checks during the build and report every problem in one format.

MkDocs' own link validation stays on; its messages are rewritten with the file's line number.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from handboek import collector, downloads, linkcheck, linkmessages, readability, session

CONTENT_CLASS = readability.CONTENT_CLASS   # Material's article
# Material's navigation sidebars are generated from mkdocs.yml's nav, which MkDocs validates itself.
SIDEBARS = ('<div class="md-sidebar md-sidebar--primary"', '<div class="md-content"')


class _LinkWarningsToReport(logging.Filter):
    """Moves MkDocs' link and nav warnings into the report, with line numbers."""

    docs_dir = Path("docs")
    shown = "docs"
    config_file = Path("mkdocs.yml")
    lang = "nl"

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record unless it became a problem in the report."""
        current = session.current()
        message = record.getMessage()
        problem = linkmessages.convert(message, self.docs_dir, self.shown)
        nav = linkmessages.convert_nav(message, self.config_file, self.config_file.name, f"{self.shown}/{self.lang}")
        if nav is not None:
            target, problem = nav
            missing = {entry.translation for entry in current.translation_entries if entry.status == "missing"}
            if f"{self.shown}/{self.lang}/{target}" in missing:
                return False  # already reported as a missing translation
        omitted = linkmessages.convert_omitted(message, self.shown, self.config_file.name)
        if problem is None and not omitted:
            return True
        current.report.extend([problem] if problem else omitted)
        return False


_link_warnings = _LinkWarningsToReport()
_collector = collector.Collector(CONTENT_CLASS, SIDEBARS)
_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")
_printed = False


def _print_report() -> None:
    """Print every problem found so far, once per build."""
    global _printed
    if _printed:
        return
    _printed = True
    report = session.current().report
    for line in report.lines():
        print(line, file=sys.stderr)
    if report.problems:
        print(report.summary(), file=sys.stderr)


@event_priority(-120)  # after hooks/settings.py has started the session
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start checking pages; route MkDocs' link warnings into the report."""
    global _printed, _collector
    _link_warnings.lang = config.plugins["i18n"].current_language
    if not config.plugins["i18n"].building:
        current = session.current()
        _collector.close()
        # A one-language preview (`make serve`) does not build the languages the language selector points to.
        _collector = collector.Collector(CONTENT_CLASS, SIDEBARS, switches=not current.preview)
        _printed = False
        _link_warnings.docs_dir = Path(config.docs_dir)
        _link_warnings.shown = session.display(Path(config.docs_dir), current.root)
        _link_warnings.config_file = Path(config.config_file_path)
        for name in _LOGGERS:
            logging.getLogger(name).addFilter(_link_warnings)
    return config


@event_priority(-120)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Check the built page, once; Dutch pages also for their language level."""
    current = session.current()
    lang = page.file.locale
    source = current.sources.get(lang, {}).get(page.file.src_uri.removeprefix(f"{lang}/"))
    record = linkcheck.BuiltPage(path=page.file.dest_uri, lang=lang,
                                 display=source.display if source else page.file.src_uri,
                                 source=source.text if source else "", expanded=page.markdown or "")
    _collector.add(output, record, readable=source is not None and lang == readability.LANGUAGE)
    return output


@event_priority(-110)  # after mkdocs-static-i18n (-100) has built every other language
def on_post_build(config: MkDocsConfig) -> None:
    """Check the links across all languages, print every problem and stop on errors."""
    if config.plugins["i18n"].building:
        return
    for name in _LOGGERS:
        logging.getLogger(name).removeFilter(_link_warnings)
    current = session.current()
    files = {str(Path(root, name).relative_to(config.site_dir).as_posix())
             for root, _, names in os.walk(config.site_dir) for name in names}
    files |= set(downloads.all_site_paths(current.contents, current.default_language).values())
    found = _collector.problems(files, current.languages, current.default_language)
    current.report.extend(linkcheck.once(found, already=current.report.problems))
    _print_report()
    if current.report.errors:
        raise Abort("The build stopped: fix the errors above.")


def on_build_error(error: Exception) -> None:
    """Show what was found before the build failed, and stop routing MkDocs' warnings."""
    _collector.close()
    for name in _LOGGERS:
        logging.getLogger(name).removeFilter(_link_warnings)
    with contextlib.suppress(RuntimeError):  # the settings failed to load: no session, nothing more to show
        _print_report()
