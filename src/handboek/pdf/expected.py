"""Guess, before any page is built, whether this build will render PDFs: their source files changed since the last one.

The guess only decides whether the renderer starts early; the cache keys decide what is rendered.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from handboek.atomic import keep
from handboek.pdf import cache, publish
from handboek.session import Session

PACKAGE = Path(__file__).resolve().parent.parent
RECORD = "sources-of-last-build"


def _stamp(path: Path) -> str:
    """A file's path, modification time and size (a missing file, e.g. a dangling link, has its own stamp)."""
    mtime_ns, size = cache.stamp(path)
    return f"{path}\0{mtime_ns}\0{size}"


def _stamps(folder: Path) -> list[str]:
    """The stamp of every file under `folder`."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        found += [_stamp(Path(parent, name)) for name in files]
    return sorted(found)


def fingerprint(current: Session, config_file: Path) -> str:
    """One hash of the day, the languages, the settings with its logo and fonts, `config_file`, the pages, the data
    and this package."""
    files = [current.settings_path, config_file, *publish.print_source(current, current.default_language).inputs()]
    digest = hashlib.sha256()
    for line in [current.today.isoformat(), ",".join(current.languages), *sorted(_stamp(path) for path in files),
                 *_stamps(current.docs_dir), *_stamps(current.data_dir), *_stamps(PACKAGE)]:
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
    keep(cache_dir / RECORD, seen.encode("utf-8"))
