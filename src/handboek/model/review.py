"""Review dates, like GOV.UK's page expiry: pages and organisation records that are due for a check."""

from __future__ import annotations

import calendar
import datetime as dt

from typing import TYPE_CHECKING

from babel.dates import format_date

from handboek.model.pages import Page
from handboek.model.texts import SiteTexts, fill
from handboek.model.yamlfile import Located
from handboek.problems import Problem

if TYPE_CHECKING:
    from handboek.model.content import Source

RECORD_MONTHS = 12
LOCALES = {"en": "en_GB"}     # British dates (28 November 2026) in British-spelled English


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def due_date(page: Page) -> dt.date | None:
    """The date a page must be reviewed again by; None for a page without valid front matter."""
    return add_months(page.meta.last_reviewed, page.meta.review_months) if page.meta else None


def long_date(day: dt.date, lang: str) -> str:
    """`28 november 2026` / `28 November 2026`."""
    return format_date(day, format="long", locale=LOCALES.get(lang, lang))


def page_problems(page: Page, today: dt.date) -> list[Problem]:
    """A warning when the page is overdue for review."""
    due = due_date(page)
    if due is None or today <= due or page.front is None:
        return []
    return [Problem(page.display, page.front.line(("last_reviewed",)),
                    f"the page was due for review on {due.isoformat()}",
                    "check the page with its owner, then set last_reviewed to the date of that check",
                    "warning")]


def record_problems(sources: list[Source], located: Located, today: dt.date) -> list[Problem]:
    """A warning for each source read more than 12 months ago: the facts that cite it need a new look."""
    return [Problem(located.path, located.line(("sources", index, "read_on")), f"source '{source.id}' was last read "
                    f"on {source.read_on.isoformat()}, more than {RECORD_MONTHS} months ago",
                    "read it again and check every fact that cites it, then set read_on to today's date", "warning")
            for index, source in enumerate(sources) if today > add_months(source.read_on, RECORD_MONTHS)]


def page_labels(page: Page, today: dt.date, texts: SiteTexts, lang: str) -> dict[str, str]:
    """The texts shown under a page: when it was last reviewed, by whom, and whether it is overdue."""
    if page.meta is None:
        return {}
    labels = {"reviewed": fill(texts.last_reviewed, date=long_date(page.meta.last_reviewed, lang)),
              "owner": fill(texts.owner, owner=page.meta.owner)}
    due = due_date(page)
    if due is not None and today > due:
        labels["overdue"] = fill(texts.review_due, date=long_date(due, lang))
    return labels
