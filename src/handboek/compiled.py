"""Keep Jinja's compiled templates on disk, so that the next build does not compile them again."""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket


class _KeptCompiled(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates that never breaks a build: a folder that is gone is made again."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the compiled template, or go on without keeping it (a read-only checkout)."""
        with contextlib.suppress(OSError):
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)


def keep_compiled(environment: Environment, folder: Path) -> Environment:
    """Give `environment` a cache of compiled templates in `folder`; Jinja checks each source before it uses one."""
    environment.bytecode_cache = _KeptCompiled(str(folder))
    return environment
