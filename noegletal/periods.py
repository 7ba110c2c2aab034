"""Reporting periods: quarters ("2023K1") and years ("2022").

Publishers and analysts spell periods many ways; everything inside the warehouse uses the
canonical form ("2023K1", "2022"), and Danish labels are made only for display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_QUARTER_PATTERNS = [
    re.compile(r"^(?P<year>\d{4})\s*-?\s*[KkQq]\s*(?P<q>[1-4])$"),  # 2023K1, 2023 K1, 2023Q1, 2023-Q1
    re.compile(r"^(?P<q>[1-4])\.?\s*(?:kvt|kvartal)\.?\s+(?P<year>\d{4})$", re.IGNORECASE),  # 1. kvt. 2023
    re.compile(r"^[KkQq](?P<q>[1-4])\s+(?P<year>\d{4})$"),  # K1 2023
]
_YEAR_PATTERN = re.compile(r"^(?P<year>\d{4})(?:\.0+)?$")


class PeriodError(ValueError):
    """A period that cannot be read."""


def _quoted(text: str, limit: int = 40) -> str:
    """A short, escaped quotation of what was read, for error messages (a long cell is cut)."""
    return repr(text[:limit]) + (f"… ({len(text)} tegn)" if len(text) > limit else "")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None  # None for a whole year

    @property
    def frequency(self) -> str:
        return "year" if self.quarter is None else "quarter"

    @property
    def code(self) -> str:
        """Canonical form stored in the warehouse and used in URLs: 2023K1 or 2022."""
        return str(self.year) if self.quarter is None else f"{self.year}K{self.quarter}"

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        nxt = date(self.year, 3 * self.quarter + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)

    @property
    def label(self) -> str:
        """Short Danish label for axes and tables: '2023 K1' or '2022'."""
        return str(self.year) if self.quarter is None else f"{self.year} K{self.quarter}"

    @property
    def long_label(self) -> str:
        """Danish label for running text: '1. kvt. 2023' or '2022'."""
        return str(self.year) if self.quarter is None else f"{self.quarter}. kvt. {self.year}"

    def year_ago(self) -> Period:
        return Period(self.year - 1, self.quarter)

    def previous(self) -> Period:
        if self.quarter is None:
            return Period(self.year - 1)
        return Period(self.year, self.quarter - 1) if self.quarter > 1 else Period(self.year - 1, 4)

    def next(self) -> Period:
        if self.quarter is None:
            return Period(self.year + 1)
        return Period(self.year, self.quarter + 1) if self.quarter < 4 else Period(self.year + 1, 1)

    def __str__(self) -> str:
        return self.code


def parse_period(text: object) -> Period:
    """Read a period as analysts and publishers write it; raise PeriodError otherwise."""
    if isinstance(text, bool) or text is None:
        raise PeriodError(f"ugyldig periode: {text!r}")
    if isinstance(text, (int, float)):
        if float(text).is_integer():
            text = str(int(text))
        else:
            raise PeriodError(f"ugyldig periode: {text!r}")
    s = " ".join(str(text).split())
    if len(s) > 40:  # no period is that long; and a regular expression need not scan 100 kB
        raise PeriodError(f"ugyldig periode: {_quoted(s)}")
    for pattern in _QUARTER_PATTERNS:
        m = pattern.match(s)
        if m:
            return _checked(Period(int(m["year"]), int(m["q"])), s)
    m = _YEAR_PATTERN.match(s)
    if m:
        return _checked(Period(int(m["year"])), s)
    raise PeriodError(
        f"ugyldig periode: {_quoted(s)} (forventet fx 2023K1, 2023 K1, 2023Q1, 1. kvt. 2023 eller 2022)"
    )


def _checked(period: Period, text: str) -> Period:
    if not 1900 <= period.year <= 2100:
        raise PeriodError(f"ugyldig periode: {_quoted(text)} (årstal uden for 1900-2100)")
    return period


def period_range(first: Period, last: Period) -> list[Period]:
    """All periods from first to last inclusive, of first's frequency."""
    out, p = [], first
    while p <= last:
        out.append(p)
        p = p.next()
    return out


def latest_complete(frequency: str, today: date | None = None) -> Period:
    """The most recent period of the given frequency that has ended before today."""
    today = today or date.today()
    if frequency == "year":
        return Period(today.year - 1)
    current = Period(today.year, (today.month - 1) // 3 + 1)
    return current.previous()
