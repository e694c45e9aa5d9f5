"""The content model: signals, steps, report form, organisations and fixed texts, one place per language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from handboek import yamlfile
from handboek.problems import Problem, ProblemsFound
from handboek.fieldtypes import Email, Phone, Text, Url
from handboek.texts import Texts
from handboek.validation import problems_from_validation_error

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Record(BaseModel):
    """A record in a data file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Translatable(_Record):
    """A per-language data file; translations record which nl version they follow."""

    translated_from: str = Field(default="", json_schema_extra={"example": "3f9a0c12d4e5"})


class Signal(_Record):
    """One signal at the counter."""

    id: Id = Field(json_schema_extra={"example": "companion-holds-id"})
    short: Text = Field(min_length=1, max_length=48, json_schema_extra={"example": '"Begeleider heeft het paspoort of ID"'})
    title: Text = Field(min_length=1, json_schema_extra={"example": '"De begeleider heeft het paspoort of ID"'})
    text: Text = Field(min_length=1, json_schema_extra={"example": '"Je vraagt om een ID-bewijs. De begeleider geeft het."'})


class NonVerbal(_Record):
    """The non-verbal signals."""

    short: Text = Field(min_length=1, max_length=60, json_schema_extra={"example": '"Let op: timide houding, angstig gezicht"'})
    title: Text = Field(min_length=1, json_schema_extra={"example": '"Let ook op lichaamstaal"'})
    items: list[Text] = Field(min_length=1, json_schema_extra={"example": '["Een timide houding"]'})
    text: Text = Field(min_length=1, json_schema_extra={"example": '"Kijk ook naar de houding."'})


class SignalsFile(_Translatable):
    """`data/<lang>/signals.yml`."""

    signals: list[Signal] = Field(min_length=1, json_schema_extra={"example": "[- id: ..., short: ...]"})
    nonverbal: NonVerbal = Field(json_schema_extra={"example": "{short: ..., title: ..., items: ..., text: ...}"})


class Step(_Record):
    """One step at the counter."""

    id: Id = Field(json_schema_extra={"example": "look-listen"})
    short: Text = Field(min_length=1, max_length=40, json_schema_extra={"example": '"Kijk en luister"'})
    title: Text = Field(min_length=1, json_schema_extra={"example": '"Kijk en luister goed"'})
    text: Text = Field(min_length=1, json_schema_extra={"example": '"Kijk naar de persoon."'})


class Dont(_Record):
    """Something not to do."""

    id: Id = Field(json_schema_extra={"example": "no-confronting"})
    short: Text = Field(min_length=1, max_length=40, json_schema_extra={"example": '"Confronteer de begeleider niet"'})
    text: Text = Field(min_length=1, json_schema_extra={"example": '"Dat kan de persoon in gevaar brengen."'})


class Donts(_Record):
    """The list of things not to do."""

    title: Text = Field(min_length=1, json_schema_extra={"example": '"Wat doe je niet?"'})
    items: list[Dont] = Field(min_length=1, json_schema_extra={"example": "[- id: ..., short: ..., text: ...]"})


class StepsFile(_Translatable):
    """`data/<lang>/steps.yml`."""

    steps: list[Step] = Field(min_length=1, json_schema_extra={"example": "[- id: ..., short: ...]"})
    donts: Donts = Field(json_schema_extra={"example": "{title: ..., items: ...}"})


FieldKind = Literal["date", "time", "text", "textarea", "signals"]


class FormField(_Record):
    """One field of the report form."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")] = Field(json_schema_extra={"example": "seen"})
    kind: FieldKind = Field(json_schema_extra={"example": "textarea"})
    label: Text = Field(min_length=1, json_schema_extra={"example": '"Wat heb je gezien?"'})
    help: Text = Field(default="", json_schema_extra={"example": '"Beschrijf wat je zag."'})
    lines: int = Field(default=1, ge=1, le=12, json_schema_extra={"example": "5"})


class ReportFormFile(_Translatable):
    """`data/<lang>/report-form.yml`: the fields of the printed and the on-screen form."""

    title: Text = Field(min_length=1, json_schema_extra={"example": '"Meldingsformulier"'})
    intro: Text = Field(min_length=1, json_schema_extra={"example": '"Schrijf feiten op."'})
    fields: list[FormField] = Field(min_length=1, json_schema_extra={"example": "[- id: ..., kind: ..., label: ...]"})
    privacy: Text = Field(min_length=1, json_schema_extra={"example": '"Dit formulier bevat persoonsgegevens."'})

    @field_validator("fields")
    @classmethod
    def _unique(cls, fields: list[FormField]) -> list[FormField]:
        """Field ids are unique."""
        seen = [f.id for f in fields]
        doubles = sorted({i for i in seen if seen.count(i) > 1})
        if doubles:
            raise ValueError(f"the field id {doubles[0]!r} is used twice")
        return fields


class OrganisationText(_Record):
    """What an organisation does, in one language."""

    name: Text = Field(min_length=1, json_schema_extra={"example": '"Politie"'})
    what: Text = Field(min_length=1, json_schema_extra={"example": '"De politie neemt meldingen op."'})
    when: Text = Field(min_length=1, json_schema_extra={"example": '"Bij een vermoeden van mensenhandel."'})
    hours: Text = Field(default="", json_schema_extra={"example": '"ma–vr 09:00–17:00"'})


class Organisation(_Record):
    """An organisation in the referral chain, with its source and the date it was checked."""

    id: Id = Field(json_schema_extra={"example": "police"})
    phone: Phone = Field(default="", json_schema_extra={"example": '"0900 8844"'})
    phone_abroad: Phone = Field(default="", json_schema_extra={"example": '"+31 70 333 44 44"'})
    email: Email = Field(default="", json_schema_extra={"example": "info@comensha.nl"})
    website: Url = Field(default="", json_schema_extra={"example": "https://www.politie.nl/"})
    source: Url = Field(min_length=1, json_schema_extra={"example": "https://wegwijzermensenhandel.nl/"})
    verified_on: dt.date = Field(json_schema_extra={"example": "2026-11-01"})
    texts: dict[str, OrganisationText] = Field(json_schema_extra={"example": "{nl: ..., en: ...}"})


class OrganisationsFile(_Record):
    """`data/organisations.yml`, shared by all languages."""

    organisations: list[Organisation] = Field(min_length=1, json_schema_extra={"example": "[- id: ..., source: ...]"})


@dataclass(frozen=True)
class Content:
    """Everything one language of the handbook draws from."""

    lang: str
    signals: SignalsFile
    steps: StepsFile
    report_form: ReportFormFile
    texts: Texts
    organisations: list[Organisation]

    def organisation_text(self, organisation: Organisation) -> OrganisationText:
        """The organisation's text in this language."""
        return organisation.texts[self.lang]


LANGUAGE_FILES: dict[str, type[BaseModel]] = {
    "signals.yml": SignalsFile,
    "steps.yml": StepsFile,
    "report-form.yml": ReportFormFile,
    "texts.yml": Texts,
}
SHARED_FILE = "organisations.yml"


def _organisations_input(data: Any) -> Any:
    """Move the per-language blocks of each organisation under `texts`, as the model expects."""
    if not isinstance(data, dict) or not isinstance(data.get("organisations"), list):
        return data
    records = []
    for record in data["organisations"]:
        if isinstance(record, dict):
            keys = set(Organisation.model_fields) - {"texts"}
            record = {k: v for k, v in record.items() if k in keys or not _is_locale(k)} | {
                "texts": {k: v for k, v in record.items() if k not in keys and _is_locale(k)}}
        records.append(record)
    return {**data, "organisations": records}


def _is_locale(key: Any) -> bool:
    """True for a language code such as `nl` or `en`."""
    return isinstance(key, str) and len(key) == 2 and key.isalpha() and key.islower()


def _validate(model: type[BaseModel], located: yamlfile.Located) -> Any:
    """Validate parsed data against a model; problems point at the right line."""
    data = _organisations_input(located.data) if model is OrganisationsFile else located.data
    try:
        return model.model_validate(data)
    except ValidationError as error:
        shown = _without_texts_level if model is OrganisationsFile else tuple
        raise ProblemsFound(problems_from_validation_error(error, located, model, shown_loc=shown)) from None


def _without_texts_level(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The file has `nl:` where the model has `texts.nl`."""
    return tuple(part for part in loc if part != "texts")


def load_file(path: Path, display: str) -> Any:
    """Load one data file by its name; raise ProblemsFound on any problem."""
    model = OrganisationsFile if path.name == SHARED_FILE else LANGUAGE_FILES[path.name]
    return _validate(model, yamlfile.load(path, display))


def load(data_dir: Path, lang: str, root: Path | None = None) -> Content:
    """Load all data for one language; collect the problems of every file before raising."""
    root = root or data_dir.parent
    loaded: dict[str, Any] = {}
    problems: list[Problem] = []
    for name in [*LANGUAGE_FILES, SHARED_FILE]:
        path = data_dir / name if name == SHARED_FILE else data_dir / lang / name
        try:
            loaded[name] = load_file(path, _display(path, root))
        except ProblemsFound as found:
            problems.extend(found.problems)
    if not problems:
        organisations: OrganisationsFile = loaded[SHARED_FILE]
        shown = _display(data_dir / SHARED_FILE, root)
        located = yamlfile.load(data_dir / SHARED_FILE, shown)
        for index, organisation in enumerate(organisations.organisations):
            if lang not in organisation.texts:
                problems.append(Problem(shown, located.line(("organisations", index)),
                                        f"organisation '{organisation.id}' has no '{lang}' text",
                                        f"add a '{lang}:' block with name, what and when"))
    if problems:
        raise ProblemsFound(problems)
    return Content(lang=lang, signals=loaded["signals.yml"], steps=loaded["steps.yml"],
                   report_form=loaded["report-form.yml"], texts=loaded["texts.yml"],
                   organisations=loaded[SHARED_FILE].organisations)


def _display(path: Path, root: Path) -> str:
    """A path as editors see it: relative to the project."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
