"""Printable PDFs: pocket card, A4 card sheet, checklist, report form and the whole handbook."""
