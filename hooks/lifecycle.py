"""The handbook's build, as MkDocs hooks: every handler of the build in one file, its state on one object.

mkdocs-static-i18n builds the default language as a normal build; then, inside its own `on_post_build`
(priority -100), it runs a whole nested build for each other language. So every event below fires once per
language, and `_build.first(config)` tells the first language (a new build) from the nested ones.

| event (priority)     | when                                    | what                                                   |
|----------------------|-----------------------------------------|--------------------------------------------------------|
| on_startup           | once per `mkdocs` command               | remember whether this is `mkdocs serve`                |
| on_config (-110)     | every language, after i18n localised it | first language: load settings, data and pages once     |
|                      |                                         | (stop on errors), and what the last build kept         |
|                      |                                         | (memo.py); every language: its site options            |
| on_files (-110)      | every language                          | add the house-style CSS, the logo and the gemeente's   |
|                      |                                         | fonts                                                  |
| on_nav (-110)        | every language, after i18n localised it | remember the page order (the handbook PDF follows it)  |
| on_env               | every language                          | compiled templates kept in .cache; the helpers of      |
|                      |                                         | nav-item.html; the script policy (CSP)                 |
| on_page_markdown     | every page                              | expand shortcodes; the page's review labels            |
| on_post_template (0) | 404.html of every language              | keep the default language's 404 page                   |
| on_post_build (0)    | every language, its pages written       | start its PDFs (from the cache, or in workers)         |
| on_post_build (-110) | once, after i18n built every language   | put back the 404 page; wait for the PDFs; check the    |
|                      |                                         | built site; print the report; stop on errors           |
| on_build_error       | a build failed                          | stop the PDF workers; print what was found             |
| on_serve (-100)      | `mkdocs serve`                          | look for saved files every 0.1 s, not MkDocs' 0.5 s    |

Everything the handlers decide is in `handboek` (src/handboek/); these handlers only connect it to MkDocs.
"""

from __future__ import annotations

import html
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from handboek import memo
from handboek.checks import built, engine_messages, links
from handboek.model import project, review
from handboek.model.pages import language_root
from handboek.model.texts import fill
from handboek.pdf import documents, products
from handboek.pdf.publish import Printing
from handboek.problems import ProblemsFound, Report, shown
from handboek.site import csp, shortcodes, style
from handboek.site.generated import HostPage

log = logging.getLogger("mkdocs.hooks.lifecycle")
# mkdocs-static-i18n explains each language switch at INFO level; nobody can act on that.
logging.getLogger("mkdocs.plugins.mkdocs_static_i18n").setLevel(logging.WARNING)
ENGINE_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")   # MkDocs' link and nav warnings
POLLING_SECONDS, SETTLE_SECONDS = 0.1, 0.05                           # the preview server (on_serve)
KEPT = Path(".cache/handboek")      # what one build keeps for the next, PDFs too; outside site/, which builds clean


@dataclass
class Build:
    """Everything one build of every language keeps between events."""

    serving: bool = False
    project: project.Project | None = None
    lang: str = ""                          # the language being built now
    report: Report = field(default_factory=Report)
    preview: bool = False                   # `make serve` builds one language
    config_file: Path = Path("mkdocs.yml")
    page_order: dict[str, list[str]] = field(default_factory=dict)          # page URLs by language, as in the nav
    expanded: dict[tuple[str, str], str] = field(default_factory=dict)      # Markdown after shortcodes
    not_found_page: str = ""                                                 # the default language's 404.html
    allowed_scripts: set[str] = field(default_factory=set)                  # hashes of the theme's inline scripts
    printing: Printing | None = None
    printed: bool = False                   # the report of this build was printed

    @staticmethod
    def first(config: MkDocsConfig) -> bool:
        """True in the build of the default language, which starts every (re)build."""
        return not config.plugins["i18n"].building

    def print_report(self) -> None:
        """Print every problem found, errors first, and the count; once per build."""
        if self.printed:
            return
        self.printed = True
        for line in self.report.lines():
            print(line, file=sys.stderr)
        if self.report:
            print(self.report.summary(), file=sys.stderr)


_build = Build()


def _engine_warnings(record: logging.LogRecord) -> bool:
    """Move MkDocs' link and nav warnings into the report, with line numbers; keep any other record."""
    found = engine_messages.problems(record.getMessage(), _build.project, _build.config_file, _build.lang)
    if found is None:
        return True
    _build.report.update(found)
    return False


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve` previews: PDFs are not rendered on every save, and the live reload needs its script."""
    _build.serving = command == "serve"


@event_priority(-110)  # after mkdocs-static-i18n has chosen the language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check everything once per build; set the language's site options."""
    options = config.extra["handboek"]
    if Build.first(config):
        i18n = config.plugins["i18n"]
        root = Path(config.config_file_path).absolute().parent
        _build.report, _build.page_order, _build.expanded, _build.not_found_page = Report(), {}, {}, ""
        _build.printed = False
        _build.config_file = Path(config.config_file_path)
        _build.preview = i18n.config.build_only_locale is not None
        memo.keep_in(root / KEPT)
        memo.keep_compiled(documents.environment, root / KEPT / "jinja")     # the print templates, as in on_env
        try:
            _build.project, problems = project.load(root, options["settings"], options["data"],
                                                    shown(Path(config.docs_dir), root), i18n.build_languages,
                                                    i18n.default_language, products.KINDS)
        except ProblemsFound as found:
            _build.report.update(found.problems)
            raise Abort("\n".join([*_build.report.lines(), _build.report.summary()])) from None
        _build.report.update(problems)
        for name in ENGINE_LOGGERS:
            logging.getLogger(name).addFilter(_engine_warnings)
    current, lang = _build.project, config.plugins["i18n"].current_language
    _build.lang = lang
    texts, settings = current.contents[lang].texts, current.settings
    # Material prints the site name and the colophon as they are: they must be HTML-safe text.
    name = html.escape(settings.municipality.name)
    config.site_name = fill(texts.site.header, name=html.escape(texts.site.name), municipality=name)
    config.copyright = fill(html.escape(texts.site.colophon), municipality=name)
    if not config.site_url:  # `mkdocs serve` sets its own
        config.site_url = settings.handbook_url
    config.edit_uri = settings.repo_edit_url or None
    config.theme["logo"] = config.theme["favicon"] = style.logo_uri(settings)
    config.extra["texts"] = texts.model_dump()
    config.extra["demo"] = current.demo
    config.extra["language_root"] = language_root(lang, current.default_language)
    return config


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the generated house-style stylesheet, the logo and any self-hosted fonts."""
    settings, folder = _build.project.settings, _build.project.settings_path.parent
    files.append(File.generated(config, "assets/stylesheets/huisstijl.css", content=style.css(settings)))
    files.append(File.generated(config, style.logo_uri(settings), abs_src_path=str(folder / settings.municipality.logo)))
    for source, uri in style.font_uris(settings):
        files.append(File.generated(config, uri, abs_src_path=str(folder / source)))
    return files


@event_priority(-110)  # the navigation of this language, after mkdocs-static-i18n localised it
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember the page order: the handbook PDF follows the navigation."""
    _build.page_order[_build.lang] = [page.url for page in nav.pages]
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The helpers of overrides/partials/nav-item.html, and the policy that allows only the theme's scripts."""
    rendered: dict[str, str] = {}

    def navcache(key: str, macro: Callable[..., str], *args: object) -> str:
        """The HTML of an inactive nav item, rendered the first time its key is asked for in this build."""
        if key not in rendered:
            rendered[key] = macro(*args)
        return rendered[key]

    @pass_context
    def navurl(context: Context, value: object) -> str:
        """A nav URL relative to the site root of the current page, the same on every page at this depth."""
        return normalize_url(str(value), page=None, base=context["base_url"])

    # MkDocs makes a new environment for every language and build; compiling Material's templates again each
    # time would be a third of a rebuild. Jinja checks each template's source before it uses the compiled copy.
    memo.keep_compiled(env, _build.project.root / KEPT / "jinja")
    env.globals["navcache"] = navcache
    env.filters["navurl"] = navurl
    # Material writes its inline scripts from partials/javascripts/; overrides/ makes each the same on every page.
    scripts = {path.name for folder in config.theme.dirs for path in Path(folder, "partials/javascripts").glob("*.html")}
    context = {"config": config, "base_url": ".", "features": config.theme.get("features") or []}
    _build.allowed_scripts = {csp.script_hash(body) for name in scripts
                              for body in csp.inline_scripts(env.get_template(f"partials/javascripts/{name}").render(**context))}
    # The live preview injects its own script, which changes on every request: no policy under `mkdocs serve`.
    config.extra["content_security_policy"] = "" if _build.serving else csp.policy(sorted(_build.allowed_scripts))
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace shortcodes (unknown ones are reported with their file and line) and label the review dates."""
    lang = page.file.locale
    source = _build.project.page(lang, page.file.src_uri.removeprefix(f"{lang}/"))
    if source is None:
        return markdown
    # MkDocs strips blank lines after the front matter; count them to keep line numbers right.
    stripped = len(source.body) - len(source.body.lstrip("\n"))
    context = shortcodes.Context(_build.project, HostPage(lang, source.rel), source.display,
                                 source.body_first_line + stripped, preview=_build.preview)
    expanded, problems = shortcodes.expand(markdown, context)
    _build.report.update(problems)
    _build.expanded[(lang, source.rel)] = expanded
    texts = _build.project.contents[lang].texts.site
    page.meta["review"] = review.page_labels(source, _build.project.today, texts, lang)
    return expanded


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Keep the default language's 404 page: every language writes 404.html, and the last one built wins."""
    if template_name == "404.html" and Build.first(config):
        _build.not_found_page = output
    return output


def _start_pdfs(config: MkDocsConfig) -> None:
    """Start the PDFs of the language whose pages were just written; the next language is built meanwhile."""
    if str(config.extra["handboek"]["pdf"]).strip().lower() in {"false", "0", "no", "off"}:   # `make check`
        return
    if _build.printing is None:
        _build.printing = Printing(_build.project.root / KEPT / "pdf", render=not _build.serving)
    _build.printing.add_language(_build.project, _build.lang, Path(config.site_dir), _build.page_order.get(_build.lang, []))


@event_priority(-110)  # after mkdocs-static-i18n (-100) has built every other language
def _finish(config: MkDocsConfig) -> None:
    """Put back the 404 page, wait for the PDFs, check the built site, print every problem; stop on errors."""
    if not Build.first(config):
        return
    for name in ENGINE_LOGGERS:
        logging.getLogger(name).removeFilter(_engine_warnings)
    site_dir, current = Path(config.site_dir), _build.project
    if _build.not_found_page:
        (site_dir / "404.html").write_text(_build.not_found_page, encoding="utf-8")
    if _build.printing is not None:
        made, problems = _build.printing.finish()
        _build.printing = None
        _build.report.update(problems)
        fresh = [item for item in made if item.rendered]
        log.info(f"PDFs: {len(fresh)} rendered, {len(made) - len(fresh)} unchanged from the cache")
        wanted = len(products.outputs(current))
        if _build.serving and len(made) < wanted:
            log.info(f"Preview: {wanted - len(made)} changed PDF(s) are not shown; run 'make build' to make them.")
    promised = {path for output in products.outputs(current) for path in (output.path, output.preview_path) if path}
    found = built.problems(current, site_dir, _build.expanded, None if _build.serving else _build.allowed_scripts,
                           promised, language_selector=not _build.preview)
    _build.report.update(links.once(found, already=_build.report))
    memo.save()
    _build.print_report()
    if _build.report.errors:
        raise Abort("The build stopped: fix the errors above.")


on_post_build = CombinedEvent(_start_pdfs, _finish)


def on_build_error(error: Exception) -> None:
    """Stop the PDF workers and show what was found before the build failed."""
    if _build.printing is not None:
        _build.printing.close(cancel=True)
        _build.printing = None
    for name in ENGINE_LOGGERS:
        logging.getLogger(name).removeFilter(_engine_warnings)
    if _build.project is not None:
        memo.save()
        _build.print_report()


@event_priority(-100)  # last: copy the paths every other plugin asked to watch
def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    """The same preview server, looking for saved files every 0.1 s: a save shows within a second.

    MkDocs takes the polling interval only when the server is made, so the preview gets a new one, watching the
    same paths. With `--watch-theme` it also watches Material's 14,000 theme files; looking at those five times as
    often would keep a core busy, so the preview then keeps MkDocs' own server.
    """
    project_dir = Path(config.config_file_path).resolve().parent
    try:
        watched = [(emitter.watch.raw_path, emitter.watch.is_recursive) for emitter in server.observer.emitters]
        if not all(Path(path).resolve().is_relative_to(project_dir) for path, _ in watched):
            return server
        host, port = server.server_address[:2]
        quicker = LiveReloadServer(builder=server.builder, host=host, port=port, root=server.root,
                                   mount_path=server.mount_path, polling_interval=POLLING_SECONDS,
                                   shutdown_delay=server.shutdown_delay)
        quicker.build_delay = min(server.build_delay, SETTLE_SECONDS)
        quicker.error_handler = server.error_handler
    except (AttributeError, TypeError) as error:    # a newer MkDocs or watchdog: keep the preview working
        log.debug(f"Keeping MkDocs' own preview server: {error!r}")
        return server
    for path, recursive in watched:
        quicker.watch(path, recursive=recursive)
    server.server_close()
    return quicker
