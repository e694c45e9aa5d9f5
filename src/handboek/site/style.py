"""The house-style stylesheet for the site, generated from municipality.yml."""

from __future__ import annotations

from pathlib import PurePosixPath

from handboek.model import colours
from handboek.model.settings import Settings

FONT_DIR = "assets/huisstijl/fonts/"
LOGO_BASE = "assets/huisstijl/logo"
FORMATS = {".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype"}
# The lightest background that text sits on in Material's dark (slate) scheme: --md-code-bg-color, behind
# contact cards and code. A colour that reads on it also reads on the darker page background.
SLATE_RAISED_BACKGROUND = "#272a35"


def logo_uri(settings: Settings) -> str:
    """Where the gemeente's logo is published in the site."""
    return LOGO_BASE + PurePosixPath(settings.municipality.logo).suffix.lower()


def font_uris(settings: Settings) -> list[tuple[str, str]]:
    """Each self-hosted font file and its published location."""
    return [(source, FONT_DIR + PurePosixPath(source).name) for source, _, _ in settings.house_style.font_faces()]


def css(settings: Settings) -> str:
    """Material's colour variables and the gemeente's letter, for light and dark mode."""
    style = settings.house_style
    primary, accent = style.primary_color, style.accent_color
    light_link = colours.lightest_passing(primary, SLATE_RAISED_BACKGROUND)
    accent_text = colours.darkest_passing(accent)
    accent_dark_mode = colours.lightest_passing(accent, SLATE_RAISED_BACKGROUND)
    rules = [
        "/* Generated from municipality.yml by the handbook build. Do not edit. */",
        ":root {",
        f"  --md-primary-fg-color: {primary};",
        f"  --md-primary-fg-color--light: {colours.with_alpha(primary, 0.7)};",
        f"  --md-primary-fg-color--dark: {colours.darkest_passing(primary, minimum=7)};",
        f"  --md-primary-bg-color: {colours.WHITE};",
        "  --md-primary-bg-color--light: #ffffffb3;",
        f"  --md-accent-fg-color: {accent_text};",
        f"  --md-accent-fg-color--transparent: {colours.with_alpha(accent, 0.1)};",
        f"  --md-accent-bg-color: {colours.text_on(accent_text)};",
        f"  --md-typeset-a-color: {primary};",
        f"  --handboek-accent: {accent};",
        f"  --handboek-accent-text: {accent_text};",
    ]
    if style.font_family:
        family = style.font_family.replace('"', "")
        rules.append(f'  --md-text-font: "{family}";')
    rules.append("}")
    rules += [
        '[data-md-color-scheme="slate"][data-md-color-primary="custom"] {',
        f"  --md-typeset-a-color: {light_link};",
        f"  --md-accent-fg-color: {accent_dark_mode};",
        f"  --md-accent-bg-color: {colours.text_on(accent_dark_mode)};",
        f"  --handboek-accent-text: {accent_dark_mode};",
        "}",
    ]
    for source, font_style, weight in style.font_faces():
        fmt = FORMATS[PurePosixPath(source).suffix.lower()]
        name = PurePosixPath(source).name
        rules.append(f'@font-face {{ font-family: "{style.font_family}"; font-style: {font_style}; '
                     f'font-weight: {weight}; font-display: swap; src: url("../huisstijl/fonts/{name}") '
                     f'format("{fmt}"); }}')
    return "\n".join(rules) + "\n"
