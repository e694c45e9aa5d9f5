"""Every print product of the handbook, declared once: the downloads page, the build and the tests read it here.

A new product is one entry below, a template in templates/pdf/, and its texts under `downloads:` in each
language's data/<lang>/texts.yml (file name, title, what it is for).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handboek.model.content import Content
from handboek.model.pages import language_root
from handboek.pdf import documents
from handboek.pdf.documents import PrintSource
from handboek.pdf.render import Job

DOWNLOADS_DIR = "downloads/"


@dataclass(frozen=True)
class Product:
    """One kind of PDF, made for every language of the site."""

    kind: str                                   # its texts: `downloads.<kind>` in data/<lang>/texts.yml
    make: Callable[[PrintSource, str], Job]
    from_pages: bool = False                    # made from the built pages, so only after they are written


PRODUCTS = (
    Product("card", documents.card),
    Product("card_a4", documents.card_a4),
    Product("checklist", documents.checklist),
    Product("report_form", documents.report_form),
    Product("handbook", documents.handbook, from_pages=True),
)
KINDS = [product.kind for product in PRODUCTS]


def site_path(content: Content, kind: str, default_language: str) -> str:
    """Where a product is published in the site, e.g. `downloads/zakkaart.pdf` or `en/downloads/pocket-card.pdf`."""
    return language_root(content.lang, default_language) + DOWNLOADS_DIR + content.texts.downloads[kind].file
