"""`municipality.yml`: the one file a gemeente edits. Schema, validation and clear messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from handboek.model import colours, yamlfile
from handboek.model.fields import Colour, Email, Phone, Plain, Record, Url, normalized_email
from handboek.problems import Problem, Severity
from handboek.model.validation import validated

LOGO_TYPES = {".svg", ".png"}
FONT_TYPES = {".ttf", ".otf", ".woff", ".woff2"}


def _existing_file(value: str, info: ValidationInfo, allowed: set[str], kind: str) -> str:
    """Check that a path (relative to the settings file) exists and has an allowed type."""
    root: Path = (info.context or {}).get("root", Path.cwd())
    if Path(value).suffix.lower() not in allowed:
        raise PydanticCustomError("file_type", "'{value}' is not " + kind, {"value": value})
    if not (root / value).is_file():
        raise PydanticCustomError("file_missing", "the file '{value}' does not exist", {"value": value})
    return value


class MunicipalityInfo(Record):
    """The gemeente itself."""

    name: Plain = Field(min_length=1, json_schema_extra={"example": '"Gemeente Voorbeeld"'})
    logo: Plain = Field(json_schema_extra={"example": "overrides/assets/logo.svg"})
    website: Url = Field(default="", json_schema_extra={"example": "https://www.voorbeeld.nl"})

    @field_validator("logo")
    @classmethod
    def _logo_exists(cls, value: str, info: ValidationInfo) -> str:
        """The logo is an SVG or PNG file that exists."""
        return _existing_file(value, info, LOGO_TYPES, "an SVG or PNG file")


class FontFiles(Record):
    """Self-hosted font files for one family."""

    regular: Plain = Field(json_schema_extra={"example": "overrides/assets/fonts/Huisletter-Regular.woff2"})
    bold: Plain = Field(default="", json_schema_extra={"example": "overrides/assets/fonts/Huisletter-Bold.woff2"})
    italic: Plain = Field(default="", json_schema_extra={"example": "overrides/assets/fonts/Huisletter-Italic.woff2"})

    @field_validator("regular", "bold", "italic")
    @classmethod
    def _font_exists(cls, value: str, info: ValidationInfo) -> str:
        """Each given font file exists and is a web or desktop font."""
        return value and _existing_file(value, info, FONT_TYPES, "a .ttf, .otf, .woff or .woff2 font file")


class HouseStyle(Record):
    """Colours and letter of the gemeente's huisstijl."""

    primary_color: Colour = Field(json_schema_extra={"example": '"#1d5c8b"'})
    accent_color: Colour = Field(json_schema_extra={"example": '"#e17000"'})
    font_family: Plain = Field(default="", json_schema_extra={"example": '"Source Sans 3"'})
    font_files: FontFiles | None = Field(default=None, json_schema_extra={"example": "{regular: fonts/x.ttf}"})

    @field_validator("primary_color")
    @classmethod
    def _readable(cls, value: str) -> str:
        """White text on the primary colour must reach WCAG AA."""
        ratio = colours.contrast(colours.WHITE, value)
        if ratio < colours.AA_NORMAL:
            raise PydanticCustomError("contrast", "white text on {value} has a contrast of {ratio}:1, WCAG AA needs 4.5:1",
                                      {"value": value, "ratio": f"{ratio:.2f}", "needed": colours.darkest_passing(value)})
        return value

    @model_validator(mode="after")
    def _family_for_files(self) -> HouseStyle:
        """Font files need the family name they belong to."""
        if self.font_files and not self.font_family:
            raise PydanticCustomError("font_family", "font_files are given but font_family is empty")
        return self

    def font_faces(self) -> list[tuple[str, str, int]]:
        """Each font file given, with the CSS font-style and font-weight of its face: for the site and the PDFs."""
        files = self.font_files
        if files is None:
            return []
        faces = ((files.regular, "normal", 400), (files.bold, "normal", 700), (files.italic, "italic", 400))
        return [face for face in faces if face[0]]


class Deputy(Record):
    """Who takes the aandachtsfunctionaris' reports when he or she is away."""

    name: Plain = Field(default="", json_schema_extra={"example": '"Voornaam Achternaam"'})
    phone: Phone = Field(default="", json_schema_extra={"example": '"010 123 4568"'})
    email: Email = Field(default="", json_schema_extra={"example": "vervanger@gemeente.nl"})

    @property
    def is_set(self) -> bool:
        """True when staff can reach the deputy: a name and a phone number or e-mail address."""
        return bool(self.name and (self.phone or self.email))


class AttentionOfficer(Record):
    """The gemeente's aandachtsfunctionaris mensenhandel."""

    name: Plain = Field(default="", json_schema_extra={"example": '"Voornaam Achternaam"'})
    phone: Phone = Field(default="", json_schema_extra={"example": '"010 123 4567"'})
    email: Email = Field(default="", json_schema_extra={"example": "aandachtsfunctionaris@gemeente.nl"})
    available: Plain = Field(default="", json_schema_extra={"example": '"ma–vr 9:00–17:00"'})
    deputy: Deputy = Field(default_factory=Deputy, json_schema_extra={"example": "{name: ..., phone: ...}"})


class CareCoordinator(Record):
    """The regional zorgcoördinator mensenhandel."""

    organisation: Plain = Field(default="", json_schema_extra={"example": '"Zorgcoördinatie mensenhandel regio X"'})
    phone: Phone = Field(default="", json_schema_extra={"example": '"010 123 4567"'})
    email: Email = Field(default="", json_schema_extra={"example": "zorgcoordinatie@regio.nl"})
    available: Plain = Field(default="", json_schema_extra={"example": '"ma–vr 9:00–17:00"'})
    website: Url = Field(default="", json_schema_extra={"example": "https://www.regio.nl/zorgcoordinatie"})


class Interpreter(Record):
    """The professional telephone interpreting service the gemeente uses."""

    name: Plain = Field(default="", json_schema_extra={"example": '"Tolkdienst van de gemeente"'})
    phone: Phone = Field(default="", json_schema_extra={"example": '"010 123 4569"'})
    available: Plain = Field(default="", json_schema_extra={"example": '"ma–vr 8:00–18:00"'})


class Contacts(Record):
    """The people staff report to."""

    attention_officer: AttentionOfficer = Field(default_factory=AttentionOfficer,
                                                json_schema_extra={"example": "{name: ..., phone: ...}"})
    care_coordinator: CareCoordinator = Field(default_factory=CareCoordinator,
                                              json_schema_extra={"example": "{organisation: ..., phone: ...}"})
    interpreter: Interpreter = Field(default_factory=Interpreter, json_schema_extra={"example": "{name: ..., phone: ...}"})


class ReportChannel(Record):
    """How a filled-in report form reaches the aandachtsfunctionaris, and nowhere else."""

    via: Literal["envelope", "secure_email", "case_system"] = Field(
        default="envelope", json_schema_extra={"example": "envelope   (or secure_email, case_system)"})
    detail: Plain = Field(default="", json_schema_extra={"example": '"meldingen@gemeente.nl" or "Zaaksysteem X"'})

    @model_validator(mode="after")
    def _detail_fits(self) -> ReportChannel:
        """Secure e-mail names its address, a case system its name; a closed envelope needs nothing."""
        if self.via == "secure_email":
            try:
                normalized_email(self.detail)
            except ValueError:
                raise PydanticCustomError("channel", "via secure_email needs the address in detail "
                                          "(now '{detail}')", {"detail": self.detail}) from None
        elif self.via == "case_system" and not self.detail.strip():
            raise PydanticCustomError("channel", "via case_system needs the name of the case system in detail")
        return self


class HelpCardChoice(Record):
    """Which languages of the help card (data/help-card/<code>.yml) this gemeente prints."""

    languages: list[Plain] = Field(min_length=1, json_schema_extra={"example": "[nl, en, pl]"})


class Settings(Record):
    """Everything a gemeente sets to adopt the handbook."""

    demo: bool = Field(default=False, json_schema_extra={"example": "false"})
    municipality: MunicipalityInfo = Field(json_schema_extra={"example": "{name: ..., logo: ...}"})
    house_style: HouseStyle = Field(json_schema_extra={"example": '{primary_color: "#1d5c8b", accent_color: "#e17000"}'})
    contacts: Contacts = Field(default_factory=Contacts, json_schema_extra={"example": "{attention_officer: ...}"})
    report_channel: ReportChannel = Field(default_factory=ReportChannel,
                                          json_schema_extra={"example": "{via: envelope}"})
    handbook_url: Url = Field(min_length=1, json_schema_extra={"example": "https://intranet.gemeente.nl/handboek-mensenhandel/"})
    report_form_url: Url = Field(default="", json_schema_extra={"example": "https://intranet.gemeente.nl/melden"})
    repo_edit_url: Url = Field(default="", json_schema_extra={
        "example": "https://gitlab.gemeente.nl/web/handboek/-/edit/main/docs/"})
    help_card: HelpCardChoice | None = Field(default=None, json_schema_extra={"example": "{languages: [nl, en, pl]}"})

    @field_validator("handbook_url", "repo_edit_url")
    @classmethod
    def _folder(cls, value: str) -> str:
        """Both are folders, so they end with a slash."""
        return value if not value or value.endswith("/") else value + "/"


def load(path: Path, display: str | None = None) -> Settings:
    """Read and validate the settings file; raise ProblemsFound with one line per problem."""
    return validated(Settings, yamlfile.load(path, display), context={"root": path.parent})


DEMO_MARKERS = ("voorbeeld", "example.nl", "example.com", "example.org")
DEMO_LOGO_MARKER = b"voorbeeldlogo"


def demo_values(settings: Settings, root: Path) -> list[tuple[tuple[str, ...], str]]:
    """The settings that still hold a value of the shipped example municipality."""
    found = [(loc, value) for loc, value in _walk(settings.model_dump())
             if isinstance(value, str) and any(marker in value.lower() for marker in DEMO_MARKERS)]
    logo = root / settings.municipality.logo
    if logo.is_file() and DEMO_LOGO_MARKER in logo.read_bytes():
        found.append((("municipality", "logo"), settings.municipality.logo))
    return sorted(set(found))


def release_problems(settings: Settings, located: yamlfile.Located, root: Path) -> list[Problem]:
    """What still stops a release (the demo flag, example values, empty contacts), and what it warns about."""
    problems: list[Problem] = []

    def need(loc: tuple[str, ...], message: str, fix: str, severity: Severity = "error") -> None:
        problems.append(Problem(located.path, located.line(loc), message, fix, severity))

    if settings.demo:
        need(("demo",), "demo is true: these are the example settings",
             "fill in your gemeente's details, then set demo: false")
    for loc, value in demo_values(settings, root):
        if loc == ("municipality", "logo"):
            need(loc, "municipality.logo is still the example logo", "point it at your gemeente's own logo")
        else:
            need(loc, f"{'.'.join(loc)} still has the example value '{value}'",
                 "replace it with your gemeente's own value")
    officer = settings.contacts.attention_officer
    for key in ("name", "phone", "email"):
        if not getattr(officer, key):
            need(("contacts", "attention_officer", key), f"contacts.attention_officer.{key} is empty",
                 "fill in how staff reach your aandachtsfunctionaris mensenhandel")
    coordinator = settings.contacts.care_coordinator
    if not coordinator.organisation:
        need(("contacts", "care_coordinator", "organisation"), "contacts.care_coordinator.organisation is empty",
             "fill in the zorgcoördinator mensenhandel of your region")
    if not (coordinator.phone or coordinator.email):
        need(("contacts", "care_coordinator"), "the zorgcoördinator has no phone number and no e-mail address",
             "fill in at least contacts.care_coordinator.phone or contacts.care_coordinator.email")
    if not settings.contacts.interpreter.phone:
        need(("contacts",), "no interpreting service is set: staff cannot see whom to call for an interpreter",
             "fill in contacts.interpreter (name and phone of your telephone interpreting service)", "warning")
    if not officer.deputy.is_set:
        need(("contacts", "attention_officer"), "the aandachtsfunctionaris has no deputy: when he or she is away, staff "
             "can only call the police", "fill in contacts.attention_officer.deputy (name, and phone or e-mail)", "warning")
    return problems


def _walk(data: Any, loc: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every leaf value of nested dicts, with its key path."""
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in _walk(value, (*loc, key))]
    return [(loc, data)]
