"""The canonical long format that any analyst can fill in.

Columns: indicator_id, region, period, value, and optionally numerator, denominator,
provisional, published_at, synthetic, unit (a municipality or a hospital / sub-group below the
region; with a unit the region may be left empty). A file with any bad cell is refused whole.
"""

from __future__ import annotations

from loaders.errors import CellError, LoadRefused
from loaders.records import FIELDS, SourceRow, validate_rows
from loaders.tabular import Table

REQUIRED_COLUMNS = ("indicator_id", "region", "period", "value")
# `region` must be present as a column, but a row with a unit may leave it empty.
OPTIONAL_COLUMNS = FIELDS[len(REQUIRED_COLUMNS):]


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
    names = {h.strip().lower(): h for h in table.header}
    rows = (
        SourceRow(row_no, {key: raw.get(original) for key, original in names.items()}, names)
        for row_no, raw in table.rows
    )
    return validate_rows(table.file, rows)
