"""The canonical long format that any analyst can fill in.

Columns: indicator_id, region, period, value, and optionally numerator, denominator,
provisional, published_at, synthetic, unit (a municipality or a hospital / sub-group below the
region; with a unit the region may be left empty). A file with any bad cell is refused whole.
"""

from __future__ import annotations

import polars as pl

from loaders.cells import shown
from loaders.errors import CellError, LoadRefused
from loaders.tabular import Table
from loaders.validate import FIELDS, cells_frame, validate_frame

REQUIRED_COLUMNS = ("indicator_id", "region", "period", "value")
# `region` must be present as a column, but a row with a unit may leave it empty.
OPTIONAL_COLUMNS = FIELDS[len(REQUIRED_COLUMNS):]


def check_header(table: Table) -> None:
    path, errors = table.file, []
    seen: set[str] = set()
    for name in table.header:
        key = name.strip().lower()
        if key in seen:
            errors.append(CellError(path, 1, shown(name), "kolonnen findes to gange"))
        elif key not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            errors.append(
                CellError(
                    path, 1, shown(name),
                    "ukendt kolonne (tilladte kolonner: " + ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS) + ")",
                )
            )
        seen.add(key)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            errors.append(CellError(path, 1, name, "påkrævet kolonne mangler"))
    if errors:
        raise LoadRefused(errors)


def validate(table: Table) -> pl.DataFrame:
    """The raw layer's rows of a canonical file, or LoadRefused naming every bad cell."""
    check_header(table)
    by_field = {h.strip().lower(): (h, col) for h, col in zip(table.header, table.columns)}
    frame = cells_frame(table.row_numbers, {name: col for name, (_, col) in by_field.items()},
                        typed=table.delimiter is None)  # a CSV holds only text
    labels = {name: header for name, (header, _) in by_field.items()}
    # A ';'-separated file is Danish style: its numbers use a decimal comma unless they show otherwise.
    default = "," if table.delimiter == ";" else "." if table.delimiter == "," else None
    return validate_frame(table.file, frame, labels, default_decimal=default)
