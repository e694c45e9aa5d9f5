"""House colours: parsing, WCAG contrast, and the shades the site and PDFs need (answers kept: handboek.memo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handboek.memo import remembered

if TYPE_CHECKING:
    from coloraide import Color

WHITE = "#ffffff"
AA_NORMAL = 4.5


def _colour(value: str) -> Color:
    """A coloraide colour; coloraide is imported only when a colour is first asked about."""
    from coloraide import Color

    return Color(value)


@remembered("coloraide")
def normalise(value: str) -> str:
    """Return the colour as `#rrggbb`; raise ValueError when it is not a CSS colour."""
    colour = _colour(value.strip())
    if colour.alpha() < 1:
        raise ValueError("the colour must not be transparent")
    return colour.convert("srgb").fit("srgb").to_string(hex=True, compress=False)


@remembered("coloraide")
def contrast(foreground: str, background: str) -> float:
    """The WCAG 2.1 contrast ratio between two colours."""
    return float(_colour(foreground).contrast(_colour(background), method="wcag21"))


@remembered("coloraide")
def darkest_passing(colour: str, minimum: float = AA_NORMAL) -> str:
    """The same hue, darkened just enough to reach `minimum` contrast on white."""
    return _shift(colour, WHITE, minimum, toward="black")


@remembered("coloraide")
def lightest_passing(colour: str, background: str) -> str:
    """The same hue, lightened just enough to reach WCAG AA contrast on a dark `background`."""
    return _shift(colour, background, AA_NORMAL, toward="white")


def _shift(colour: str, background: str, minimum: float, toward: str) -> str:
    """Mix `colour` toward black or white in small steps until the contrast is enough."""
    if contrast(colour, background) >= minimum:
        return normalise(colour)
    base = _colour(colour)
    for step in range(1, 101):
        candidate = base.mix(toward, step / 100, space="oklab").convert("srgb").fit("srgb")
        hexed = candidate.to_string(hex=True, compress=False)
        if contrast(hexed, background) >= minimum:
            return hexed
    return "#000000" if toward == "black" else WHITE


@remembered("coloraide")
def text_on(background: str) -> str:
    """White or near-black, whichever reads better on `background`."""
    return WHITE if contrast(WHITE, background) >= contrast("#1a1a1a", background) else "#1a1a1a"


@remembered("coloraide")
def tint(colour: str) -> str:
    """A light tint of the colour on white (a tenth of the colour), for backgrounds behind text."""
    return _colour(colour).mix(WHITE, 0.9, space="srgb").to_string(hex=True, compress=False)


@remembered("coloraide")
def with_alpha(colour: str, alpha: float) -> str:
    """The colour with transparency, as CSS (`#rrggbbaa`)."""
    return _colour(colour).set("alpha", alpha).to_string(hex=True)
