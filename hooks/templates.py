"""Adapter: keep Jinja's compiled templates on disk.

MkDocs makes a new template environment for every build and every language, so Material's templates were
compiled again each time: a third of a rebuild. Jinja checks each template's source before it uses the cache.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Compile each template once, and keep it in .cache/jinja for the next build."""
    folder = Path(config.config_file_path).resolve().parent / ".cache" / "jinja"
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    if os.access(folder, os.W_OK):      # a read-only checkout builds without the cache
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
