"""Answers of slow pure functions (colour maths, syllable counts), kept on disk from one build to the next.

Every build asks the same questions as the one before; a kept answer spares importing coloraide and parsing
pyphen's Dutch dictionary. It belongs to its function's source file and the version of the library it uses.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import ParamSpec, TypeVar

Question = ParamSpec("Question")
Answer = TypeVar("Answer", str, int, float)

FILE_NAME = "answers.json"
_kept: dict[str, object] = {}       # read from the folder given to keep_in
_used: dict[str, object] = {}       # asked in this build: what save() writes
_folder: list[Path] = []            # empty: answers are not kept (tests, the command line)


def keep_in(folder: Path) -> None:
    """Start a build: read the answers kept in `folder` (the project's .cache), and keep this build's there."""
    _folder[:] = [folder]
    _used.clear()
    _kept.clear()
    with contextlib.suppress(OSError, ValueError):     # missing or damaged: it is only a cache
        kept = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
        if isinstance(kept, dict):
            _kept.update(kept)


def save() -> None:
    """Keep the answers this build asked for (older ones go), unless they are what was kept already."""
    if not _folder or _used == _kept:
        return
    from handboek.pdf.cache import write_atomically

    with contextlib.suppress(OSError):                 # a read-only checkout answers again next time
        write_atomically(_folder[0] / FILE_NAME, json.dumps(_used, sort_keys=True, indent=0).encode("utf-8"))
    _kept.clear()
    _kept.update(_used)


def remembered(library: str) -> Callable[[Callable[Question, Answer]], Callable[Question, Answer]]:
    """Remember a pure function's answers; they stay valid while its source file and `library` stay the same."""

    def decorate(function: Callable[Question, Answer]) -> Callable[Question, Answer]:
        signature = inspect.signature(function)
        source = Path(inspect.getsourcefile(function) or __file__).stat()
        prefix = [function.__qualname__, library, version(library), source.st_size, source.st_mtime_ns]

        @functools.wraps(function)
        def answer(*args: Question.args, **named: Question.kwargs) -> Answer:
            question = signature.bind(*args, **named)
            question.apply_defaults()
            key = json.dumps([*prefix, *question.arguments.values()])
            if key not in _used:
                _used[key] = _kept[key] if key in _kept else function(*args, **named)
            return _used[key]  # type: ignore[return-value]

        return answer

    return decorate
