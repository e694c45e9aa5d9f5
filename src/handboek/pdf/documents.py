"""The HTML of every print product, from one source per language: the pocket card, the A4 card sheet, the
checklist, the report form and the whole handbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from handboek.model import colours, review
from handboek.model.content import Content, FormField
from handboek.model.helpcard import Card, Facts
from handboek.model.settings import Settings
from handboek.model.texts import fill
from handboek.pdf import qr
from handboek.pdf.fonts import PdfFont, card_font, pdf_font
from handboek.pdf.handbook import Chapter
from handboek.pdf.render import Job

CARD_WIDTH, CARD_HEIGHT = 170, 55    # mm: the pocket card, flat
CARDS_PER_A4 = 5
HELP_CARD_WIDTH = 85    # mm: the help card is one panel of the pocket card, credit-card size
SHORT_KINDS = {"date", "time", "text"}   # two of these in a row share a line on paper

environment = Environment(loader=PackageLoader("handboek", "templates/pdf"),
                           autoescape=select_autoescape(enabled_extensions=("j2",)),
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
# A panel that reaches the page edge would be split across pages; measure the card on a tall page.
TALL_CARD = "@page { size: 170mm 400mm !important; } @page outside { size: 170mm 400mm !important; }"
HELP_CARD_TALL = "@page { size: 85mm 400mm !important; }"


def css_string(value: object) -> Markup:
    """A quoted CSS string, safe inside a <style> element."""
    text = str(value)
    for char, escaped in (("\\", "\\\\"), ('"', '\\"'), ("<", "\\3c "), ("\n", " ")):
        text = text.replace(char, escaped)
    return Markup(f'"{text}"')


environment.filters["css_string"] = css_string


@dataclass(frozen=True)
class PrintSource:
    """What every printed document is made from, for one language."""

    content: Content
    settings: Settings
    root: Path                  # the folder of municipality.yml: logo and font paths are relative to it
    demo: bool
    settings_display: str
    data_display: str           # e.g. data/nl
    today: dt.date
    chapters: tuple[Chapter, ...] = ()     # the built pages, for the whole handbook
    card: Card | None = None               # one language of the help card, for its PDFs
    facts: Facts | None = None             # the help card's numbers, websites and QR code

    @property
    def font(self) -> PdfFont:
        """The letter of the PDFs; the help card's also has a font for every script of its languages."""
        return card_font(self.settings, self.root) if self.card else pdf_font(self.settings, self.root)

    @property
    def logo(self) -> Path:
        """The gemeente's logo file."""
        return (self.root / self.settings.municipality.logo).resolve()

    def inputs(self) -> list[Path]:
        """The files, besides the HTML, that shape the PDFs: logo, fonts and the images of the pages."""
        return [self.logo, *self.font.files, *(image for chapter in self.chapters for image in chapter.images)]


def _colours(settings: Settings) -> dict[str, str]:
    """The house colours, and the shades print needs for readable text."""
    primary, accent = settings.house_style.primary_color, settings.house_style.accent_color
    return {"primary": primary, "accent": accent, "accent_text": colours.darkest_passing(accent),
            "on_accent": colours.text_on(accent), "tint": colours.tint(primary)}


def _context(source: PrintSource, title: str) -> dict[str, Any]:
    """The values every print template uses."""
    content, settings = source.content, source.settings
    page = content.texts.pdf.page
    before, _, rest = page.partition("{page}")
    between, _, after = rest.partition("{pages}")
    return {
        "lang": content.lang, "title": title, "texts": content.texts, "settings": settings,
        "font": source.font, "colours": _colours(settings), "logo": source.logo.as_uri(), "demo": source.demo,
        "officer": settings.contacts.attention_officer, "coordinator": settings.contacts.care_coordinator,
        "signals": content.signals.signals, "nonverbal": content.signals.nonverbal,
        "deputy": settings.contacts.attention_officer.deputy,
        "steps": content.steps.views(), "donts": content.steps.donts, "form": content.report_form,
        "privacy": content.privacy_rule(settings.report_channel.via, settings.report_channel.detail),
        "fallback": fill(content.texts.contact.fallback, phone=content.phone("police")),
        "minor": fill(content.texts.card.minor, phone=content.phone("veilig-thuis")), "signal_groups": content.signal_checks(),
        "qr": qr.svg(settings.handbook_url), "url_display": settings.handbook_url.removeprefix("https://"),
        "settings_display": source.settings_display, "data_display": source.data_display,
        "page_label_before": before, "page_label_between": between, "page_label_after": after,
    }


def job_from_template(source: PrintSource, template: str, title: str, name: str, measure_css: str = "",
                      **extra: Any) -> Job:
    """Render a template into a PDF job."""
    html = environment.get_template(template).render(**{**_context(source, title), **extra})
    return Job(name=name, html=html, base_url=source.root.as_uri() + "/", measure_css=measure_css)


def _rows(fields: list[FormField]) -> list[list[FormField]]:
    """Form fields in rows: two short fields in a row (date, time, a line of text) share a row."""
    rows: list[list[FormField]] = []
    for field in fields:
        if rows and len(rows[-1]) == 1 and rows[-1][0].kind in SHORT_KINDS and field.kind in SHORT_KINDS:
            rows[-1].append(field)
        else:
            rows.append([field])
    return rows


def card(source: PrintSource, name: str) -> Job:
    """The pocket card for a print shop: 170 × 55 mm with 3 mm bleed and crop marks."""
    return job_from_template(source, "card.html.j2", source.content.texts.card.title, name,
                             measure_css=TALL_CARD)


def card_a4(source: PrintSource, name: str) -> Job:
    """Five flat cards on A4 with cut and fold marks and a note on how to print; page 2 holds the insides."""
    return _sheet(card(source, name), source, source.content.texts.card.title, (CARD_WIDTH, CARD_HEIGHT),
                  (1, CARDS_PER_A4), mark=8, folds=(CARD_WIDTH / 2,), note=source.content.texts.downloads["card_a4"].text)


def _sheet(card_job: Job, source: PrintSource, title: str, size: tuple[float, float], grid: tuple[int, int],
           mark: float, folds: tuple[float, ...] = (), note: str = "", outline: bool = False, **extra: Any) -> Job:
    """A sheet of cards on A4: `grid` (columns, rows) of cards of `size` (mm), centred; its frame (cut marks, and the
    fold marks at `folds` mm into each card, the note, the outline) from cards-a4.html.j2. The cards are placed from
    the card's own PDF (pdf/sheet.py)."""
    (width, height), (columns, rows) = size, grid
    xs = [(210 - columns * width) / 2 + i * width for i in range(columns + 1)]
    ys = [(297 - rows * height) / 2 + i * height for i in range(rows + 1)]
    frame = job_from_template(source, "cards-a4.html.j2", title, card_job.name, xs=xs, ys=ys, mark=mark, note=note,
                              outline=outline, folds=[xs[0] + fold for fold in folds], **extra)
    return replace(card_job, frame=frame.html, slots=tuple((x, y) for y in ys[:-1] for x in xs[:-1]))


def help_card(source: PrintSource, name: str) -> Job:
    """The help card for the person, 85 × 55 mm with 3 mm bleed and crop marks: the front, then the back."""
    card, facts = source.card, source.facts
    words = card.data.texts
    before, _, after = words.emergency.partition(facts.emergency)
    return job_from_template(source, "help-card.html.j2", words.title, name, measure_css=HELP_CARD_TALL,
                             lang=card.code, dir=card.data.direction, words=words,
                             contacts=card.contacts(facts, source.settings.contacts.care_coordinator),
                             emergency=(before, facts.emergency, after), qr=qr.svg(facts.qr_url),
                             qr_display=facts.qr_url.removeprefix("https://"), concept=not card.reviewed,
                             card_display=card.path)


def help_card_a4(source: PrintSource, name: str) -> Job:
    """Ten help cards on A4 with an outline and cut marks; page 2 holds the backs."""
    return _sheet(help_card(source, name), source, source.card.data.texts.title, (HELP_CARD_WIDTH, CARD_HEIGHT),
                  (2, 5), mark=7, outline=True, lang=source.card.code, dir=source.card.data.direction)


def checklist(source: PrintSource, name: str) -> Job:
    """The signals checklist, one A4."""
    return job_from_template(source, "checklist.html.j2", source.content.texts.checklist.title, name)


def report_form(source: PrintSource, name: str) -> Job:
    """The blank report form, A4."""
    return job_from_template(source, "report-form.html.j2", source.content.report_form.title, name,
                             sections=[(section.title, _rows(section.fields))
                                       for section in source.content.report_form.sections])


def handbook(source: PrintSource, name: str) -> Job:
    """The whole handbook of one language: a title page, the contents with page numbers, every page."""
    texts = source.content.texts
    made_on = fill(texts.pdf.made_on, date=review.long_date(source.today, source.content.lang))
    return job_from_template(source, "handbook.html.j2", texts.site.name, name, chapters=source.chapters,
                             made_on=made_on)
