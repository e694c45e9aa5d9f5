"""Lists about the handbook itself: the translation status and what changed."""

from __future__ import annotations

from handboek import review
from handboek.blocks import Where
from handboek.session import Session


def _cell(text: str) -> str:
    """Text that is safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def translation_status(session: Session, where: Where) -> str:
    """A table with the status of every translated page and data file."""
    labels = session.contents[where.lang].texts.status
    if session.preview:
        return labels.one_language + "\n"
    words = {"current": labels.current, "outdated": labels.outdated, "missing": labels.missing}
    rows = [f"| {labels.source} | {labels.language} | {labels.status} |", "|---|---|---|"]
    for entry in session.translation_entries:
        rows.append(f"| `{_cell(entry.source)}` | {entry.lang} | {words[entry.status]} |")
    return "\n".join(rows) + "\n"


def changes(session: Session, where: Where) -> str:
    """Every change note of this language's pages, newest first, linked to its page."""
    labels = session.contents[where.lang].texts.changes
    notes = []
    for rel, page in session.sources.get(where.lang, {}).items():
        if page.meta is None:
            continue
        for change in page.meta.changes:
            notes.append((change.date, page.title or rel, rel, change.note))
    if not notes:
        return labels.none + "\n"
    notes.sort(key=lambda note: (-note[0].toordinal(), note[1]))
    rows = [f"| {labels.date} | {labels.page} | {labels.change} |", "|---|---|---|"]
    for day, title, rel, note in notes:
        link = where.link_to_page(rel)
        rows.append(f"| {review.long_date(day, where.lang)} | [{_cell(title)}]({link}) | {_cell(note)} |")
    return "\n".join(rows) + "\n"
