"""Rows of canonical cells as the sources hand them over, and their validation.

Each source (a publisher's spreadsheet described by a mapping, a Statbank answer) only reshapes its
layout into `SourceRow`s; the checks on indicator, region, period, numbers and duplicates live in
`loaders.validate`, once, so every source refuses bad input the same way. The canonical format
builds its frame of cells directly (loaders/canonical.py), without a Python object per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from loaders.validate import FIELDS, frame_of_source_rows, validate_frame

__all__ = ["FIELDS", "SourceRow", "validate_rows"]


@dataclass
class SourceRow:
    """One value as a source gives it, before validation."""

    row: int  # spreadsheet row number (header = 1), for error messages
    cells: dict[str, object]  # canonical field -> raw cell value
    columns: dict[str, str] = field(default_factory=dict)  # canonical field -> column name in the file
    suppression_reason: str | None = None  # set when the publisher suppressed the value ("<5", "..")


def validate_rows(path: Path, rows: Iterable[SourceRow], decimal: str | None = None) -> pl.DataFrame:
    """The raw layer's rows for the source rows (loaders.validate.RAW_SCHEMA), or LoadRefused
    naming every bad cell (file, row, column). `decimal` is the decimal mark of number texts when
    the source has already normalised them ('.'), else it is read from the cells."""
    frame, columns = frame_of_source_rows(rows)
    return validate_frame(path, frame, columns, decimal=decimal)
