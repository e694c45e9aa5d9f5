"""The handbook as one build reads it: the gemeente's settings, the data and the pages of every language.

Loaded once per build, before any page is rendered; nothing here depends on the site engine.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cached_property
from collections.abc import Mapping
from pathlib import Path

from handboek.model import content, helpcard, markup, pages, review, settings, translations
from handboek.problems import Problem, ProblemsFound, shown


@dataclass(frozen=True)
class Project:
    """The settings, content and pages of the handbook, for every language."""

    root: Path
    settings_path: Path
    settings: settings.Settings
    data_dir: Path
    docs_dir: Path
    languages: list[str]
    default_language: str
    contents: dict[str, content.Content]
    pages: dict[str, dict[str, pages.Page]]       # by language, then by path in the language folder
    translations: list[translations.Entry]
    today: dt.date
    help_cards: helpcard.HelpCards

    @cached_property
    def demo(self) -> bool:
        """True while the example settings, or any example value, are in use."""
        return self.settings.demo or bool(settings.demo_values(self.settings, self.settings_path.parent))

    def page(self, lang: str, rel: str) -> pages.Page | None:
        """The page at `rel` in the language folder `lang`, if there is one."""
        return self.pages.get(lang, {}).get(rel)


def load(root: Path, settings_file: str, data_dir: str, docs_dir: str, languages: list[str],
         default_language: str, download_kinds: Mapping[str, bool]) -> tuple[Project, list[Problem]]:
    """Read and check everything once; raise ProblemsFound when settings or data cannot be used.

    Returns the project and the problems of its pages: front matter, review dates, translations, old sources.
    """
    today = _today()
    settings_path = root / settings_file
    problems: list[Problem] = []
    loaded_settings = contents = None
    try:
        loaded_settings = settings.load(settings_path, shown(settings_path, root))
    except ProblemsFound as found:
        problems.extend(found.problems)
    try:
        contents, problems_of_data = content.load(root / data_dir, languages, root, today, download_kinds)
    except ProblemsFound as found:
        problems.extend(found.problems)
    if problems or loaded_settings is None or contents is None:
        raise ProblemsFound(problems)
    help_cards, problems = _help_cards(root / data_dir, root, settings_path, loaded_settings,
                                       next(iter(contents.values())))
    if problems:
        raise ProblemsFound(problems)
    problems = list(problems_of_data)
    found_pages: dict[str, dict[str, pages.Page]] = {}
    for lang in languages:
        found_pages[lang], problems_of_pages = pages.scan(root / docs_dir, lang, root)
        problems += problems_of_pages
        for page in found_pages[lang].values():
            problems += review.page_problems(page, today) + markup.problems(page.display, page.text)
    entries, problems_of_translation = translations.status(root, root / docs_dir, root / data_dir, found_pages,
                                                           default_language)
    problems += problems_of_translation
    return Project(root=root, settings_path=settings_path, settings=loaded_settings, data_dir=root / data_dir,
                   docs_dir=root / docs_dir, languages=list(languages), default_language=default_language,
                   contents=contents, pages=found_pages, translations=entries, today=today, help_cards=help_cards), problems


def _help_cards(data_dir: Path, root: Path, settings_path: Path, loaded: settings.Settings,
                any_content: content.Content) -> tuple[helpcard.HelpCards, list[Problem]]:
    """The help cards: every language file, the chosen ones and the facts, each character checked against the fonts
    the card embeds; and every problem found."""
    from handboek.pdf.fonts import card_font, covers   # the fonts decide which characters the card can print

    cards, problems = helpcard.read_cards(data_dir / helpcard.FOLDER, root)
    codes, found = helpcard.chosen(loaded.help_card.languages if loaded.help_card else None, cards, settings_path,
                                   shown(settings_path, root))
    problems += found
    phones = {organisation.id: organisation.phone for organisation in any_content.organisations}
    urls = {source.id: source.url for source in any_content.sources.values()}
    facts, found = helpcard.read_facts(data_dir / helpcard.FACTS, root, phones, urls)
    problems += found
    in_fonts = covers(card_font(loaded, settings_path.parent).files)
    if facts is not None:
        for card in cards.values():
            problems += helpcard.text_problems(card, facts, in_fonts)
    return helpcard.HelpCards(cards, codes, facts), problems


def _today() -> dt.date:
    """Today's date; `HANDBOEK_TODAY=YYYY-MM-DD` fixes it for reproducible checks."""
    fixed = os.environ.get("HANDBOEK_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()
