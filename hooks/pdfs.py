"""Adapter: put the printable PDFs of each language into the site, on every build."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from handboek import session

if TYPE_CHECKING:
    from handboek.pdf.publish import Pending

log = logging.getLogger("mkdocs.hooks.pdfs")
_page_order: dict[str, list[str]] = {}
_serving = False
_pending = None      # handboek.pdf.publish.Pending: PDFs of the languages built so far
_seen: str | None = None   # the fingerprint of the PDFs' sources when this build started (handboek.pdf.expected)


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, rebuilds must be quick: PDFs are rendered by `make build`, not on every save."""
    global _serving
    _serving = command == "serve"


def _enabled(config: MkDocsConfig) -> bool:
    """`HANDBOEK_PDF=false` (used by `make check`) skips the PDFs."""
    return str(config.extra["handboek"]["pdf"]).strip().lower() not in {"false", "0", "no", "off"}


def _new_pending() -> Pending:
    """PDF work for this build. Started as the `mkdocs` command, each worker would import its command line again."""
    from handboek.pdf import publish

    return publish.Pending(render=not _serving, preload=("mkdocs.__main__",))


@event_priority(-120)  # after hooks/settings.py has started the session
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """When the PDFs' sources changed since the last full build, start the renderer now: it loads while pages build."""
    global _pending, _seen
    if _pending is None and _seen is None and _enabled(config) and not _serving:
        from handboek.pdf import expected, publish

        current = session.current()
        _seen = expected.fingerprint(current, Path(config.config_file_path))
        if expected.changed(_seen, publish.cache_dir(current)):
            _pending = _new_pending()
            _pending.prepare()
    return config


@event_priority(-110)  # the navigation of this language, after mkdocs-static-i18n localised it
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember the page order: the handbook PDF follows the navigation."""
    _page_order[config.plugins["i18n"].current_language] = [page.url for page in nav.pages]
    return nav


def _start_pdfs(config: MkDocsConfig) -> None:
    """Start making the PDFs of the language just built; the next language is built meanwhile."""
    global _pending
    if not _enabled(config):
        return
    from handboek.pdf import publish  # WeasyPrint is imported only in the rendering processes

    lang = config.plugins["i18n"].current_language
    current = session.current()
    _pending = publish.start(current, lang, Path(config.site_dir), publish.cache_dir(current),
                             _page_order.get(lang, []), _pending or _new_pending())


@event_priority(-105)  # after mkdocs-static-i18n (-100) has built every language, before hooks/checks.py
def _wait_for_pdfs(config: MkDocsConfig) -> None:
    """Wait for the PDFs of every language and put them into the site."""
    global _pending, _seen
    if config.plugins["i18n"].building or _pending is None:
        return
    from handboek.pdf import cache, expected, publish

    seen, _seen = _seen, None
    try:
        made = publish.finish(_pending, session.current())
    finally:
        _pending = None
    fresh = [item for item in made if item.rendered]
    log.debug(f"PDFs: {len(fresh)} rendered, {len(made) - len(fresh)} unchanged; "
              + ", ".join(f"{item.path.name} {item.seconds:.1f} s" for item in fresh))
    wanted = publish.PER_LANGUAGE * len(session.current().languages)
    if _serving and len(made) < wanted:
        log.info(f"Preview: {wanted - len(made)} changed PDF(s) are not shown; run 'make build' to make them.")
    if len(made) == wanted and seen is not None:
        expected.remember(seen, publish.cache_dir(session.current()))
    cache.prune(publish.cache_dir(session.current()))


on_post_build = CombinedEvent(_start_pdfs, _wait_for_pdfs)


def on_build_error(error: Exception) -> None:
    """Stop the rendering processes of a build that failed."""
    global _pending, _seen
    if _pending is not None:
        _pending.close(cancel=True)
    _pending, _seen = None, None
