"""Publisher spreadsheets in the layouts of the shipped mappings, filled with generated values.

`write_files(out_dir)` writes one download per mapping in loaders/mappings/, together holding
every indicator in the catalog: by default ten years of quarters (2014K1-2023K4) for each
quarterly indicator and ten years (2014-2023) for each annual one, for the five regions and the
whole country. Sheets, header rows, column headers, indicator labels, region spellings, period
headers, the provisional marker, the date cell and the file name are all taken from the mappings,
so the files follow them the way a publisher's download does. The values come from the seeded
demo generator (`noegletal.demo`), with the series started at the first period asked for.
A unit-level mapping (a `unit` or `area` column) is written with its indicators for the units
below the regions: every municipality, or every hospital of units.csv, split from the regions'
counts as the demo data's units are; its spellings under `units` are used.

Used by bench/refresh.py (load time for ten years of publisher data) and by
tests/test_load_bench_publisher_files.py (the files follow the mappings and load).

    .venv/bin/python bench/publisher_files.py OUT_DIR [--years 10]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import fnmatch
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from loaders import spreadsheet_mappings
from loaders.spreadsheet_mappings import Mapping, load_mappings
from noegletal import catalog, demo
from noegletal.periods import Period, period_range

LAST_QUARTER = Period(2023, 4)
LAST_YEAR = Period(2023)
PUBLISHED = date(2024, 2, 15)
SEED = 2023
MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december")


@dataclass(frozen=True)
class Value:
    value: float
    numerator: float | None
    denominator: float | None


def periods(frequency: str, years: int) -> list[Period]:
    """The last `years` years of periods of the frequency, up to LAST_QUARTER or LAST_YEAR."""
    if frequency == "quarter":
        return period_range(Period(LAST_QUARTER.year - years + 1, 1), LAST_QUARTER)
    return period_range(Period(LAST_YEAR.year - years + 1), LAST_YEAR)


def series(indicator: catalog.Indicator, wanted: list[Period], seed: int = SEED) -> dict[tuple[str, str], Value]:
    """(region_id, period code) -> value for the periods; a pair without data is left out.

    The demo generator simulates from the indicator's first period; starting it at the first
    period asked for gives the same kind of series over any span (quarters before LPR3 too)."""
    shifted = dataclasses.replace(indicator, first_period=wanted[0], decimals=max(indicator.decimals, 1))
    out = {}
    for row in demo.indicator_rows(shifted, seed, wanted[-1]):
        _, region_id, period, value, numerator, denominator, *_ = row
        out[(region_id, period)] = Value(
            float(value), float(numerator) if numerator else None, float(denominator) if denominator else None
        )
    return out


# --- what each mapping holds ---------------------------------------------------------------------


def _raw(m: Mapping) -> dict:
    """The mapping's YAML as written: labels and spellings with their case (the Mapping holds them folded)."""
    return yaml.safe_load(m.file.read_text(encoding="utf-8"))


def is_unit_level(m: Mapping) -> bool:
    """The mapping reads values below the regions (a unit or an area column)."""
    return "unit" in m.columns or "area" in m.columns


def assign_indicators(mappings: list[Mapping]) -> dict[str, list[str]]:
    """Mapping name -> the indicators it is written with: each catalog indicator once, in the first
    region-level mapping (file-name order) that knows it; every indicator must have one. A
    unit-level mapping is written with all its indicators, for the units below the regions."""
    taken: set[str] = set()
    out: dict[str, list[str]] = {}
    for m in mappings:
        ids = [m.indicator] if m.indicator else list(dict.fromkeys(m.indicator_names.values()))
        if is_unit_level(m):
            out[m.name] = ids
            continue
        out[m.name] = [i for i in ids if i not in taken]
        taken.update(ids)
    missing = set(catalog.indicators()) - taken
    if missing:
        raise ValueError(f"no mapping in loaders/mappings/ has these indicators: {', '.join(sorted(missing))}")
    return out


def _labels(raw: dict) -> dict[str, str]:
    """indicator_id -> the publisher's label (the first one listed)."""
    labels: dict[str, str] = {}
    for label, indicator_id in (raw.get("indicator_names") or {}).items():
        labels.setdefault(indicator_id, str(label))
    return labels


def _spellings(raw: dict) -> dict[str, str]:
    """region_id -> how the publisher spells it: the mapping's own spelling, else the Danish name."""
    spellings = {r.region_id: r.name_da for r in catalog.regions().values()}
    seen: set[str] = set()
    for spelling, target in (raw.get("regions") or {}).items():
        region_id = catalog.resolve_region(target)
        if region_id not in seen:
            spellings[region_id] = str(spelling)
            seen.add(region_id)
    return spellings


def _unit_spellings(raw: dict) -> dict[str, str]:
    """unit_id -> how the publisher spells it: the mapping's own spelling under units, else the name."""
    spellings = {u.unit_id: u.name_da for u in catalog.units().values()}
    for spelling, target in reversed(list((raw.get("units") or {}).items())):
        spellings[catalog.resolve_unit(target).unit_id] = str(spelling)
    return spellings


def unit_series(indicator: catalog.Indicator, wanted: list[Period], seed: int = SEED) -> dict[tuple[str, str], Value]:
    """(unit_id, period code) -> value of the municipalities (for demo.KOMMUNE_INDICATORS) or the
    hospitals below the regions, split from the regions' counts as the demo data's units are."""
    kind = "kommune" if indicator.indicator_id in demo.KOMMUNE_INDICATORS else "hospital"
    units = [u for u in catalog.units().values() if u.unit_type == kind]
    shifted = dataclasses.replace(indicator, first_period=wanted[0], decimals=max(indicator.decimals, 1))
    out = {}
    for row in demo.unit_rows(shifted, seed, wanted[-1], units, demo.unit_weights(units, seed)):
        _, _, unit, period, value, numerator, denominator, *_ = row
        out[(catalog.resolve_unit(unit).unit_id, period)] = Value(float(value), float(numerator), float(denominator))
    return out


def _period_headers(m: Mapping, raw: dict, wanted: list[Period]) -> list[list[str | None]]:
    """One list per header row of the period columns' headers, as the mapping reads them."""
    fmt = (raw.get("periods") or {}).get("format")
    if fmt is None:
        texts = [p.code for p in wanted]
    else:
        texts = [fmt.replace("{year}", str(p.year)).replace("{quarter}", str(p.quarter or "")) for p in wanted]
    if m.provisional.marker:
        texts[-1] += m.provisional.marker
    if len(m.header_rows) == 1:
        return [texts]
    if len(m.header_rows) == 2 and fmt is not None and fmt.startswith("{year} "):
        # the year as a group heading over its quarters: "2022" over "1. kvt." ... "4. kvt."
        upper = [str(p.year) if i == 0 or wanted[i - 1].year != p.year else None for i, p in enumerate(wanted)]
        return [upper, [t[len(str(p.year)) + 1:] for t, p in zip(texts, wanted)]]
    raise NotImplementedError(f"{m.name}: period headers over {len(m.header_rows)} rows")


def _number(m: Mapping, x: float | None, decimals: int) -> object:
    """A value as the file holds it: an Excel number, or CSV text with the mapping's decimal mark."""
    if x is None:
        return None
    if m.format == "xlsx":
        return int(x) if decimals == 0 else x
    text = f"{x:.{decimals}f}"
    return text.replace(".", ",") if m.decimal == "comma" else text


def _missing(m: Mapping) -> str:
    """What the publisher writes where a region has no data."""
    if not m.suppression_markers:
        raise ValueError(f"{m.name}: a region without data needs a suppression marker in the mapping")
    return "-" if "-" in m.suppression_markers else m.suppression_markers[0]


@dataclass(frozen=True)
class _Table:
    """What both layouts of a table need: the mapping, its spellings and the places, periods and
    indicators it holds."""

    m: Mapping
    raw: dict
    labels: dict
    spellings: dict
    places: list  # (region_id, unit_id, the area or unit as spelled)
    wanted: list
    indicators: list
    ignored: list[str]
    seed: int

    @property
    def place_keys(self) -> list[str]:
        return [k for k in ("region", "unit", "area") if k in self.m.columns]

    def place_cells(self, region_id: str, spelled: str) -> dict[str, str]:
        region = self.spellings[region_id] if "unit" in self.m.columns else spelled
        return {"region": region, "unit": spelled, "area": spelled}

    def values_of(self, ind: catalog.Indicator) -> dict[tuple[str, str], Value]:
        if not is_unit_level(self.m):
            return series(ind, self.wanted, self.seed)
        return unit_series(ind, self.wanted, self.seed)

    def value_cell(self, ind: catalog.Indicator, v: Value | None) -> object:
        return _missing(self.m) if v is None else _number(self.m, v.value, max(ind.decimals, 1))


def _table(m: Mapping, indicator_ids: list[str], years: int, seed: int) -> list[list[object]]:
    """The header row(s) and the data rows of the table."""
    raw = _raw(m)
    labels, spellings = _labels(raw), _spellings(raw)
    regions = sorted(catalog.regions().values(), key=lambda r: r.sort_order)
    if m.region is not None:  # a file about one region only
        regions = [r for r in regions if r.region_id == m.region]
    indicators = [catalog.indicators()[i] for i in indicator_ids]
    frequencies = {ind.frequency for ind in indicators}
    if len(frequencies) != 1:
        raise ValueError(f"{m.name}: quarterly and annual indicators in one table")
    wanted = periods(frequencies.pop(), years)
    # a unit-level mapping gets the units below the regions (its regions' own figures are in the
    # region-level files)
    if is_unit_level(m):
        unit_spellings = _unit_spellings(raw)
        places = [(u.region_id, u.unit_id, unit_spellings[u.unit_id]) for u in catalog.units().values()]
    else:
        places = [(r.region_id, None, spellings[r.region_id]) for r in regions]
    ignored = [str(h) for h in raw.get("ignore_columns") or []]
    table = _Table(m, raw, labels, spellings, places, wanted, indicators, ignored, seed)
    return _wide_rows(table) if m.layout == "wide" else _long_rows(table)


def _wide_rows(t: _Table) -> list[list[object]]:
    """One row per indicator and place, the periods as columns."""
    m, has_indicator_column = t.m, "indicator" in t.m.columns
    headers = _period_headers(m, t.raw, t.wanted)
    fixed = ([m.columns["indicator"]] if has_indicator_column else []) + t.ignored
    fixed += [m.columns[k] for k in t.place_keys]
    rows: list[list[object]] = [fixed + headers[0]]
    for extra in headers[1:]:
        rows.append([None] * len(fixed) + extra)
    for ind in t.indicators:
        values = t.values_of(ind)
        for k, (region_id, unit_id, spelled) in enumerate(t.places):
            if not any((unit_id or region_id, p.code) in values for p in t.wanted) and unit_id:
                continue  # a unit without data in these periods is not listed
            label = t.labels.get(ind.indicator_id) if k == 0 or "indicator" not in m.fill_down else None
            cells = ([label] if has_indicator_column else []) + [ind.unit] * len(t.ignored)
            cells += [t.place_cells(region_id, spelled)[key] for key in t.place_keys]
            cells += [t.value_cell(ind, values.get((unit_id or region_id, p.code))) for p in t.wanted]
            rows.append(cells)
    return rows


def _long_rows(t: _Table) -> list[list[object]]:
    """One row per place and period, the columns in the order the mapping lists them."""
    m = t.m
    keys = list((t.raw.get("columns") or {}).keys())
    rows: list[list[object]] = [[m.columns[k] for k in keys] + t.ignored]
    for ind in t.indicators:
        values = t.values_of(ind)
        for region_id, unit_id, spelled in t.places:
            first_of_block = True
            for p in t.wanted:
                v = values.get((unit_id or region_id, p.code))
                if v is None and unit_id:
                    continue  # a unit without data in the period is not listed
                period = p.code + ((m.provisional.marker or "") if p == t.wanted[-1] else "")
                cell = {
                    "indicator": t.labels.get(ind.indicator_id) if first_of_block or "indicator" not in m.fill_down else None,
                    **{key: text if first_of_block or key not in m.fill_down else None
                       for key, text in t.place_cells(region_id, spelled).items()},
                    "period": period,
                    "value": t.value_cell(ind, v),
                    "numerator": None if v is None else _number(m, v.numerator, 0),
                    "denominator": None if v is None else _number(m, v.denominator, 0),
                }
                rows.append([cell[k] for k in keys] + [None] * len(t.ignored))
                first_of_block = False
    return rows


# --- files ---------------------------------------------------------------------------------------


def _date_text(d: date) -> str:
    return f"Opdateret {d.day}. {MONTHS_DA[d.month - 1]} {d.year}"


def file_name(m: Mapping, published: date = PUBLISHED) -> str:
    """A name the mapping picks by its file_patterns, carrying the date when the mapping reads it from there."""
    pattern = m.file_patterns[0]
    for stamp in (published.isoformat(), published.strftime("%Y%m%d")):
        name = pattern.replace("*", stamp)
        if not fnmatch.fnmatch(name.lower(), pattern.lower()):
            continue
        if m.published_at is None or m.published_at.file_name is None or m.published_at.file_name.search(name):
            return name
    raise ValueError(f"{m.name}: no file name both matches {pattern!r} and carries the date")


def _sheet_rows(m: Mapping, table: list[list[object]], published: date) -> list[list[object]]:
    """Everything on the sheet: the title and the date above the header, the table, a source note."""
    top = m.header_rows[0]
    rows: list[list[object]] = [[] for _ in range(top - 1)]
    if top > 1:
        rows[0] = [re.sub(r"\s*\((CSV|xlsx)\)$", "", m.description)]
    cell = m.published_at.cell if m.published_at else None
    if cell:
        letters, number = re.fullmatch(r"([A-Z]+)(\d+)", cell).groups()
        from openpyxl.utils import column_index_from_string

        row, col = int(number), column_index_from_string(letters)
        if row >= top:
            raise ValueError(f"{m.name}: the date cell {cell} is not above the header")
        rows[row - 1] = rows[row - 1] + [None] * (col - len(rows[row - 1]))
        rows[row - 1][col - 1] = _date_text(published)
    notes = [[]]
    if m.provisional.marker and any(p.search(f"{m.provisional.marker} Foreløbige tal") for p in m.skip_rows):
        notes.append([f"{m.provisional.marker} Foreløbige tal"])
    if any(p.search("Kilde: Genereret") for p in m.skip_rows):
        notes.append(["Kilde: Genereret af bench/publisher_files.py"])
    return rows + table + (notes if len(notes) > 1 else [])


def _xlsx(m: Mapping, rows: list[list[object]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    if isinstance(m.sheet, int):
        for n in range(2, m.sheet + 1):
            wb.create_sheet(f"Ark{n}")
        ws = wb.worksheets[m.sheet - 1]
        if ws is first:
            ws.title = "Tabel"
    else:
        first.title = "Om tallene"
        first["A1"] = m.description
        ws = wb.create_sheet(m.sheet)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv(m: Mapping, rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=m.delimiter, lineterminator="\r\n")
    writer.writerows([["" if c is None else c for c in row] for row in rows])
    return buf.getvalue().encode(m.encoding)


def write_files(out_dir: Path, years: int = 10, seed: int = SEED, published: date = PUBLISHED,
                mappings_dir: Path | None = None) -> list[Path]:
    """One file per mapping, together every catalog indicator with `years` years of data; the paths written."""
    mappings = load_mappings(mappings_dir or spreadsheet_mappings.MAPPINGS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    assigned = assign_indicators(mappings)
    written = []
    for m in mappings:
        indicator_ids = assigned[m.name]
        if not indicator_ids:
            continue
        rows = _sheet_rows(m, _table(m, indicator_ids, years, seed), published)
        path = out_dir / file_name(m, published)
        path.write_bytes(_xlsx(m, rows) if m.format == "xlsx" else _csv(m, rows))
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    for path in write_files(args.out_dir, args.years):
        print(f"{path}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
