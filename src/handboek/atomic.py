"""Write a file so that nobody ever sees it half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file next to `target`, then move it into place in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a web server must read it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's file-creation mask."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def keep(target: Path, data: bytes, replacing: str | None = None) -> None:
    """Write a cache file, removing the older ones that match the glob `replacing`; a read-only folder only costs
    the cache."""
    with contextlib.suppress(OSError):
        for old in target.parent.glob(replacing) if replacing and target.parent.is_dir() else ():
            if old != target:
                old.unlink()
        write_atomically(target, data)
