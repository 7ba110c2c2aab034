"""Publisher spreadsheets (Excel/CSV downloads) read as their YAML mapping describes.

Sundhedsdatastyrelsen and the other publishers put their figures in tables whose layouts differ
and change: title rows, quarters as columns, regions spelled "Region H", decimal comma, "..",
a trailing "*" for provisional figures, footnotes under the table. Each layout is described by
one small YAML mapping in loaders/mappings/ (read and checked by `loaders.spreadsheet_mappings`;
every key is documented in docs/mappings.md). This module reads a file that follows a mapping
and reshapes it into `SourceRow`s for the checks every source shares
(`loaders.records.validate_rows`). A changed layout is a change of mapping, not of code.

A file that no longer matches its mapping is refused whole, naming file, row and column and
saying that the layout has changed: an expected column missing, a header nobody mapped, a value
in a column without a header, a period header that cannot be read. Data is never silently dropped.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from loaders import spreadsheet_mappings
from loaders.dates import date_from_match, find_date
from loaders.cells import shown
from loaders.errors import CellError, LoadRefused
from loaders.limits import check_text_limits
from loaders.records import SourceRow, validate_rows
from loaders.source import Source
from loaders.spreadsheet_mappings import (
    FIELD, Mapping, MappingError, fold, load_mapping, load_mappings, shown_path,
)
from loaders.xlsx_check import Sheet, check_workbook
from noegletal import catalog
from noegletal.periods import Period, PeriodError, parse_period

__all__ = ["Mapping", "MappingError", "load_mapping", "load_mappings", "parse", "sources"]


def sources(directory: Path | None = None) -> list:
    """One `loaders.source.Source` per mapping in the directory (default loaders/mappings/), in file-name order."""
    mappings = load_mappings(directory or spreadsheet_mappings.MAPPINGS_DIR)
    return [Source(m.name, m.description, m.file_patterns, functools.partial(parse, m)) for m in mappings]


def parse(mapping: Mapping, path: Path, content: bytes):
    """Validated raw rows (a polars frame, loaders.validate.RAW_SCHEMA) of a file following the mapping, or LoadRefused naming file, row and column."""
    return _FileReader(mapping, path).read(content)


# --- reading a file that follows a mapping -------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    index: int  # 0-based
    header: str  # the header as the file shows it (rows of a multi-row header joined by a space)

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index + 1)

    @property
    def label(self) -> str:
        """How errors name the column: Excel letter and header, 'D (2023K1)'."""
        return f"{self.letter} ({self.header})" if self.header else self.letter


@dataclass(frozen=True)
class _PeriodColumn:
    column: _Column
    period: str  # canonical code
    provisional: bool  # the header carried the provisional marker


class _FileReader:
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

    def read(self, content: bytes):
        grid = self.grid(content)
        self.refuse_if_errors()
        columns = self.header(grid)
        fields, periods = self.classify(columns)
        self.refuse_if_errors()  # a changed layout: reading on would misplace every value
        published_at = self.fixed_published_at(grid)
        rows = self.source_rows(grid, columns, fields, periods, published_at)
        records = None
        if rows or not self.errors:
            try:
                # With a decimal mark in the mapping, number() has already written numbers with '.'.
                records = validate_rows(self.path, rows, decimal="." if self.m.decimal else None)
            except LoadRefused as refused:
                self.errors.extend(refused.errors)
        self.refuse_if_errors()
        return records

    # the file as a grid of cells; grid[i] is spreadsheet row i + 1

    def grid(self, content: bytes) -> list[list[object]]:
        return self.xlsx_grid(content) if self.m.format == "xlsx" else self.csv_grid(content)

    def xlsx_grid(self, content: bytes) -> list[list[object]]:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        if not content.startswith(b"PK"):
            self.error(None, None, f"filen er ikke en Excel-fil (xlsx), som {self.where} forventer")
            return []
        try:
            name = self.sheet_name(check_workbook(self.path, content))
        except LoadRefused as refused:
            self.errors.extend(refused.errors)
            return []
        try:
            wb = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
            ws = wb[name]
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, zlib.error, SyntaxError,
                IndexError, InvalidFileException) as e:
            self.error(None, None, f"filen kan ikke læses som Excel-fil; er den afkortet eller beskadiget? ({shown(e)})")
            return []
        grid = [list(r) for r in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column, values_only=True)]
        # A merged cell holds its value in the top-left cell only; give it to every cell it covers.
        for merged in ws.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                    grid[r][c] = value
        wb.close()
        return grid

    def sheet_name(self, sheets: list[Sheet]) -> str:
        """The sheet the mapping names; a sheet number counts the visible sheets only (a hidden
        sheet is read only when the mapping names it)."""
        sheet = self.m.sheet
        if isinstance(sheet, int):
            visible = [s.name for s in sheets if not s.hidden]
            if sheet > len(visible):
                raise LoadRefused([CellError(
                    self.path, None, None, f"layoutet er ændret: {self.where} forventer ark nr. {sheet}, men filen "
                                           f"har kun {len(visible)} synlige ark ({', '.join(map(repr, visible))})")])
            return visible[sheet - 1]
        names = {fold(s.name): s.name for s in sheets}
        if fold(sheet) not in names:
            raise LoadRefused([CellError(
                self.path, None, None, f"layoutet er ændret: forventede arket '{sheet}', men filen har kun "
                                       f"arkene {', '.join(repr(s.name) for s in sheets)}")])
        return names[fold(sheet)]

    def csv_grid(self, content: bytes) -> list[list[object]]:
        try:
            check_text_limits(self.path, content)
        except LoadRefused as refused:
            self.errors.extend(refused.errors)
            return []
        try:
            text = content.decode(self.m.encoding)
        except UnicodeDecodeError as e:
            self.error(None, None, f"filen kan ikke læses med tegnsættet {self.m.encoding} fra {self.where} "
                                   f"(byte {e.start}); har udgiveren skiftet tegnsæt?")
            return []
        if codecs.lookup(self.m.encoding).name not in ("utf-8", "utf-8-sig") and not content.isascii():
            try:
                content.decode("utf-8")
            except UnicodeDecodeError:
                pass  # as expected: not UTF-8
            else:
                # Windows-1252 decodes every byte, so UTF-8 would silently turn "æ" into "Ã¦".
                self.error(None, None, f"filen er gemt som UTF-8, men {self.where} angiver tegnsættet "
                                       f"{self.m.encoding}; har udgiveren skiftet tegnsæt?")
                return []
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.m.delimiter, strict=True)
        grid: list[list[object]] = []
        try:
            for fields in reader:
                grid.append(list(fields))
        except csv.Error as e:
            self.error(len(grid) + 1, None, f"ulæselig CSV ({e}); er filen afkortet?")
        return grid

    # the header

    def header(self, grid: list[list[object]]) -> list[_Column] | None:
        rows = self.m.header_rows
        if not any(_text(v) for row in grid for v in row):
            self.error(None, None, "filen er tom" if self.m.format == "csv" else "regnearket er tomt")
            return None
        if len(grid) < rows[-1]:
            self.error(None, None, f"layoutet er ændret: filen har kun {len(grid)} rækker, men {self.where} "
                                   f"forventer overskriften i række {rows[-1]}")
            return None
        cells = [[_text(v) for v in grid[r - 1]] for r in rows]
        width = max((i + 1 for row in cells for i, v in enumerate(row) if v), default=0)
        cells = [row + [""] * (width - len(row)) for row in cells]
        # Upper rows of a multi-row header name groups of columns ("2022" over "1. kvt." ... "4. kvt."):
        # an empty cell takes the text to its left, as a merged cell would, where the rows below name the column.
        for upper in range(len(cells) - 1):
            carried = ""
            for c in range(width):
                named_below = any(cells[lower][c] for lower in range(upper + 1, len(cells)))
                if cells[upper][c]:
                    # Only a group heading carries on: one with its own column named below it.
                    carried = cells[upper][c] if named_below else ""
                elif named_below:
                    cells[upper][c] = carried
        columns = []
        for c in range(width):
            parts: list[str] = []
            for row in cells:
                if row[c] and (not parts or parts[-1] != row[c]):
                    parts.append(row[c])
            columns.append(_Column(c, " ".join(parts)))
        return columns

    def header_row_text(self) -> str:
        rows = self.m.header_rows
        return f"række {rows[0]}" if len(rows) == 1 else f"rækkerne {rows[0]}-{rows[-1]}"

    def classify(self, columns: list[_Column] | None) -> tuple[dict[str, _Column], list[_PeriodColumn]]:
        """Which column holds what; every header must be accounted for, or the layout has changed."""
        if columns is None:  # the header rows are missing; already reported
            return {}, []
        header_row = self.m.header_rows[-1]
        by_header: dict[str, list[_Column]] = {}
        for col in columns:
            if col.header:
                by_header.setdefault(fold(col.header), []).append(col)
        found = ", ".join(f"{c.letter} '{c.header}'" for c in columns if c.header) or "ingen overskrifter"
        wanted = dict(self.m.columns)
        if self.m.provisional.column:
            wanted["provisional"] = self.m.provisional.column
        if self.m.published_at and self.m.published_at.column:
            wanted["published_at"] = self.m.published_at.column
        fields: dict[str, _Column] = {}
        for key, header in wanted.items():
            matches = by_header.get(fold(header), [])
            if not matches:
                self.error(header_row, header,
                           f"layoutet er ændret: forventede kolonnen '{header}' i {self.header_row_text()}, "
                           f"men den findes ikke (overskrifterne er: {found}); ret {self.where}, "
                           f"hvis udgiveren har omdøbt kolonnen")
            elif len(matches) > 1:
                self.error(header_row, header,
                           f"layoutet er ændret: kolonnen '{header}' findes flere gange "
                           f"({', '.join(c.letter for c in matches)})")
            else:
                fields[key] = matches[0]
        taken = {c.index for c in fields.values()}
        periods: list[_PeriodColumn] = []
        for col in columns:
            if not col.header or col.index in taken or self.ignored(col.header):
                continue
            if self.m.layout == "wide":
                header, provisional = self.strip_marker(col.header)
                matches_regex = self.m.period_columns is not None and self.m.period_columns.search(col.header)
                code = self.period_code(header)
                if code is not None and (self.m.period_columns is None or matches_regex):
                    periods.append(_PeriodColumn(col, code, provisional))
                    continue
                if matches_regex:
                    self.error(header_row, col.label,
                               f"layoutet er ændret: overskriften '{col.header}' er en periodekolonne ifølge "
                               f"periods.columns, men perioden kan ikke læses (ret periods.pattern i {self.where})")
                    continue
            self.error(header_row, col.label,
                       f"layoutet er ændret: ukendt kolonne '{col.header}' i {self.header_row_text()}; den er "
                       + ("hverken nævnt i mappingen eller en periode" if self.m.layout == "wide"
                          else "ikke nævnt i mappingen")
                       + f" (ret {self.where}, eller tilføj den under ignore_columns)")
        if self.m.layout == "wide" and not periods and not self.errors:
            self.error(header_row, None, f"layoutet er ændret: ingen periodekolonner i {self.header_row_text()} "
                                         f"(overskrifterne er: {found})")
        first_of_period: dict[str, _Column] = {}
        for p in periods:
            if p.period in first_of_period:
                self.error(header_row, p.column.label, f"layoutet er ændret: perioden {p.period} står også i "
                                                       f"kolonne {first_of_period[p.period].label}")
            first_of_period.setdefault(p.period, p.column)
        return fields, periods

    def ignored(self, header: str) -> bool:
        return fold(header) in self.m.ignore_columns or any(p.search(header) for p in self.m.ignore_columns_matching)

    # cells

    def strip_marker(self, text: str) -> tuple[str, bool]:
        """The text without a trailing provisional marker ("2023K1*" -> "2023K1"), and whether it had one."""
        marker = self.m.provisional.marker
        if marker and text != marker and text.endswith(marker):
            return text[: -len(marker)].rstrip(), True
        return text, False

    def period_code(self, cell: object) -> str | None:
        """The canonical period of a cell or header, or None when it cannot be read."""
        if self.m.period_pattern is not None and not isinstance(cell, (int, float)):
            m = self.m.period_pattern.fullmatch(_text(cell))
            if m:
                quarter = m.groupdict().get("quarter")
                return f"{int(m['year'])}K{int(quarter)}" if quarter else str(int(m["year"]))
        try:
            return parse_period(cell).code
        except PeriodError:
            return None

    def number(self, raw: object, row: int, col: _Column) -> tuple[object, str | None, bool, bool]:
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
        text = _text(raw)
        if pattern is not None:
            m = pattern.search(text)
            return date_from_match(m) if m else None
        return find_date(text)

    def fixed_published_at(self, grid: list[list[object]]) -> date | None:
        spec = self.m.published_at
        if spec is None:
            return None
        if spec.cell:
            from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

            letter, row = coordinate_from_string(spec.cell)
            col = column_index_from_string(letter) - 1
            raw = grid[row - 1][col] if row <= len(grid) and col < len(grid[row - 1]) else None
            found = self.read_date(raw, spec.pattern)
            if found is None:
                self.error(row, letter, f"layoutet er ændret: forventede udgivelsesdatoen i celle {spec.cell} "
                                        f"({self.where}), men cellen er "
                                        + (f"'{_text(raw)}'" if _text(raw) else "tom"))
            return found
        if spec.file_name is not None:
            m = spec.file_name.search(self.path.name)
            found = date_from_match(m) if m else None
            if found is None:
                self.error(None, None, f"filnavnet '{self.path.name}' har ingen udgivelsesdato efter mønstret "
                                       f"'{spec.file_name.pattern}' i {self.where}; omdøb filen som udgiveren "
                                       f"navngiver den")
            return found
        return None

    # data rows

    def source_rows(self, grid, columns: list[_Column], fields: dict[str, _Column],
                    periods: list[_PeriodColumn], published_at: date | None) -> list[SourceRow]:
        headed = {c.index for c in columns if c.header}
        last_seen: dict[str, object] = {}
        rows: list[SourceRow] = []
        for row_no in range(self.m.header_rows[-1] + 1, len(grid) + 1):
            cells = grid[row_no - 1]
            filled = [(c, v) for c, v in enumerate(cells) if _text(v)]
            if not filled:
                continue
            if any(p.search(_text(filled[0][1])) for p in self.m.skip_rows):
                continue
            stray = [(c, v) for c, v in filled if c not in headed]
            for c, v in stray:
                col = _Column(c, "")
                self.error(row_no, col.letter,
                           f"layoutet er ændret: værdien '{_text(v)}' står i kolonne {col.letter}, som ikke har "
                           f"nogen overskrift i {self.header_row_text()}")
            if stray:
                continue

            def cell(key: str) -> object:
                return cells[fields[key].index] if fields[key].index < len(cells) else None

            raw = {key: cell(key) for key in fields}
            for key in self.m.fill_down:
                if _text(raw[key]):
                    last_seen[key] = raw[key]
                else:
                    raw[key] = last_seen.get(key)
            base, base_columns = self.row_labels(row_no, raw, fields)
            if base is None:
                continue
            if published_at is not None:
                base["published_at"] = published_at
            elif "published_at" in raw:
                base["published_at"] = self.row_published_at(row_no, raw["published_at"], fields["published_at"])
            if "provisional" in raw:
                flag = raw["provisional"]
                base["provisional"] = _text(flag) in self.m.provisional.values if self.m.provisional.values else flag
            if self.m.layout == "wide":
                for p in periods:
                    value = cells[p.column.index] if p.column.index < len(cells) else None
                    if not _text(value) and self.m.empty_values == "skip":
                        continue
                    source_row = self.value_row(row_no, base, base_columns, value, p.column, p.period, p.provisional)
                    if source_row is not None:
                        rows.append(source_row)
            else:
                if not _text(raw["value"]) and self.m.empty_values == "skip":
                    continue
                source_row = self.long_row(row_no, raw, base, base_columns, fields)
                if source_row is not None:
                    rows.append(source_row)
        if self.m.provisional.latest_period:
            self.mark_latest_period(rows)
        return rows

    def row_labels(self, row_no: int, raw: dict, fields: dict[str, _Column]):
        """Indicator, region and unit of a data row (cells, column labels), or None after recording an error."""
        cells: dict[str, object] = {}
        labels = {FIELD[k]: c.label for k, c in fields.items() if k in FIELD}
        labels.update({k: c.label for k, c in fields.items() if k not in FIELD})
        # Without a region column the region comes from the unit (or area) column, so errors name that.
        place = fields.get("unit") or fields.get("area")
        if place is not None and "region" not in fields:
            labels.update(region=place.label, unit=place.label)
        ok = True
        if self.m.indicator is not None:
            cells["indicator_id"] = self.m.indicator
        else:
            label = _text(raw["indicator"])
            indicator_id = self.m.indicator_names.get(fold(label))
            if indicator_id is None and label in catalog.indicators():
                indicator_id = label
            if indicator_id is None and label:
                self.error(row_no, fields["indicator"].label,
                           f"ukendt indikator '{label}'; tilføj navnet under indicator_names i {self.where}")
                ok = False
            cells["indicator_id"] = indicator_id
        if self.m.region is not None:
            cells["region"] = self.m.region
        elif "region" in fields:
            spelling = _text(raw["region"])
            region_id = self.region_id(raw["region"])
            if region_id is None and spelling:
                self.error(row_no, fields["region"].label,
                           f"ukendt region '{spelling}'; tilføj stavemåden under regions i {self.where}")
                ok = False
            cells["region"] = region_id
        if "unit" in fields:
            # An unknown unit is named by validate_rows, with the region check it shares with every source.
            cells["unit"] = self.m.units.get(fold(_text(raw["unit"])), raw["unit"])
        if "area" in fields:
            ok = self.area(row_no, raw["area"], fields["area"], cells) and ok
        return (cells, labels) if ok else (None, None)

    def region_id(self, raw: object) -> str | None:
        """The region a cell names, by the mapping's spellings or the standard ones."""
        spelling = _text(raw)
        if not spelling:
            return None
        return self.m.regions.get(fold(spelling)) or catalog.resolve_region(raw)

    def area(self, row_no: int, raw: object, col: _Column, cells: dict) -> bool:
        """An area cell into cells: a region (or the whole country) gives a region row, a municipality
        or unit a unit row whose region validate_rows derives; False after recording an error."""
        spelling = _text(raw)
        region_id = self.region_id(raw)
        if region_id is not None or not spelling:
            cells["region"] = region_id  # empty: validate_rows says the region is missing
            return True
        unit_id = self.m.units.get(fold(spelling))
        unit = catalog.units()[unit_id] if unit_id else catalog.resolve_unit(raw)
        if unit is None:
            self.error(row_no, col.label,
                       f"ukendt område '{spelling}': hverken en region eller en kommune/enhed (units.csv); "
                       f"tilføj stavemåden under regions eller units i {self.where}")
            return False
        cells["unit"] = unit.unit_id
        return True

    def row_published_at(self, row_no: int, raw: object, col: _Column) -> date | None:
        if not _text(raw):
            return None
        found = self.read_date(raw, self.m.published_at.pattern)
        if found is None:
            self.error(row_no, col.label, f"'{_text(raw)}' er ikke en dato (forventet fx 2023-06-14 eller "
                                          f"14. juni 2023)")
        return found

    def value_row(self, row_no, base, base_columns, raw_value, col: _Column, period: str,
                  provisional: bool) -> SourceRow | None:
        value, suppressed, marked, ok = self.number(raw_value, row_no, col)
        if not ok:
            return None
        cells = {**base, "period": period, "value": value}
        if provisional or marked:
            cells["provisional"] = True
        columns = {**base_columns, "period": col.label, "value": col.label}
        return SourceRow(row_no, cells, columns, suppression_reason=suppressed)

    def long_row(self, row_no, raw, base, base_columns, fields) -> SourceRow | None:
        period_text, period_marked = self.strip_marker(_text(raw["period"]))
        period = self.period_code(raw["period"] if not period_marked else period_text)
        cells = {**base, "period": period if period is not None else raw["period"]}
        value, suppressed, value_marked, ok = self.number(raw["value"], row_no, fields["value"])
        cells["value"] = value
        marked = period_marked or value_marked
        for key in ("numerator", "denominator"):
            if key in raw:
                number, marker, number_marked, number_ok = self.number(raw[key], row_no, fields[key])
                cells[key] = None if marker else number  # a suppressed count is just unknown
                ok = ok and number_ok
                marked = marked or number_marked
        if marked:
            cells["provisional"] = True
        if not ok:
            return None
        return SourceRow(row_no, cells, base_columns, suppression_reason=suppressed)

    def mark_latest_period(self, rows: list[SourceRow]) -> None:
        periods: dict[int, Period] = {}
        for i, r in enumerate(rows):
            try:
                periods[i] = parse_period(r.cells["period"])
            except PeriodError:
                pass  # validate_rows names it
        if periods:
            latest = max(periods.values())
            for i, p in periods.items():
                if p == latest:
                    rows[i].cells["provisional"] = True


# --- helpers -------------------------------------------------------------------------------------


def _text(cell: object) -> str:
    """A cell as one line of text: whitespace collapsed, whole floats without '.0'."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    return " ".join(str(cell).split())
