"""Validate rows of canonical cells into warehouse records: the checks every source shares.

Each source (the canonical file, a publisher's spreadsheet described by a mapping, a Statbank
answer) only reshapes its layout into `SourceRow`s; the checks on indicator, region, period,
numbers and duplicates live here, once, so every source refuses bad input the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.cells import CellValueError, parse_date, parse_flag, parse_number, parse_text
from loaders.errors import CellError, LoadRefused
from noegletal import catalog
from noegletal.periods import PeriodError, parse_period

FIELDS = (
    "indicator_id", "region", "period", "value",
    "numerator", "denominator", "provisional", "published_at", "synthetic", "unit",
)
FREQUENCY_DA = {"quarter": "kvartal", "year": "år"}


@dataclass
class SourceRow:
    """One value as a source gives it, before validation."""

    row: int  # spreadsheet row number (header = 1), for error messages
    cells: dict[str, object]  # canonical field -> raw cell value
    columns: dict[str, str] = field(default_factory=dict)  # canonical field -> column name in the file
    suppression_reason: str | None = None  # set when the publisher suppressed the value ("<5", "..")


def validate_rows(path: Path, rows: Iterable[SourceRow]) -> list[dict]:
    """Warehouse records for the rows, or LoadRefused naming every bad cell (file, row, column)."""
    indicators, errors, records = catalog.indicators(), [], []
    first_row_of_key: dict[tuple[str, str, str | None, str], int] = {}
    for source_row in rows:
        row_errors: list[CellError] = []
        cell = source_row.cells

        def fail(name: str, message: str) -> None:
            row_errors.append(CellError(path, source_row.row, source_row.columns.get(name, name), message))

        def read(name: str, parser):
            try:
                return parser(cell.get(name))
            except (CellValueError, PeriodError) as e:
                fail(name, str(e))
                return None

        indicator_id = parse_text(cell.get("indicator_id"))
        indicator = indicators.get(indicator_id)
        if indicator is None:
            fail("indicator_id", f"ukendt indikator '{indicator_id}'" if indicator_id else "indikator mangler")

        region_text = parse_text(cell.get("region"))
        region_id = catalog.resolve_region(region_text) if region_text else None
        unit_text = parse_text(cell.get("unit"))
        unit = catalog.resolve_unit(unit_text) if unit_text else None
        if unit_text and unit is None:
            fail("unit", f"ukendt enhed '{unit_text}' (en kommune ved navn eller kode, eller et unit_id fra units.csv)")
        if region_text and region_id is None:
            fail("region", f"ukendt region '{region_text}'")
        elif not region_text and unit is not None:
            region_id = unit.region_id  # the region follows from the unit
        elif not region_text and not unit_text:
            fail("region", "region mangler")
        if unit is not None and region_id is not None and unit.region_id != region_id:
            regions = catalog.regions()
            fail(
                "unit",
                f"enheden '{unit_text}' ({unit.name_da}) hører til {regions[unit.region_id].name_da}, "
                f"ikke til {regions[region_id].name_da}",
            )
        unit_id = unit.unit_id if unit is not None else None

        period = read("period", parse_period)
        if period is not None and indicator is not None and period.frequency != indicator.frequency:
            fail(
                "period",
                f"perioden '{period.code}' er et {FREQUENCY_DA[period.frequency]}, men "
                f"'{indicator_id}' opgøres pr. {FREQUENCY_DA[indicator.frequency]}",
            )

        value = None if source_row.suppression_reason else read("value", parse_number)
        value_failed = any(e.column == source_row.columns.get("value", "value") for e in row_errors)
        if value is None and not source_row.suppression_reason and not value_failed:
            fail("value", "værdi mangler")
        if value is not None and indicator is not None and indicator.is_percentage and not 0 <= value <= 100:
            fail("value", f"{cell.get('value')} ligger uden for 0-100 for en procentandel")

        numerator = read("numerator", parse_number)
        denominator = read("denominator", parse_number)
        for name, number in (("numerator", numerator), ("denominator", denominator)):
            if number is not None and number < 0:
                fail(name, f"{number:g} er negativ")
        if denominator == 0:
            fail("denominator", "nævneren er 0")

        provisional = read("provisional", parse_flag)
        published_at = read("published_at", parse_date)
        synthetic = read("synthetic", parse_flag)

        if not row_errors and period is not None:
            key = (indicator_id, region_id, unit_id, period.code)
            if key in first_row_of_key:
                where = f"{region_id}, {unit_id}" if unit_id else region_id
                fail(
                    "period",
                    f"dublet: {indicator_id}, {where}, {period.code} står også i række {first_row_of_key[key]}",
                )
            else:
                first_row_of_key[key] = source_row.row

        if row_errors:
            errors.extend(row_errors)
            continue
        records.append(
            {
                "source_row": source_row.row,
                "indicator_id": indicator_id,
                "region_id": region_id,
                "unit_id": unit_id,
                "period": period.code,
                "period_start": period.start,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "is_provisional": bool(provisional),
                "published_at": published_at,
                "is_synthetic": bool(synthetic),
                "suppression_reason": source_row.suppression_reason,
            }
        )
    if errors:
        raise LoadRefused(errors)
    if not records:
        raise LoadRefused([CellError(path, None, None, "filen indeholder ingen datarækker")])
    return records
