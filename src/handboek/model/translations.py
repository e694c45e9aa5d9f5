"""Translation drift: each translation records the version of the Dutch source it follows."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from handboek.model.content import LANGUAGE_FILES
from handboek.model.pages import Page, split
from handboek.problems import Problem, line_of, shown

Status = Literal["current", "outdated", "missing"]
NOT_YET = "not translated yet"      # what `make language` writes in the copies it makes


KEY_LINE = re.compile(r"^translated_from:.*(?:\r?\n|$)", re.MULTILINE)
LEADING_COMMENTS = re.compile(r"(?:#.*\n)*")       # a data file's opening comment lines stay on top


def fingerprint(text: str) -> str:
    """A short hash of a text, independent of line endings and trailing spaces."""
    normal = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def page_version(page_text: str) -> str:
    """The version of a source page: its body only, so a new review date does not outdate translations."""
    return fingerprint(split(page_text)[1])


def data_version(data_text: str) -> str:
    """The version of a source data file."""
    return fingerprint(KEY_LINE.sub("", data_text))


@dataclass(frozen=True)
class Entry:
    """The translation status of one page or data file in one language."""

    source: str               # e.g. docs/nl/signalen.md
    translation: str          # e.g. docs/en/signalen.md
    lang: str
    status: Status


def _missing(source: str, what: str, lang: str, translation: str) -> Problem:
    """The error for a page or data file that has no translation into `lang`."""
    return Problem(source, 1, f"this {what} has no '{lang}' translation ({translation})",
                   f"translate it into {translation}, then run: make translated FILE={translation}")


def _outdated(source: str, translation: str, line: int, recorded: str) -> Problem:
    """The warning for a translation that does not follow the current source."""
    what = (f"not translated yet: this is a copy of the English text, not a translation of {source}"
            if recorded == NOT_YET else f"the translation is outdated: {source} changed since it was translated")
    return Problem(translation, line, what, f"update the translation, then run: make translated FILE={translation}",
                   "warning")


def page_problems(sources: dict[str, Page], translations: dict[str, Page],
                  lang: str, translation_dir: str) -> tuple[list[Entry], list[Problem]]:
    """Compare one language's pages with the Dutch source pages."""
    entries, problems = [], []
    for rel, source in sources.items():
        translation = translations.get(rel)
        target = f"{translation_dir}/{rel}"
        if translation is None:
            entries.append(Entry(source.display, target, lang, "missing"))
            problems.append(_missing(source.display, "page", lang, target))
            continue
        recorded = translation.meta.translated_from if translation.meta else ""
        current = recorded == page_version(source.text)
        entries.append(Entry(source.display, target, lang, "current" if current else "outdated"))
        if not current:
            line = translation.front.line(("translated_from",)) if translation.front else 1
            problems.append(_outdated(source.display, translation.display, line, recorded))
    for rel, translation in translations.items():
        if rel not in sources:
            problems.append(Problem(translation.display, 1, "this translation has no Dutch source page",
                                    f"add the Dutch page {translation.display.replace(f'/{lang}/', '/nl/', 1)} "
                                    "or remove this file"))
    return entries, problems


def status(root: Path, docs: Path, data: Path, pages: dict[str, dict[str, Page]],
           source_lang: str) -> tuple[list[Entry], list[Problem]]:
    """Every translated page and data file compared with its source: the entries, and the problems of those not current."""
    entries, problems = [], []
    for lang, found in pages.items():
        if lang == source_lang:
            continue
        lang_entries, lang_problems = page_problems(pages[source_lang], found, lang, shown(docs / lang, root))
        entries += lang_entries
        problems += lang_problems
        for name in LANGUAGE_FILES:
            source, translation = data / source_lang / name, data / lang / name
            source_shown, translation_shown = shown(source, root), shown(translation, root)
            if not translation.is_file():
                entries.append(Entry(source_shown, translation_shown, lang, "missing"))
                problems.append(_missing(source_shown, "file", lang, translation_shown))
                continue
            text = translation.read_text(encoding="utf-8")
            match = KEY_LINE.search(text)
            recorded = match.group(0).split(":", 1)[1].strip().strip("'\"") if match else ""
            current = recorded == data_version(source.read_text(encoding="utf-8"))
            entries.append(Entry(source_shown, translation_shown, lang, "current" if current else "outdated"))
            if not current:
                line = line_of(text, match.group(0)) if match else 1
                problems.append(_outdated(source_shown, translation_shown, line, recorded))
    return entries, problems


def mark(translation: Path, source: Path, version: str = "") -> str:
    """Record in a translation that it follows the current source (or `version`, when the caller knows what to
    record); return the version written. Quoted: a version of only digits must stay text in YAML."""
    text = translation.read_text(encoding="utf-8")
    if translation.suffix == ".md":
        version = version or page_version(source.read_text(encoding="utf-8"))
        front, body, _ = split(text)
        if front is None:
            raise ValueError(f"{translation} has no front matter; copy it from {source}")
        new_front = KEY_LINE.sub("", front) + f'translated_from: "{version}"\n'
        translation.write_text(f"---\n{new_front}---\n{body}", encoding="utf-8")
        return version
    version = version or data_version(source.read_text(encoding="utf-8"))
    stripped = KEY_LINE.sub("", text)
    header = f'translated_from: "{version}"\n'
    comment_end = LEADING_COMMENTS.match(stripped).end()
    translation.write_text(stripped[:comment_end] + header + stripped[comment_end:], encoding="utf-8")
    return version
