"""Sheets of cards on A4 for an office printer: the rendered card's pages placed on the pages of a frame.

The frame (an HTML template: cut marks, a printed note, fold marks) is rendered by WeasyPrint like every other
PDF; the card is rendered once, as the print shop's PDF, and placed on it as it will be cut, at its trim box.
Laying the same card out five or ten times in WeasyPrint cost 1.5–2 s of CPU a sheet; placing it costs a few
hundredths (benchmarks/README.md). The frame carries the sheet's language, title and tags; the placed cards are a
picture of the card for printing; the card's own PDF is the accessible one.
"""

from __future__ import annotations

import hashlib
import io
import re

MM = 72 / 25.4                  # points per millimetre

_DOCUMENT_ID = re.compile(rb"/ID\[<[0-9A-F]{32}><[0-9A-F]{32}>\]")     # in the trailer pdfium writes
Slots = tuple[tuple[float, float], ...]     # where each card's top-left corner goes, in mm from the page's


def place(card: bytes, frame: bytes, slots: Slots) -> bytes:
    """The frame with page n of the card placed on its page n, at every slot, cut at the card's trim box."""
    import pypdfium2     # imported here: a build that only copies cached PDFs never needs it

    source, sheet = pypdfium2.PdfDocument(card), pypdfium2.PdfDocument(frame)
    try:
        for side, page in enumerate(sheet):
            card_page = source[side]
            left, bottom, right, top = card_page.get_trimbox()
            card_page.set_mediabox(left, bottom, right, top)     # the placed card is clipped at its trim box
            card_page.set_cropbox(left, bottom, right, top)
            placed, height = source.page_as_xobject(side, sheet), page.get_height()
            for x, y in slots:
                card_object = placed.as_pageobject()
                card_object.transform(pypdfium2.PdfMatrix().translate(x * MM - left, height - y * MM - top))
                page.insert_obj(card_object)
            page.gen_content()
        out = io.BytesIO()
        sheet.save(out)
        # pdfium writes a random document ID: one made from the rest of the file keeps a sheet byte for byte the same.
        data = out.getvalue()
        digest = hashlib.md5(_DOCUMENT_ID.sub(b"", data), usedforsecurity=False).hexdigest().upper().encode("ascii")
        return _DOCUMENT_ID.sub(b"/ID[<" + digest + b"><" + digest + b">]", data, count=1)
    finally:
        sheet.close()
        source.close()

