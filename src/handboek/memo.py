"""What one build keeps for the next: answers of slow pure functions (colour maths, syllable counts, phone
numbers, e-mail addresses, QR codes), and compiled templates.

Every build asks the same questions as the one before; a kept answer spares importing coloraide, phonenumbers,
email-validator and segno, and parsing pyphen's Dutch dictionary. It belongs to its function's source text and the
version of the library it uses.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import json
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import ParamSpec, TypeVar

import jinja2

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
        source = hashlib.sha1(Path(inspect.getsourcefile(function) or __file__).read_bytes()).hexdigest()
        prefix = [f"{function.__module__}.{function.__qualname__}", library, library_version(library), source]

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


@functools.cache
def library_version(library: str) -> str:
    """The installed version of a library; looking it up scans the installed packages, so it is done once."""
    return version(library)


def keep_compiled(environment: jinja2.Environment, folder: Path) -> None:
    """Keep the environment's compiled templates in `folder` for the next build.

    Jinja checks a template's text before it uses the compiled copy, but not the Jinja version or the options the
    copy was compiled with: those go into the file names.
    """
    autoescape = environment.autoescape
    if callable(autoescape):    # select_autoescape(): the extensions it was given
        autoescape = [cell.cell_contents for cell in autoescape.__closure__ or ()]
    options = (jinja2.__version__, environment.trim_blocks, environment.lstrip_blocks,
               environment.keep_trailing_newline, sorted(environment.extensions), autoescape)
    stamp = hashlib.sha1(repr(options).encode("utf-8")).hexdigest()[:12]
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder), f"__jinja2_{stamp}_%s.cache")
