"""Content-Security-Policy of the site: only the site itself, and only the theme's own inline scripts.

The theme's inline scripts are known before any page is built (they come from its templates), so every page
gets the same policy, and a page with any other inline script is a problem, not an exception to allow.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

# A script element without src; its body is raw text up to the first `</script` (HTML parsing rules).
INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(?P<body>.*?)</script\s*>",
                           re.IGNORECASE | re.DOTALL)
SRC_ATTRIBUTE = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)
TYPE_ATTRIBUTE = re.compile(r"""(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# Script types the browser runs; any other type (e.g. application/json) is a data block that CSP ignores.
JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
                    "application/ecmascript", "text/jscript", "text/livescript", "application/x-javascript",
                    "application/x-ecmascript", "text/x-javascript", "text/x-ecmascript"}

# Everything comes from the site itself. Material needs only two extras, both found through the browser's
# violation reports: the hashes of its inline scripts (added per page) and `data:` images, because its
# icons (admonitions, navigation arrows) are SVG data URLs in its stylesheet. No inline style is needed.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),          # plus one hash per inline script
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),         # the search index
    ("worker-src", "'self'"),          # the search worker
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),         # no form is ever sent; the report form only prints
)


def _script_type(attrs: str) -> str:
    """The script's type attribute, lower-cased, without parameters; empty when absent."""
    found = TYPE_ATTRIBUTE.search(attrs)
    if not found:
        return ""
    value = next(group for group in found.groups() if group is not None)
    return value.split(";")[0].strip().lower()


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts the browser would run, exactly as it reads them."""
    bodies = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if SRC_ATTRIBUTE.search(attrs) or _script_type(attrs) not in JAVASCRIPT_TYPES:
            continue
        # The HTML parser turns CRLF and lone CR into LF before the script text exists.
        bodies.append(match.group("body").replace("\r\n", "\n").replace("\r", "\n"))
    return bodies


def script_hash(body: str) -> str:
    """A CSP hash source for one inline script body: `'sha256-…'`."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: Iterable[str]) -> str:
    """The policy: the site itself, plus the listed inline scripts; nothing from any other host."""
    extra = " ".join(hashes)
    return "; ".join(f"{name} {sources} {extra}" if name == "script-src" and extra else f"{name} {sources}"
                     for name, sources in DIRECTIVES)


def foreign_scripts(html: str, allowed: set[str]) -> list[str]:
    """The inline scripts of a page that are not among the `allowed` hashes: its first words, to name them."""
    return [" ".join(body.split())[:60] for body in inline_scripts(html) if script_hash(body) not in allowed]
