"""Adapter: put the printable PDFs of each language into the site, on every build."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from handboek import session

log = logging.getLogger("mkdocs.hooks.pdfs")
_page_order: dict[str, list[str]] = {}
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, rebuilds must be quick: PDFs are rendered by `make build`, not on every save."""
    global _serving
    _serving = command == "serve"


def _enabled(config: MkDocsConfig) -> bool:
    """`HANDBOEK_PDF=false` (used by `make check`) skips the PDFs."""
    return str(config.extra["handboek"]["pdf"]).strip().lower() not in {"false", "0", "no", "off"}


def _cache_dir(config: MkDocsConfig) -> Path:
    """Rendered PDFs are kept outside site/, which every build cleans."""
    return Path(config.config_file_path).parent / ".cache" / "handboek" / "pdf"


@event_priority(-110)  # the navigation of this language, after mkdocs-static-i18n localised it
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember the page order: the handbook PDF follows the navigation."""
    _page_order[config.plugins["i18n"].current_language] = [page.url for page in nav.pages]
    return nav


def on_post_build(config: MkDocsConfig) -> None:
    """Make the five PDFs of the language just built."""
    if not _enabled(config):
        return
    from handboek.pdf import cache, publish  # WeasyPrint takes a second to import; `make check` skips it

    lang = config.plugins["i18n"].current_language
    made = publish.make_all(session.current(), lang, Path(config.site_dir), _cache_dir(config),
                            _page_order.get(lang, []), render_changed=not _serving)
    fresh = sum(item.rendered for item in made)
    log.debug(f"PDFs ({lang}): {fresh} rendered, {len(made) - fresh} unchanged")
    if _serving and len(made) < len(publish.MAKERS) + 1:
        log.info(f"Preview: {len(publish.MAKERS) + 1 - len(made)} changed PDF(s) of '{lang}' are not shown; "
                 "run 'make build' to make them.")
    cache.prune(_cache_dir(config))
