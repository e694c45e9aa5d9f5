"""The blocks that shortcodes put into pages: signals, steps, contacts, organisations, forms, downloads."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from handboek import phone, review
from handboek.content import Content
from handboek.settings import Settings
from handboek.texts import fill

WHAT_TO_DO_PAGE = "wat-te-doen.md"
REPORT_FORM_PAGE = "meldingsformulier.md"
DOWNLOADS_DIR = "downloads/"


@dataclass(frozen=True)
class Where:
    """The page a block is placed on."""

    lang: str
    rel: str                 # path inside the language folder, e.g. over/index.md

    def link_to_page(self, target: str) -> str:
        """A relative Markdown link from this page to another page of the same language."""
        return posixpath.relpath(target, posixpath.dirname(self.rel) or ".")

    def link_to_file(self, target: str) -> str:
        """A relative URL from this page's built location to a file of the same language."""
        return posixpath.relpath(target, url_dir(self.rel))


def language_root(lang: str, default_language: str) -> str:
    """The folder of a language's pages in the site: "" for the default language, e.g. "en/" for English."""
    return "" if lang == default_language else f"{lang}/"


def url_dir(rel: str) -> str:
    """The folder a page is published in: `signalen.md` → `signalen`, `over/index.md` → `over`."""
    stem = rel.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return posixpath.dirname(stem) or "."
    return stem


def signals(content: Content) -> str:
    """Each signal as a numbered heading with its explanation."""
    parts = []
    for number, signal in enumerate(content.signals.signals, start=1):
        parts.append(f"### {number}. {signal.title} {{#{signal.id}}}\n\n{signal.text}\n")
    return "\n".join(parts)


def nonverbal(content: Content) -> str:
    """The non-verbal signals: explanation and list."""
    block = content.signals.nonverbal
    items = "\n".join(f"- {item}" for item in block.items)
    return f"{block.text}\n\n{items}\n"


def steps(content: Content) -> str:
    """Each step as a numbered heading with its explanation."""
    parts = []
    for number, step in enumerate(content.steps.steps, start=1):
        label = fill(content.texts.steps.step, n=number)
        parts.append(f"### {label}: {step.title} {{#{step.id}}}\n\n{step.text}\n")
    return "\n".join(parts)


def steps_summary(content: Content, where: Where) -> str:
    """The steps on one screen: a numbered list linking to the full steps."""
    target = where.link_to_page(WHAT_TO_DO_PAGE)
    return "\n".join(f"{n}. [{step.short}]({target}#{step.id})" for n, step in enumerate(content.steps.steps, 1)) + "\n"


def donts(content: Content) -> str:
    """What not to do, as a list with the reason for each."""
    items = []
    for item in content.steps.donts.items:
        short = item.short if item.short.endswith((".", "!", "?")) else item.short + "."
        items.append(f"- **{short}** {item.text}")
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


def _or_not_set(value: str, render: object, not_set: str) -> str:
    """The rendered value, or a clearly marked placeholder when the gemeente has not filled it in."""
    if value:
        return render(value) if callable(render) else escape(value)
    return f'<span class="not-set">{escape(not_set)}</span>'


def contact(content: Content, settings: Settings, role: str) -> str:
    """The gemeente's own contact for `role`, from municipality.yml."""
    labels = content.texts.contact
    not_set = labels.not_set
    if role == "attention_officer":
        person = settings.contacts.attention_officer
        title, name = labels.attention_officer, person.name
        extra = ""
    else:
        person = settings.contacts.care_coordinator
        title, name = labels.care_coordinator, person.organisation
        extra = _detail(labels.website, _web_link(person.website)) if person.website else ""
    details = "".join([
        _detail(labels.phone, _or_not_set(person.phone, _phone_link, not_set)),
        _detail(labels.email, _or_not_set(person.email, _mail_link, not_set)),
        _detail(labels.available, escape(person.available)) if person.available else "",
        extra,
    ])
    return (f'<div class="contact-card contact-card--{role.replace("_", "-")}">'
            f'<p class="contact-card__role">{escape(title)}</p>'
            f'<p class="contact-card__name">{_or_not_set(name, None, not_set)}</p>'
            f'<dl class="contact-card__details">{details}</dl></div>\n')


def organisations(content: Content) -> str:
    """Every organisation: a heading, what it does, when to contact it, contact details and source."""
    labels, contact_labels = content.texts.organisation, content.texts.contact
    parts = []
    for organisation in content.organisations:
        text = content.organisation_text(organisation)
        rows = [_detail(labels.what, escape(text.what)), _detail(labels.when, escape(text.when))]
        if organisation.phone:
            rows.append(_detail(contact_labels.phone, _phone_link(organisation.phone)))
        if organisation.phone_abroad:
            rows.append(_detail(contact_labels.phone_abroad, _phone_link(organisation.phone_abroad)))
        if text.hours:
            rows.append(_detail(contact_labels.available, escape(text.hours)))
        if organisation.email:
            rows.append(_detail(contact_labels.email, _mail_link(organisation.email)))
        if organisation.website:
            rows.append(_detail(contact_labels.website, _web_link(organisation.website)))
        checked = fill(labels.verified_on, date=review.long_date(organisation.verified_on, content.lang))
        rows.append(_detail(labels.source, f"{_web_link(organisation.source)}, {escape(checked)}"))
        parts.append(f"### {text.name} {{#org-{organisation.id}}}\n\n"
                     f'<dl class="organisation">{"".join(rows)}</dl>\n')
    return "\n".join(parts)


def report_form(content: Content) -> str:
    """The report form as an HTML form that staff fill in on screen and print; nothing is sent or kept."""
    form = content.report_form
    rows = [f'<p class="report-form__intro">{escape(form.intro)}</p>']
    for field in form.fields:
        field_id = f"rf-{field.id}"
        help_id = f"{field_id}-help"
        described = f' aria-describedby="{help_id}"' if field.help else ""
        help_html = f'<p class="report-form__help" id="{help_id}">{escape(field.help)}</p>' if field.help else ""
        if field.kind == "signals":
            boxes = "".join(
                f'<label class="report-form__check"><input type="checkbox" name="signals" '
                f'value="{signal.id}"> {escape(signal.short)}</label>'
                for signal in content.signals.signals)
            boxes += (f'<label class="report-form__check"><input type="checkbox" name="signals" value="nonverbal"> '
                      f'{escape(content.signals.nonverbal.short)}</label>')
            rows.append(f'<fieldset class="report-form__field report-form__signals"{described}>'
                        f'<legend>{escape(field.label)}</legend>{help_html}{boxes}</fieldset>')
            continue
        if field.kind == "textarea":
            control = f'<textarea id="{field_id}" name="{field.id}" rows="{field.lines}"{described}></textarea>'
        else:
            control = f'<input id="{field_id}" name="{field.id}" type="{field.kind}"{described}>'
        rows.append(f'<div class="report-form__field report-form__field--{field.kind}">'
                    f'<label for="{field_id}">{escape(field.label)}</label>{help_html}{control}</div>')
    labels = content.texts.form
    rows.append('<div class="report-form__actions">'
                f'<button type="button" class="md-button md-button--primary" data-report-form="print">'
                f'{escape(labels.print)}</button> '
                f'<button type="reset" class="md-button">{escape(labels.clear)}</button></div>')
    rows.append(f'<p class="report-form__privacy">{escape(form.privacy)}</p>')
    return (f'<form class="report-form" id="rf-form" autocomplete="off" method="dialog" '
            f'aria-label="{escape(form.title)}">{"".join(rows)}</form>\n')


def report_form_link(content: Content, settings: Settings, where: Where) -> str:
    """Where staff find the form: the gemeente's own form first, when it has one."""
    labels = content.texts.form
    sentences = []
    if settings.report_form_url:
        sentences.append(fill(labels.own_form, link=f"[{urlsplit(settings.report_form_url).netloc}]"
                                                    f"({settings.report_form_url})"))
    pdf = where.link_to_file(DOWNLOADS_DIR + content.texts.downloads.report_form.file)
    sentences.append(fill(labels.handbook_form,
                          form=f"[{labels.form_link}]({where.link_to_page(REPORT_FORM_PAGE)})",
                          pdf=f'<a href="{escape(pdf)}">{escape(labels.pdf_link)}</a>'))
    return " ".join(sentences) + "\n"


def downloads(content: Content, where: Where) -> str:
    """The printable files of this language, with what each is for."""
    texts = content.texts.downloads
    items = []
    for item in (texts.card, texts.card_a4, texts.checklist, texts.report_form, texts.handbook):
        href = where.link_to_file(DOWNLOADS_DIR + item.file)
        items.append(f'<li><a class="downloads__link" href="{escape(href)}">{escape(item.title)}</a> '
                     f'<span class="downloads__type">PDF</span><br>{escape(item.text)}</li>')
    return f'<ul class="downloads">{"".join(items)}</ul>\n'
