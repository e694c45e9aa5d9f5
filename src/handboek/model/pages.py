"""The Markdown pages as editors write them: front matter, body, where each starts, and where it is published."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from handboek.model import yamlfile
from handboek.model.fields import Plain, Record, Text
from handboek.problems import Problem, ProblemsFound, shown
from handboek.model.validation import validated

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
INTERVAL = re.compile(r"^\s*(\d{1,3})\s*(months?|maanden|maand|years?|jaar|jaren)\s*$", re.IGNORECASE)


class Change(Record):
    """One change note: what changed on the page, and when."""

    date: dt.date = Field(json_schema_extra={"example": "2026-11-28"})
    note: Text = Field(min_length=1, json_schema_extra={"example": '"Signaal 7 duidelijker beschreven."'})


class FrontMatter(BaseModel):
    """The keys every page must have; other keys (title, hide, …) pass through to the engine."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)

    owner: Text = Field(min_length=1, json_schema_extra={"example": '"Aandachtsfunctionaris mensenhandel"'})
    last_reviewed: dt.date = Field(json_schema_extra={"example": "2026-11-28"})
    review_interval: Annotated[str, StringConstraints(pattern=INTERVAL.pattern)] = Field(
        json_schema_extra={"example": '"12 months"'})
    title: Plain = Field(default="", json_schema_extra={"example": '"Start"'})
    description: Plain = Field(default="", json_schema_extra={"example": '"Wat je doet bij een signaal."'})
    translated_from: Text = Field(default="", json_schema_extra={"example": "3f9a0c12d4e5"})
    changes: list[Change] = Field(default_factory=list, json_schema_extra={"example": "[{date: 2026-11-28, note: ...}]"})
    in_pdf: bool = Field(default=True, json_schema_extra={"example": "false"})   # false: not in the handbook PDF

    @property
    def review_months(self) -> int:
        """The review interval in months."""
        match = INTERVAL.match(self.review_interval)
        assert match is not None
        count = int(match.group(1))
        return count * 12 if match.group(2).lower().startswith(("year", "jaar", "jaren")) else count


@dataclass(frozen=True)
class Page:
    """One Markdown file of one language."""

    lang: str
    rel: str                       # path inside the language folder, e.g. over/index.md
    display: str                   # path as editors see it, e.g. docs/nl/over/index.md
    text: str
    body: str
    body_first_line: int           # the line number of the body's first line
    front: yamlfile.Located | None
    meta: FrontMatter | None       # None when the front matter is missing or invalid

    @property
    def title(self) -> str:
        """The page's H1 title, or its front matter title."""
        if self.meta is not None and self.meta.title:
            return self.meta.title
        for line in self.body.splitlines():
            if line.startswith("# "):
                return re.sub(r"\s*\{[^}]*\}\s*$", "", line[2:]).strip()
        return ""

    def url(self, default_language: str) -> str:
        """Where the page is published, relative to the site root: `signalen/`, `en/over/`, `` for the home page."""
        folder = url_dir(self.rel)
        return language_root(self.lang, default_language) + ("" if folder == "." else folder + "/")


def language_root(lang: str, default_language: str) -> str:
    """The folder of a language's pages in the site: "" for the default language, e.g. "en/" for English."""
    return "" if lang == default_language else f"{lang}/"


def url_dir(rel: str) -> str:
    """The folder a page is published in: `signalen.md` → `signalen`, `over/index.md` → `over`, `index.md` → `.`."""
    stem = rel.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return posixpath.dirname(stem) or "."
    return stem


def split(text: str) -> tuple[str | None, str, int]:
    """Split a page into front matter text, body, and the line number where the body starts."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    front = match.group(1) or ""
    return front, text[match.end():], text[:match.end()].count("\n") + 1


def read(path: Path, lang: str, rel: str, display: str) -> tuple[Page, list[Problem]]:
    """Read one page and validate its front matter; problems are returned, not raised."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Page(lang, rel, display, "", "", 1, None, None), [
            Problem(display, 1, f"the page cannot be read ({error})", "save it as UTF-8 text")]
    front_text, body, body_line = split(text)
    located, meta, problems = None, None, []       # as far as the front matter can be read
    if front_text is None:
        problems = [Problem(display, 1, "the page has no front matter (owner, last_reviewed, review_interval)",
                            "start the page with a '---' block; copy it from another page")]
    else:
        try:
            located = yamlfile.parse(front_text, display, first_line=2)
            if located.data is None:        # an empty front matter: every key is missing
                located.data = {}
            meta = validated(FrontMatter, located)
        except ProblemsFound as found:
            problems = found.problems
    return Page(lang, rel, display, text, body, body_line, located, meta), problems


def scan(docs_dir: Path, lang: str, root: Path) -> tuple[dict[str, Page], list[Problem]]:
    """Read every Markdown page of one language."""
    pages: dict[str, Page] = {}
    problems: list[Problem] = []
    base = docs_dir / lang
    for path in sorted(base.rglob("*.md")):
        rel = path.relative_to(base).as_posix()
        page, found = read(path, lang, rel, shown(path, root))
        pages[rel] = page
        problems.extend(found)
    return pages, problems
