"""Every print product of the handbook, declared once: the downloads page, the build, the cache and the tests read
it here.

A product is made either for every language of the site (the pocket card, the checklist, ...), or once for each of
its editions, whatever the site's languages: the help card for each card language chosen in municipality.yml.
A new product is one entry below, a template in templates/pdf/, and its texts under `downloads:` in each
language's data/<lang>/texts.yml (file name, title, what it is for).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handboek.model.content import Content
from handboek.model.pages import language_root
from handboek.model.project import Project
from handboek.model.texts import fill
from handboek.pdf import documents
from handboek.pdf.documents import PrintSource
from handboek.pdf.render import Job

DOWNLOADS_DIR = "downloads/"
PREVIEW_SUFFIX = ".png"


@dataclass(frozen=True)
class Product:
    """One kind of PDF: made for every language of the site, or once for each of the help card's languages."""

    kind: str                                   # its texts: `downloads.<kind>` in data/<lang>/texts.yml
    make: Callable[[PrintSource, str], Job]
    from_pages: bool = False                    # made from the built pages, so only after they are written
    editions: bool = False      # once for each card language of municipality.yml; its file name has `{language}`
    page: str = ""                              # the page that lists the editions (the downloads page links to it)
    preview: bool = False                       # an image of the first page beside the PDF, for that page


PRODUCTS = (
    Product("card", documents.card),
    Product("card_a4", documents.card_a4),
    Product("checklist", documents.checklist),
    Product("report_form", documents.report_form),
    Product("handbook", documents.handbook, from_pages=True),
    Product("help_card", documents.help_card, editions=True, page="hulpkaartje.md", preview=True),
    Product("help_card_a4", documents.help_card_a4, editions=True, page="hulpkaartje.md"),
)
KINDS = {product.kind: product.editions for product in PRODUCTS}   # kind → made once per edition
SITE_KINDS = [product.kind for product in PRODUCTS if not product.editions]     # one per site language


@dataclass(frozen=True)
class Output:
    """One PDF of a build: which product, which edition, and where it goes."""

    product: Product
    edition: str
    path: str

    @property
    def preview_path(self) -> str:
        """Where its preview image goes, when the product has one."""
        return self.path.removesuffix(".pdf") + PREVIEW_SUFFIX if self.product.preview else ""


def site_path(content: Content, kind: str, default_language: str, edition: str = "") -> str:
    """Where a product is published in the site, e.g. `downloads/zakkaart.pdf`, `en/downloads/pocket-card.pdf`, or,
    for an edition, in the default language's folder: `downloads/hulpkaartje-pl.pdf`."""
    file = fill(content.texts.downloads[kind].file, language=edition)
    return ("" if edition else language_root(content.lang, default_language)) + DOWNLOADS_DIR + file


def outputs(project: Project, lang: str | None = None) -> list[Output]:
    """Every PDF of the build; with `lang`, those made in that language's pass. Editions are made once, in the pass
    of the first language built, under the default language's file names."""
    found = []
    first = project.languages[0]
    default = project.contents.get(project.default_language) or project.contents[first]
    for language in project.languages if lang is None else [lang]:
        for product in PRODUCTS:
            if not product.editions:
                found.append(Output(product, "", site_path(project.contents[language], product.kind,
                                                           project.default_language)))
            elif language == first:
                found += [Output(product, edition, site_path(default, product.kind, project.default_language, edition))
                          for edition in project.help_cards.chosen]
    return found
