"""`data/<lang>/texts.yml`: the fixed texts of the site chrome, the card, the forms and the PDFs."""

from __future__ import annotations

from pydantic import Field

from handboek.model.fields import Record, Text, Translatable


class SiteTexts(Record):
    """Texts around every page."""

    name: Text
    header: Text = Field(json_schema_extra={"example": '"{name} · {municipality}"'})
    demo_banner: Text
    last_reviewed: Text = Field(json_schema_extra={"example": '"Laatst gecontroleerd op {date}"'})
    review_due: Text = Field(json_schema_extra={"example": '"Deze pagina moest op {date} opnieuw gecontroleerd worden."'})
    owner: Text = Field(json_schema_extra={"example": '"Eigenaar: {owner}"'})
    colophon: Text
    about: Text


class ContactTexts(Record):
    """Labels of the contact blocks."""

    attention_officer: Text
    care_coordinator: Text
    phone: Text
    phone_abroad: Text
    email: Text
    available: Text
    website: Text
    not_set: Text
    deputy: Text
    interpreter: Text
    interpreter_not_set: Text
    fallback: Text = Field(json_schema_extra={"example": '"Niemand bereikbaar? Bel de politie: {phone}."'})


class OrganisationTexts(Record):
    """Labels of the organisation list."""

    what: Text
    when: Text


class SourceTexts(Record):
    """How a source is cited."""

    label: Text = Field(json_schema_extra={"example": '"Bron"'})
    title: Text = Field(json_schema_extra={"example": '"Bronnen"'})
    read_on: Text = Field(json_schema_extra={"example": '"gelezen op {date}"'})


class SignalTexts(Record):
    """The groups of signals."""

    person: Text
    address: Text
    more: Text
    more_note: Text


class PrivacyTexts(Record):
    """One privacy rule for the form, the checklist and every page that mentions them."""

    title: Text
    rule: Text
    envelope: Text
    secure_email: Text = Field(json_schema_extra={"example": '"Stuur het als pdf met beveiligde e-mail naar {detail}."'})
    case_system: Text = Field(json_schema_extra={"example": '"Zet het als pdf in {detail}."'})
    delete_pdf: Text
    keep_nothing: Text
    never: Text


class DownloadItem(Record):
    """One printable file on the downloads page."""

    file: Text = Field(pattern=r"^[a-z0-9-]*(\{language\}[a-z0-9-]*)?\.pdf$",
                       json_schema_extra={"example": "zakkaart.pdf   (per card language: hulpkaartje-{language}.pdf)"})
    title: Text
    text: Text


class CardTexts(Record):
    """The pocket card."""

    title: Text
    subtitle: Text
    signals: Text
    indications: Text
    steps: Text
    emergency: Text
    emergency_where: Text
    minor: Text = Field(json_schema_extra={"example": '"Jonger dan 18? Meld het meteen. Bel Veilig Thuis: {phone}."'})
    report_to: Text
    care: Text
    qr_caption: Text


class HelpCardPageTexts(Record):
    """The list of help card languages on the help card page."""

    card: Text = Field(json_schema_extra={"example": '"Kaartje voor de drukker"'})
    sheet: Text = Field(json_schema_extra={"example": '"Tien kaartjes op A4"'})
    preview: Text = Field(json_schema_extra={"example": '"De voorkant van het hulpkaartje in het {language}"'})
    not_reviewed: Text = Field(json_schema_extra={"example": '"Nog niet gecontroleerd."'})
    reviewed: Text = Field(json_schema_extra={"example": '"Gecontroleerd door {name} op {date}."'})


class ChecklistTexts(Record):
    """The signals checklist."""

    title: Text
    intro: Text
    date: Text
    time: Text
    desk: Text
    initials: Text
    seen_heard: Text
    next_step: Text


class FormTexts(Record):
    """The on-screen report form."""

    print: Text
    clear: Text
    report_to: Text
    own_form: Text = Field(json_schema_extra={"example": '"Gebruik het meldingsformulier van je gemeente: {link}."'})
    handbook_form: Text = Field(json_schema_extra={"example": '"Gebruik het {form} op dit intranet. Of druk het {pdf} af."'})
    form_link: Text
    pdf_link: Text


class PdfTexts(Record):
    """Words used in every PDF."""

    demo_mark: Text
    contents: Text
    page: Text = Field(json_schema_extra={"example": '"Pagina {page} van {pages}"'})
    made_on: Text = Field(json_schema_extra={"example": '"Gemaakt op {date}"'})
    handbook_subtitle: Text


class StepsTexts(Record):
    """Labels of the step lists."""

    step: Text = Field(json_schema_extra={"example": '"Stap {n}"'})


class StatusTexts(Record):
    """The translation status table."""

    page: Text
    language: Text
    status: Text
    current: Text
    outdated: Text
    missing: Text
    one_language: Text     # a preview that builds one language has no translations to compare
    source: Text


class ChangesTexts(Record):
    """The list of changes."""

    page: Text
    date: Text
    change: Text
    none: Text


class Texts(Translatable):
    """All fixed texts of one language."""

    site: SiteTexts
    contact: ContactTexts
    organisation: OrganisationTexts
    sources: SourceTexts
    signals: SignalTexts
    privacy: PrivacyTexts
    steps: StepsTexts
    downloads: dict[str, DownloadItem] = Field(json_schema_extra={"example": "{card: {file: ..., title: ..., text: ...}}"})
    card: CardTexts
    help_card: HelpCardPageTexts
    checklist: ChecklistTexts
    form: FormTexts
    pdf: PdfTexts
    status: StatusTexts
    changes: ChangesTexts


def fill(template: str, **values: object) -> str:
    """Put values into `{name}` placeholders; an editor's typo in a placeholder never crashes the build."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template
