"""The help card for the person at the counter: one file of words per language in data/help-card/, the facts
(numbers, websites, hours, the QR code) once in data/help-card.yml, and the languages a gemeente prints."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from handboek.model import markup, translations, yamlfile
from handboek.model.fields import Id, Record, Text
from handboek.model.validation import validated
from handboek.problems import Problem, ProblemsFound, shown

SOURCE_LANGUAGE = "nl"         # the source text; it is signed off with the rest of the handbook
FOLDER = "help-card"           # data/help-card/<code>.yml
FACTS = "help-card.yml"        # data/help-card.yml
Code = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
LineText = Literal["comensha", "care_coordinator", "fier", "fairwork", "meld_misdaad_anoniem"]
Words = Annotated[Text, Field(min_length=1)]      # a line of the card: never empty


class CardTexts(Record):
    """The words of the card in one language."""

    title: Words = Field(json_schema_extra={"example": '"Handige nummers"'})
    emergency: Words = Field(json_schema_extra={"example": '"Gevaar? Bel 112. Bellen is gratis."'})
    more: Words = Field(json_schema_extra={"example": '"Meer informatie (in het Engels)"'})
    rights: Words = Field(json_schema_extra={"example": '"Je hebt recht op bescherming en hulp."'})
    reflection: Words = Field(json_schema_extra={"example": '"Slachtoffer zonder verblijfsvergunning? ..."'})
    comensha: Words = Field(json_schema_extra={"example": '"Informatie, advies en de weg naar hulp"'})
    care_coordinator: Words = Field(json_schema_extra={"example": '"Hulp in deze regio"'})
    fier: Words = Field(json_schema_extra={"example": '"Anoniem chatten met een hulpverlener"'})
    fairwork: Words = Field(json_schema_extra={"example": '"Uitbuiting in werk."'})
    meld_misdaad_anoniem: Words = Field(json_schema_extra={"example": '"Anoniem een misdaad melden."'})
    mon_fri: Words = Field(json_schema_extra={"example": '"ma–vr"'})


class CardFile(Record):
    """`data/help-card/<code>.yml`: one language of the card."""

    language: Code = Field(json_schema_extra={"example": "pl"})
    name: Text = Field(min_length=1, json_schema_extra={"example": '"Polski"'})
    direction: Literal["ltr", "rtl"] = Field(json_schema_extra={"example": "ltr   (or rtl, e.g. for Arabic)"})
    reviewed_by: Text = Field(json_schema_extra={"example": '"A. Jansen, tolk Pools"'})
    reviewed_on: dt.date | Literal[""] = Field(json_schema_extra={"example": "2027-01-15"})
    translated_from: str = Field(default="", json_schema_extra={
        "example": '"3f2a9c1b7d4e"   (what was reviewed: the texts of nl.yml and of this file; make translated)'})
    texts: CardTexts = Field(json_schema_extra={"example": "{title: ..., emergency: ...}"})

    @model_validator(mode="after")
    def _both_or_neither(self) -> CardFile:
        """A review has a person and a date; half a review mark is a mistake."""
        if bool(self.reviewed_by.strip()) != bool(self.reviewed_on):
            raise PydanticCustomError("review", "reviewed_by and reviewed_on go together: fill in both, or leave both "
                                      "empty")
        return self


class Emergency(Record):
    """The emergency number on the front: an organisation's phone from data/organisations.yml."""

    organisation: Id = Field(json_schema_extra={"example": "emergency"})
    sources: list[Id] = Field(min_length=1, json_schema_extra={"example": "[politie-nummers]"})


class Line(Record):
    """One contact line on the back: its words from the language file, its facts from here."""

    text: LineText = Field(json_schema_extra={"example": "comensha"})
    name: Text = Field(default="", json_schema_extra={"example": '"CoMensha"'})
    organisation: Id = Field(default="", json_schema_extra={"example": "comensha   (its phone from organisations.yml)"})
    website: Annotated[str, StringConstraints(pattern=r"^[a-z0-9.-]+\.[a-z]{2,}(/[A-Za-z0-9/_-]*)?$")] = Field(
        default="", json_schema_extra={"example": "chatmetfier.nl"})
    hours: Text = Field(default="", json_schema_extra={"example": '"09:00–17:00"   (on weekdays: the mon_fri word)'})
    settings: Literal["", "care_coordinator"] = Field(default="", json_schema_extra={"example": "care_coordinator"})
    languages: list[Id] = Field(default_factory=list, json_schema_extra={"example": "[nl]   (only on these cards)"})
    sources: list[Id] = Field(default_factory=list, json_schema_extra={"example": "[wegwijzer-comensha]"})

    @model_validator(mode="after")
    def _sourced(self) -> Line:
        """A fact of the handbook has a source; the gemeente's own contact comes from municipality.yml."""
        if not self.settings and not self.sources:
            raise PydanticCustomError("sources", "a line with a number or website needs sources")
        if not self.settings and not (self.organisation or self.website):
            raise PydanticCustomError("line", "a line needs an organisation (for its phone), a website, or settings")
        return self


class FactsFile(Record):
    """`data/help-card.yml`: what the card says that is the same in every language."""

    qr: Id = Field(json_schema_extra={"example": "government-forced-prostitution   (a source id: its url)"})
    emergency: Emergency = Field(json_schema_extra={"example": "{organisation: emergency, sources: [...]}"})
    lines: list[Line] = Field(min_length=1, json_schema_extra={"example": "[- text: comensha, organisation: ...]"})


@dataclass(frozen=True)
class Contact:
    """A contact line as printed: the language's words, then a name, a number or website, and hours."""

    text: LineText
    name: str
    phone: str = ""
    website: str = ""
    days: str = ""                      # the language's weekday word, e.g. "ma–vr"
    hours: str = ""                     # e.g. "09:00–17:00", or the gemeente's `available` as written


@dataclass(frozen=True)
class Facts:
    """The facts of the card, resolved: the emergency number, the QR code's address and the contact lines."""

    emergency: str
    qr_url: str
    lines: tuple[Line, ...]
    phones: dict[str, str]              # organisation id → phone


@dataclass(frozen=True)
class Card:
    """One language of the help card."""

    data: CardFile
    path: str                           # as editors name it, e.g. data/help-card/pl.yml
    located: yamlfile.Located = field(compare=False, repr=False)    # the file's key lines
    version: str = ""                   # the Dutch texts and this file's language and texts as they are now

    @property
    def code(self) -> str:
        """The language code, e.g. `pl`."""
        return self.data.language

    @property
    def reviewed(self) -> bool:
        """True when the source text, or when a person checked this translation, as it is now, against nl.yml as it
        is now."""
        return self.code == SOURCE_LANGUAGE or (self.signed and self.data.translated_from == self.version)

    @property
    def signed(self) -> bool:
        """A person signed a review of this translation (perhaps against an older nl.yml)."""
        return bool(self.data.reviewed_by.strip() and self.data.reviewed_on)

    def line(self, *loc: str) -> int:
        """The line of a key in the file, or of its nearest parent."""
        return self.located.line(loc)

    def contacts(self, facts: Facts, coordinator: Any) -> list[Contact]:
        """The contact lines of this language, with the gemeente's care coordinator only when it has a phone."""
        texts, found = self.data.texts, []
        for line in facts.lines:
            if line.languages and self.code not in line.languages:
                continue
            if line.settings:
                if coordinator.phone:
                    # The gemeente writes `available` in Dutch: on a card in another language it would not be read.
                    found.append(Contact(line.text, coordinator.organisation, coordinator.phone,
                                         hours=coordinator.available if self.code == SOURCE_LANGUAGE else ""))
                continue
            found.append(Contact(line.text, line.name, facts.phones.get(line.organisation, ""), line.website,
                                 texts.mon_fri if line.hours else "", line.hours))
        return found


@dataclass(frozen=True)
class HelpCards:
    """Every language file, the chosen languages in the order of municipality.yml, and the facts."""

    cards: dict[str, Card]
    chosen: tuple[str, ...]
    facts: Facts | None = None

    def chosen_cards(self) -> list[Card]:
        """The cards this gemeente prints."""
        return [self.cards[code] for code in self.chosen]


def read_cards(folder: Path, root: Path) -> tuple[dict[str, Card], list[Problem]]:
    """Every `<code>.yml` in the folder, validated, by code; and the problems of the files that could not be used."""
    cards, problems = {}, []
    for path in sorted(folder.glob("*.yml")):
        display = shown(path, root)
        try:
            located = yamlfile.load(path, display)
            problems.extend(markup.problems(display, located.text))
            data = validated(CardFile, located)
        except ProblemsFound as found:
            problems.extend(found.problems)
            continue
        if data.language != path.stem:
            problems.append(Problem(display, located.line(("language",)),
                                    f"language is '{data.language}' but the file is named {path.name}",
                                    f"name the file {data.language}.yml, or write language: {path.stem}"))
            continue
        cards[data.language] = Card(data, display, located)
    # A review covers the words, not the comments: a comment or the layout of nl.yml may change without a new review.
    source = cards[SOURCE_LANGUAGE].data.texts.model_dump() if SOURCE_LANGUAGE in cards else {}
    for code, card in cards.items():
        words = json.dumps([source, code, card.data.texts.model_dump()], ensure_ascii=False, sort_keys=True)
        cards[code] = replace(card, version=translations.fingerprint(words))
    return cards, problems


def chosen(settings_choice: list[str] | None, cards: dict[str, Card], settings_path: Path,
           settings_display: str) -> tuple[tuple[str, ...], list[Problem]]:
    """The chosen languages that have a card: municipality.yml's `help_card.languages`, or every card without it."""
    if settings_choice is None:
        return tuple(sorted(cards, key=lambda code: (code != SOURCE_LANGUAGE, code))), []
    problems = []
    located = None
    for index, code in enumerate(settings_choice):
        if code not in cards:
            located = located or yamlfile.load(settings_path, settings_display)
            problems.append(Problem(settings_display, located.line(("help_card", "languages", index)),
                                    f"help_card.languages: there is no help card in '{code}'",
                                    f"use one of: {', '.join(cards)}, or add data/help-card/{code}.yml"))
    return tuple(code for code in dict.fromkeys(settings_choice) if code in cards), problems


def read_facts(path: Path, root: Path, phones: dict[str, str], sources: dict[str, str]) -> tuple[Facts | None, list[Problem]]:
    """data/help-card.yml, with every organisation and source it names checked; `sources` maps id → url."""
    display = shown(path, root)
    try:
        located = yamlfile.load(path, display)
        data = validated(FactsFile, located)
    except ProblemsFound as found:
        return None, found.problems
    problems = []

    def need(known: dict[str, str], name: str, loc: tuple, kind: str, where: str) -> None:
        if name not in known:
            problems.append(Problem(display, located.line(loc), f"the {kind} '{name}' is not defined",
                                    f"use one of: {', '.join(sorted(known))}, or add it to {where}"))

    need(sources, data.qr, ("qr",), "source", "data/sources.yml")
    if data.qr in sources and not sources[data.qr]:
        problems.append(Problem(display, located.line(("qr",)), f"the source '{data.qr}' has no url for the QR code",
                                "name a source with a url"))
    need(phones, data.emergency.organisation, ("emergency", "organisation"), "organisation", "data/organisations.yml")
    if phones.get(data.emergency.organisation, "x") == "":
        problems.append(Problem(display, located.line(("emergency", "organisation")),
                                f"organisation '{data.emergency.organisation}' has no phone in data/organisations.yml",
                                "name the organisation of the emergency number"))
    for index, source in enumerate(data.emergency.sources):
        need(sources, source, ("emergency", "sources", index), "source", "data/sources.yml")
    for number, line in enumerate(data.lines):
        if line.organisation:
            need(phones, line.organisation, ("lines", number, "organisation"), "organisation", "data/organisations.yml")
            if phones.get(line.organisation, "x") == "":
                problems.append(Problem(display, located.line(("lines", number, "organisation")),
                                        f"organisation '{line.organisation}' has no phone in data/organisations.yml",
                                        "name an organisation with a phone, or give a website instead"))
        for index, source in enumerate(line.sources):
            need(sources, source, ("lines", number, "sources", index), "source", "data/sources.yml")
    if problems:
        return None, problems
    return Facts(phones[data.emergency.organisation], sources[data.qr], tuple(data.lines), phones), []


def text_problems(card: Card, facts: Facts, covers: Callable[[str], bool]) -> list[Problem]:
    """The emergency line names the emergency number; every character is in a font of the card."""
    problems = []
    if facts.emergency not in card.data.texts.emergency:
        problems.append(Problem(card.path, card.line("texts", "emergency"),
                                f"texts.emergency does not contain the emergency number {facts.emergency}",
                                f"write the number {facts.emergency} in the sentence, as in nl.yml"))
    values = [(("name",), card.data.name), *((("texts", key), value) for key, value in card.data.texts)]
    for loc, value in values:
        for char in dict.fromkeys(value):
            if not char.isspace() and not covers(char):
                problems.append(Problem(card.path, card.line(*loc),
                                        f"the character '{char}' (U+{ord(char):04X}) is in no font of the help card",
                                        "add a font that has it (see CONTRIBUTING.md)"))
    return problems


def release_problems(cards: HelpCards) -> list[Problem]:
    """Each chosen translation that no person has checked against nl.yml as it is now: it may not be printed for
    the counter."""
    problems = []
    for card in cards.chosen_cards():
        then = f"run: make translated FILE={card.path}; or leave {card.code} out of help_card.languages in " \
               "municipality.yml"
        if card.reviewed:
            continue
        if not card.signed:
            problems.append(Problem(card.path, card.line("reviewed_by"), f"help card in {card.data.name} is not "
                                    "reviewed", f"have a native speaker check it against {SOURCE_LANGUAGE}.yml, fill in "
                                    f"reviewed_by and reviewed_on, then {then}"))
        elif not card.data.translated_from:
            problems.append(Problem(card.path, card.line("reviewed_by"), f"help card in {card.data.name}: the review "
                                    f"is not tied to a version of {SOURCE_LANGUAGE}.yml", f"after the review, {then}"))
        else:
            problems.append(Problem(card.path, card.line("translated_from"), f"help card in {card.data.name}: the "
                                    f"texts of {SOURCE_LANGUAGE}.yml or of this file changed after "
                                    f"{card.data.reviewed_by} reviewed them",
                                    "have a native speaker check the changes, update reviewed_by and reviewed_on, "
                                    f"then {then}"))
    return problems
