"""The whole handbook as one PDF: every page as MkDocs wrote it, in navigation order, links kept inside the document."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from handboek.model.pages import Page

# What the theme and the on-screen form add to a page that does not belong on paper; the help cards' preview
# images are made in the same build as this PDF, and the cards are printed products of their own.
DROP = {"headerlink", "report-form__actions", "md-content__button", "md-source-file", "help-card__preview"}
CONTENT_CLASS = "md-content__inner"      # Material's article


@dataclass(frozen=True)
class Chapter:
    """One page of the site as a chapter of the PDF."""

    anchor: str
    title: str
    html: str
    images: tuple[Path, ...] = ()      # the image files it shows: inputs of the PDF, for the cache


def anchor_of(url: str, lang_prefix: str) -> str:
    """A document-wide id for a page: `en/signalen/` → `p-signalen`, the home page → `p-index`."""
    path = url.removeprefix(lang_prefix).strip("/")
    return "p-" + (path.replace("/", "-") or "index")


def chapters(pages: list[Page], site_dir: Path, default_language: str, lang_prefix: str,
             handbook_url: str) -> list[Chapter]:
    """The built pages, in the order given, as chapters; pages with `in_pdf: false` are left out."""
    kept = [page for page in pages if page.meta is None or page.meta.in_pdf]
    anchors = {page.url(default_language): anchor_of(page.url(default_language), lang_prefix) for page in kept}
    found = []
    for page in kept:
        url = page.url(default_language)
        tree = lxml_html.parse(str(site_dir / url / "index.html")).getroot()
        article, images = tree.find_class(CONTENT_CLASS)[0], []
        html = _rewrite(article, url, anchors, site_dir, handbook_url, images)
        found.append(Chapter(anchors[url], page.title, html, tuple(images)))
    return found


def _rewrite(article: etree._Element, url: str, anchors: dict[str, str], site_dir: Path, handbook_url: str,
             images: list[Path]) -> str:
    """Prefix the page's ids, point its internal links into the PDF and make other links absolute; add the files
    of the page's images to `images`."""
    own = anchors[url]
    for element in list(article.iter()):
        if not isinstance(element.tag, str):
            continue
        if set((element.get("class") or "").split()) & DROP:
            element.drop_tree()
            continue
        if element.get("id"):
            element.set("id", f"{own}--{element.get('id')}")
        if element.tag == "a" and element.get("href"):
            element.set("href", _link(element.get("href"), url, own, anchors, handbook_url))
        if element.tag == "img" and element.get("src"):
            source = urlsplit(element.get("src"))
            if not source.scheme:
                path = posixpath.normpath(posixpath.join(url, unquote(source.path)))
                images.append((site_dir / path).resolve())
                element.set("src", images[-1].as_uri())
    return (article.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in article)


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
