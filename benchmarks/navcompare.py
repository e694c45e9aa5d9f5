"""Does overrides/partials/nav-item.html give the same navigation as Material's? Compare two sites page by page.

The primary sidebar (`nav.md-nav--primary`) of every page is compared after each link has been resolved to
the site path it points to, because the override spells relative URLs from the site root (`../../a/`) where
Material spells them from the page (`../a/`). Everything else in the sidebar must be byte-identical.
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html


def _nav(path: Path, site: Path) -> str:
    tree = lxml_html.document_fromstring(path.read_bytes())
    navs = tree.xpath('//nav[contains(concat(" ", @class, " "), " md-nav--primary ")]')
    if not navs:
        return ""
    nav = navs[0]
    page_dir = posixpath.dirname(path.relative_to(site).as_posix())
    for link in nav.iter("a"):
        href = link.get("href")
        if href is not None and not urlsplit(href).scheme:
            target = posixpath.normpath(posixpath.join(page_dir, urlsplit(href).path))
            link.set("href", target + ("#" + urlsplit(href).fragment if urlsplit(href).fragment else ""))
    return " ".join(lxml_html.tostring(nav, encoding="unicode").split())


def compare(reference: Path, candidate: Path) -> tuple[int, list[str]]:
    """The number of pages compared and those whose navigation differs."""
    pages = sorted(p for p in reference.rglob("index.html"))
    different = []
    for page in pages:
        other = candidate / page.relative_to(reference)
        if not other.is_file() or _nav(page, reference) != _nav(other, candidate):
            different.append(page.relative_to(reference).as_posix())
    return len(pages), different


if __name__ == "__main__":
    count, different = compare(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{count} pages compared, {len(different)} with a different navigation", *different[:10], sep="\n")
