"""Guess, before any page is built, whether this build will render PDFs: their source files changed since the last one.

The guess only decides whether the renderer starts early; the cache keys decide what is rendered.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from handboek.atomic import write_atomically
from handboek.session import Session

PACKAGE = Path(__file__).resolve().parent.parent
RECORD = "sources-of-last-build"


def _stamp(path: str) -> str:
    """A file's path, size and modification time; a file that cannot be read (a dangling link) by its path only."""
    try:
        stat = os.lstat(path)
    except OSError:
        return path
    return f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}"


def _stamps(folder: Path) -> list[str]:
    """The stamp of every file under `folder`."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        found += [_stamp(os.path.join(parent, name)) for name in files]
    return sorted(found)


def fingerprint(current: Session, also: Iterable[Path] = ()) -> str:
    """One hash of the day, the pages, the data, the settings, this package and `also` (e.g. logo, fonts, mkdocs.yml)."""
    digest = hashlib.sha256()
    lines = [current.today.isoformat(), ",".join(current.languages), _stamp(str(current.settings_path)),
             *sorted(_stamp(str(path)) for path in also),
             *_stamps(current.docs_dir), *_stamps(current.data_dir), *_stamps(PACKAGE)]
    for line in lines:
        digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def changed(seen: str, cache_dir: Path) -> bool:
    """True when the fingerprint `seen` differs from that of the last build that made every PDF, or there was none."""
    try:
        return (cache_dir / RECORD).read_text(encoding="utf-8") != seen
    except OSError:
        return True


def remember(seen: str, cache_dir: Path) -> None:
    """Note the fingerprint of a build that made every PDF; a cache that cannot be written only costs the early start."""
    with contextlib.suppress(OSError):
        write_atomically(cache_dir / RECORD, seen.encode("utf-8"))
