"""Pages and data are text: what an editor writes must never become a script that runs in a reader's browser."""

from __future__ import annotations

import re

from handboek.problems import Problem, line_of

# Markdown lets raw HTML through; these are the ways HTML runs code or pulls in another page or program.
FORBIDDEN = (
    (re.compile(r"<\s*(script)\b", re.IGNORECASE), "a <{}> element",
     "remove it; a script of the site belongs in overrides/assets/javascripts/"),
    (re.compile(r"<\s*(iframe|object|embed)\b", re.IGNORECASE), "an <{}> element, which shows another page or program",
     "remove it, and link to the page instead"),
    (re.compile(r"<[^>]*?\s(on[a-z]+)\s*=", re.IGNORECASE), "the event attribute {}=, which runs code",
     "remove the attribute"),
    (re.compile(r"(javascript)\s*:", re.IGNORECASE), "a {}: address, which runs code",
     "link to a page or a web address (https://) instead"),
)


def problems(path: str, text: str) -> list[Problem]:
    """A problem for each place in `text` (a page or a data file) where markup could run code."""
    return [Problem(path, line_of(text, match.group(0), match.start()), f"{what.format(match.group(1).lower())} is "
                    "not allowed", fix)
            for pattern, what, fix in FORBIDDEN for match in pattern.finditer(text)]
