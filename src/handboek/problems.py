"""Problems found in settings, data, pages or links, how they are reported, and where they point."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, shown as `path:line: what is wrong — how to fix`."""

    path: str
    line: int
    message: str
    fix: str
    severity: Severity = "error"

    def __str__(self) -> str:
        label = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {label}{self.message} — {self.fix}"


class ProblemsFound(Exception):
    """Raised when input cannot be used; carries every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class Report(set[Problem]):
    """The problems of one build or check: a set, so each once; shown in a stable order."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop the build."""
        return sorted(p for p in self if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not stop the build."""
        return sorted(p for p in self if p.severity == "warning")

    def lines(self) -> list[str]:
        """Every problem as one line, errors first."""
        return [str(p) for p in self.errors + self.warnings]

    def summary(self) -> str:
        """The closing count, e.g. `Checks: 1 error, 2 warnings`."""
        return f"Checks: {_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')}"


def _count(n: int, word: str) -> str:
    """`1 error`, `2 errors`."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def shown(path: Path, root: Path) -> str:
    """A file as editors name it: relative to the project folder, not following symbolic links."""
    absolute = Path(path).absolute()
    try:
        return absolute.relative_to(Path(root).absolute()).as_posix()
    except ValueError:
        return str(path)


def line_of(text: str, needle: str, start: int = 0) -> int:
    """The 1-based line where `needle` first appears in `text` (from offset `start`); 0 when it does not."""
    index = text.find(needle, start) if needle else -1
    return text.count("\n", 0, index) + 1 if index >= 0 else 0
