"""Single cells of a publisher's spreadsheet read as its mapping says: numbers with the mapping's
decimal mark and suppression markers, provisional markers, periods, dates and regions.

`CellReader` also collects the errors; `loaders.spreadsheet` builds the file's reader on it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from loaders.dates import date_from_match, find_date
from loaders.errors import CellError, LoadRefused
from loaders.spreadsheet_grid import Column, cell_text
from loaders.spreadsheet_mappings import Mapping, fold, shown_path
from noegletal import catalog
from noegletal.periods import PeriodError, parse_period


class CellReader:
    """The cells of one file following one mapping; errors name the file, row and column."""

    def __init__(self, mapping: Mapping, path: Path):
        self.m = mapping
        self.path = path
        self.errors: list[CellError] = []
        self.where = f"mappingen '{mapping.name}' ({shown_path(mapping.file)})"

    def error(self, row: int | None, column: str | None, message: str) -> None:
        self.errors.append(CellError(self.path, row, column, message))

    def refuse_if_errors(self) -> None:
        if self.errors:
            raise LoadRefused(sorted(self.errors, key=lambda e: (e.row or 0)))

    def strip_marker(self, text: str) -> tuple[str, bool]:
        """The text without a trailing provisional marker ("2023K1*" -> "2023K1"), and whether it had one."""
        marker = self.m.provisional.marker
        if marker and text != marker and text.endswith(marker):
            return text[: -len(marker)].rstrip(), True
        return text, False

    def period_code(self, cell: object) -> str | None:
        """The canonical period of a cell or header, or None when it cannot be read."""
        if self.m.period_pattern is not None and not isinstance(cell, (int, float)):
            m = self.m.period_pattern.fullmatch(cell_text(cell))
            if m:
                quarter = m.groupdict().get("quarter")
                return f"{int(m['year'])}K{int(quarter)}" if quarter else str(int(m["year"]))
        try:
            return parse_period(cell).code
        except PeriodError:
            return None

    def number(self, raw: object, row: int, col: Column) -> tuple[object, str | None, bool, bool]:
        """(cell for validate_rows, suppression marker, provisional marker seen, readable)."""
        if not isinstance(raw, str):
            return raw, None, False, True
        text = " ".join(raw.split())
        if text in self.m.suppression_markers:
            return None, text, False, True
        text, provisional = self.strip_marker(text)
        if text in self.m.suppression_markers:
            return None, text, provisional, True
        if self.m.decimal is None:
            return text, None, provisional, True
        # a space only between groups of three digits ('10 000'); '8 1' is two numbers, not 81
        compact = text.replace(" ", "") if re.fullmatch(r"[+-]?\d{1,3}( \d{3})+([.,]\d*)?", text) else text
        decimal, thousands = (",", ".") if self.m.decimal == "comma" else (".", ",")
        well_formed = rf"[+-]?(\d{{1,3}}(\{thousands}\d{{3}})+|\d+)(\{decimal}\d+)?"
        if re.fullmatch(well_formed, compact):
            return compact.replace(thousands, "").replace(decimal, "."), None, provisional, True
        if re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*", compact):
            mark = "decimalkomma" if self.m.decimal == "comma" else "decimalpunktum"
            self.error(row, col.label, f"'{text}' kan ikke læses som et tal med {mark} "
                                       f"(decimal: {self.m.decimal} i {self.where})")
            return None, None, provisional, False
        return text, None, provisional, True  # not a number at all: validate_rows names it

    def read_date(self, raw: object, pattern: re.Pattern | None) -> date | None:
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        text = cell_text(raw)
        if pattern is not None:
            m = pattern.search(text)
            return date_from_match(m) if m else None
        return find_date(text)

    def region_id(self, raw: object) -> str | None:
        """The region a cell names, by the mapping's spellings or the standard ones."""
        spelling = cell_text(raw)
        if not spelling:
            return None
        return self.m.regions.get(fold(spelling)) or catalog.resolve_region(raw)
