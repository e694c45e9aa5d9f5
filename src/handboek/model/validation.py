"""Turn pydantic validation errors into one clear line each, with file, line, key and an example."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from handboek.problems import Problem, ProblemsFound
from handboek.model.yamlfile import Located

Model = TypeVar("Model", bound=BaseModel)
_TYPE_WORDS = {
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "int_type": "must be a whole number",
    "model_type": "must be a group of keys, one per line and indented",
    "dict_type": "must be a group of keys, one per line and indented",
    "list_type": "must be a list, one '- item' per line",
    "date_type": "must be a date written as YYYY-MM-DD",
    "literal_error": "is not one of the allowed values",
    "string_too_short": "must not be empty",
    "too_short": "has too few items",
    "too_long": "has too many items",
    "string_too_long": "is too long",
}


def dotted(loc: tuple[Any, ...]) -> str:
    """`('contacts', 'attention_officer', 'phone')` → `contacts.attention_officer.phone`; list items as [n]."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the group that holds the last key of `loc`; none when `loc` leaves the model."""
    current: Any = model
    for part in [part for part in loc if not isinstance(part, int)][:-1]:
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return {}
        current = _model_of(fields[part].annotation)
    return getattr(current, "model_fields", None) or {}


def _field_example(model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    """The example declared on the field at `loc`, if any."""
    keys = [part for part in loc if not isinstance(part, int)]
    info = _fields_at(model, loc).get(keys[-1]) if keys else None
    extra = info.json_schema_extra if info is not None and isinstance(info.json_schema_extra, dict) else {}
    example = extra.get("example")
    return f"{loc[-1]}: {example}" if example is not None else None


def _model_of(annotation: Any) -> Any:
    """The BaseModel class inside an annotation such as `Model | None` or `list[Model]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def validated(model: type[Model], located: Located, shown_loc: Callable[[tuple[Any, ...]], tuple[Any, ...]] = tuple,
              **options: Any) -> Model:
    """The parsed data as `model`; raise ProblemsFound with one line per pydantic error, at the line of its key.

    `shown_loc` maps the model's key path to the path as written in the file, where the two differ.
    """
    try:
        return model.model_validate(located.data, **options)
    except ValidationError as error:
        errors = error.errors(include_url=False)
    problems = []
    for item in errors:
        loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        key, kind = dotted(shown_loc(loc)), item["type"]
        example = _field_example(model, loc)
        if kind == "extra_forbidden":
            known = ", ".join(_fields_at(model, loc))
            message = f"{key}: unknown key '{loc[-1]}'"
            fix = f"remove it or correct the spelling; allowed here: {known}" if known else "remove it"
        elif kind == "missing":
            message = f"{key} is missing"
            fix = f"add it, for example {example}" if example else "add it"
        elif kind == "markup":
            message = f"{key}: {item['msg']}"
            fix = "write it as plain text, without < and >"
        elif kind == "contrast":
            context = item.get("ctx") or {}
            message = f"{key}: {item['msg']}"
            fix = f"use a darker colour, for example {loc[-1]}: \"{context.get('needed')}\""
        else:
            words = _TYPE_WORDS.get(kind, item["msg"].removeprefix("Value error, "))
            if kind in {"text", "string_type"} and item.get("input") is None:
                words += " (a value starting with # must be between quotes)"
            message = f"{key}: {words}"
            fix = f"for example {example}" if example else "see the documentation of this key"
        problems.append(Problem(located.path, located.line(shown_loc(loc)), message, fix))
    raise ProblemsFound(problems)
