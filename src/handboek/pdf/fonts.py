"""The letter of the PDFs: the gemeente's own font files, or the bundled Open Sans."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handboek.model.settings import Settings

BUNDLED = Path(__file__).resolve().parent.parent / "fonts"
OPEN_SANS = (("OpenSans-Regular.ttf", "normal", 400), ("OpenSans-Italic.ttf", "italic", 400),
             ("OpenSans-Semibold.ttf", "normal", 600), ("OpenSans-Bold.ttf", "normal", 700))
FACES = {"regular": ("normal", 400), "bold": ("normal", 700), "italic": ("italic", 400)}


@dataclass(frozen=True)
class PdfFont:
    """A font family name, its @font-face rules and the files they use."""

    family: str
    css: str
    files: tuple[Path, ...]


def _face(family: str, path: Path, style: str, weight: int) -> str:
    """One @font-face rule for a local file."""
    return (f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight}; '
            f'src: url("{path.as_uri()}"); }}')


def pdf_font(settings: Settings, root: Path) -> PdfFont:
    """The gemeente's font when it gave files for it, else Open Sans from the package."""
    style = settings.house_style
    if style.font_files is not None:
        rules, files = [], []
        for face, (font_style, weight) in FACES.items():
            name = getattr(style.font_files, face)
            if name:
                path = (root / name).resolve()
                rules.append(_face(style.font_family, path, font_style, weight))
                files.append(path)
        return PdfFont(style.font_family, "\n".join(rules), tuple(files))
    files = tuple(BUNDLED / name for name, _, _ in OPEN_SANS)
    rules = [_face("Handboek Open Sans", BUNDLED / name, font_style, weight) for name, font_style, weight in OPEN_SANS]
    return PdfFont("Handboek Open Sans", "\n".join(rules), files)
