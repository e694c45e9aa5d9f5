"""Keep Jinja's compiled templates on disk, so that the next build does not compile them again."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache


def keep_compiled(environment: Environment, folder: Path) -> Environment:
    """Give `environment` a cache of compiled templates in `folder`; a read-only checkout builds without one.

    Jinja checks each template's source before it uses the cached copy.
    """
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    if os.access(folder, os.W_OK):
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return environment
