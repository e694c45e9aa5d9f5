"""The printable files of each language and where they are published in the site."""

from __future__ import annotations

from handboek.blocks import DOWNLOADS_DIR, language_root
from handboek.content import Content

KINDS = ("card", "card_a4", "checklist", "report_form", "handbook")


def site_path(content: Content, kind: str, default_language: str) -> str:
    """The site-relative path of one PDF, e.g. `downloads/zakkaart.pdf` or `en/downloads/pocket-card.pdf`."""
    return language_root(content.lang, default_language) + DOWNLOADS_DIR + getattr(content.texts.downloads, kind).file


def all_site_paths(contents: dict[str, Content], default_language: str) -> dict[tuple[str, str], str]:
    """Every PDF of every language, by (language, kind)."""
    return {(lang, kind): site_path(content, kind, default_language)
            for lang, content in contents.items() for kind in KINDS}
