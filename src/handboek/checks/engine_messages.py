"""MkDocs' own link-validation messages, rewritten as `path:line: what is wrong — how to fix`.

MkDocs checks Markdown links and anchors, and the nav; it names the page but not the line. This finds the line.
"""

from __future__ import annotations

import re
from pathlib import Path

from handboek.model.project import Project
from handboek.problems import Problem, line_of, shown

_PAGE = r"Doc file '(?P<src>[^']+)' contains "
_SUGGEST = r"(?: Did you mean '(?P<suggest>[^']*)'\?)?"
# MkDocs' message, what we say instead ({anchor} is the part of the link after '#'), and how to fix it; when MkDocs
# suggests a link, the fix is that suggestion.
PATTERNS = [
    (_PAGE + r"a link '(?P<link>[^']+)', but the target(?: '[^']+')? is not found among documentation files\." + _SUGGEST,
     "link '{link}' points to a page or file that does not exist",
     "correct the file name (for example signalen.md) or add the page"),
    (_PAGE + r"a link '(?P<link>[^']+)', but the doc '(?P<target>[^']+)' does not contain an anchor '#[^']+'\.",
     "link '{link}' points to '#{anchor}', which is not a heading on {target}",
     "use the id of an existing heading: see the table of contents of that page"),
    (_PAGE + r"a link '(?P<link>[^']+)', but there is no such anchor on this page\.",
     "link '{link}' points to '#{anchor}', which is not a heading on this page",
     "use the id of an existing heading: see the table of contents of that page"),
    (_PAGE + r"an absolute link '(?P<link>[^']+)', it was left as is\." + _SUGGEST,
     "link '{link}' starts with '/', so it breaks under a sub-path",
     "link to the Markdown file, relative to this page, e.g. signalen.md"),
    (_PAGE + r"an unrecognized relative link '(?P<link>[^']+)', it was left as is\." + _SUGGEST,
     "link '{link}' does not point to a Markdown file", "link to the .md file of the page, e.g. signalen.md"),
]


NAV_MISSING = re.compile(r"A reference to '(?P<target>[^']+)' is included in the 'nav' configuration, which is not "
                         r"found in the documentation files\.")
OMITTED = "The following pages exist in the docs directory, but are not included in the \"nav\" configuration:"


def problems(message: str, project: Project, config_file: Path, lang: str) -> list[Problem] | None:
    """The problems in MkDocs' warning about links or the nav of language `lang`, each at its line; None when the
    message is not one of these."""
    message, docs, config = message.strip(), shown(project.docs_dir, project.root), config_file.name
    if message.startswith(OMITTED):
        pages = [line.strip()[2:] for line in message.splitlines()[1:] if line.strip().startswith("- ")]
        return [Problem(f"{docs}/{page}", 1, f"the page is not in the navigation ('nav' in {config})",
                        f"add it to 'nav' in {config}, or remove the page") for page in pages]
    if nav := NAV_MISSING.fullmatch(message):
        target = nav["target"]
        if any(entry.status == "missing" and entry.translation.endswith(f"/{target}")
               for entry in project.translations):
            return []   # already reported as a missing translation
        return [Problem(config, _line(config_file, target),
                        f"the nav lists '{target}', but {docs}/{lang}/{target} does not exist",
                        f"add {docs}/{lang}/{target}, or correct or remove the nav entry")]
    for pattern, what, fix in PATTERNS:
        if match := re.fullmatch(pattern, message):
            found, link = match.groupdict(), match["link"]
            return [Problem(f"{docs}/{found['src']}", _line(project.docs_dir / found["src"], link),
                            what.format(link=link, anchor=link.partition("#")[2], target=found.get("target")),
                            f"did you mean '{found['suggest']}'?" if found.get("suggest") else fix)]
    return None


def _line(path: Path, link: str) -> int:
    """The line where the link's target is written in the page, or 1."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return 1
    return next((line for needle in (f"]({link}", f"({link}", link) if (line := line_of(text, needle))), 1)
