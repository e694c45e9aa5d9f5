"""The letter of the PDFs: the gemeente's own font files, or the bundled Open Sans; for the help card also a font
for every script its languages use, and the check that each character is in one of them."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from handboek.model.settings import Settings

BUNDLED = Path(__file__).resolve().parent.parent / "fonts"
OPEN_SANS = (("OpenSans-Regular.ttf", "normal", 400), ("OpenSans-Italic.ttf", "italic", 400),
             ("OpenSans-Semibold.ttf", "normal", 600), ("OpenSans-Bold.ttf", "normal", 700))
# The help card's fallbacks, after the gemeente's letter and Open Sans: one family for each script Open Sans lacks.
# A new script is a new entry here, with the files and their licence in src/handboek/fonts/ (CONTRIBUTING.md).
SCRIPT_FONTS = (("Handboek Noto Sans Arabic", (("NotoSansArabic-Regular.ttf", "normal", 400),
                                                ("NotoSansArabic-Bold.ttf", "normal", 700))),)


@dataclass(frozen=True)
class PdfFont:
    """A font family name, its @font-face rules and the files they use."""

    family: str
    css: str
    files: tuple[Path, ...]
    fallbacks: tuple[str, ...] = ()     # further families, in order, for characters the first one lacks


def _family(family: str, faces: list[tuple[Path, str, int]]) -> PdfFont:
    """A font family from its files, each with its style and weight: one @font-face rule a file."""
    rules = [f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight}; '
             f'src: url("{path.as_uri()}"); }}' for path, style, weight in faces]
    return PdfFont(family, "\n".join(rules), tuple(path for path, _, _ in faces))


def _bundled(family: str, faces: tuple[tuple[str, str, int], ...]) -> PdfFont:
    """A family of font files shipped in src/handboek/fonts/."""
    return _family(family, [(BUNDLED / name, style, weight) for name, style, weight in faces])


def pdf_font(settings: Settings, root: Path) -> PdfFont:
    """The gemeente's font when it gave files for it, else Open Sans from the package."""
    style = settings.house_style
    if style.font_files is None:
        return _bundled("Handboek Open Sans", OPEN_SANS)
    return _family(style.font_family, [((root / name).resolve(), font_style, weight)
                                       for name, font_style, weight in style.font_faces()])


def card_font(settings: Settings, root: Path) -> PdfFont:
    """The help card's letter: the gemeente's font, then Open Sans, then a font for each further script."""
    own = pdf_font(settings, root)
    open_sans = _bundled("Handboek Open Sans", OPEN_SANS)
    families = [*([own] if own.family != open_sans.family else []), open_sans,
                *(_bundled(family, faces) for family, faces in SCRIPT_FONTS)]
    return replace(families[0], css="\n".join(font.css for font in families),
                   files=tuple(path for font in families for path in font.files),
                   fallbacks=tuple(font.family for font in families[1:]))


def covers(files: Iterable[Path]) -> Callable[[str], bool]:
    """A test whether a character is in the character map of one of the font files."""
    chars: set[int] = set()
    for path in files:
        chars |= _cmap(path, path.stat().st_mtime_ns)
    return lambda char: ord(char) in chars


@functools.lru_cache(maxsize=32)
def _cmap(path: Path, mtime_ns: int) -> frozenset[int]:
    """The characters a font file has a glyph for (fontTools, which WeasyPrint uses too)."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:  # noqa: BLE001 - e.g. a .woff2 without brotli: count on the bundled fonts after it
        return frozenset()
