"""QR codes for the printed handbook URL (never Micro QR, which many phone cameras cannot read)."""

from __future__ import annotations

from handboek.memo import remembered


@remembered("segno")  # every PDF of a build shows the same codes, and a warm build need not import segno
def svg(url: str) -> str:
    """An inline SVG QR code for `url`, with its quiet zone, scaled by CSS."""
    import segno

    code = segno.make_qr(url, error="m")
    return code.svg_inline(scale=1, border=4, dark="#000000", light="#ffffff", omitsize=True)
