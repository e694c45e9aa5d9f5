"""Render HTML to PDF with WeasyPrint, refusing text under 7 pt and content that overflows a panel."""

from __future__ import annotations

import logging
import sys
from logging.handlers import BufferingHandler
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from handboek.pdf import sheet
from handboek.problems import Problem, ProblemsFound

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

MIN_POINTS = 7.0
PX_PER_PT = 4 / 3
PX_PER_MM = 96 / 25.4
PANEL_CLASS = "panel"
PDF_VARIANT = "pdf/ua-1"        # PDF/UA-1: tagged, so that screen readers can read it


@dataclass(frozen=True)
class Job:
    """One PDF to make: its HTML and where its relative URLs resolve."""

    name: str                   # e.g. nl/zakkaart.pdf, for messages
    html: str
    base_url: str
    measure_css: str = ""       # extra CSS for a separate layout pass in which panels cannot break across pages
    frame: str = ""             # a sheet of cards: the HTML of the A4 around them, and where the cards go
    slots: sheet.Slots = ()     # (pdf/sheet.py); `html` is then the card's

    @property
    def alone(self) -> Job:
        """A sheet's card on its own: the job of the card's PDF."""
        return replace(self, frame="", slots=())


def layout_problems(document, job: Job) -> list[Problem]:  # noqa: ANN001 - a WeasyPrint Document
    """Text smaller than 7 pt, and panels whose content runs out of them."""
    problems: list[Problem] = []
    smallest: float | None = None
    for page_number, page in enumerate(document.pages, start=1):
        for box in page._page_box.descendants(placeholders=True):
            if type(box).__name__ == "TextBox" and box.text.strip():
                size = box.style["font_size"] / PX_PER_PT
                smallest = size if smallest is None else min(smallest, size)
            element = getattr(box, "element", None)
            if element is not None and PANEL_CLASS in (element.get("class") or "").split():
                # How far the lowest edge of anything in the panel, however deep, lies below its content box.
                limit = box.content_box_y() + box.height
                over = max((inner.position_y + inner.margin_height() for child in box.children
                            for inner in child.descendants(placeholders=True)), default=limit) - limit
                if over > 0.5:
                    source = element.get("data-source") or job.name
                    label = element.get("data-label") or element.get("id") or "a panel"
                    problems.append(Problem(source, 1,
                                            f"{job.name}: the {label} on page {page_number} overflows by "
                                            f"{over / PX_PER_MM:.1f} mm",
                                            "shorten its texts; the card never shrinks text below 7 pt"))
    if smallest is not None and smallest < MIN_POINTS - 0.01:
        problems.append(Problem(job.name, 1, f"text of {smallest:.1f} pt is smaller than the minimum of 7 pt",
                                "raise the font size in the print stylesheet"))
    return problems


def render(job: Job, fonts: FontConfiguration | None = None, card: bytes | None = None) -> bytes:
    """The PDF bytes for a job; raise ProblemsFound on layout problems and on anything WeasyPrint reports as an
    error (an image or stylesheet it could not load, an image without alt text). A sheet places `card`, the card's
    PDF, or renders the card first when it is not given."""
    if job.slots:
        frame = render(replace(job.alone, html=job.frame, measure_css=""), fonts)
        return sheet.place(card or render(job.alone, fonts), frame, job.slots)
    from weasyprint import CSS, HTML  # imported here: a build that only copies cached PDFs never needs it
    from weasyprint.text.fonts import FontConfiguration

    # What WeasyPrint reports as an error it leaves out (an image, a stylesheet) and goes on: kept here, not lost.
    fonts, errors = fonts or FontConfiguration(), BufferingHandler(capacity=sys.maxsize)
    errors.setLevel(logging.ERROR)
    weasyprint_log = logging.getLogger("weasyprint")
    weasyprint_log.setLevel(logging.ERROR)
    weasyprint_log.propagate = False          # each error becomes one problem line instead
    weasyprint_log.addHandler(errors)
    try:
        document = HTML(string=job.html, base_url=job.base_url).render(font_config=fonts)
        measured = document
        if job.measure_css:
            # A panel that reaches the page's edge is split across pages; measure it on a taller page instead.
            extra = CSS(string=job.measure_css, font_config=fonts)
            measured = HTML(string=job.html, base_url=job.base_url).render(font_config=fonts, stylesheets=[extra])
        problems = layout_problems(measured, job)
        data = document.write_pdf(pdf_variant=PDF_VARIANT)
    finally:
        weasyprint_log.removeHandler(errors)
        weasyprint_log.propagate = True
    messages = dict.fromkeys(record.getMessage() for record in errors.buffer)
    problems += [Problem(job.name, 1, message, "check the file it names; an image of a page must be in docs/ and "
                         "shown on that page") for message in messages]
    if problems:
        raise ProblemsFound(problems)
    return data


PREVIEW_DPI = 200


def preview_png(pdf: bytes) -> bytes:
    """The first page of a PDF as a PNG image, cut at its trim box (without bleed and crop marks)."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        left, bottom, right, top = page.get_trimbox()
        # The crop is what to cut from each side of the media box, which WeasyPrint starts below zero (the bleed).
        media_left, media_bottom, media_right, media_top = page.get_mediabox()
        crop = (left - media_left, bottom - media_bottom, media_right - right, media_top - top)
        image = page.render(scale=PREVIEW_DPI / 72, crop=crop).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()
