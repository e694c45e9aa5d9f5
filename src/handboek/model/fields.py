"""Field types shared by the settings and the data files, each with a clear message when wrong."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from handboek.memo import remembered
from handboek.model import colours, phone


class Record(BaseModel):
    """A group of keys in a settings or data file: every key known, unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Translatable(Record):
    """A per-language data file; translations record which nl version they follow."""

    translated_from: str = Field(default="", json_schema_extra={"example": "3f9a0c12d4e5"})


def _text(value: Any) -> Any:
    """Refuse numbers and dates where text is expected (a phone number must be quoted)."""
    if value is not None and not isinstance(value, str):
        raise PydanticCustomError("text", "must be text, between quotes")
    return value


def _plain(value: str) -> str:
    """Refuse markup: a name or a contact detail is printed on every page and in every PDF as it is."""
    if "<" in value or ">" in value:
        raise PydanticCustomError("markup", "'{value}' contains < or >, which are not allowed here", {"value": value})
    return value


def _phone(value: str) -> str:
    """Accept an empty value or a valid Dutch or international phone number."""
    value = value.strip()
    if value and not phone.is_valid(value):
        raise PydanticCustomError("phone", "'{value}' is not a Dutch or international phone number", {"value": value})
    return value


def _email(value: str) -> str:
    """Accept an empty value or a well-formed e-mail address."""
    value = value.strip()
    if not value:
        return value
    try:
        return normalized_email(value)
    except ValueError as error:
        raise PydanticCustomError("email", "'{value}' is not an e-mail address ({reason})",
                                  {"value": value, "reason": str(error)}) from None


@remembered("email-validator")
def normalized_email(address: str) -> str:
    """The address as email-validator writes it; ValueError with the reason when it is not an e-mail address."""
    from email_validator import EmailNotValidError, validate_email   # imported only for an address not seen before

    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(str(error).rstrip(".")) from None


def _url(value: str) -> str:
    """Accept an empty value or an https URL with a host."""
    value = value.strip()
    if not value:
        return value
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or " " in value:
        raise PydanticCustomError("url", "'{value}' is not an https web address", {"value": value})
    return value


def _colour(value: str) -> str:
    """Accept a CSS colour and return it as #rrggbb."""
    try:
        return colours.normalise(value)
    except ValueError:
        raise PydanticCustomError("colour", "'{value}' is not a colour", {"value": value}) from None


Text = Annotated[str, BeforeValidator(_text)]
Plain = Annotated[str, BeforeValidator(_text), AfterValidator(_plain)]      # text without markup
Phone = Annotated[str, BeforeValidator(_text), AfterValidator(_phone)]
Email = Annotated[str, BeforeValidator(_text), AfterValidator(_email)]
Url = Annotated[str, BeforeValidator(_text), AfterValidator(_url)]
Colour = Annotated[str, BeforeValidator(_text), AfterValidator(_colour)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
