"""What shortcodes put into pages, generated from the data: signals, steps, contacts, organisations, forms,
downloads and help cards, as Markdown or HTML; and lists about the handbook itself: the translation status and
what changed."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from textwrap import indent
from urllib.parse import urlsplit

from handboek.model import phone, review
from handboek.model.content import Content, ExtraSignal, FormField, Source
from handboek.model.pages import language_root, url_dir
from handboek.model.project import Project
from handboek.model.settings import Settings
from handboek.model.texts import fill
from handboek.pdf import products

WHAT_TO_DO_PAGE = "wat-te-doen.md"
REPORT_FORM_PAGE = "meldingsformulier.md"
LEAFLET = "leaflet"       # the source this handbook started from; items from it alone carry no source line


@dataclass(frozen=True)
class HostPage:
    """The page that a generated block is placed on, and the relative links from it."""

    lang: str
    rel: str                 # path inside the language folder, e.g. over/index.md

    def link_to_page(self, target: str) -> str:
        """A relative Markdown link from this page to another page of the same language."""
        return posixpath.relpath(target, posixpath.dirname(self.rel) or ".")

    def link_to_file(self, target: str) -> str:
        """A relative URL from this page's built location to a file of the same language."""
        return posixpath.relpath(target, url_dir(self.rel))

    def url_of_page(self, target: str) -> str:
        """A relative URL from this page's built location to another page, for raw HTML that MkDocs leaves as is."""
        return posixpath.relpath(url_dir(target), url_dir(self.rel)) + "/"


def cited(content: Content, ids: list[str]) -> str:
    """`Bron: title · title` for a data item that a source besides the leaflet supports; empty for leaflet-only items."""
    if all(source_id == LEAFLET for source_id in ids):
        return ""
    links = " · ".join(_source_link(content.sources[source_id], content.lang) for source_id in ids)
    return f'<p class="source-line">{escape(content.texts.sources.label)}: {links}</p>'


def _source_link(source: Source, lang: str) -> str:
    """A source's title, linked to it when it is on the web."""
    title = escape(source.title_in(lang))
    return f'<a href="{escape(source.url)}">{title}</a>' if source.url else title


def _read_source(content: Content, source_id: str) -> str:
    """A source's title, linked when it is on the web, and the date it was read."""
    source = content.sources[source_id]
    read = fill(content.texts.sources.read_on, date=review.long_date(source.read_on, content.lang))
    return f"{_source_link(source, content.lang)}, {escape(read)}"


def sources(content: Content, ids: list[str]) -> str:
    """The sources of a page, each with the date it was read."""
    items = "".join(f"<li>{_read_source(content, source_id)}</li>" for source_id in dict.fromkeys(ids))
    return f'<ul class="sources">{items}</ul>\n'


def _signal(content: Content, heading: str, signal: ExtraSignal) -> str:
    """One signal: a heading with the signal's anchor, its explanation and its source."""
    return f"### {heading} {{#{signal.id}}}\n\n{signal.text}\n\n{cited(content, signal.sources)}\n"


def signals(content: Content, about: str = "person") -> str:
    """The leaflet's signals about a person (or an address), as numbered headings with their explanation."""
    return "\n".join(_signal(content, f"{number}. {signal.title}", signal)
                     for number, signal in content.signals.about(about))


def more_signals(content: Content) -> str:
    """The signals other sources name, each with its source."""
    signals = [_signal(content, signal.title, signal) for signal in content.signals.more]
    return "\n".join([f"{content.texts.signals.more_note}\n", *signals])


def nonverbal(content: Content) -> str:
    """The non-verbal signals: explanation and list."""
    block = content.signals.nonverbal
    items = "\n".join(f"- {item}" for item in block.items)
    return f"{block.text}\n\n{items}\n\n{cited(content, block.sources)}\n"


def steps(content: Content) -> str:
    """Each step as a numbered heading with its condition, its explanation and, after a conditional run, what to do
    otherwise."""
    parts = []
    for view in content.steps.views():
        label = fill(content.texts.steps.step, n=view.number)
        part = f"### {label}: {view.step.title} {{#{view.step.id}}}\n\n"
        if view.condition is not None:
            part += f'!!! warning "{escape(view.condition.label)}"\n\n'
        part += f"{view.step.text}\n\n{cited(content, view.step.sources)}\n"
        if view.closes and view.condition is not None:
            part += f'\n!!! danger "{escape(view.condition.otherwise_title)}"\n\n{indent(view.condition.otherwise, "    ")}\n'
        parts.append(part)
    return "\n".join(parts)


def steps_summary(content: Content, host: HostPage) -> str:
    """The steps on one screen: a numbered list linking to the full steps, each with its condition."""
    target = host.link_to_page(WHAT_TO_DO_PAGE)
    lines = []
    for view in content.steps.views():
        line = f"{view.number}. [{view.step.short}]({target}#{view.step.id})"
        if view.condition is not None:
            line += f" — *{view.condition.label}*"
        if view.closes and view.condition is not None:
            line += f"\n\n    **{view.condition.otherwise_title}** {view.condition.otherwise}\n"
        lines.append(line)
    return "\n".join(lines) + "\n"


def donts(content: Content) -> str:
    """What not to do, as a list with the reason for each."""
    items = []
    for item in content.steps.donts.items:
        short = item.short if item.short.endswith((".", "!", "?")) else item.short + "."
        source = cited(content, item.sources)
        items.append(f"- **{short}** {item.text}" + (f"\n\n    {source}" if source else ""))
    return "\n".join(items) + "\n"


def _phone_link(number: str) -> str:
    """A `tel:` link that shows the number as written."""
    return f'<a href="{escape(phone.tel_href(number))}">{escape(number)}</a>'


def _mail_link(address: str) -> str:
    """A `mailto:` link."""
    return f'<a href="mailto:{escape(address)}">{escape(address)}</a>'


def _web_link(url: str) -> str:
    """A link that shows the site's host name."""
    host = urlsplit(url).netloc.removeprefix("www.")
    return f'<a href="{escape(url)}">{escape(host)}</a>'


def _detail(label: str, value_html: str) -> str:
    """One term and its description."""
    return f"<dt>{escape(label)}</dt><dd>{value_html}</dd>"


def _or_not_set(value: str, not_set: str, render: Callable[[str], str] = escape) -> str:
    """The rendered value, or a clearly marked placeholder when the gemeente has not filled it in."""
    return render(value) if value else f'<span class="not-set">{escape(not_set)}</span>'


def contact(content: Content, settings: Settings, role: str) -> str:
    """The gemeente's own contact for `role`, from municipality.yml; the aandachtsfunctionaris with the deputy and
    whom to call when neither answers."""
    labels = content.texts.contact
    person, title = getattr(settings.contacts, role), getattr(labels, role)
    if role == "interpreter" and not (person.name or person.phone):
        return (f'<div class="contact-card contact-card--interpreter"><p class="contact-card__role">{escape(title)}'
                f'</p><p>{escape(labels.interpreter_not_set)}</p></div>\n')
    rows = [_detail(labels.phone, _or_not_set(person.phone, labels.not_set, _phone_link))]
    if role != "interpreter":
        rows.append(_detail(labels.email, _or_not_set(person.email, labels.not_set, _mail_link)))
    if person.available:
        rows.append(_detail(labels.available, escape(person.available)))
    if role == "care_coordinator" and person.website:
        rows.append(_detail(labels.website, _web_link(person.website)))
    after = ""
    if role == "attention_officer":
        deputy = person.deputy
        if deputy.is_set:
            reach = " · ".join([*([_phone_link(deputy.phone)] if deputy.phone else []),
                                *([_mail_link(deputy.email)] if deputy.email else [])])
            rows.append(_detail(labels.deputy, f"{escape(deputy.name)}, {reach}"))
        after = f'<p class="contact-card__fallback">{_fallback(content)}</p>'
    name = person.organisation if role == "care_coordinator" else person.name
    return (f'<div class="contact-card contact-card--{role.replace("_", "-")}">'
            f'<p class="contact-card__role">{escape(title)}</p>'
            f'<p class="contact-card__name">{_or_not_set(name, labels.not_set)}</p>'
            f'<dl class="contact-card__details">{"".join(rows)}</dl>{after}</div>\n')


def _fallback(content: Content) -> str:
    """Whom to call when neither the aandachtsfunctionaris nor the deputy answers, with the number as a link."""
    number = content.phone("police")
    return fill(escape(content.texts.contact.fallback), phone=_phone_link(number) if number else "")


def privacy_block(content: Content, settings: Settings) -> str:
    """The privacy rule as it stands on the pages and under the on-screen form."""
    lines = content.privacy_rule(settings.report_channel.via, settings.report_channel.detail)
    return f'<div class="privacy-rule">{"".join(f"<p>{escape(line)}</p>" for line in lines)}</div>\n'


def organisations(content: Content) -> str:
    """Every organisation: a heading, what it does, when to contact it, contact details and source."""
    labels, contact_labels = content.texts.organisation, content.texts.contact
    parts = []
    for organisation in content.organisations:
        text = organisation.texts[content.lang]
        details = [(labels.what, text.what, escape), (labels.when, text.when, escape),
                   (contact_labels.phone, organisation.phone, _phone_link),
                   (contact_labels.phone_abroad, organisation.phone_abroad, _phone_link),
                   (contact_labels.available, text.hours, escape), (contact_labels.email, organisation.email, _mail_link),
                   (contact_labels.website, organisation.website, _web_link)]
        rows = [_detail(label, render(value)) for label, value, render in details if value]
        cites = "<br>".join(_read_source(content, source_id) for source_id in organisation.sources)
        rows.append(_detail(content.texts.sources.label, cites))
        parts.append(f"### {text.name} {{#org-{organisation.id}}}\n\n"
                     f'<dl class="organisation">{"".join(rows)}</dl>\n')
    return "\n".join(parts)


def _field(content: Content, field: FormField) -> str:
    """One field of the on-screen form: a labelled input, or a group of check boxes (signals) or radio buttons."""
    field_id = f"rf-{field.id}"
    help_id = f"{field_id}-help"
    described = f' aria-describedby="{help_id}"' if field.help else ""
    help_html = f'<p class="report-form__help" id="{help_id}">{escape(field.help)}</p>' if field.help else ""
    if field.kind not in {"signals", "choice"}:
        if field.kind == "textarea":
            control = f'<textarea id="{field_id}" name="{field.id}" rows="{field.lines}"{described}></textarea>'
        else:
            control = f'<input id="{field_id}" name="{field.id}" type="{field.kind}"{described}>'
        return (f'<div class="report-form__field report-form__field--{field.kind}">'
                f'<label for="{field_id}">{escape(field.label)}</label>{help_html}{control}</div>')
    if field.kind == "signals":
        groups, kind = content.signal_checks(), "checkbox"
    else:
        groups = [("", [(f"{field.id}-{n}", option) for n, option in enumerate(field.options, 1)])]
        kind = "radio"
    boxes = "".join(
        (f'<p class="report-form__group">{escape(title)}</p>' if title else "")
        + "".join(f'<label class="report-form__check"><input type="{kind}" name="{field.id}" '
                  f'value="{escape(value)}"> {escape(text)}</label>' for value, text in items)
        for title, items in groups)
    return (f'<fieldset class="report-form__field report-form__{field.kind}"{described}>'
            f'<legend>{escape(field.label)}</legend>{help_html}{boxes}</fieldset>')


def report_form(content: Content, settings: Settings) -> str:
    """The report form as an HTML form that staff fill in on screen and print; nothing is sent or kept."""
    form = content.report_form
    rows = [f'<p class="report-form__intro">{escape(form.intro)}</p>']
    for section in form.sections:
        fields = "".join(_field(content, field) for field in section.fields)
        rows.append(f'<fieldset class="report-form__section"><legend>{escape(section.title)}</legend>{fields}</fieldset>')
    labels = content.texts.form
    rows.append('<div class="report-form__actions">'
                f'<button type="button" class="md-button md-button--primary" data-report-form="print">'
                f'{escape(labels.print)}</button> '
                f'<button type="reset" class="md-button">{escape(labels.clear)}</button></div>')
    rows.append(f'<div class="report-form__privacy">{privacy_block(content, settings)}</div>')
    return (f'<form class="report-form" id="rf-form" autocomplete="off" method="dialog" '
            f'aria-label="{escape(form.title)}">{"".join(rows)}</form>\n')


def report_form_link(content: Content, settings: Settings, host: HostPage) -> str:
    """Where staff find the form: the gemeente's own form first, when it has one."""
    labels = content.texts.form
    sentences = []
    if settings.report_form_url:
        sentences.append(fill(labels.own_form, link=f"[{urlsplit(settings.report_form_url).netloc}]"
                                                    f"({settings.report_form_url})"))
    pdf = host.link_to_file(products.DOWNLOADS_DIR + content.texts.downloads["report_form"].file)
    sentences.append(fill(labels.handbook_form,
                          form=f"[{labels.form_link}]({host.link_to_page(REPORT_FORM_PAGE)})",
                          pdf=f'<a href="{escape(pdf)}">{escape(labels.pdf_link)}</a>'))
    return " ".join(sentences) + "\n"


def downloads(content: Content, host: HostPage) -> str:
    """The printable files of this language, with what each is for; a product with a page (one PDF for each of its
    editions) is one item that links to that page, once."""
    items, pages = [], set()
    for product in products.PRODUCTS:
        if product.page and product.page in pages:
            continue
        pages.add(product.page)
        item = content.texts.downloads[product.kind]
        href = host.url_of_page(product.page) if product.page else host.link_to_file(products.DOWNLOADS_DIR + item.file)
        kind_label = "" if product.page else ' <span class="downloads__type">PDF</span>'
        items.append(f'<li><a class="downloads__link" href="{escape(href)}">{escape(item.title)}</a>{kind_label}'
                     f'<br>{escape(item.text)}</li>')
    return f'<ul class="downloads">{"".join(items)}</ul>\n'


def help_cards(project: Project, host: HostPage) -> str:
    """Every help card language: its own name, a preview of the front, its PDFs, and whether a person reviewed it."""
    content = project.contents[host.lang]
    labels, parts = content.texts.help_card, []
    how_to_print = escape(content.texts.downloads["help_card_a4"].text)
    made = {(output.edition, output.product.kind): output for output in products.outputs(project) if output.edition}
    page_dir = language_root(host.lang, project.default_language) + url_dir(host.rel)     # this page's folder in the site
    for card in project.help_cards.chosen_cards():
        name, code, direction = escape(card.data.name), escape(card.code), escape(card.data.direction)
        single, sheet = made[card.code, "help_card"], made[card.code, "help_card_a4"]
        pdf, a4, preview = (escape(posixpath.relpath(path, page_dir)) for path in (single.path, sheet.path, single.preview_path))
        state = ""                      # the Dutch source text has no review mark: it is signed off with the handbook
        if not card.reviewed:
            state = f'<p class="help-card__state help-card__state--concept"><strong>{escape(labels.not_reviewed)}</strong></p>'
        elif card.data.reviewed_on:
            when = review.long_date(card.data.reviewed_on, content.lang)
            state = f'<p class="help-card__state">{escape(fill(labels.reviewed, name=card.data.reviewed_by, date=when))}</p>'
        parts.append(
            f'<section class="help-card" id="help-card-{code}">\n'
            f'<h3 lang="{code}" dir="{direction}">{name}</h3>\n'
            f'<p><img class="help-card__preview" src="{preview}" width="340" '
            f'alt="{escape(fill(labels.preview, language=card.data.name))}" loading="lazy"></p>\n'
            f'{state}\n<ul class="downloads">'
            f'<li><a class="downloads__link" href="{pdf}" hreflang="{code}">{escape(labels.card)}</a></li>'
            f'<li><a class="downloads__link" href="{a4}" hreflang="{code}">{escape(labels.sheet)}</a>'
            f'<br>{how_to_print}</li></ul>\n</section>\n')
    return '<div class="help-cards">\n' + "\n".join(parts) + "</div>\n"


def _cell(text: str) -> str:
    """Text that is safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _table(*rows: tuple[str, str, str]) -> str:
    """A Markdown table of three columns; the first row is its header."""
    lines = [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join([lines[0], "|---|---|---|", *lines[1:]]) + "\n"


def translation_status(project: Project, host: HostPage, preview: bool) -> str:
    """A table with the status of every translated page and data file; a preview of one language has none."""
    labels = project.contents[host.lang].texts.status
    if preview:
        return labels.one_language + "\n"
    words = {"current": labels.current, "outdated": labels.outdated, "missing": labels.missing}
    return _table((labels.source, labels.language, labels.status),
                  *((f"`{_cell(entry.source)}`", entry.lang, words[entry.status]) for entry in project.translations))


def changes(project: Project, host: HostPage) -> str:
    """Every change note of this language's pages, newest first, linked to its page."""
    labels = project.contents[host.lang].texts.changes
    notes = sorted(((change.date, page.title or rel, rel, change.note)
                    for rel, page in project.pages.get(host.lang, {}).items() if page.meta is not None
                    for change in page.meta.changes), key=lambda note: (-note[0].toordinal(), note[1]))
    if not notes:
        return labels.none + "\n"
    return _table((labels.date, labels.page, labels.change),
                  *((review.long_date(day, host.lang), f"[{_cell(title)}]({host.link_to_page(rel)})", _cell(note))
                    for day, title, rel, note in notes))
