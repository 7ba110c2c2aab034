"""The canonical long format that any analyst can fill in.

Columns: indicator_id, region, period, value, and optionally numerator, denominator,
provisional, published_at, synthetic. A file with any bad cell is refused whole.
"""

from __future__ import annotations

from loaders.cells import CellValueError, parse_date, parse_flag, parse_number, parse_text
from loaders.errors import CellError, LoadRefused
from loaders.tabular import Table
from noegletal import catalog
from noegletal.periods import PeriodError, parse_period

REQUIRED_COLUMNS = ("indicator_id", "region", "period", "value")
OPTIONAL_COLUMNS = ("numerator", "denominator", "provisional", "published_at", "synthetic")
FREQUENCY_DA = {"quarter": "kvartal", "year": "år"}


def check_header(table: Table) -> None:
    path, errors = table.file, []
    seen: set[str] = set()
    for name in table.header:
        key = name.strip().lower()
        if key in seen:
            errors.append(CellError(path, 1, name, "kolonnen findes to gange"))
        elif key not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            errors.append(
                CellError(
                    path, 1, name,
                    "ukendt kolonne (tilladte kolonner: " + ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS) + ")",
                )
            )
        seen.add(key)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            errors.append(CellError(path, 1, name, "påkrævet kolonne mangler"))
    if errors:
        raise LoadRefused(errors)


def validate(table: Table) -> list[dict]:
    """Validated records of a canonical file, or LoadRefused naming every bad cell."""
    check_header(table)
    path = table.file
    names = {h.strip().lower(): h for h in table.header}
    indicators, errors, records = catalog.indicators(), [], []
    first_row_of_key: dict[tuple[str, str, str], int] = {}
    if not table.rows:
        raise LoadRefused([CellError(path, None, None, "filen indeholder ingen datarækker")])

    for row_no, raw in table.rows:
        cell = {key: raw.get(original) for key, original in names.items()}
        row_errors: list[CellError] = []

        def fail(column: str, message: str) -> None:
            row_errors.append(CellError(path, row_no, names.get(column, column), message))

        def read(column: str, parser):
            try:
                return parser(cell.get(column))
            except (CellValueError, PeriodError) as e:
                fail(column, str(e))
                return None

        indicator_id = parse_text(cell["indicator_id"])
        indicator = indicators.get(indicator_id)
        if indicator is None:
            fail("indicator_id", f"ukendt indikator '{indicator_id}'" if indicator_id else "indikator mangler")

        region_text = parse_text(cell["region"])
        region_id = catalog.resolve_region(region_text) if region_text else None
        if region_id is None:
            fail("region", f"ukendt region '{region_text}'" if region_text else "region mangler")

        period = read("period", parse_period)
        if period is not None and indicator is not None and period.frequency != indicator.frequency:
            fail(
                "period",
                f"perioden '{period.code}' er et {FREQUENCY_DA[period.frequency]}, men "
                f"'{indicator_id}' opgøres pr. {FREQUENCY_DA[indicator.frequency]}",
            )

        value = read("value", parse_number)
        if value is None and not any(e.column == names["value"] for e in row_errors):
            fail("value", "værdi mangler")
        if value is not None and indicator is not None and indicator.is_percentage and not 0 <= value <= 100:
            fail("value", f"{cell['value']} ligger uden for 0-100 for en procentandel")

        numerator = read("numerator", parse_number)
        denominator = read("denominator", parse_number)
        for column, number in (("numerator", numerator), ("denominator", denominator)):
            if number is not None and number < 0:
                fail(column, f"{number:g} er negativ")
        if denominator == 0:
            fail("denominator", "nævneren er 0")

        provisional = read("provisional", parse_flag)
        published_at = read("published_at", parse_date)
        synthetic = read("synthetic", parse_flag)

        if not row_errors and period is not None:
            key = (indicator_id, region_id, period.code)
            if key in first_row_of_key:
                fail(
                    "period",
                    f"dublet: {indicator_id}, {region_id}, {period.code} står også i række {first_row_of_key[key]}",
                )
            else:
                first_row_of_key[key] = row_no

        if row_errors:
            errors.extend(row_errors)
            continue
        records.append(
            {
                "source_row": row_no,
                "indicator_id": indicator_id,
                "region_id": region_id,
                "period": period.code,
                "period_start": period.start,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "is_provisional": bool(provisional),
                "published_at": published_at,
                "is_synthetic": bool(synthetic),
            }
        )
    if errors:
        raise LoadRefused(errors)
    return records

