"""Lists about the handbook itself: the translation status and what changed."""

from __future__ import annotations

from handboek.model import review
from handboek.model.project import Project
from handboek.site.blocks import Where


def _cell(text: str) -> str:
    """Text that is safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def translation_status(project: Project, where: Where, preview: bool) -> str:
    """A table with the status of every translated page and data file; a preview of one language has none."""
    labels = project.contents[where.lang].texts.status
    if preview:
        return labels.one_language + "\n"
    words = {"current": labels.current, "outdated": labels.outdated, "missing": labels.missing}
    rows = [f"| {labels.source} | {labels.language} | {labels.status} |", "|---|---|---|"]
    for entry in project.translations:
        rows.append(f"| `{_cell(entry.source)}` | {entry.lang} | {words[entry.status]} |")
    return "\n".join(rows) + "\n"


def changes(project: Project, where: Where) -> str:
    """Every change note of this language's pages, newest first, linked to its page."""
    labels = project.contents[where.lang].texts.changes
    notes = []
    for rel, page in project.pages.get(where.lang, {}).items():
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
