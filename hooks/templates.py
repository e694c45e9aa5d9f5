"""Adapter: keep Jinja's compiled templates on disk.

MkDocs makes a new template environment for every build and every language, so Material's templates were
compiled again each time: a third of a rebuild.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from handboek import session
from handboek.compiled import keep_compiled


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Compile each template once, and keep it in .cache/handboek/jinja for the next build."""
    return keep_compiled(env, session.current().cache_dir / "jinja")
