"""Guess, before any page is built, whether this build will render PDFs: their source files changed since the last one.

The guess only decides whether the renderer starts early; the cache keys decide what is rendered.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from handboek.atomic import write_atomically
from handboek.session import Session

PACKAGE = Path(__file__).resolve().parent.parent
RECORD = "sources-of-last-build"


def _stamps(folder: Path) -> list[str]:
    """Path, size and modification time of every file under `folder`."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        for name in files:
            stat = os.stat(os.path.join(parent, name))
            found.append(f"{parent}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return sorted(found)


def fingerprint(current: Session) -> str:
    """One hash of the pages, the data, the settings file and this package, by size and modification time."""
    digest = hashlib.sha256()
    settings = current.settings_path.stat()
    for line in [f"{current.settings_path}\0{settings.st_size}\0{settings.st_mtime_ns}",
                 *_stamps(current.docs_dir), *_stamps(current.data_dir), *_stamps(PACKAGE)]:
        digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def changed(current: Session, cache_dir: Path) -> bool:
    """True when the sources differ from those of the last build that made every PDF, or there was none."""
    try:
        return (cache_dir / RECORD).read_text(encoding="utf-8") != fingerprint(current)
    except OSError:
        return True


def remember(current: Session, cache_dir: Path) -> None:
    """Note the sources of a build that made every PDF; a cache that cannot be written only costs the early start."""
    with contextlib.suppress(OSError):
        write_atomically(cache_dir / RECORD, fingerprint(current).encode("utf-8"))
