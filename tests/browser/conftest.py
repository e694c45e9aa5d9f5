"""Fixtures for the browser tests: each municipality's build served on 127.0.0.1, one headless Chromium.

Without Chromium the tests skip on a developer's machine and fail in CI (`CI=true`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
import yaml

from conftest import FIXTURE_SETTINGS, LANGUAGES, ROOT, Build
from handboek.model.pages import url_dir

from browser.nginx import NginxSite, serve_with_nginx
from browser.served import ServedSite, serve
from browser.tab import Tab, axe_script

if TYPE_CHECKING:
    from playwright.sync_api import Browser

TabFactory = Callable[..., Tab]             # new_tab(name="demo", scheme="light", **context options)
SharedTabs = Callable[[str, str], Tab]      # shared_tabs(name, scheme)

CHROMIUM = Path(os.environ.get("HANDBOEK_CHROMIUM", "/usr/bin/chromium"))
# Without these, Chromium calls home on its own; on a closed intranet that is noise, and it is not the site.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
DEFAULT_LANGUAGE = LANGUAGES[0]
SETTINGS = {"demo": ROOT / "municipality.yml", "testwijk": FIXTURE_SETTINGS}
SCHEMES = {"light": "default", "dark": "slate"}    # the colour scheme asked for → Material's scheme name
VIEWPORT = {"width": 1280, "height": 900}           # wide enough for the header's search and language selector
MISSING_PAGE = "deze-pagina-bestaat-niet/"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives Chromium as a browser test."""
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def in_ci() -> bool:
    """True on the CI server, where a missing tool is a failure, not a reason to skip."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> NoReturn:
    """Skip on a developer's machine; fail in CI."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)")
    pytest.skip(reason)


def page_paths() -> list[str]:
    """Every page of every language, as a path under the site's base URL, from the Markdown sources."""
    paths = []
    for lang in LANGUAGES:
        prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        for source in sorted((ROOT / "docs" / lang).rglob("*.md")):
            folder = url_dir(source.relative_to(ROOT / "docs" / lang).as_posix())
            paths.append(prefix + ("" if folder == "." else f"{folder}/"))
    return paths


PAGES = page_paths()


def handbook_url(settings: Path) -> str:
    """The address the site is published at, from the settings file."""
    return yaml.safe_load(settings.read_text(encoding="utf-8"))["handbook_url"]


def _served(name: str, build: Build) -> Iterator[ServedSite]:
    """Serve a successful build under its own sub-path."""
    assert build.returncode == 0, build.output
    site = serve(name, build.site, handbook_url(SETTINGS[name]))
    yield site
    site.stop()


@pytest.fixture(scope="session")
def demo_site(demo_build: Build) -> Iterator[ServedSite]:
    """The demo municipality's site at http://127.0.0.1:<port>/handboek-mensenhandel/."""
    yield from _served("demo", demo_build)


@pytest.fixture(scope="session")
def testwijk_site(fixture_build: Build) -> Iterator[ServedSite]:
    """The fixture municipality's site at http://127.0.0.1:<port>/balie/handboek/."""
    yield from _served("testwijk", fixture_build)


@pytest.fixture(scope="session")
def nginx_site(demo_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NginxSite]:
    """The demo site behind nginx with deploy/nginx/handboek-mensenhandel.conf, as on an intranet server."""
    assert demo_build.returncode == 0, demo_build.output
    try:
        site = serve_with_nginx("nginx", demo_build.site, handbook_url(SETTINGS["demo"]),
                                tmp_path_factory.mktemp("nginx"))
    except FileNotFoundError:
        unavailable("nginx not found; install it with `apt-get install nginx` (no service needs to run)")
    yield site
    site.stop()


# Package scope: Playwright's synchronous API keeps an asyncio loop running until it stops, which would
# break asyncio.run() in the tests that come after this folder.
@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    """One headless Debian Chromium for all the browser tests."""
    if not CHROMIUM.is_file():
        unavailable(f"Chromium not found at {CHROMIUM}; install it with `apt-get install chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed; run `make test`, which installs the test tools")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="package")
def shared_tabs(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[SharedTabs]:
    """A reused tab per municipality and scheme, with axe-core loaded, for tests that only look at pages."""
    tabs: dict[tuple[str, str], Tab] = {}

    def get(name: str, scheme: str) -> Tab:
        """The tab of this municipality and scheme, with a fresh record."""
        if (name, scheme) not in tabs:
            site = request.getfixturevalue(f"{name}_site")
            context = chromium.new_context(color_scheme=scheme, viewport=VIEWPORT)
            context.add_init_script(axe_script())  # faster than injecting it after each load
            tabs[name, scheme] = Tab.open_in(context, site)
        tabs[name, scheme].forget()
        return tabs[name, scheme]

    yield get
    for tab in tabs.values():
        tab.close()


@pytest.fixture()
def new_tab(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[TabFactory]:
    """A fresh tab in a fresh context (no storage, no history), for tests that act on a page."""
    opened: list[Tab] = []

    def make(name: str = "demo", scheme: str = "light", **options: object) -> Tab:
        """A new tab on a municipality's site; options go to the browser context (e.g. locale)."""
        site = request.getfixturevalue(f"{name}_site")
        context = chromium.new_context(color_scheme=scheme, viewport=VIEWPORT, **options)
        opened.append(Tab.open_in(context, site))
        return opened[-1]

    yield make
    for tab in opened:
        tab.close()
