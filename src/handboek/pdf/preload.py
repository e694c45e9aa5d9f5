"""Imported once by the server that the PDF workers fork from, so that no worker imports WeasyPrint itself.

A WeasyPrint that cannot load (e.g. Pango is missing) is not an error here: it is reported for each PDF.
"""

import contextlib

with contextlib.suppress(Exception):
    import weasyprint.text.fonts  # noqa: F401
