"""`<!-- md:name argument -->` shortcodes: readable placeholders that editors put in Markdown.

An unknown shortcode, or a wrong argument, is an error that names the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from handboek.model.content import Content
from handboek.model.project import Project
from handboek.problems import Problem
from handboek.site import generated
from handboek.site.generated import HostPage

SHORTCODE = re.compile(r"<!--\s*md:(?P<name>[A-Za-z0-9_-]*)(?P<args>(?:(?!-->).)*?)\s*-->")
FENCE = re.compile(r"^(?:```|~~~)")


@dataclass(frozen=True)
class Context:
    """What a shortcode needs to know about the page it is on."""

    project: Project
    host: HostPage
    display: str          # the file as editors see it, e.g. docs/nl/signalen.md
    first_line: int       # line number of the Markdown body's first line
    preview: bool = False  # a preview that builds one language
    cited: list[str] = field(default_factory=list)   # the sources of the data blocks on this page, in order

    def cite(self, *items: object) -> None:
        """Remember the sources of data items shown on this page, for its list of sources."""
        for item in items:
            self.cited.extend(getattr(item, "sources", ()))

    @property
    def content(self) -> Content:
        """The content of this page's language."""
        return self.project.contents[self.host.lang]


Render = Callable[[Context, str], str]


class BadArgument(ValueError):
    """A shortcode argument that names nothing the data has."""


def _signals(c: Context, about: str) -> str:
    """The leaflet's signals about a person or an address, or the signals other sources name."""
    data = c.content.signals
    if about == "more":
        c.cite(*data.more)
        return generated.more_signals(c.content)
    c.cite(*(signal for _, signal in data.about(about or "person")))
    return generated.signals(c.content, about or "person")


def _steps(c: Context, form: str) -> str:
    """The steps in full, or as a summary that links to them."""
    c.cite(*c.content.steps.steps)
    return generated.steps_summary(c.content, c.host) if form else generated.steps(c.content)


def _sources(c: Context, ids: str) -> str:
    """The sources of this page: those of the data blocks above it, then the ids given (`all`: every source)."""
    named = list(c.content.sources) if ids == "all" else ids.split()
    unknown = [name for name in named if name not in c.content.sources]
    if unknown:
        raise BadArgument(f"the source '{unknown[0]}' is not in data/sources.yml",
                          "use an id from data/sources.yml, or add the source there")
    return generated.sources(c.content, [*c.cited, *named])


def _citing(items: Callable[[Content], Iterable[object]], render: Callable[[Content], str]) -> Render:
    """A shortcode that shows these data items of the page's language and cites their sources."""
    def run(c: Context, _: str) -> str:
        c.cite(*items(c.content))
        return render(c.content)
    return run


SHORTCODES: dict[str, tuple[tuple[str, ...] | None, Render]] = {
    "signals": (("", "person", "address", "more"), _signals),
    "nonverbal": ((), _citing(lambda content: [content.signals.nonverbal], generated.nonverbal)),
    "steps": (("", "summary"), _steps),
    "donts": ((), _citing(lambda content: content.steps.donts.items, generated.donts)),
    "contact": (("attention_officer", "care_coordinator", "interpreter"),
                lambda c, a: generated.contact(c.content, c.project.settings, a)),
    "organisations": ((), _citing(lambda content: content.organisations, generated.organisations)),
    "report-form": ((), lambda c, a: generated.report_form(c.content, c.project.settings)),
    "report-form-link": ((), lambda c, a: generated.report_form_link(c.content, c.project.settings, c.host)),
    "privacy": ((), lambda c, a: generated.privacy_block(c.content, c.project.settings)),
    "downloads": ((), lambda c, a: generated.downloads(c.content, c.host)),
    "help-cards": ((), lambda c, a: generated.help_cards(c.project, c.host)),
    "sources": (None, _sources),      # the sources of the data on this page, and the ids given
    "translation-status": ((), lambda c, a: generated.translation_status(c.project, c.host, c.preview)),
    "changes": ((), lambda c, a: generated.changes(c.project, c.host)),
}


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
            forms = allowed or ("",)        # () takes no argument
            if allowed is not None and arg not in forms:
                usage = " or ".join(f"<!-- md:{name}{' ' + form if form else ''} -->" for form in forms)
                problems.append(Problem(context.display, line_number,
                                        f"shortcode 'md:{name}' does not take '{arg}'", f"write {usage}"))
                return ""
            try:
                return render(context, arg)
            except BadArgument as bad:
                problems.append(Problem(context.display, line_number, f"shortcode 'md:{name}': {bad.args[0]}",
                                        bad.args[1]))
                return ""

        out.append(SHORTCODE.sub(replace, line))
    return "\n".join(out), problems
