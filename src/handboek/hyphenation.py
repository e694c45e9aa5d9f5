"""The Dutch hyphenation dictionary that counts syllables, parsed once and kept on disk between builds.

Parsing pyphen's dictionary takes about 0.2 s, every build; reading the parsed copy back takes 0.01 s.
"""

from __future__ import annotations

import pickle
from functools import cache
from pathlib import Path

import pyphen

from handboek.atomic import keep

LANGUAGE = "nl_NL"
_folder: list[Path] = []       # where the parsed copy is kept; empty: nowhere


def keep_in(folder: Path) -> None:
    """Keep the parsed dictionary in `folder` (the project's .cache), for the next build."""
    _folder[:] = [folder]


def _parsed(path: Path) -> pyphen.HyphDict:
    """pyphen's parsed dictionary: from the kept copy when it belongs to this dictionary file, else parsed now."""
    if not _folder:
        return pyphen.HyphDict(path)
    stat = path.stat()
    kept = _folder[0] / f"hyphenation-{LANGUAGE}-{pyphen.__version__}-{stat.st_size}-{stat.st_mtime_ns}.pickle"
    try:
        return pickle.loads(kept.read_bytes())  # noqa: S301 - our own file, written below
    except Exception:  # noqa: BLE001 - missing or damaged: it is only a cache
        parsed = pyphen.HyphDict(path)
        keep(kept, pickle.dumps(parsed), replacing="hyphenation-*.pickle")
        return parsed


@cache
def dictionary() -> pyphen.Pyphen:
    """The Dutch hyphenation dictionary, splitting as close to syllables as it can."""
    path = pyphen.LANGUAGES[LANGUAGE]
    if path not in pyphen.hdcache:
        pyphen.hdcache[path] = _parsed(Path(path))
    return pyphen.Pyphen(lang=LANGUAGE, left=1, right=1)
