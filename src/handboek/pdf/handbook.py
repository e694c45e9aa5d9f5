"""The whole handbook as one PDF: every page in navigation order, links kept inside the document."""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import html as lxml_html

from handboek import review
from handboek.pdf.documents import PrintSource, job_from_template
from handboek.pdf.render import Job
from handboek.session import PageRecord
from handboek.texts import fill

DROP = ("headerlink", "report-form__actions")


@dataclass(frozen=True)
class Chapter:
    """One page of the site as a chapter of the PDF."""

    anchor: str
    title: str
    html: str


def anchor_of(url: str, lang_prefix: str) -> str:
    """A document-wide id for a page: `en/signalen/` → `p-signalen`, the home page → `p-index`."""
    path = url.removeprefix(lang_prefix).strip("/")
    return "p-" + (path.replace("/", "-") or "index")


def _rewrite(record: PageRecord, anchors: dict[str, str], lang_prefix: str, site_dir: Path,
             handbook_url: str) -> str:
    """Prefix the page's ids, point its internal links into the PDF and make other links absolute."""
    own = anchors[record.url]
    tree = lxml_html.fragment_fromstring(record.html, create_parent="div")
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        if set((element.get("class") or "").split()) & set(DROP):
            element.drop_tree()
            continue
        if element.get("id"):
            element.set("id", f"{own}--{element.get('id')}")
        if element.tag == "a" and element.get("href"):
            element.set("href", _link(element.get("href"), record.url, own, anchors, handbook_url))
        if element.tag == "img" and element.get("src"):
            source = urlsplit(element.get("src"))
            if not source.scheme:
                path = posixpath.normpath(posixpath.join(record.url, unquote(source.path)))
                element.set("src", (site_dir / path).resolve().as_uri())
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in tree) if len(tree) else (tree.text or "")


def _link(href: str, page_url: str, own: str, anchors: dict[str, str], handbook_url: str) -> str:
    """Where a link points in the PDF."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    if not parts.path:
        return f"#{own}--{parts.fragment}" if parts.fragment else f"#{own}"
    target = posixpath.normpath(posixpath.join(page_url or ".", unquote(parts.path)))
    target = "" if target == "." else target.rstrip("/") + "/"
    if target in anchors:
        return f"#{anchors[target]}--{parts.fragment}" if parts.fragment else f"#{anchors[target]}"
    return urljoin(handbook_url, posixpath.normpath(posixpath.join(page_url or ".", parts.path)) +
                   ("/" if parts.path.endswith("/") else ""))


def handbook(source: PrintSource, pages: list[PageRecord], name: str, site_dir: Path, lang_prefix: str,
             today: dt.date) -> Job:
    """The job for the whole handbook of one language, pages in the order given."""
    anchors = {record.url: anchor_of(record.url, lang_prefix) for record in pages}
    chapters = [Chapter(anchors[record.url], record.title,
                        _rewrite(record, anchors, lang_prefix, site_dir, source.settings.handbook_url))
                for record in pages]
    texts = source.content.texts
    made_on = fill(texts.pdf.made_on, date=review.long_date(today, source.content.lang))
    return job_from_template(source, "handbook.html.j2", texts.site.name, name, chapters=chapters, made_on=made_on)
