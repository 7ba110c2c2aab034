"""Publisher spreadsheets (Excel/CSV downloads) read as their YAML mapping describes.

Sundhedsdatastyrelsen and the other publishers put their figures in tables whose layouts differ
and change: title rows, quarters as columns, regions spelled "Region H", decimal comma, "..",
a trailing "*" for provisional figures, footnotes under the table. Each layout is described by
one small YAML mapping in loaders/mappings/ (read and checked by `loaders.spreadsheet_mappings`;
every key is documented in docs/mappings.md). This module reads a file that follows a mapping
(its grid of cells from `loaders.spreadsheet_grid`, single cells by `loaders.spreadsheet_cells`)
and reshapes it into `SourceRow`s for the checks every source shares
(`loaders.records.validate_rows`). A changed layout is a change of mapping, not of code.

A file that no longer matches its mapping is refused whole, naming file, row and column and
saying that the layout has changed: an expected column missing, a header nobody mapped, a value
in a column without a header, a period header that cannot be read. Data is never silently dropped.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from loaders import spreadsheet_mappings
from loaders.dates import date_from_match
from loaders.errors import LoadRefused
from loaders.records import SourceRow, validate_rows
from loaders.source import Source
from loaders.spreadsheet_cells import CellReader
from loaders.spreadsheet_grid import Column, cell_text, header_columns, read_grid
from loaders.spreadsheet_mappings import (
    FIELD, Mapping, MappingError, fold, load_mapping, load_mappings,
)
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
class _PeriodColumn:
    column: Column
    period: str  # canonical code
    provisional: bool  # the header carried the provisional marker


class _FileReader(CellReader):
    """A file that follows a mapping, read into validated raw rows."""

    def read(self, content: bytes):
        try:
            grid = read_grid(self.m, self.path, content, self.where)
        except LoadRefused as refused:
            self.errors.extend(refused.errors)
            grid = []
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

    # the header

    def header(self, grid: list[list[object]]) -> list[Column] | None:
        rows = self.m.header_rows
        if not any(cell_text(v) for row in grid for v in row):
            self.error(None, None, "filen er tom" if self.m.format == "csv" else "regnearket er tomt")
            return None
        if len(grid) < rows[-1]:
            self.error(None, None, f"layoutet er ændret: filen har kun {len(grid)} rækker, men {self.where} "
                                   f"forventer overskriften i række {rows[-1]}")
            return None
        return header_columns([[cell_text(v) for v in grid[r - 1]] for r in rows])

    def header_row_text(self) -> str:
        rows = self.m.header_rows
        return f"række {rows[0]}" if len(rows) == 1 else f"rækkerne {rows[0]}-{rows[-1]}"

    def classify(self, columns: list[Column] | None) -> tuple[dict[str, Column], list[_PeriodColumn]]:
        """Which column holds what; every header must be accounted for, or the layout has changed."""
        if columns is None:  # the header rows are missing; already reported
            return {}, []
        found = ", ".join(f"{c.letter} '{c.header}'" for c in columns if c.header) or "ingen overskrifter"
        fields = self.mapped_columns(columns, found)
        taken = {c.index for c in fields.values()}
        periods = [
            p for col in columns
            if col.header and col.index not in taken and not self.ignored(col.header)
            and (p := self.period_column(col)) is not None
        ]
        if self.m.layout == "wide" and not periods and not self.errors:
            self.error(self.m.header_rows[-1], None, f"layoutet er ændret: ingen periodekolonner i "
                                                     f"{self.header_row_text()} (overskrifterne er: {found})")
        self.refuse_repeated_periods(periods)
        return fields, periods

    def mapped_columns(self, columns: list[Column], found: str) -> dict[str, Column]:
        """The column of each header the mapping names, which must be there exactly once."""
        by_header: dict[str, list[Column]] = {}
        for col in columns:
            if col.header:
                by_header.setdefault(fold(col.header), []).append(col)
        wanted = dict(self.m.columns)
        if self.m.provisional.column:
            wanted["provisional"] = self.m.provisional.column
        if self.m.published_at and self.m.published_at.column:
            wanted["published_at"] = self.m.published_at.column
        fields: dict[str, Column] = {}
        for key, header in wanted.items():
            matches = by_header.get(fold(header), [])
            if not matches:
                self.error(self.m.header_rows[-1], header,
                           f"layoutet er ændret: forventede kolonnen '{header}' i {self.header_row_text()}, "
                           f"men den findes ikke (overskrifterne er: {found}); ret {self.where}, "
                           f"hvis udgiveren har omdøbt kolonnen")
            elif len(matches) > 1:
                self.error(self.m.header_rows[-1], header,
                           f"layoutet er ændret: kolonnen '{header}' findes flere gange "
                           f"({', '.join(c.letter for c in matches)})")
            else:
                fields[key] = matches[0]
        return fields

    def period_column(self, col: Column) -> _PeriodColumn | None:
        """A column no mapping key names: a period of a wide layout, or else an error."""
        header_row = self.m.header_rows[-1]
        if self.m.layout == "wide":
            header, provisional = self.strip_marker(col.header)
            matches_regex = self.m.period_columns is not None and self.m.period_columns.search(col.header)
            code = self.period_code(header)
            if code is not None and (self.m.period_columns is None or matches_regex):
                return _PeriodColumn(col, code, provisional)
            if matches_regex:
                self.error(header_row, col.label,
                           f"layoutet er ændret: overskriften '{col.header}' er en periodekolonne ifølge "
                           f"periods.columns, men perioden kan ikke læses (ret periods.pattern i {self.where})")
                return None
        self.error(header_row, col.label,
                   f"layoutet er ændret: ukendt kolonne '{col.header}' i {self.header_row_text()}; den er "
                   + ("hverken nævnt i mappingen eller en periode" if self.m.layout == "wide"
                      else "ikke nævnt i mappingen")
                   + f" (ret {self.where}, eller tilføj den under ignore_columns)")
        return None

    def refuse_repeated_periods(self, periods: list[_PeriodColumn]) -> None:
        first_of_period: dict[str, Column] = {}
        for p in periods:
            if p.period in first_of_period:
                self.error(self.m.header_rows[-1], p.column.label,
                           f"layoutet er ændret: perioden {p.period} står også i "
                           f"kolonne {first_of_period[p.period].label}")
            first_of_period.setdefault(p.period, p.column)

    def ignored(self, header: str) -> bool:
        return fold(header) in self.m.ignore_columns or any(p.search(header) for p in self.m.ignore_columns_matching)

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
                                        + (f"'{cell_text(raw)}'" if cell_text(raw) else "tom"))
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

    def source_rows(self, grid, columns: list[Column], fields: dict[str, Column],
                    periods: list[_PeriodColumn], published_at: date | None) -> list[SourceRow]:
        headed = {c.index for c in columns if c.header}
        last_seen: dict[str, object] = {}
        rows: list[SourceRow] = []
        for row_no in range(self.m.header_rows[-1] + 1, len(grid) + 1):
            cells = grid[row_no - 1]
            filled = [(c, v) for c, v in enumerate(cells) if cell_text(v)]
            if not filled:
                continue
            if any(p.search(cell_text(filled[0][1])) for p in self.m.skip_rows):
                continue
            stray = [(c, v) for c, v in filled if c not in headed]
            for c, v in stray:
                col = Column(c, "")
                self.error(row_no, col.letter,
                           f"layoutet er ændret: værdien '{cell_text(v)}' står i kolonne {col.letter}, som ikke har "
                           f"nogen overskrift i {self.header_row_text()}")
            if stray:
                continue

            def cell(key: str) -> object:
                return cells[fields[key].index] if fields[key].index < len(cells) else None

            raw = {key: cell(key) for key in fields}
            for key in self.m.fill_down:
                if cell_text(raw[key]):
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
                base["provisional"] = cell_text(flag) in self.m.provisional.values if self.m.provisional.values else flag
            if self.m.layout == "wide":
                for p in periods:
                    value = cells[p.column.index] if p.column.index < len(cells) else None
                    if not cell_text(value) and self.m.empty_values == "skip":
                        continue
                    source_row = self.value_row(row_no, base, base_columns, value, p.column, p.period, p.provisional)
                    if source_row is not None:
                        rows.append(source_row)
            else:
                if not cell_text(raw["value"]) and self.m.empty_values == "skip":
                    continue
                source_row = self.long_row(row_no, raw, base, base_columns, fields)
                if source_row is not None:
                    rows.append(source_row)
        if self.m.provisional.latest_period:
            self.mark_latest_period(rows)
        return rows

    def row_labels(self, row_no: int, raw: dict, fields: dict[str, Column]):
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
            label = cell_text(raw["indicator"])
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
            spelling = cell_text(raw["region"])
            region_id = self.region_id(raw["region"])
            if region_id is None and spelling:
                self.error(row_no, fields["region"].label,
                           f"ukendt region '{spelling}'; tilføj stavemåden under regions i {self.where}")
                ok = False
            cells["region"] = region_id
        if "unit" in fields:
            # An unknown unit is named by validate_rows, with the region check it shares with every source.
            cells["unit"] = self.m.units.get(fold(cell_text(raw["unit"])), raw["unit"])
        if "area" in fields:
            ok = self.area(row_no, raw["area"], fields["area"], cells) and ok
        return (cells, labels) if ok else (None, None)

    def area(self, row_no: int, raw: object, col: Column, cells: dict) -> bool:
        """An area cell into cells: a region (or the whole country) gives a region row, a municipality
        or unit a unit row whose region validate_rows derives; False after recording an error."""
        spelling = cell_text(raw)
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

    def row_published_at(self, row_no: int, raw: object, col: Column) -> date | None:
        if not cell_text(raw):
            return None
        found = self.read_date(raw, self.m.published_at.pattern)
        if found is None:
            self.error(row_no, col.label, f"'{cell_text(raw)}' er ikke en dato (forventet fx 2023-06-14 eller "
                                          f"14. juni 2023)")
        return found

    def value_row(self, row_no, base, base_columns, raw_value, col: Column, period: str,
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
        period_text, period_marked = self.strip_marker(cell_text(raw["period"]))
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
