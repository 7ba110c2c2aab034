"""Parse single cells as analysts write them (decimal comma, ja/nej, ISO dates)."""

from __future__ import annotations

from datetime import date, datetime

from loaders.dates import is_iso_date
from noegletal.safe_text import terminal_text


class CellValueError(ValueError):
    """A cell whose text cannot be read as the column requires."""


SHOWN_CHARACTERS = 40


def shown(cell: object, limit: int = SHOWN_CHARACTERS) -> str:
    """A cell as an error message quotes it: at most `limit` characters (a 100 kB cell is not
    echoed whole), control characters escaped (a stray byte cannot garble the terminal)."""
    text = str(cell)
    return terminal_text(text[:limit]) + (f"… ({len(text)} tegn)" if len(text) > limit else "")


_TRUE = {"true", "sand", "ja", "j", "yes", "y", "1", "x"}
_FALSE = {"false", "falsk", "nej", "n", "no", "0", ""}


def parse_flag(cell: object) -> bool:
    """true/false, ja/nej, 1/0; empty means false."""
    if cell is None:
        return False
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)) and cell in (0, 1):
        return bool(cell)
    text = str(cell).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellValueError(f"'{shown(cell)}' er hverken sand eller falsk (brug true/false eller ja/nej)")


def parse_date(cell: object) -> date | None:
    """An ISO date (2023-06-14); Excel date cells are accepted as they are. Empty gives None."""
    if cell is None:
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = str(cell).strip()
    if text == "":
        return None
    try:
        if is_iso_date(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise CellValueError(f"'{shown(text)}' er ikke en dato på formen ÅÅÅÅ-MM-DD")


def parse_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())
