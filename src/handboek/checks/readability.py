"""Readability of Dutch pages (language level B1): average sentence length and the share of long words.

What is counted, in a page's content HTML (or plain text):
- Running text only: paragraphs, list items, definition lists, table cells, form labels and help texts.
  Headings, code and reference lists (list items that are nothing but a link) are left out.
- A sentence ends at `.`, `!`, `?` or `…` followed by a capital or a digit, and at the end of a block.
  The average sentence length counts complete sentences only (ending in `.`, `!`, `?`, `…` or `:`), so
  labels, list fragments and references neither shorten nor lengthen it.
- A word is a run of letters or digits; a long word has LONG_WORD_SYLLABLES syllables or more, counted
  with the Dutch hyphenation dictionary. Numbers and abbreviations in capitals are never long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pyphen
from lxml import etree
from lxml import html as lxml_html

from handboek.memo import remembered
from handboek.problems import Problem

LANGUAGE = "nl"                   # the measures and limits are for Dutch
HYPHENATION = "nl_NL"
LONG_WORD_SYLLABLES = 4
CONTENT_CLASS = "md-content__inner"   # Material's article, in a built page
SECTION_HEADINGS = ("h1", "h2")
# Blocks of running text; nested blocks are read on their own.
BLOCKS = {"p", "li", "dt", "dd", "td", "th", "figcaption", "label", "legend", "summary", "blockquote", "caption"}
SKIPPED = {"h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "script", "style", "svg", "nav", "button",
           "select", "option", "textarea", "input"}
# What the theme adds to the article of a built page: the review line and the edit button.
THEME_EXTRAS = {"md-source-file", "md-content__button"}
Content = str | etree._Element    # a page's content HTML, or the article element of a parsed built page
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-ZÀ-Ý0-9])")
# A complete sentence ends in punctuation; labels, list fragments and references do not.
COMPLETE = re.compile(r"[.!?…:][\"'”’)]*$")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
# When a page is clearly above B1: CONTRIBUTING.md ("Write at B1") explains the numbers.
MAX_SENTENCE_WORDS = 15.0         # average words per complete sentence, at most
MAX_LONG_WORD_SHARE = 0.15        # share of words with 4 or more syllables, at most
MIN_WORDS = 40                    # a page with fewer words is too short to judge
MIN_SENTENCES = 3                 # an average of fewer sentences says nothing


@dataclass(frozen=True)
class Measurement:
    """The numbers of one page."""

    sentences: int                    # complete sentences
    sentence_words: int               # the words in them
    words: int                        # every word of the running text, fragments included
    long_words: int
    longest: str = ""                 # the longest sentence, to point the editor at
    longest_words: int = 0

    @property
    def sentence_length(self) -> float:
        """Average number of words per complete sentence."""
        return self.sentence_words / self.sentences if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        """Share of the words that are long (0–1)."""
        return self.long_words / self.words if self.words else 0.0


@cache
def _dictionary() -> pyphen.Pyphen:
    """The Dutch hyphenation dictionary, splitting as close to syllables as it can."""
    return pyphen.Pyphen(lang=HYPHENATION, left=1, right=1)


@remembered("pyphen")
def syllables(word: str) -> int:
    """The number of syllables of a Dutch word (compounds with a hyphen: the sum of their parts)."""
    return sum(len(_dictionary().positions(part.lower())) + 1 for part in re.split(r"[-'’]", word) if part)


@lru_cache(maxsize=65536)  # the same words come back on every page
def is_long(word: str) -> bool:
    """True for a word of LONG_WORD_SYLLABLES syllables or more; numbers and capital abbreviations are not."""
    if not any(char.isalpha() for char in word) or (word.isupper() and len(word) > 1):
        return False
    return syllables(word) >= LONG_WORD_SYLLABLES


def words(sentence: str) -> list[str]:
    """The words of a sentence; web and e-mail addresses are not words."""
    return WORD.findall(ADDRESS.sub(" ", sentence))


def _split(block: str) -> list[tuple[str, list[str]]]:
    """The sentences of one block of text, each with its words."""
    found = ((part, words(part)) for part in SENTENCE_END.split(" ".join(block.split())))
    return [(sentence, its_words) for sentence, its_words in found if its_words]


def sentences(block: str) -> list[str]:
    """The sentences of one block of text."""
    return [sentence for sentence, _ in _split(block)]


def _own_text(element: etree._Element) -> str:
    """The text of a block without the text of blocks nested in it (they are read on their own)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in BLOCKS and child.tag not in SKIPPED:
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _only_a_link(element: etree._Element, text: str) -> bool:
    """A list item that is nothing but a link, as in a list of sources."""
    links = " ".join("".join(a.itertext()) for a in element.iter("a"))
    return element.tag == "li" and bool(links.strip()) and " ".join(links.split()) == text


def _skipped(element: etree._Element) -> bool:
    """True inside code, forms, navigation and what the theme adds to the article."""
    return any(ancestor.tag in SKIPPED or THEME_EXTRAS.intersection((ancestor.get("class") or "").split())
               for ancestor in element.iterancestors())


def sections(content: Content) -> list[tuple[str, list[str]]]:
    """The blocks of running text of a page's content, per section (h1 or h2 to the next): (heading, blocks)."""
    if isinstance(content, str):
        if not content.strip():
            return []
        content = lxml_html.fragment_fromstring(content, create_parent="div")
    found: list[tuple[str, list[str]]] = [("", [])]
    for element in content.iter(*BLOCKS, *SECTION_HEADINGS):
        if _skipped(element):
            continue
        if element.tag in SECTION_HEADINGS:
            found.append((" ".join("".join(element.itertext()).split()), []))
            continue
        text = " ".join(_own_text(element).split())
        if text and not _only_a_link(element, text):
            found[-1][1].append(text)
    return [(heading, blocks) for heading, blocks in found if blocks]


def text_blocks(content: Content) -> list[str]:
    """The blocks of running text of a page's content."""
    return [block for _, blocks in sections(content) for block in blocks]


def measure_blocks(blocks: list[str]) -> Measurement:
    """The numbers of a list of text blocks."""
    counted = complete = complete_words = long_words = longest_words = 0
    longest = ""
    for block in blocks:
        for sentence, found in _split(block):
            counted += len(found)
            long_words += sum(1 for word in found if is_long(word))
            if COMPLETE.search(sentence):
                complete += 1
                complete_words += len(found)
                if len(found) > longest_words:
                    longest, longest_words = sentence, len(found)
    return Measurement(sentences=complete, sentence_words=complete_words, words=counted, long_words=long_words,
                       longest=longest, longest_words=longest_words)


def combined(parts: list[Measurement]) -> Measurement:
    """The numbers of several parts of a text together."""
    longest = max(parts, key=lambda part: part.longest_words, default=Measurement(0, 0, 0, 0))
    return Measurement(sentences=sum(part.sentences for part in parts),
                       sentence_words=sum(part.sentence_words for part in parts),
                       words=sum(part.words for part in parts), long_words=sum(part.long_words for part in parts),
                       longest=longest.longest, longest_words=longest.longest_words)


def built_content(page_html: str) -> Content:
    """The article of a built page; its review line and edit button are skipped when it is read."""
    article = lxml_html.document_fromstring(page_html).find_class(CONTENT_CLASS)
    return article[0] if article else ""


def measure(content: Content) -> Measurement:
    """The numbers of a page, from its content."""
    return measure_blocks(text_blocks(content))


def verdict(measurement: Measurement, *, long_words: bool = True) -> list[str]:
    """What is above B1 in these numbers; empty when the text is fine or too short to judge."""
    if measurement.words < MIN_WORDS:
        return []
    found = []
    if measurement.sentences >= MIN_SENTENCES and measurement.sentence_length > MAX_SENTENCE_WORDS:
        found.append(f"sentences average {measurement.sentence_length:.1f} words (B1: at most "
                     f"{MAX_SENTENCE_WORDS:g})")
    if long_words and measurement.long_word_share > MAX_LONG_WORD_SHARE:
        found.append(f"{measurement.long_word_share:.0%} of the words have {LONG_WORD_SYLLABLES} or more syllables "
                     f"(B1: at most {MAX_LONG_WORD_SHARE:.0%})")
    return found


def _line_of(sentence: str, source: str) -> int:
    """The line in the Markdown source where a sentence starts; 1 when it cannot be found."""
    start = " ".join(words(sentence)[:4])
    found = (number for number, line in enumerate(source.splitlines(), start=1) if start and start in " ".join(words(line)))
    return next(found, 1)


def _problem(path: str, what: str, found: list[str], measurement: Measurement, source: str) -> list[Problem]:
    """One problem for a page or a section above B1, pointing at its longest sentence; none when it is fine."""
    if not found:
        return []
    longest = measurement.longest
    shown = longest if len(longest) <= 120 else longest[:117] + "…"
    return [Problem(path, _line_of(longest, source), f"{what} is above language level B1: {'; '.join(found)}",
                    f"write shorter sentences (one message each) and shorter, everyday words; the longest "
                    f"sentence has {len(words(longest))} words: \"{shown}\"")]


def problems(path: str, content: Content, source: str = "") -> list[Problem]:
    """The page, if it is clearly above B1 as a whole; otherwise each section whose sentences are too long.

    Long words are judged per page only: the terms the handbook cannot avoid (aandachtsfunctionaris,
    mensenhandel, zorgcoördinator) weigh too heavily in a short section.
    """
    parts = [(heading, measure_blocks(blocks)) for heading, blocks in sections(content)]
    page = combined([measurement for _, measurement in parts])
    if whole := _problem(path, "the text", verdict(page), page, source):
        return whole
    found = []
    for heading, section in parts:
        what = f"the section \"{heading}\"" if heading else "the text before the first heading"
        found += _problem(path, what, verdict(section, long_words=False), section, source)
    return found


def table(pages: list[tuple[str, Content]]) -> str:
    """The numbers per page, given as (path, content), as a table with a verdict column."""
    header = ("page", "sentences", "words", "words/sentence", "long words", "B1")
    lines = [header]
    for path, content in pages:
        m = measure(content)
        status = "above" if problems(path, content) else ("too short" if m.words < MIN_WORDS else "ok")
        lines.append((path, str(m.sentences), str(m.words), f"{m.sentence_length:.1f}",
                      f"{m.long_word_share:.0%}", status))
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    rendered = ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
                for row in lines]
    limit = (f"B1 limits: at most {MAX_SENTENCE_WORDS:g} words per sentence on average, in the page and in each "
             f"section; at most {MAX_LONG_WORD_SHARE:.0%} words of {LONG_WORD_SYLLABLES}+ syllables in the page. "
             f"Text under {MIN_WORDS} words or {MIN_SENTENCES} sentences is not judged.")
    return "\n".join([*rendered, limit])
