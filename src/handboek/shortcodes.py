"""`<!-- md:name argument -->` shortcodes: readable placeholders that editors put in Markdown.

An unknown shortcode, or a wrong argument, is an error that names the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from handboek import blocks, sitelists
from handboek.blocks import Where
from handboek.problems import Problem
from handboek.session import Session

SHORTCODE = re.compile(r"<!--\s*md:(?P<name>[A-Za-z0-9_-]*)(?P<args>(?:(?!-->).)*?)\s*-->")
FENCE = re.compile(r"^(?:```|~~~)")


@dataclass(frozen=True)
class Context:
    """What a shortcode needs to know about the page it is on."""

    session: Session
    where: Where
    display: str          # the file as editors see it, e.g. docs/nl/signalen.md
    first_line: int       # line number of the Markdown body's first line

    @property
    def content(self):  # noqa: ANN201 - the Content of this page's language
        """The content of this page's language."""
        return self.session.contents[self.where.lang]


Render = Callable[[Context, str], str]

SHORTCODES: dict[str, tuple[tuple[str, ...], Render]] = {
    "signals": ((), lambda c, a: blocks.signals(c.content)),
    "nonverbal": ((), lambda c, a: blocks.nonverbal(c.content)),
    "steps": (("", "summary"), lambda c, a: blocks.steps_summary(c.content, c.where) if a else blocks.steps(c.content)),
    "donts": ((), lambda c, a: blocks.donts(c.content)),
    "contact": (("attention_officer", "care_coordinator"),
                lambda c, a: blocks.contact(c.content, c.session.settings, a)),
    "organisations": ((), lambda c, a: blocks.organisations(c.content)),
    "report-form": ((), lambda c, a: blocks.report_form(c.content)),
    "report-form-link": ((), lambda c, a: blocks.report_form_link(c.content, c.session.settings, c.where)),
    "downloads": ((), lambda c, a: blocks.downloads(c.content, c.where)),
    "translation-status": ((), lambda c, a: sitelists.translation_status(c.session, c.where)),
    "changes": ((), lambda c, a: sitelists.changes(c.session, c.where)),
}


def _usage(name: str) -> str:
    """How a shortcode is written, with each allowed argument."""
    allowed, _ = SHORTCODES[name]
    forms = [f"<!-- md:{name}{' ' + arg if arg else ''} -->" for arg in (allowed or ("",))]
    return " or ".join(forms)


def expand(markdown: str, context: Context) -> tuple[str, list[Problem]]:
    """Replace every shortcode outside code blocks; return the new Markdown and the problems found."""
    problems: list[Problem] = []
    out: list[str] = []
    in_fence = False
    for offset, line in enumerate(markdown.split("\n")):
        if FENCE.match(line.lstrip()):
            in_fence = not in_fence
        if in_fence or "md:" not in line:
            out.append(line)
            continue
        line_number = context.first_line + offset

        def replace(match: re.Match[str], line_number: int = line_number) -> str:
            name, arg = match.group("name"), match.group("args").strip()
            if name not in SHORTCODES:
                known = ", ".join(sorted(SHORTCODES))
                problems.append(Problem(context.display, line_number, f"unknown shortcode 'md:{name}'",
                                        f"use one of: {known} (see CONTRIBUTING.md)"))
                return ""
            allowed, render = SHORTCODES[name]
            if arg not in (allowed or ("",)):
                problems.append(Problem(context.display, line_number,
                                        f"shortcode 'md:{name}' does not take '{arg}'", f"write {_usage(name)}"))
                return ""
            return render(context, arg)

        out.append(SHORTCODE.sub(replace, line))
    return "\n".join(out), problems
