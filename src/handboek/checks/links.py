"""What MkDocs' own link validation does not cover, checked in one pass over each built page.

Raw HTML and theme links, cross-language links, `tel:` and `mailto:` links, http links, images without
alt text, and anything loaded from outside the site.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lxml import etree

from handboek.model import phone
from handboek.model.fields import normalized_email
from handboek.model.pages import Page
from handboek.problems import Problem, line_of

_PARSER = etree.HTMLParser()    # libxml2's HTML parser, as lxml.html uses, without its per-element classes
RESOURCE_TAGS = {"img": "src", "script": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src"}
# XPath and iter(tags) run in libxml2: the page's elements are not visited one by one in Python.
_IDS = etree.XPath("//@id", smart_strings=False)   # plain strings: a smart string keeps its whole page alive
_TAGS = ("a", "link", *RESOURCE_TAGS)


@dataclass(frozen=True)
class Link:
    """One link or embedded resource on a built page."""

    tag: str
    url: str
    text: str
    in_content: bool
    language_switch: bool = False
    alt: str | None = None
    rel: str = ""


def collect(tree: etree._Element, content: etree._Element | None) -> tuple[list[Link], set[str]]:
    """The links and anchor ids of a parsed page; links inside `content` (Material's article) came from its Markdown."""
    found: list[Link] = []
    inside = set(content.iter(_TAGS)) if content is not None else set()
    for element in tree.iter(_TAGS):
        get, tag = element.get, element.tag
        url = get(RESOURCE_TAGS.get(tag, "href"))
        if url is None:
            continue
        if tag == "a":
            found.append(Link("a", url, "".join(element.itertext()).strip(), element in inside,
                              language_switch=get("hreflang") is not None))
        elif tag == "link":
            found.append(Link("link", url, "", False, language_switch=get("hreflang") is not None,
                              rel=get("rel", "")))
        else:
            found.append(Link(tag, url, "", element in inside, alt=get("alt")))
    return found, {value for value in _IDS(tree) if value}


def parse(output: str) -> etree._Element:
    """A built page, parsed by libxml2."""
    return etree.fromstring(output, _PARSER)


def content_of(tree: etree._Element, marker: str) -> etree._Element | None:
    """The <article> with the class `marker`: Material's base.html puts every page's content in one."""
    for article in tree.iter("article"):
        if marker in (article.get("class") or "").split():
            return article
    return None


def _line(page: Page, needle: str) -> int:
    """The line in the Markdown source where `needle` (or, for a rewritten URL, its file name) appears, or 1."""
    name = posixpath.basename(needle.split("#")[0].split("?")[0].rstrip("/"))
    candidates = (needle, unquote(needle), f"({name}", f"/{name}", name)
    return next((line for candidate in candidates if candidate.strip("(/") and (line := line_of(page.text, candidate))), 1)


def _resolve(page_path: str, url: str) -> str:
    """A relative URL on a page, as a site-relative file path."""
    base = posixpath.dirname(page_path)
    target = posixpath.normpath(posixpath.join(base, unquote(urlsplit(url).path)))
    if url.split("#")[0].split("?")[0].endswith("/") or target in {".", ""}:
        target = posixpath.join(target, "index.html") if target not in {".", ""} else "index.html"
    return target


def _problem(page: Page, link: Link, message: str, fix: str) -> Problem:
    """A problem of a link, at its line in the page's Markdown, or said to be in the theme."""
    if link.in_content:
        return Problem(page.display, _line(page, link.url), message, fix)
    return Problem(page.display, 1, message + " (in the page template, overrides/)", fix)


Internal = tuple[Link, str, str]     # a link to a file of the site: the link, its target file, its fragment


def page_problems(page: Page, path: str, page_links: list[Link], expanded: str,
                  language_selector: bool = True) -> tuple[list[Problem], list[Internal]]:
    """The problems one built page (at site path `path`) has on its own, and its links into the site, to check once
    all are built. `expanded` is its Markdown after shortcodes: a link written in it was checked by MkDocs.

    `language_selector=False` leaves out the language selector (a one-language preview).
    """
    problems: list[Problem] = []
    internal: list[Internal] = []

    def add(link: Link, message: str, fix: str) -> None:
        problems.append(_problem(page, link, message, fix))

    for link in page_links:
        if link.language_switch and not language_selector:
            continue
        url = link.url.strip()
        try:
            parts = urlsplit(url)
        except ValueError:
            add(link, f"link '{url}' is not a valid address", "correct the address of the link")
            continue
        scheme = parts.scheme.lower()
        if link.tag == "img" and (link.alt is None or (link.in_content and not link.alt.strip())):
            add(link, f"image '{url}' has no alt text",
                "describe the image: ![what the image shows](file.png), or alt=\"...\" in HTML")
        if scheme == "tel":
            number = unquote(url[4:])
            if not phone.is_valid(number):
                add(link, f"'{url}' is not a Dutch or international phone number",
                    "write it like tel:0201234567 or tel:+31201234567")
            elif link.text and not phone.same_number(number, link.text):
                add(link, f"the link '{url}' dials another number than the text '{link.text}' shows",
                    "make the number in the link and the number in the text the same")
        elif scheme == "mailto":
            address = unquote(url[7:].split("?")[0])
            try:
                normalized_email(address)
            except ValueError as error:
                add(link, f"'{url}' is not a valid e-mail link ({error})", "write it like mailto:naam@gemeente.nl")
        elif scheme == "http" and link.tag == "a":
            add(link, f"'{url}' is not a secure (https) link", "use the https:// address of the same page")
        elif scheme in {"http", "https"} or parts.netloc:
            if link.tag != "a" and "alternate" not in link.rel and link.rel not in {"canonical"}:
                add(link, f"'{url}' loads a file from outside the site, which the intranet may not reach",
                    "copy the file into the site and link to it relatively")
        elif not scheme and (parts.path or parts.fragment):
            if link.in_content and (url not in expanded or parts.path.endswith(".md")):
                continue  # a Markdown link: MkDocs' own validation has checked it
            target = _resolve(path, url) if parts.path else path
            if target.startswith("../"):
                add(link, f"link '{url}' points outside the site",
                    "link to a page of this handbook, relative to this page")
            else:
                internal.append((link, target, unquote(parts.fragment)))
    return problems, internal


def internal_problems(page: Page, internal: Iterable[Internal], ids: dict[str, set[str]], files: set[str],
                      languages: list[str], default: str) -> list[Problem]:
    """The problems of a page's links into the site: the file, its anchor and its language."""
    problems: list[Problem] = []
    for link, target, fragment in internal:
        url = link.url.strip()
        if target not in files:
            problems.append(_problem(page, link, f"link '{url}' points to '{target}', which is not in the built site",
                                     "correct the link, or add the page or file it points to"))
        elif target in ids:
            if fragment and fragment not in ids[target]:
                problems.append(_problem(page, link, f"link '{url}' points to '#{urlsplit(url).fragment}', which is "
                                         "not on that page", "use the id of an existing heading on that page"))
            first = target.split("/", 1)[0]      # `en/...` is English, the rest is the default language
            here, there = page.lang, first if first in languages else default
            if here != there and not link.language_switch:
                problems.append(_problem(page, link, f"link '{url}' leads from this '{here}' page to the '{there}' "
                                         "version of the handbook", f"link to the '{here}' version of the page; "
                                         "only the language selector switches language"))
    return problems


def _link_key(problem: Problem) -> tuple[str, int, str] | None:
    """(file, line, link) of a problem about a link, to recognise the same broken link twice."""
    match = re.match(r"link '([^']+)'", problem.message)
    return (problem.path, problem.line, match.group(1)) if match else None


def once(problems: Iterable[Problem], already: Iterable[Problem] = ()) -> list[Problem]:
    """Each problem once.

    A problem in the template is reported once, not on every page; a link that MkDocs' own validation
    already reported (`already`) is not reported again.
    """
    known = {_link_key(p) for p in already} - {None}
    found: dict[tuple[str, str], Problem] = {}
    for problem in problems:
        if _link_key(problem) in known:
            continue
        key = (problem.message, problem.fix) if "overrides/" in problem.message else (str(problem), "")
        found.setdefault(key, problem)
    return list(found.values())
