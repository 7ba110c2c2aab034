"""Danish number, unit and period formatting for every page, figure and export.

Plain Python on purpose (no Babel): the rules are few and fixed. Thousands are separated by '.',
decimals by ',', halves are rounded away from zero (74,5 pct. -> "75 pct."), and a missing value
is always written "ingen data".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from noegletal.periods import PeriodError, parse_period

NO_DATA = "ingen data"
MINUS = "-"

# Unit codes of the catalog (indicators.csv) -> how they are written after a number.
# Units not listed are written as they stand ("pr. 1.000", "pr. 100.000").
_UNIT_TEXT = {
    "pct": "pct.",
    "dage": "dage",
    "år": "år",
    "indeks": "",
    "antal": "",
    "": "",
}
# How a difference between two values of the unit is written.
_DIFFERENCE_UNIT_TEXT = {"pct": "pct.-point"}
# Axis titles.
_AXIS_TEXT = {"pct": "pct.", "indeks": "indeks", "antal": "antal", "": ""}

_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def shown_decimals(row: object, meta: object, column: str = "value_decimals") -> int:
    """The decimals a mart row's values are shown with: the row's `value_decimals` (or
    `variation_decimals`), chosen in dbt (int_display_decimals_chosen) so that a shown value never
    contradicts its interval, target or assessment; the catalog's default (`meta["decimals"]`)
    where the row has none (no row, or a row from before the rule)."""
    decimals = row.get(column) if hasattr(row, "get") else None
    if _missing(decimals):
        decimals = meta.get("decimals") if hasattr(meta, "get") else meta
    return int(decimals or 0)


def format_number(value: float | int | None, decimals: int = 0, signed: bool = False) -> str:
    """A number in Danish notation: 1.234,5 (thousands '.', decimal ','); None -> 'ingen data'."""
    if _missing(value):
        return NO_DATA
    decimals = max(int(decimals or 0), 0)
    quantum = Decimal(1).scaleb(-decimals)
    # repr() gives the shortest decimal text of the float, so 0.125 rounds to 0,13 (not 0,12).
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0"
    sign = MINUS if rounded < 0 else ("+" if signed and rounded > 0 else "")
    integer, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = ".".join(groups)
    if decimals:
        text += "," + fraction
    return sign + text


def excel_number_format(decimals: int | None) -> str:
    """Excel's number format for a value with this many decimals ('0', '0.0', '0.00'): Excel shows
    it in the reader's own separators (a Danish Excel as format_number: decimal comma)."""
    decimals = int(decimals or 0)
    return "0" if decimals <= 0 else "0." + "0" * decimals


def format_exact(value: float | int | None) -> str:
    """A number with all its decimals, for showing source values as loaded: 74 -> '74', 81.35 -> '81,35'."""
    if _missing(value):
        return NO_DATA
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{Decimal(text):f}"
    decimals = len(text.partition(".")[2].rstrip("0"))
    return format_number(value, decimals)


def unit_text(unit: str | None) -> str:
    """The unit as written after a value: 'pct' -> 'pct.'; 'indeks' -> '' (a bare number)."""
    unit = unit or ""
    return _UNIT_TEXT.get(unit, unit)


def difference_unit_text(unit: str | None) -> str:
    """The unit of a difference: percentages differ by percentage points ('pct.-point')."""
    unit = unit or ""
    return _DIFFERENCE_UNIT_TEXT.get(unit, unit_text(unit))


def axis_title(unit: str | None) -> str:
    """The unit as an axis title: 'pct.', 'dage', 'år', 'pr. 1.000', 'indeks'."""
    unit = unit or ""
    return _AXIS_TEXT.get(unit, unit_text(unit))


def _with_unit(number: str, unit: str, rounded_is_one: bool) -> str:
    if not unit:
        return number
    if unit == "dage" and rounded_is_one:
        unit = "dag"
    return f"{number} {unit}"


def _is_one(value: float, decimals: int) -> bool:
    return abs(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-max(decimals, 0)), rounding=ROUND_HALF_UP)) == 1


def format_value(value: float | int | None, unit: str | None = None, decimals: int = 0) -> str:
    """A value with its unit: '74 pct.', '81,3 år', '46 dage', '12,3 pr. 1.000', '1.234'."""
    if _missing(value):
        return NO_DATA
    decimals = int(decimals or 0)
    return _with_unit(format_number(value, decimals), unit_text(unit), _is_one(value, decimals))


def format_interval(low: float | None, high: float | None, unit: str | None = None, decimals: int = 0,
                    missing: str = "–") -> str:
    """A confidence interval: '4,9–8,3 pct.', '60,6–74,5 pr. 1.000'; `missing` when a bound is
    unknown. At least one decimal: a whole-percent interval would hide how wide it is."""
    if _missing(low) or _missing(high):
        return missing
    decimals = max(int(decimals or 0), 1)
    return f"{format_number(low, decimals)}–{format_value(high, unit, decimals)}"


def format_difference(
    diff: float | int | None, unit: str | None = None, decimals: int = 0, signed: bool = False
) -> str:
    """A difference: '27 pct.-point', '12 dage', '0,2 år'; signed=True writes '+3 pct.-point'."""
    if _missing(diff):
        return NO_DATA
    decimals = int(decimals or 0)
    number = format_number(diff, decimals, signed=signed)
    return _with_unit(number, difference_unit_text(unit), _is_one(diff, decimals))


def format_suppressed(reason: str | None) -> str:
    """A value the publisher suppressed: 'diskretioneret (<5)'; no reason -> 'diskretioneret'."""
    reason = (reason or "").strip()
    return f"diskretioneret ({reason})" if reason else "diskretioneret"


def format_shown_value(
    value: float | int | None, unit: str | None = None, decimals: int = 0, suppression_reason: str | None = None
) -> str:
    """format_value, but a suppressed value says so ('diskretioneret (<5)') instead of 'ingen data'."""
    if _missing(value) and suppression_reason:
        return format_suppressed(suppression_reason)
    return format_value(value, unit, decimals)


def format_count(value: float | int | None, label: str | None = None) -> str:
    """A volume: '12.345 henviste patienter' (label optional); None -> 'ingen data'."""
    if _missing(value):
        return NO_DATA
    number = format_number(value, 0)
    return f"{number} {label}" if label else number


def period_label(code: str | None) -> str:
    """Short label for axes and tables: '2023K1' -> '2023 K1', '2022' -> '2022'."""
    if code is None or code == "":
        return NO_DATA
    try:
        return parse_period(code).label
    except PeriodError:
        return str(code)


def period_long_label(code: str | None) -> str:
    """Label for running text: '2023K1' -> '1. kvt. 2023', '2022' -> '2022'."""
    if code is None or code == "":
        return NO_DATA
    try:
        return parse_period(code).long_label
    except PeriodError:
        return str(code)


def one_full_stop(sentence: str) -> str:
    """A sentence ending in an abbreviation ("... på 79 pct..") with its second full stop dropped."""
    return sentence[:-1] if sentence.endswith("..") else sentence


# a number and its unit stay on one line in a printed document ("95 %-grænse", "8,5 pct.",
# "12,33 pr. 1.000", "8,8 dage"): the space between them becomes a no-break space
_NUMBER_UNIT = re.compile(r"(?<=\d) (?=%|pct\.|dage?\b|pr\. \d|år\b|patienter\b|personer\b)|(?<=\bpr\.) (?=\d)")


def keep_units_together(text: str) -> str:
    return _NUMBER_UNIT.sub("\u00a0", text)


def join_da(items: Iterable[str]) -> str:
    """'A', 'A og B', 'A, B og C'."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " og " + items[-1]


def format_date(value: date | datetime | None) -> str:
    """'1. juni 2023'."""
    if value is None:
        return NO_DATA
    return f"{value.day}. {_MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: datetime | None) -> str:
    """'23. november 2025 kl. 13.33' (Danish clock notation)."""
    if value is None:
        return NO_DATA
    if not isinstance(value, datetime):
        return format_date(value)
    return f"{format_date(value)} kl. {value.hour:02d}.{value.minute:02d}"


def describe_variation(
    variation: float | None,
    best_value: float | None,
    worst_value: float | None,
    best_names: Iterable[str],
    worst_names: Iterable[str],
    unit: str | None,
    decimals: int = 0,
) -> str:
    """'Regional variation: 27 pct.-point – bedst: Region Nordjylland (90 pct.), dårligst:
    Region Sjælland og Region Syddanmark (63 pct.)'."""
    if _missing(variation):
        return f"Regional variation: {NO_DATA}"
    best, worst = join_da(best_names), join_da(worst_names)
    return (
        f"Regional variation: {format_difference(variation, unit, decimals)} – "
        f"bedst: {best or NO_DATA} ({format_value(best_value, unit, decimals)}), "
        f"dårligst: {worst or NO_DATA} ({format_value(worst_value, unit, decimals)})"
    )
