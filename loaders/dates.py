"""Publication dates read strictly, as Danish publishers write them.

A date is a whole date or none: "14. juni 20233" and "2023-06-145" are no dates (a search that
stopped at the fourth digit of the year would read 2023-06-14), and neither is a year of five
digits. A date more than a year ahead (a year after next year) is almost always a typo; it is
refused unless the load is told it is meant (`noegletal load --allow-future-date`), because a
future publication date keeps a figure under embargo until that day.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

MONTHS_DA = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "okt": 10, "nov": 11, "dec": 12,
}

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# (?<!\d) and (?!\d): the numbers are whole, never the first digits of a longer number.
_FORMS = (
    re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d-])"),  # 2023-06-14
    re.compile(r"(?<!\d)(?P<day>\d{1,2})\.\s*(?P<month>[a-zæøå]+)\.?\s+(?P<year>\d{4})(?!\d)", re.IGNORECASE),  # 14. juni 2023
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})[-./](?P<month>\d{1,2})[-./](?P<year>\d{4})(?![\d.]\d|\d)"),  # 14-06-2023
)

_allow_future = ContextVar("allow_future_dates", default=False)


@contextmanager
def future_dates_allowed(allowed: bool = True):
    """Within this block a publication date after next year is accepted (--allow-future-date)."""
    token = _allow_future.set(allowed)
    try:
        yield
    finally:
        _allow_future.reset(token)


def latest_accepted_year(today: date | None = None) -> int | None:
    """The last year a publication date may fall in (next year), or None when any is allowed."""
    return None if _allow_future.get() else (today or date.today()).year + 1


def is_iso_date(text: str) -> bool:
    """ÅÅÅÅ-MM-DD and nothing else (date.fromisoformat also takes 20230614 and 2023-W24-3)."""
    return _ISO.fullmatch(text) is not None


def make_date(year, month, day) -> date | None:
    try:
        m = _month(str(month))
        return date(int(year), m, int(day)) if m else None
    except (TypeError, ValueError):
        return None


def _month(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return MONTHS_DA.get(text.casefold().rstrip(".")[:3])


def date_from_match(m: re.Match) -> date | None:
    """The date a mapping's pattern matched: its `date` group, or `year`, `month`, `day`; None
    where a number the pattern took is part of a longer one ("20233")."""
    groups = m.groupdict()
    if not _whole(m):
        return None
    if groups.get("date"):
        return find_date(groups["date"])
    if all(groups.get(k) for k in ("year", "month", "day")):
        return make_date(groups["year"], groups["month"], groups["day"])
    return find_date(m.group(0))


def _whole(m: re.Match) -> bool:
    """The match neither begins nor ends inside a longer number."""
    start, end, text = m.start(), m.end(), m.string
    cut_before = 0 < start < len(text) and text[start - 1].isdigit() and text[start].isdigit()
    cut_after = 0 < end < len(text) and text[end].isdigit() and text[end - 1].isdigit()
    return not (cut_before or cut_after)


def find_date(text: str) -> date | None:
    """The first date in a text written the ways Danish publishers write it."""
    for form in _FORMS:
        m = form.search(text)
        if m:
            return make_date(m["year"], m["month"], m["day"])
    return None
