"""Lists about the handbook itself: the translation status and what changed."""

from __future__ import annotations

from handboek.model import review
from handboek.model.project import Project
from handboek.site.generated import HostPage


def _cell(text: str) -> str:
    """Text that is safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _table(*rows: tuple[str, str, str]) -> str:
    """A Markdown table of three columns; the first row is its header."""
    lines = [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join([lines[0], "|---|---|---|", *lines[1:]]) + "\n"


def translation_status(project: Project, host: HostPage, preview: bool) -> str:
    """A table with the status of every translated page and data file; a preview of one language has none."""
    labels = project.contents[host.lang].texts.status
    if preview:
        return labels.one_language + "\n"
    words = {"current": labels.current, "outdated": labels.outdated, "missing": labels.missing}
    return _table((labels.source, labels.language, labels.status),
                  *((f"`{_cell(entry.source)}`", entry.lang, words[entry.status]) for entry in project.translations))


def changes(project: Project, host: HostPage) -> str:
    """Every change note of this language's pages, newest first, linked to its page."""
    labels = project.contents[host.lang].texts.changes
    notes = sorted(((change.date, page.title or rel, rel, change.note)
                    for rel, page in project.pages.get(host.lang, {}).items() if page.meta is not None
                    for change in page.meta.changes), key=lambda note: (-note[0].toordinal(), note[1]))
    if not notes:
        return labels.none + "\n"
    return _table((labels.date, labels.page, labels.change),
                  *((review.long_date(day, host.lang), f"[{_cell(title)}]({host.link_to_page(rel)})", _cell(note))
                    for day, title, rel, note in notes))
