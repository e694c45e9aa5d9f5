"""Adapter: start a build session from municipality.yml and the data, and apply the house style."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from handboek import session, sitestyle
from handboek.blocks import language_root
from handboek.problems import ProblemsFound, Report
from handboek.texts import fill


# mkdocs-static-i18n explains each language switch at INFO level; nobody can act on that.
logging.getLogger("mkdocs.plugins.mkdocs_static_i18n").setLevel(logging.WARNING)


def _root(config: MkDocsConfig) -> Path:
    """The project folder: where mkdocs.yml is."""
    return Path(config.config_file_path).resolve().parent


def language(config: MkDocsConfig) -> str:
    """The language being built now."""
    return config.plugins["i18n"].current_language


def first_language(config: MkDocsConfig) -> bool:
    """True in the build of the default language, which starts every (re)build."""
    return not config.plugins["i18n"].building


@event_priority(-110)  # after mkdocs-static-i18n has chosen the language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check settings and data once per build; set the language's site options."""
    options = config.extra["handboek"]
    if first_language(config):
        i18n = config.plugins["i18n"]
        root = _root(config)
        try:
            session.start(root, options["settings"], options["data"],
                          Path(config.docs_dir).relative_to(root).as_posix(),
                          i18n.build_languages, i18n.default_language,
                          preview=i18n.config.build_only_locale is not None)
        except ProblemsFound as found:
            report = Report()
            report.extend(found.problems)
            raise Abort("\n".join([*report.lines(), report.summary()])) from None
    current = session.current()
    texts = current.contents[language(config)].texts
    municipality = current.settings.municipality
    config.site_name = fill(texts.site.header, name=texts.site.name, municipality=municipality.name)
    if not config.site_url:  # `mkdocs serve` sets its own
        config.site_url = current.settings.handbook_url
    config.copyright = fill(texts.site.colophon, municipality=municipality.name)
    config.edit_uri = current.settings.repo_edit_url or None
    config.theme["logo"] = sitestyle.logo_uri(current.settings)
    config.theme["favicon"] = sitestyle.logo_uri(current.settings)
    config.extra["municipality"] = current.settings.model_dump()
    config.extra["texts"] = texts.model_dump()
    config.extra["demo"] = current.is_demo()
    config.extra["language_root"] = language_root(language(config), current.default_language)
    return config


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the generated house-style stylesheet, the logo and any self-hosted fonts."""
    current = session.current()
    root = current.settings_path.parent
    files.append(File.generated(config, "assets/stylesheets/huisstijl.css", content=sitestyle.css(current.settings)))
    files.append(File.generated(config, sitestyle.logo_uri(current.settings),
                                abs_src_path=str(root / current.settings.municipality.logo)))
    for source, uri in sitestyle.font_uris(current.settings).values():
        files.append(File.generated(config, uri, abs_src_path=str(root / source)))
    return files
