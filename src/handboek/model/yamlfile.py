"""Read YAML and remember the line of every key, so that messages can point at it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handboek.problems import Problem, ProblemsFound

Loc = tuple[str | int, ...]


@dataclass
class Located:
    """Parsed YAML data with the 1-based line of each key path."""

    data: Any
    path: str
    lines: dict[Loc, int]
    first_line: int
    text: str                       # the YAML as written

    def line(self, loc: Loc) -> int:
        """Return the line of `loc`, or of its nearest parent that has one."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.first_line


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)    # libyaml's parser when PyYAML has it: faster


def parse(text: str, path: str, *, first_line: int = 1) -> Located:
    """Parse YAML `text`, recording the line of each key; raise ProblemsFound with the line for broken YAML."""
    lines: dict[Loc, int] = {}
    scalars = _Loader("")

    def build(node: yaml.Node, loc: Loc = ()) -> Any:
        """Return the data for `node`, found at key path `loc`."""
        lines.setdefault(loc, node.start_mark.line + first_line)      # YAML marks count lines from 0
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.MarkedYAMLError(problem="a key must be plain text", problem_mark=key_node.start_mark)
                key = scalars.construct_object(key_node)
                key = key if isinstance(key, (str, int)) and not isinstance(key, bool) else str(key)
                lines[(*loc, key)] = key_node.start_mark.line + first_line
                result[key] = build(value_node, (*loc, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return scalars.construct_object(node)

    try:
        node = yaml.compose(text, Loader=_Loader)
        data = None if node is None else build(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        what = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise ProblemsFound(
            [Problem(path, line, f"this is not valid YAML ({what})",
                     "check the indentation and put text with ':' or '#' between quotes")]
        ) from None
    except yaml.YAMLError as error:
        raise ProblemsFound(
            [Problem(path, first_line, f"this is not valid YAML ({error})", "check the file's syntax")]
        ) from None
    return Located(data=data, path=path, lines=lines, first_line=first_line, text=text)


def load(path: Path, display: str | None = None) -> Located:
    """Read and parse a YAML file; a missing or unreadable file is a problem, not a crash."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProblemsFound([Problem(shown, 1, "the file does not exist", "create it or fix the path")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ProblemsFound([Problem(shown, 1, f"the file cannot be read ({error})", "save it as UTF-8 text")]) from None
    return parse(text, shown)
