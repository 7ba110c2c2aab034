"""Validate a file's values column by column (polars) into rows of the raw layer.

Every source (the canonical file, a publisher's spreadsheet, a Statbank answer) hands over its
values as one frame of cells: `_row` (the spreadsheet row, header = 1), one text column per
canonical field (FIELDS), and optionally `<field>__num` (a number cell Excel typed as a number),
`_col_<field>` (the column label per row, where it differs by row, as in a wide layout) and
`_suppression` (the publisher's suppression marker). The checks run on whole columns; only the
rows that fail are turned into messages, each naming file, row and column as before. Cells with
few distinct values (periods, flags, dates) are parsed once per distinct value with the same
parsers that give the messages.

What is refused (by `loaders.row_checks`; besides unreadable cells and unknown catalog entries):
- a period that has not ended by today, and a `published_at` on or before the period's end;
- a value outside the indicator's possible range (`min_value`/`max_value` in indicators.csv);
- a numerator or denominator that is negative or not a whole number, a denominator of 0, a
  numerator above the denominator of a proportion, and a value that disagrees with
  numerator / denominator x scale by more than the published rounding;
- the same key twice in one file.

Numbers: see `loaders.number_cells.read_numbers` for decimal marks and thousands separators (`8.987`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

import polars as pl

from loaders.cells import CellValueError, parse_date, parse_flag
from loaders.errors import CellError, LoadRefused
from loaders.number_cells import NUMBER_FIELDS, file_decimal_mark, read_numbers
from loaders.row_checks import Check, duplicate_check, row_checks
from noegletal import catalog
from noegletal.periods import PeriodError, parse_period

FIELDS = (
    "indicator_id", "region", "period", "value",
    "numerator", "denominator", "provisional", "published_at", "synthetic", "unit",
)

# The rows appended to raw.indicator_values (without load_id, which the store assigns).
RAW_SCHEMA = {
    "source_row": pl.Int32,
    "indicator_id": pl.Utf8,
    "region_id": pl.Utf8,
    "unit_id": pl.Utf8,
    "period": pl.Utf8,
    "period_start": pl.Date,
    "value": pl.Float64,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "is_provisional": pl.Boolean,
    "published_at": pl.Date,
    "is_synthetic": pl.Boolean,
    "suppression_reason": pl.Utf8,
}

# --- the cells frame -------------------------------------------------------------------------


def as_text(cell: object) -> str | None:
    """A cell as the text a validator reads: Excel numbers, dates and flags written out."""
    if cell is None or isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def cells_frame(
    row_numbers: list[int],
    columns: dict[str, list[object]],
    labels: dict[str, list[str | None]] | None = None,
    suppression: list[str | None] | None = None,
    typed: bool = True,
) -> pl.DataFrame:
    """The frame `validate_frame` reads, from cells by canonical field: texts, or with `typed`
    also numbers, dates and flags as Excel gives them."""
    data: dict[str, pl.Series] = {"_row": pl.Series("_row", row_numbers, pl.Int64)}
    for name in FIELDS:
        cells = columns.get(name)
        if cells is None:
            continue
        if not typed:
            data[name] = pl.Series(cells, dtype=pl.Utf8)
            continue
        if name in NUMBER_FIELDS and any(isinstance(c, (int, float)) and not isinstance(c, bool) for c in cells):
            numbers = [float(c) if isinstance(c, (int, float)) and not isinstance(c, bool) else None for c in cells]
            data[f"{name}__num"] = pl.Series(numbers, dtype=pl.Float64)
            cells = [None if n is not None else c for c, n in zip(cells, numbers)]
        if all(c is None or isinstance(c, str) for c in cells):
            data[name] = pl.Series(cells, dtype=pl.Utf8)
        else:
            data[name] = pl.Series([as_text(c) for c in cells], dtype=pl.Utf8)
    for name, per_row in (labels or {}).items():
        data[f"_col_{name}"] = pl.Series(per_row, dtype=pl.Utf8)
    if suppression is not None:
        data["_suppression"] = pl.Series(suppression, dtype=pl.Utf8)
    return pl.DataFrame(data)


def _complete(frame: pl.DataFrame) -> pl.DataFrame:
    """Every column the checks read, null where the source has none."""
    missing = [pl.lit(None, pl.Utf8).alias(n) for n in FIELDS if n not in frame.columns]
    missing += [pl.lit(None, pl.Float64).alias(f"{n}__num") for n in NUMBER_FIELDS if f"{n}__num" not in frame.columns]
    if "_suppression" not in frame.columns:
        missing.append(pl.lit(None, pl.Utf8).alias("_suppression"))
    return frame.with_columns(missing) if missing else frame


def _norm(name: str) -> pl.Expr:
    """Whitespace collapsed and trimmed, as `cells.parse_text` does; empty for a missing cell."""
    return pl.col(name).fill_null("").str.replace_all(r"\s+", " ").str.strip_chars()


def _lookup(expr: pl.Expr, mapping: dict, dtype) -> pl.Expr:
    return expr.replace_strict(mapping, default=None, return_dtype=dtype) if mapping else pl.lit(None, dtype)


def _parsed_once(frame: pl.DataFrame, name: str, parse: Callable[[object], object]):
    """{distinct cell: parsed} and {distinct cell: error message} for a column of few distinct values."""
    values, errors = {}, {}
    for cell in frame.get_column(name).unique().to_list():
        try:
            values[cell] = parse(cell)
        except (CellValueError, PeriodError) as e:
            errors[cell] = str(e)
    return values, errors


# --- validating a frame ----------------------------------------------------------------------


def validate_frame(
    path: Path,
    frame: pl.DataFrame,
    columns: dict[str, str] | None = None,
    decimal: str | None = None,
    default_decimal: str | None = None,
    today: date | None = None,
) -> pl.DataFrame:
    """The raw layer's rows (RAW_SCHEMA) for a frame of cells, or LoadRefused naming every bad
    cell (file, row, column). `columns` names each field's column for messages; `decimal` is the
    decimal mark when the source knows it, else it is read from the file (`default_decimal` when
    the file does not show it)."""
    today = today or date.today()
    if frame.height == 0:
        raise LoadRefused([CellError(path, None, None, "filen indeholder ingen datarækker")])
    f = _complete(frame)
    mark = decimal or file_decimal_mark(f, default_decimal)
    # Cells with few distinct spellings are parsed once per spelling, with the parsers that word
    # the messages; the rest are whole-column expressions.
    periods, period_errors = _parsed_once(f, "period", parse_period)
    parsed_flags = {
        name: _parsed_once(f, name, parse)
        for name, parse in (("provisional", parse_flag), ("published_at", parse_date), ("synthetic", parse_flag))
    }
    f = _read_cells(f, mark, periods, {name: values for name, (values, _) in parsed_flags.items()})
    checks = row_checks(period_errors, {n: failed for n, (_, failed) in parsed_flags.items()}, today,
                        catalog.units(), catalog.regions())
    f = _mark_failing(f, checks)
    checks.append(duplicate_check())
    _refuse_failing(path, f, checks, columns or {})
    return _raw_rows(f)


def _read_cells(f: pl.DataFrame, mark: str | None, periods: dict, flags: dict[str, dict]) -> pl.DataFrame:
    """Every column the checks and the raw rows read, in one pass: each step reads the one before."""
    numbers = [read_numbers(name, mark) for name in NUMBER_FIELDS]
    return (
        f.lazy()
        .with_columns(*_cell_columns(periods, flags), *[e for steps in numbers for e in steps[0]])
        .with_columns(*[e for steps in numbers for e in steps[1]])
        .with_columns(*[e for steps in numbers for e in steps[2]])
        .with_columns(*_catalog_columns())
        .with_columns(*_derived_columns())
        .with_columns(
            pl.when(pl.col("_region_text") != "").then(pl.col("_reg")).otherwise(pl.col("_unit_region"))
            .alias("_region_id"),
        )
        .collect()
    )


def _cell_columns(periods: dict, flags: dict[str, dict]) -> list[pl.Expr]:
    """The texts normalised, the periods and flags looked up from their parsed spellings."""

    def flag_column(name: str, dtype) -> pl.Expr:
        values = flags[name]
        expr = _lookup(pl.col(name), {k: v for k, v in values.items() if k is not None}, dtype)
        if values.get(None) is not None:
            expr = pl.when(pl.col(name).is_null()).then(pl.lit(values[None], dtype)).otherwise(expr)
        return expr.alias(f"_{name}")

    return [
        _norm("indicator_id").alias("_ind"),
        _norm("region").alias("_region_text"),
        _norm("unit").alias("_unit_text"),
        _lookup(pl.col("period"), {k: p.code for k, p in periods.items()}, pl.Utf8).alias("_period"),
        _lookup(pl.col("period"), {k: p.frequency for k, p in periods.items()}, pl.Utf8).alias("_period_frequency"),
        _lookup(pl.col("period"), {k: p.start for k, p in periods.items()}, pl.Date).alias("_period_start"),
        _lookup(pl.col("period"), {k: p.end for k, p in periods.items()}, pl.Date).alias("_period_end"),
        flag_column("provisional", pl.Boolean),
        flag_column("published_at", pl.Date),
        flag_column("synthetic", pl.Boolean),
    ]


def _catalog_columns() -> list[pl.Expr]:
    """What the catalog says of the row's indicator, region and unit; a suppressed value is none."""
    ind = catalog.indicators()
    return [
        _lookup(pl.col("_ind"), {k: v.frequency for k, v in ind.items()}, pl.Utf8).alias("_frequency"),
        _lookup(pl.col("_region_text").str.to_lowercase(), catalog._region_aliases(), pl.Utf8).alias("_reg"),
        _lookup(pl.col("_unit_text").str.to_lowercase(), catalog._unit_aliases(), pl.Utf8).alias("_unit"),
        _lookup(pl.col("_ind"), {k: v.min_value for k, v in ind.items() if v.min_value is not None},
                pl.Float64).alias("_min"),
        _lookup(pl.col("_ind"), {k: v.max_value for k, v in ind.items() if v.max_value is not None},
                pl.Float64).alias("_max"),
        _lookup(pl.col("_ind"), {k: v.series_break.start for k, v in ind.items() if v.series_break},
                pl.Date).alias("_break"),
        _lookup(pl.col("_ind"), {k: v.decimals for k, v in ind.items()}, pl.Int32).alias("_decimals"),
        _lookup(pl.col("_ind"), {k: v.value_scale for k, v in ind.items() if v.value_scale},
                pl.Float64).alias("_scale"),
        _lookup(pl.col("_ind"), {k: v.is_percentage for k, v in ind.items()}, pl.Boolean).alias("_is_pct"),
        pl.when(pl.col("_suppression").is_not_null()).then(None).otherwise(pl.col("_value")).alias("_value"),
    ]


def _derived_columns() -> list[pl.Expr]:
    """The unit's region, and the value numerator and denominator give, with its rounding."""
    return [
        _lookup(pl.col("_unit"), {k: u.region_id for k, u in catalog.units().items()}, pl.Utf8).alias("_unit_region"),
        (pl.col("_numerator") / pl.col("_denominator") * pl.col("_scale")).alias("_expected"),
        # half a unit of the last decimal the value was published with (else the catalog's)
        (0.5 / pl.lit(10.0).pow(pl.coalesce(pl.col("_value_decimals"), pl.col("_decimals"), pl.lit(0))))
        .alias("_tolerance"),
    ]


def _mark_failing(f: pl.DataFrame, checks: list[Check]) -> pl.DataFrame:
    """`_e<i>` true where check i fails, `_bad` where any does, and `_duplicate` (as the next
    `_e<i>`) where the key stands in an earlier row that passed every check."""
    f = f.with_columns([c.failing.fill_null(False).alias(f"_e{i}") for i, c in enumerate(checks)])
    key = ["_ind", "_region_id", "_unit", "_period"]
    f = f.with_columns(_bad=pl.any_horizontal([f"_e{i}" for i in range(len(checks))]))
    # among the rows that passed every other check, named after the first
    f = f.with_columns(_first=pl.col("_row").filter(~pl.col("_bad")).first().over(key))
    f = f.with_columns(_duplicate=~pl.col("_bad") & (pl.col("_row") != pl.col("_first")))
    return f.with_columns(pl.col("_duplicate").alias(f"_e{len(checks)}"))


def _refuse_failing(path: Path, f: pl.DataFrame, checks: list[Check], columns: dict[str, str]) -> None:
    """LoadRefused listing every failing cell, by row and then by the checks' order."""
    failing = f.filter(pl.col("_bad") | pl.col("_duplicate"))
    if not failing.height:
        return
    found = []
    for i, check in enumerate(checks):
        for row in failing.filter(pl.col(f"_e{i}")).iter_rows(named=True):
            column = row.get(f"_col_{check.field}") or columns.get(check.field, check.field)
            found.append((row["_row"], check.order, CellError(path, row["_row"], column, check.message(row))))
    found.sort(key=lambda item: (item[0], item[1]))
    raise LoadRefused([error for _, _, error in found])


def _raw_rows(f: pl.DataFrame) -> pl.DataFrame:
    return f.select(
        pl.col("_row").cast(pl.Int32).alias("source_row"),
        pl.col("_ind").alias("indicator_id"),
        pl.col("_region_id").alias("region_id"),
        pl.col("_unit").alias("unit_id"),
        pl.col("_period").alias("period"),
        pl.col("_period_start").alias("period_start"),
        (pl.col("_value") + 0.0).alias("value"),  # -0 is 0
        (pl.col("_numerator") + 0.0).alias("numerator"),  # -0 is 0
        (pl.col("_denominator") + 0.0).alias("denominator"),  # -0 is 0
        pl.col("_provisional").fill_null(False).alias("is_provisional"),
        pl.col("_published_at").alias("published_at"),
        pl.col("_synthetic").fill_null(False).alias("is_synthetic"),
        pl.col("_suppression").alias("suppression_reason"),
    ).cast(RAW_SCHEMA)


def frame_of_source_rows(rows: Iterable) -> tuple[pl.DataFrame, dict[str, str]]:
    """The cells frame of `records.SourceRow`s (spreadsheets, Statbank), with each row's column labels."""
    rows = list(rows)
    columns = {name: [r.cells.get(name) for r in rows] for name in FIELDS if any(name in r.cells for r in rows)}
    labels = {name: [r.columns.get(name) for r in rows] for name in FIELDS if any(name in r.columns for r in rows)}
    frame = cells_frame([r.row for r in rows], columns, labels, [r.suppression_reason for r in rows])
    return frame, {}

