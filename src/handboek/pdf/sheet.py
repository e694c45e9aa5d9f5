"""Ten help cards on one A4 page for an office printer, placed from the card's own PDF.

Placing the rendered card ten times costs a few hundredths of a second; laying the same text out ten times in
WeasyPrint cost about 1.5 s of CPU per language (benchmarks/results.md). The sheet is a print layout only: the
card's own PDF is the tagged, accessible file.
"""

from __future__ import annotations

import io

MM = 72 / 25.4                  # points per millimetre
A4 = (210 * MM, 297 * MM)
CARD = (85 * MM, 55 * MM)
COLUMNS, ROWS = 2, 5
OUTLINE, OUTLINE_GREY = 0.1 * MM, 204        # a thin light line around each card, to cut along
MARK, MARK_FROM, MARK_TO = 0.2 * MM, 2 * MM, 9 * MM     # black cut marks outside the grid


def ten_on_a4(card: bytes) -> bytes:
    """An A4 PDF with the card's front ten times on page 1 and its back on page 2, each cut at the card's trim
    box; the grid is centred, so the backs line up when printed on both sides (flip on the long edge)."""
    import pypdfium2     # imported here: a build that only copies cached PDFs never needs it

    source, sheet = pypdfium2.PdfDocument(card), pypdfium2.PdfDocument.new()
    try:
        xs = [(A4[0] - COLUMNS * CARD[0]) / 2 + i * CARD[0] for i in range(COLUMNS + 1)]
        ys = [(A4[1] - ROWS * CARD[1]) / 2 + i * CARD[1] for i in range(ROWS + 1)]
        for side in range(len(source)):
            card_page = source[side]
            left, bottom, right, top = card_page.get_trimbox()
            card_page.set_mediabox(left, bottom, right, top)     # the placed card is clipped at its trim box
            card_page.set_cropbox(left, bottom, right, top)
            placed, page = source.page_as_xobject(side, sheet), sheet.new_page(*A4)
            for y in ys[:-1]:
                for x in xs[:-1]:
                    card_object = placed.as_pageobject()
                    card_object.transform(pypdfium2.PdfMatrix().translate(x - left, y - bottom))
                    page.insert_obj(card_object)
            for x in xs:
                _line(page, (x, ys[0]), (x, ys[-1]), OUTLINE, OUTLINE_GREY)
                _line(page, (x, ys[0] - MARK_TO), (x, ys[0] - MARK_FROM), MARK, 0)
                _line(page, (x, ys[-1] + MARK_FROM), (x, ys[-1] + MARK_TO), MARK, 0)
            for y in ys:
                _line(page, (xs[0], y), (xs[-1], y), OUTLINE, OUTLINE_GREY)
                _line(page, (xs[0] - MARK_TO, y), (xs[0] - MARK_FROM, y), MARK, 0)
                _line(page, (xs[-1] + MARK_FROM, y), (xs[-1] + MARK_TO, y), MARK, 0)
            page.gen_content()
        out = io.BytesIO()
        sheet.save(out)
        return out.getvalue()
    finally:
        sheet.close()
        source.close()


def _line(page, start: tuple[float, float], end: tuple[float, float], width: float, grey: int) -> None:  # noqa: ANN001
    """Draw a straight line on a pdfium page."""
    import pypdfium2.raw as pdfium

    path = pdfium.FPDFPageObj_CreateNewPath(*start)
    pdfium.FPDFPath_LineTo(path, *end)
    pdfium.FPDFPageObj_SetStrokeColor(path, grey, grey, grey, 255)
    pdfium.FPDFPageObj_SetStrokeWidth(path, width)
    pdfium.FPDFPath_SetDrawMode(path, pdfium.FPDF_FILLMODE_NONE, True)
    pdfium.FPDFPage_InsertObject(page.raw, path)       # the page owns the path from here on
