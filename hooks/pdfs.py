"""Adapter: render the printable PDFs of each language into the site (filled in with the print issue)."""
