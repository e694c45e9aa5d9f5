"""One build of the handbook: its settings, content per language, collected pages and problems.

The site engine's hooks start a session at the beginning of a build and read from it; nothing here
depends on the engine.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from handboek import colours, content, hyphenation, pages, review, settings, translations, yamlfile
from handboek.problems import Problem, ProblemsFound, Report

@dataclass
class PageRecord:
    """A rendered page, kept for the handbook PDF and the checks."""

    lang: str
    src: str                 # e.g. docs/nl/signalen.md
    url: str                 # site-relative, e.g. en/signalen/
    title: str
    html: str                # the rendered content, without the theme
    meta: dict = field(default_factory=dict)


@dataclass
class Session:
    """Everything one build reads and collects."""

    root: Path
    settings_path: Path
    settings: settings.Settings
    data_dir: Path
    languages: list[str]
    default_language: str
    contents: dict[str, content.Content]
    today: dt.date
    docs_dir: Path
    preview: bool = False            # a preview of one language (`make serve`): the others are not built
    sources: dict[str, dict[str, pages.SourcePage]] = field(default_factory=dict)
    translation_entries: list[translations.Entry] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    rendered: dict[str, list[PageRecord]] = field(default_factory=dict)

    @property
    def cache_dir(self) -> Path:
        """Where builds keep what they can reuse (PDFs, templates, dictionary, colours), outside site/, which builds clean."""
        return cache_dir(self.root)

    @property
    def settings_display(self) -> str:
        """The settings file as editors name it."""
        return display(self.settings_path, self.root)

    def is_demo(self) -> bool:
        """True while the example settings, or any example value, are in use."""
        return settings.uses_demo(self.settings, self.settings_path.parent)

    def add_page(self, record: PageRecord) -> None:
        """Remember a rendered page of the current build."""
        self.rendered.setdefault(record.lang, []).append(record)

    def check_sources(self) -> None:
        """Front matter, review dates, translations and organisation records, into the report."""
        for lang in self.languages:
            found, problems = pages.scan(self.docs_dir, lang, self.root)
            self.sources[lang] = found
            self.report.extend(problems)
            for page in found.values():
                self.report.extend(review.page_problems(page, self.today))
        source = self.sources[self.default_language]
        for lang in self.languages:
            if lang == self.default_language:
                continue
            entries, problems = translations.page_problems(source, self.sources[lang], lang,
                                                           display(self.docs_dir / lang, self.root))
            self.translation_entries.extend(entries)
            self.report.extend(problems)
            for name in content.LANGUAGE_FILES:
                nl_file, lang_file = self.data_dir / self.default_language / name, self.data_dir / lang / name
                entry, problems = translations.data_problems(nl_file, lang_file, display(nl_file, self.root),
                                                             display(lang_file, self.root), lang)
                self.translation_entries.append(entry)
                self.report.extend(problems)
        self.report.extend(self._record_problems())

    def _record_problems(self) -> list[Problem]:
        """Sources that were read too long ago."""
        path = self.data_dir / "sources.yml"
        located = yamlfile.load(path, display(path, self.root))
        sources = list(self.contents[self.default_language].sources.values())
        lines = {s.id: located.line(("sources", i, "read_on")) for i, s in enumerate(sources)}
        return review.record_problems(sources, lines, located.path, self.today)


_current: Session | None = None


def cache_dir(root: Path) -> Path:
    """Where builds of the project in `root` keep what they can reuse."""
    return root / ".cache" / "handboek"


def start(root: Path, settings_file: str, data_dir: str, docs_dir: str, languages: list[str],
          default_language: str, preview: bool = False) -> Session:
    """Load and validate settings and data for every language; raise ProblemsFound with all problems."""
    global _current
    colours.keep_in(cache_dir(root))
    hyphenation.keep_in(cache_dir(root))
    settings_path = (root / settings_file).resolve()
    problems: list[Problem] = []
    loaded_settings = None
    try:
        loaded_settings = settings.load(settings_path, display(settings_path, root))
    except ProblemsFound as found:
        problems.extend(found.problems)
    contents: dict[str, content.Content] = {}
    for lang in languages:
        try:
            contents[lang] = content.load(root / data_dir, lang, root)
        except ProblemsFound as found:
            problems.extend(found.problems)
    if problems or loaded_settings is None:
        raise ProblemsFound(problems)
    _current = Session(root=root, settings_path=settings_path, settings=loaded_settings, data_dir=root / data_dir,
                       languages=languages, default_language=default_language, contents=contents, today=today(),
                       docs_dir=root / docs_dir, preview=preview)
    _current.check_sources()
    return _current


def current() -> Session:
    """The session of the build in progress."""
    if _current is None:
        raise RuntimeError("no build session has been started")
    return _current


def today() -> dt.date:
    """Today's date; `HANDBOEK_TODAY=YYYY-MM-DD` fixes it for reproducible checks."""
    fixed = os.environ.get("HANDBOEK_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def display(path: Path, root: Path) -> str:
    """A path relative to the project, as editors see it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
