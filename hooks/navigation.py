"""Adapter: the helpers overrides/partials/nav-item.html uses to render each inactive nav item only once.

Without them Material renders the whole navigation on every page, and a build grows with pages x nav items
(see benchmarks/results.md, "Scale").
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import normalize_url


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the templates a nav item cache, new for every build of every language, and the `navurl` filter."""
    cache: dict[str, str] = {}

    def navcache(key: str, macro: Callable[..., str], *args: object) -> str:
        """The HTML of a nav item, rendered the first time its key is asked for."""
        html = cache.get(key)
        if html is None:
            html = cache[key] = macro(*args)
        return html

    @pass_context
    def navurl(context: Context, value: object) -> str:
        """A nav URL relative to the site root of the current page, the same on every page at this depth."""
        return normalize_url(str(value), page=None, base=context["base_url"])

    env.globals["navcache"] = navcache
    env.filters["navurl"] = navurl
    return env
