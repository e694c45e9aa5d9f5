"""QR codes for the printed handbook URL (never Micro QR, which many phone cameras cannot read)."""

from __future__ import annotations

from functools import cache

import segno


@cache  # every PDF of a build shows the same code
def svg(url: str, dark: str = "#000000") -> str:
    """An inline SVG QR code for `url`, with its quiet zone, scaled by CSS."""
    code = segno.make_qr(url, error="m")
    return code.svg_inline(scale=1, border=4, dark=dark, light="#ffffff", omitsize=True)
