"""The content model: signals, steps, report form, organisations and fixed texts, one place per language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from handboek.model import markup, review, yamlfile
from handboek.problems import Problem, ProblemsFound, shown
from handboek.model.fields import Email, Id, Phone, Record, Text, Translatable, Url
from handboek.model.texts import Texts, fill
from handboek.model.validation import validated


SourceIds = list[Id]


class Source(Record):
    """A public source the handbook's facts come from, with the date it was read."""

    id: Id = Field(json_schema_extra={"example": "wegwijzer-melden"})
    title: Text = Field(min_length=1, json_schema_extra={"example": '"Wegwijzer Mensenhandel: melden"'})
    url: Url = Field(default="", json_schema_extra={"example": "https://wegwijzermensenhandel.nl/"})
    read_on: dt.date = Field(json_schema_extra={"example": "2026-11-30"})
    titles: dict[str, Text] = Field(default_factory=dict, json_schema_extra={"example": '{en: "Working agreement"}'})

    def title_in(self, lang: str) -> str:
        """The title readers of `lang` see: a translation where the source is our own, else its own title."""
        return self.titles.get(lang, self.title)


class SourcesFile(Record):
    """`data/sources.yml`, shared by all languages."""

    sources: list[Source] = Field(min_length=1, json_schema_extra={"example": "[- id: ..., title: ..., url: ...]"})


class ExtraSignal(Record):
    """A signal named by another source than the leaflet: on the site, the checklist and the form, not the card."""

    id: Id = Field(json_schema_extra={"example": "rehearsed-story"})
    check: Text = Field(min_length=1, max_length=52, json_schema_extra={"example": '"Verhaal klinkt ingestudeerd"'})
    title: Text = Field(min_length=1, json_schema_extra={"example": '"Het verhaal klinkt ingestudeerd"'})
    text: Text = Field(min_length=1, json_schema_extra={"example": '"Je hoort steeds hetzelfde verhaal."'})
    sources: SourceIds = Field(min_length=1, json_schema_extra={"example": "[leaflet]"})


class Signal(ExtraSignal):
    """One of the leaflet's signals at the counter; `short` is its wording on the card, `check` its tick-box."""

    short: Text = Field(min_length=1, max_length=48, json_schema_extra={"example": '"Begeleider heeft het paspoort of ID"'})
    about: Literal["person", "address"] = Field(default="person", json_schema_extra={"example": "address"})


class NonVerbal(Record):
    """The non-verbal signals."""

    short: Text = Field(min_length=1, max_length=60, json_schema_extra={"example": '"Let op: verlegen houding, kijkt weg"'})
    check: Text = Field(min_length=1, max_length=52, json_schema_extra={"example": '"Verlegen houding, kijkt weg, kijkt bang"'})
    title: Text = Field(min_length=1, json_schema_extra={"example": '"Let ook op lichaamstaal"'})
    items: list[Text] = Field(min_length=1, json_schema_extra={"example": '["Een verlegen houding"]'})
    text: Text = Field(min_length=1, json_schema_extra={"example": '"Kijk ook naar de houding."'})
    sources: SourceIds = Field(min_length=1, json_schema_extra={"example": "[leaflet]"})


class SignalsFile(Translatable):
    """`data/<lang>/signals.yml`."""

    signals: list[Signal] = Field(min_length=1, json_schema_extra={"example": "[- id: ..., short: ...]"})
    nonverbal: NonVerbal = Field(json_schema_extra={"example": "{short: ..., title: ..., items: ..., text: ...}"})
    more: list[ExtraSignal] = Field(default_factory=list, json_schema_extra={"example": "[- id: ..., check: ...]"})

    def about(self, kind: str) -> list[tuple[int, Signal]]:
        """The leaflet's signals about a person or an address, with their number in the leaflet's order."""
        return [(n, signal) for n, signal in enumerate(self.signals, start=1) if signal.about == kind]


class Condition(Record):
    """When a step may be taken; every place that shows the step shows the condition with it."""

    id: Id = Field(json_schema_extra={"example": "alone-and-safe"})
    label: Text = Field(min_length=1, json_schema_extra={"example": '"Alleen als de persoon alleen is en het veilig is."'})
    short: Text = Field(min_length=1, max_length=50,
                        json_schema_extra={"example": '"Alleen als jullie alleen zijn en het veilig is:"'})
    otherwise_title: Text = Field(min_length=1, json_schema_extra={"example": '"Niet alleen, of niet veilig?"'})
    otherwise: Text = Field(min_length=1, json_schema_extra={"example": '"Help de persoon gewoon verder."'})
    otherwise_short: Text = Field(min_length=1, max_length=90,
                                  json_schema_extra={"example": '"Niet alleen? Help gewoon verder."'})


class Step(Record):
    """One step at the counter."""

    id: Id = Field(json_schema_extra={"example": "look-listen"})
    short: Text = Field(min_length=1, max_length=40, json_schema_extra={"example": '"Kijk en luister"'})
    title: Text = Field(min_length=1, json_schema_extra={"example": '"Kijk en luister goed"'})
    text: Text = Field(min_length=1, json_schema_extra={"example": '"Kijk naar de persoon."'})
    when: Id | None = Field(default=None, json_schema_extra={"example": "alone-and-safe"})
    sources: SourceIds = Field(min_length=1, json_schema_extra={"example": "[leaflet]"})


class Dont(Record):
    """Something not to do."""

    id: Id = Field(json_schema_extra={"example": "no-confronting"})
    short: Text = Field(min_length=1, max_length=44, json_schema_extra={"example": '"Confronteer de begeleider niet"'})
    text: Text = Field(min_length=1, json_schema_extra={"example": '"Dat kan de persoon in gevaar brengen."'})
    sources: SourceIds = Field(min_length=1, json_schema_extra={"example": "[leaflet]"})
    card: bool = Field(default=True, json_schema_extra={"example": "false"})   # false: the card says it otherwise


class Donts(Record):
    """The list of things not to do."""

    title: Text = Field(min_length=1, json_schema_extra={"example": '"Wat doe je niet?"'})
    items: list[Dont] = Field(min_length=1, json_schema_extra={"example": "[- id: ..., short: ..., text: ...]"})


@dataclass(frozen=True)
class StepView:
    """A step as every renderer shows it: with its number, its condition, and whether it closes its condition's run."""

    number: int
    step: Step
    condition: Condition | None
    opens: bool                # the first step in a row of steps with this condition: say when they apply
    closes: bool               # the last step in a row of steps with this condition: say what to do otherwise


class StepsFile(Translatable):
    """`data/<lang>/steps.yml`."""

    conditions: list[Condition] = Field(default_factory=list, json_schema_extra={"example": "[- id: ..., label: ...]"})
    steps: list[Step] = Field(min_length=1, json_schema_extra={"example": "[- id: ..., short: ...]"})
    donts: Donts = Field(json_schema_extra={"example": "{title: ..., items: ...}"})

    def views(self) -> list[StepView]:
        """The steps in order, each with its condition, for the site, the card and the checklist alike."""
        conditions = {condition.id: condition for condition in self.conditions}
        found = []
        for index, step in enumerate(self.steps):
            before = self.steps[index - 1].when if index else None
            after = self.steps[index + 1].when if index + 1 < len(self.steps) else None
            found.append(StepView(index + 1, step, conditions.get(step.when or ""),
                                  bool(step.when) and before != step.when, bool(step.when) and after != step.when))
        return found


FieldKind = Literal["date", "time", "text", "textarea", "choice", "signals"]


class FormField(Record):
    """One field of the report form."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")] = Field(json_schema_extra={"example": "seen"})
    kind: FieldKind = Field(json_schema_extra={"example": "textarea"})
    label: Text = Field(min_length=1, json_schema_extra={"example": '"Wat heb je gezien?"'})
    help: Text = Field(default="", json_schema_extra={"example": '"Beschrijf wat je zag."'})
    lines: int = Field(default=1, ge=1, le=12, json_schema_extra={"example": "5"})
    options: list[Text] = Field(default_factory=list, json_schema_extra={"example": '["Ja", "Nee"]'})

    @model_validator(mode="after")
    def _options_for_choices(self) -> FormField:
        """A choice has two or more options; other fields have none."""
        if self.kind == "choice" and len(self.options) < 2:
            raise PydanticCustomError("options", "a choice needs two or more options")
        if self.kind != "choice" and self.options:
            raise PydanticCustomError("options", "only a field of kind 'choice' has options")
        return self


class FormSection(Record):
    """A group of fields on the report form, with a title."""

    title: Text = Field(min_length=1, json_schema_extra={"example": '"Over de persoon"'})
    fields: list[FormField] = Field(min_length=1, json_schema_extra={"example": "[- id: ..., kind: ..., label: ...]"})


class ReportFormFile(Translatable):
    """`data/<lang>/report-form.yml`: the fields of the printed and the on-screen form."""

    title: Text = Field(min_length=1, json_schema_extra={"example": '"Meldingsformulier"'})
    intro: Text = Field(min_length=1, json_schema_extra={"example": '"Schrijf feiten op."'})
    sections: list[FormSection] = Field(min_length=1, json_schema_extra={"example": "[- title: ..., fields: ...]"})

    @property
    def fields(self) -> list[FormField]:
        """Every field, in order."""
        return [field for section in self.sections for field in section.fields]

    @model_validator(mode="after")
    def _unique(self) -> ReportFormFile:
        """Field ids are unique."""
        seen = [f.id for f in self.fields]
        doubles = sorted({i for i in seen if seen.count(i) > 1})
        if doubles:
            raise PydanticCustomError("unique", "the field id '{id}' is used twice", {"id": doubles[0]})
        return self


class OrganisationText(Record):
    """What an organisation does, in one language."""

    name: Text = Field(min_length=1, json_schema_extra={"example": '"Politie"'})
    what: Text = Field(min_length=1, json_schema_extra={"example": '"De politie neemt meldingen op."'})
    when: Text = Field(min_length=1, json_schema_extra={"example": '"Bij een vermoeden van mensenhandel."'})
    hours: Text = Field(default="", json_schema_extra={"example": '"ma–vr 09:00–17:00"'})


class Organisation(Record):
    """An organisation in the referral chain, with its source and the date it was checked."""

    id: Id = Field(json_schema_extra={"example": "police"})
    phone: Phone = Field(default="", json_schema_extra={"example": '"0900 8844"'})
    phone_abroad: Phone = Field(default="", json_schema_extra={"example": '"+31 70 333 44 44"'})
    email: Email = Field(default="", json_schema_extra={"example": "info@comensha.nl"})
    website: Url = Field(default="", json_schema_extra={"example": "https://www.politie.nl/"})
    sources: SourceIds = Field(min_length=1, json_schema_extra={"example": "[wegwijzer-melden]"})
    texts: dict[str, OrganisationText] = Field(json_schema_extra={"example": "{nl: ..., en: ...}"})

    @model_validator(mode="before")
    @classmethod
    def _texts_by_language(cls, data: Any) -> Any:
        """The file has `nl:` where the model has `texts.nl`: move the per-language blocks under `texts`."""
        if not isinstance(data, dict):
            return data
        languages = [key for key in data if key not in cls.model_fields and _is_locale(key)]
        return {k: v for k, v in data.items() if k not in languages} | {"texts": {k: data[k] for k in languages}}


class OrganisationsFile(Record):
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
    sources: dict[str, Source]

    def phone(self, organisation: str) -> str:
        """An organisation's number from the organisations data, e.g. the police's for reports without urgency."""
        return next((o.phone for o in self.organisations if o.id == organisation), "")

    def privacy_rule(self, via: str, detail: str) -> list[str]:
        """The one privacy rule of the form and the checklist: how the form travels (`via`), and that no copy stays."""
        labels = self.texts.privacy
        route = fill(getattr(labels, via), detail=detail)
        return [labels.rule, route, *([] if via == "envelope" else [labels.delete_pdf]), labels.keep_nothing,
                labels.never]

    def signal_checks(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The tick-boxes of the checklist and the form, in groups: (group title, [(id, what staff can observe)])."""
        texts, data = self.texts.signals, self.signals
        person = [(signal.id, f"{n}. {signal.check}") for n, signal in data.about("person")]
        person.append(("nonverbal", data.nonverbal.check))
        groups = [(texts.person, person),
                  (texts.address, [(signal.id, f"{n}. {signal.check}") for n, signal in data.about("address")]),
                  (texts.more, [(signal.id, signal.check) for signal in data.more])]
        return [(title, items) for title, items in groups if items]


LANGUAGE_FILES: dict[str, type[BaseModel]] = {
    "signals.yml": SignalsFile,
    "steps.yml": StepsFile,
    "report-form.yml": ReportFormFile,
    "texts.yml": Texts,
}


def _is_locale(key: Any) -> bool:
    """True for a language code such as `nl` or `en`."""
    return isinstance(key, str) and len(key) == 2 and key.isalpha() and key.islower()


def _without_texts_level(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The file has `nl:` where the model has `texts.nl`."""
    return tuple(part for part in loc if part != "texts")


def _references(data: Any, loc: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str, str]]:
    """Every (key path, kind, id) in parsed data that names a source (`sources:`) or a step's condition (`when:`)."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list) and loc:
                found += [((*loc, key, i), "source", item) for i, item in enumerate(value) if isinstance(item, str)]
            elif key == "when" and isinstance(value, str) and loc[:1] == ("steps",):
                found.append(((*loc, key), "condition", value))
            else:
                found += _references(value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += _references(item, (*loc, index))
    return found


def _unknown_references(located: yamlfile.Located, known: dict[str, set[str]]) -> list[Problem]:
    """A problem for each source or condition that a data file names but nobody defined."""
    problems = []
    for loc, kind, name in _references(located.data):
        if name not in known[kind]:
            where = "data/sources.yml" if kind == "source" else "the file's 'conditions:'"
            problems.append(Problem(located.path, located.line(loc), f"the {kind} '{name}' is not defined",
                                    f"use one of: {', '.join(sorted(known[kind])) or '(none yet)'}, "
                                    f"or add it to {where}"))
    return problems


def _read(path: Path, root: Path, model: type[BaseModel], problems: list[Problem]) -> tuple[Any, yamlfile.Located | None]:
    """One data file, validated; its problems go to `problems`."""
    try:
        located = yamlfile.load(path, shown(path, root))
        problems.extend(markup.problems(located.path, located.text))
        return validated(model, located, _without_texts_level if model is OrganisationsFile else tuple), located
    except ProblemsFound as found:
        problems.extend(found.problems)
        return None, None


def load(data_dir: Path, languages: list[str], root: Path, today: dt.date,
         download_kinds: Mapping[str, bool]) -> tuple[dict[str, Content], list[Problem]]:
    """Every language's content, each file read once; raise ProblemsFound with the problems of every file.

    `download_kinds` are the print products, each of which needs its texts under `downloads:`; True for a product
    made once per edition (per help card language), whose file name must hold `{language}`.
    Returns the content and the warnings: sources read too long ago.
    """
    problems: list[Problem] = []
    organisations, located_organisations = _read(data_dir / "organisations.yml", root, OrganisationsFile, problems)
    sources, located_sources = _read(data_dir / "sources.yml", root, SourcesFile, problems)
    per_language = {lang: {name: _read(data_dir / lang / name, root, model, problems)
                           for name, model in LANGUAGE_FILES.items()} for lang in languages}
    if problems:
        raise ProblemsFound(problems)
    by_id = {source.id: source for source in sources.sources}
    contents = {}
    for lang, files in per_language.items():
        for index, organisation in enumerate(organisations.organisations):
            if lang not in organisation.texts:
                problems.append(Problem(located_organisations.path, located_organisations.line(("organisations", index)),
                                        f"organisation '{organisation.id}' has no '{lang}' text",
                                        f"add a '{lang}:' block with name, what and when"))
        known = {"source": set(by_id), "condition": {condition.id for condition in files["steps.yml"][0].conditions}}
        for _, located in (files["signals.yml"], files["steps.yml"]):
            problems.extend(_unknown_references(located, known))
        texts, located = files["texts.yml"]
        line = located.line(("downloads",))
        problems += [Problem(located.path, line, f"downloads has no '{kind}'",
                             f"add downloads.{kind} with file, title and text, as in another language")
                     for kind in download_kinds if kind not in texts.downloads]
        problems += [Problem(located.path, located.line(("downloads", kind)), f"downloads.{kind} is not a print product",
                             f"use one of: {', '.join(download_kinds)}")
                     for kind in texts.downloads if kind not in download_kinds]
        problems += [Problem(located.path, located.line(("downloads", kind, "file")),
                             f"downloads.{kind}.file " + ("has no {language}: every language would get the same file"
                                                           if per_edition else "has {language}, but there is one file"),
                             "write it like hulpkaartje-{language}.pdf" if per_edition else "remove {language}")
                     for kind, per_edition in download_kinds.items()
                     if kind in texts.downloads and ("{language}" in texts.downloads[kind].file) != per_edition]
        contents[lang] = Content(lang=lang, signals=files["signals.yml"][0], steps=files["steps.yml"][0],
                                 report_form=files["report-form.yml"][0], texts=files["texts.yml"][0],
                                 organisations=organisations.organisations, sources=by_id)
    problems.extend(_unknown_references(located_organisations, {"source": set(by_id), "condition": set()}))
    if problems:
        raise ProblemsFound(problems)
    return contents, review.record_problems(sources.sources, located_sources, today)
