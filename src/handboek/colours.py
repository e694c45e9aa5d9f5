"""House colours: parsing, WCAG contrast, and the shades the site and PDFs need.

Every answer is kept on disk (keep_in): importing coloraide takes about 0.1 s of every build, and a build asks
for the same few colours each time. A kept answer belongs to this module and this coloraide version.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from handboek.atomic import keep

if TYPE_CHECKING:
    from coloraide import Color

WHITE = "#ffffff"
AA_NORMAL = 4.5
# The background of Material's dark (slate) scheme, as computed in Chromium.
SLATE_BACKGROUND = "#1e2129"

Question = ParamSpec("Question")
Answer = TypeVar("Answer", str, float)
_answers: dict[str, str | float] = {}
_kept: list[Path] = []      # the file the answers are kept in; empty: nowhere


def keep_in(folder: Path) -> None:
    """Keep the answers in `folder` (the project's .cache) for the next build, and read those kept before."""
    source = Path(__file__).stat()
    path = folder / f"colours-{version('coloraide')}-{source.st_size}-{source.st_mtime_ns}.json"
    _kept[:] = [path]
    with contextlib.suppress(OSError, ValueError):   # missing or damaged: it is only a cache
        kept = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(kept, dict):
            _answers.update({key: value for key, value in kept.items() if isinstance(value, (str, float))})


def _remembered(function: Callable[Question, Answer]) -> Callable[Question, Answer]:
    """Answer from memory when the same question was asked before, in this build or a kept one."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def answer(*args: Question.args, **named: Question.kwargs) -> Answer:
        question = signature.bind(*args, **named)
        question.apply_defaults()
        key = json.dumps([function.__name__, *question.arguments.values()])
        if key not in _answers:
            _answers[key] = function(*args, **named)
            if _kept:   # a read-only checkout computes it again next time
                keep(_kept[0], json.dumps(_answers, indent=0, sort_keys=True).encode("utf-8"), "colours-*.json")
        return _answers[key]  # type: ignore[return-value]
    return answer


def _colour(value: str) -> Color:
    """A coloraide colour, imported only when an answer is not known yet."""
    from coloraide import Color

    return Color(value)


@_remembered
def normalise(value: str) -> str:
    """Return the colour as `#rrggbb`; raise ValueError when it is not a CSS colour."""
    return _normalise(value)


def _normalise(value: str) -> str:
    """The colour as `#rrggbb`, computed now."""
    colour = _colour(value.strip())
    if colour.alpha() < 1:
        raise ValueError("the colour must not be transparent")
    return colour.convert("srgb").fit("srgb").to_string(hex=True, compress=False)


@_remembered
def contrast(foreground: str, background: str) -> float:
    """The WCAG 2.1 contrast ratio between two colours."""
    return _contrast(foreground, background)


def _contrast(foreground: str, background: str) -> float:
    """The WCAG 2.1 contrast ratio, computed now."""
    return float(_colour(foreground).contrast(_colour(background), method="wcag21"))


@_remembered
def darkest_passing(colour: str, background: str = WHITE, minimum: float = AA_NORMAL) -> str:
    """The same hue, darkened just enough to reach `minimum` contrast on `background`."""
    return _shift(colour, background, minimum, toward="black")


@_remembered
def lightest_passing(colour: str, background: str = SLATE_BACKGROUND, minimum: float = AA_NORMAL) -> str:
    """The same hue, lightened just enough to reach `minimum` contrast on a dark `background`."""
    return _shift(colour, background, minimum, toward="white")


def _shift(colour: str, background: str, minimum: float, toward: str) -> str:
    """Mix `colour` toward black or white in small steps until the contrast is enough."""
    if _contrast(colour, background) >= minimum:
        return _normalise(colour)
    base = _colour(colour)
    for step in range(1, 101):
        candidate = base.mix(toward, step / 100, space="oklab").convert("srgb").fit("srgb")
        hexed = candidate.to_string(hex=True, compress=False)
        if _contrast(hexed, background) >= minimum:
            return hexed
    return "#000000" if toward == "black" else WHITE


@_remembered
def text_on(background: str) -> str:
    """White or near-black, whichever reads better on `background`."""
    return WHITE if _contrast(WHITE, background) >= _contrast("#1a1a1a", background) else "#1a1a1a"


@_remembered
def tint(colour: str, amount: float = 0.1) -> str:
    """A light tint of the colour on white, for backgrounds behind text."""
    return _colour(colour).mix(WHITE, 1 - amount, space="srgb").to_string(hex=True, compress=False)


@_remembered
def with_alpha(colour: str, alpha: float) -> str:
    """The colour with transparency, as CSS (`#rrggbbaa`)."""
    return _colour(colour).set("alpha", alpha).to_string(hex=True)
