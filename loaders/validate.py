"""Validate a file's values column by column (polars) into rows of the raw layer.

Every source (the canonical file, a publisher's spreadsheet, a Statbank answer) hands over its
values as one frame of cells: `_row` (the spreadsheet row, header = 1), one text column per
canonical field (FIELDS), and optionally `<field>__num` (a number cell Excel typed as a number),
`_col_<field>` (the column label per row, where it differs by row, as in a wide layout) and
`_suppression` (the publisher's suppression marker). The checks run on whole columns; only the
rows that fail are turned into messages, each naming file, row and column as before. Cells with
few distinct values (periods, flags, dates) are parsed once per distinct value with the same
parsers that give the messages.

What is refused (besides unreadable cells and unknown catalog entries):
- a period that has not ended by today, and a `published_at` on or before the period's end;
- a value outside the indicator's possible range (`min_value`/`max_value` in indicators.csv);
- a numerator or denominator that is negative or not a whole number, a denominator of 0, a
  numerator above the denominator of a proportion, and a value that disagrees with
  numerator / denominator x scale by more than the published rounding;
- the same key twice in one file.

Numbers: see `read_numbers` for decimal marks and thousands separators (`8.987`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import polars as pl

from loaders.cells import CellValueError, parse_date, parse_flag, shown
from loaders.dates import latest_accepted_year
from loaders.errors import CellError, LoadRefused
from noegletal import catalog
from noegletal.periods import PeriodError, parse_period

FIELDS = (
    "indicator_id", "region", "period", "value",
    "numerator", "denominator", "provisional", "published_at", "synthetic", "unit",
)
NUMBER_FIELDS = ("value", "numerator", "denominator")
COUNT_NAMES_DA = {"numerator": "tælleren", "denominator": "nævneren"}
FREQUENCY_DA = {"quarter": "kvartal", "year": "år"}

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

# --- numbers ---------------------------------------------------------------------------------

_SIGN = r"^[+-]?"
# One mark followed by exactly three digits after one to three digits: 8.987 or 8,987 is a
# thousands-separated whole number or a decimal number with three decimals, by the file's mark.
AMBIGUOUS = _SIGN + r"[1-9][0-9]{0,2}[.,][0-9]{3}$"
NUMBER_FORMS = {
    # form: (pattern, the decimal mark it shows, the thousands mark to remove)
    "integer": (_SIGN + r"[0-9]+$", None, None),
    "thousands_dot": (_SIGN + r"[1-9][0-9]{0,2}(\.[0-9]{3})+(,[0-9]*)?$", ",", "."),  # 1.234.567 or 1.234,5
    "thousands_comma": (_SIGN + r"[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]*)?$", ".", ","),  # 1,234,567 or 1,234.5
    "decimal_comma": (_SIGN + r"([0-9]*,[0-9]+|[0-9]+,[0-9]*)$", ",", None),
    "decimal_point": (_SIGN + r"([0-9]*\.[0-9]+|[0-9]+\.[0-9]*)$", ".", None),
}


def file_decimal_mark(frame: pl.DataFrame, default: str | None) -> str | None:
    """The decimal mark the file's numbers show where they are unambiguous ('45,3', '1.234,5'):
    ',' or '.'. With no such number, `default` (the reader's guess: ',' for a ';'-separated CSV,
    Danish style); with both marks in use, None (an ambiguous number is then refused)."""
    shows = {}
    for name in NUMBER_FIELDS:
        text = _compact(pl.col(name))
        for form, (pattern, mark, _) in NUMBER_FORMS.items():
            if mark is not None:
                shows[f"{name}|{form}"] = (text.str.contains(pattern) & ~text.str.contains(AMBIGUOUS)).any()
    found = frame.select(**shows).row(0, named=True)
    seen = {NUMBER_FORMS[key.split("|")[1]][1] for key, shown_here in found.items() if shown_here}
    if len(seen) == 1:
        return seen.pop()
    return default if not seen else None


def _compact(expr: pl.Expr) -> pl.Expr:
    """The number's text trimmed; a space inside only as a thousands separator ('10 000'), so
    that '8 1' stays two numbers and is refused rather than read as 81."""
    # [0-9], not \d, in every pattern here: Unicode digit classes make polars' regexes ~10 x slower.
    text = expr.str.replace_all(r"\s+", " ").str.strip_chars()
    grouped = text.str.contains(r"^[+-]?[0-9]{1,3}( [0-9]{3})+([.,][0-9]*)?$")
    return pl.when(grouped).then(text.str.replace_all(" ", "", literal=True)).otherwise(text)


def read_numbers(name: str, mark: str | None) -> tuple[list[pl.Expr], list[pl.Expr]]:
    """Two steps of expressions (the second reads the first's columns) giving `_<name>` (the
    number), `_<name>_decimals` (decimals as published; null when unknown) and `_<name>_bad` (''
    when fine, 'number' for a text that is no number, 'ambiguous').

    A number may use a decimal comma or point and a thousands separator ('1.234,5', '1,234.5').
    One mark followed by exactly three digits ('8.987') is read by the file's decimal mark: as
    8987 in a file whose numbers use a decimal comma (and in a ';'-separated file that shows no
    decimals at all), as 8.987 in a file using a decimal point - where a count then is refused as
    no whole number. A file that uses both marks has such a number refused as ambiguous."""
    text, form = pl.col(f"_{name}_text"), pl.col(f"_{name}_form")
    # step 1: the compact text, and the first form it takes (the ambiguous one first)
    chain = pl.when(text.str.contains(AMBIGUOUS)).then(pl.lit("ambiguous"))
    for key, (pattern, _, _) in NUMBER_FORMS.items():
        chain = chain.when(text.str.contains(pattern)).then(pl.lit(key))
    first = [_compact(pl.col(name)).alias(f"_{name}_text")]
    second_forms = chain.otherwise(pl.lit(None, pl.Utf8)).alias(f"_{name}_form")

    def as_float(thousands: str | None, decimal: str | None) -> pl.Expr:
        expr = text
        if thousands:
            expr = expr.str.replace_all(thousands, "", literal=True)
        if decimal == ",":
            expr = expr.str.replace_all(",", ".", literal=True)
        return expr.cast(pl.Float64, strict=False)

    def n_decimals(decimal: str | None) -> pl.Expr:
        if decimal is None:
            return pl.lit(0, pl.Int32)
        return (text.str.len_chars() - text.str.find(decimal, literal=True) - 1).cast(pl.Int32)

    number = pl.when(pl.lit(False)).then(pl.lit(None, pl.Float64))
    decimals = pl.when(pl.lit(False)).then(pl.lit(None, pl.Int32))
    if mark is not None:
        thousands = "." if mark == "," else ","
        with_thousands = (form == "ambiguous") & text.str.contains(thousands, literal=True)
        number = number.when(with_thousands).then(as_float(thousands, None))
        number = number.when(form == "ambiguous").then(as_float(None, mark))
        decimals = decimals.when(with_thousands).then(pl.lit(0, pl.Int32)).when(form == "ambiguous").then(pl.lit(3, pl.Int32))
    for key, (_, decimal, thousands) in NUMBER_FORMS.items():
        number = number.when(form == key).then(as_float(thousands, decimal))
        decimals = decimals.when(form == key).then(n_decimals(decimal))
    filled = text.is_not_null() & (text != "")
    bad = pl.when(filled & form.is_null()).then(pl.lit("number"))
    if mark is None:
        bad = bad.when(form == "ambiguous").then(pl.lit("ambiguous"))
    typed = pl.col(f"{name}__num")
    second = [
        pl.coalesce(typed, number.otherwise(pl.lit(None, pl.Float64))).alias(f"_{name}"),
        pl.when(typed.is_not_null()).then(pl.lit(None, pl.Int32)).otherwise(decimals.otherwise(pl.lit(None, pl.Int32)))
        .alias(f"_{name}_decimals"),
        pl.when(typed.is_not_null()).then(pl.lit("")).otherwise(bad.otherwise(pl.lit(""))).alias(f"_{name}_bad"),
    ]
    return first, [second_forms], second


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


# --- the checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Check:
    field: str  # the canonical field whose column the error names
    order: int  # where the error comes among a row's errors
    failing: pl.Expr  # true on a row that fails the check
    message: Callable[[dict], str]  # the Danish message, from a failing row


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g}-{high:g}"
    return f"{low:g} og derover" if low is not None else f"{high:g} og derunder"


def _cell(row: dict, name: str) -> str:
    """A number cell as the file wrote it (or as Excel typed it), shortened for a message."""
    return shown(row[name].strip() if row[name] is not None else row[f"{name}__num"])


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
    columns = columns or {}
    if frame.height == 0:
        raise LoadRefused([CellError(path, None, None, "filen indeholder ingen datarækker")])
    f = _complete(frame)
    mark = decimal or file_decimal_mark(f, default_decimal)
    ind = catalog.indicators()
    units, regions = catalog.units(), catalog.regions()

    # Cells with few distinct spellings are parsed once per spelling, with the parsers that word
    # the messages; the rest are whole-column expressions. One pass computes every column.
    periods, period_errors = _parsed_once(f, "period", parse_period)
    parsed_flags = {
        name: _parsed_once(f, name, parse)
        for name, parse in (("provisional", parse_flag), ("published_at", parse_date), ("synthetic", parse_flag))
    }

    def flag_column(name: str, dtype) -> pl.Expr:
        values, _ = parsed_flags[name]
        expr = _lookup(pl.col(name), {k: v for k, v in values.items() if k is not None}, dtype)
        if values.get(None) is not None:
            expr = pl.when(pl.col(name).is_null()).then(pl.lit(values[None], dtype)).otherwise(expr)
        return expr.alias(f"_{name}")

    suppressed = pl.col("_suppression").is_not_null()
    numbers = [read_numbers(name, mark) for name in NUMBER_FIELDS]
    f = (
        f.lazy()
        .with_columns(
            _norm("indicator_id").alias("_ind"),
            _norm("region").alias("_region_text"),
            _norm("unit").alias("_unit_text"),
            *[e for steps in numbers for e in steps[0]],
            _lookup(pl.col("period"), {k: p.code for k, p in periods.items()}, pl.Utf8).alias("_period"),
            _lookup(pl.col("period"), {k: p.frequency for k, p in periods.items()}, pl.Utf8).alias("_period_frequency"),
            _lookup(pl.col("period"), {k: p.start for k, p in periods.items()}, pl.Date).alias("_period_start"),
            _lookup(pl.col("period"), {k: p.end for k, p in periods.items()}, pl.Date).alias("_period_end"),
            flag_column("provisional", pl.Boolean),
            flag_column("published_at", pl.Date),
            flag_column("synthetic", pl.Boolean),
        )
        .with_columns(*[e for steps in numbers for e in steps[1]])
        .with_columns(*[e for steps in numbers for e in steps[2]])
        .with_columns(
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
            pl.when(suppressed).then(None).otherwise(pl.col("_value")).alias("_value"),
        )
        .with_columns(
            _lookup(pl.col("_unit"), {k: u.region_id for k, u in units.items()}, pl.Utf8).alias("_unit_region"),
            (pl.col("_numerator") / pl.col("_denominator") * pl.col("_scale")).alias("_expected"),
            # half a unit of the last decimal the value was published with (else the catalog's)
            (0.5 / pl.lit(10.0).pow(pl.coalesce(pl.col("_value_decimals"), pl.col("_decimals"), pl.lit(0))))
            .alias("_tolerance"),
        )
        .with_columns(
            pl.when(pl.col("_region_text") != "").then(pl.col("_reg")).otherwise(pl.col("_unit_region"))
            .alias("_region_id"),
        )
        .collect()
    )

    checks = _checks(mark, period_errors, {n: failed for n, (_, failed) in parsed_flags.items()}, today,
                     units, regions)
    f = f.with_columns([c.failing.fill_null(False).alias(f"_e{i}") for i, c in enumerate(checks)])
    # A key twice in the file: among the rows that passed every other check, named after the first.
    key = ["_ind", "_region_id", "_unit", "_period"]
    f = f.with_columns(_bad=pl.any_horizontal([f"_e{i}" for i in range(len(checks))]))
    f = f.with_columns(_first=pl.col("_row").filter(~pl.col("_bad")).first().over(key))
    f = f.with_columns(_duplicate=~pl.col("_bad") & (pl.col("_row") != pl.col("_first")))
    checks.append(_Check(
        "period", 11, pl.col("_duplicate"),
        lambda r: f"dublet: {r['_ind']}, " + (f"{r['_region_id']}, {r['_unit']}" if r["_unit"] else r["_region_id"])
                  + f", {r['_period']} står også i række {r['_first']}",
    ))
    failing = f.filter(pl.col("_bad") | pl.col("_duplicate"))
    if failing.height:
        found = []
        for i, check in enumerate(checks):
            mask = pl.col(f"_e{i}") if i < len(checks) - 1 else pl.col("_duplicate")
            for row in failing.filter(mask).iter_rows(named=True):
                column = row.get(f"_col_{check.field}") or columns.get(check.field, check.field)
                found.append((row["_row"], check.order, CellError(path, row["_row"], column, check.message(row))))
        found.sort(key=lambda item: (item[0], item[1]))
        raise LoadRefused([error for _, _, error in found])
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


def _checks(mark, period_errors, flag_errors, today, units, regions) -> list[_Check]:
    """Every check on a row, in the order a row's errors are listed."""
    col = pl.col
    suppressed = col("_suppression").is_not_null()
    num, den, value = col("_numerator"), col("_denominator"), col("_value")
    checks = [
        _Check("indicator_id", 0, col("_frequency").is_null(),
               lambda r: f"ukendt indikator '{shown(r['_ind'])}'" if r["_ind"] else "indikator mangler"),
        _Check("unit", 1, (col("_unit_text") != "") & col("_unit").is_null(),
               lambda r: f"ukendt enhed '{shown(r['_unit_text'])}' (en kommune ved navn eller kode, "
                         f"eller et unit_id fra units.csv)"),
        _Check("region", 2, (col("_region_text") != "") & col("_reg").is_null(),
               lambda r: f"ukendt region '{shown(r['_region_text'])}'"),
        _Check("region", 2, (col("_region_text") == "") & (col("_unit_text") == ""), lambda r: "region mangler"),
        _Check("unit", 3, col("_unit").is_not_null() & col("_reg").is_not_null() & (col("_unit_region") != col("_reg")),
               lambda r: f"enheden '{shown(r['_unit_text'])}' ({units[r['_unit']].name_da}) hører til "
                         f"{regions[r['_unit_region']].name_da}, ikke til {regions[r['_reg']].name_da}"),
        _Check("period", 4, col("_period").is_null(),
               lambda r: period_errors.get(r["period"]) or "ugyldig periode"),
        _Check("period", 4, col("_period").is_not_null() & col("_frequency").is_not_null()
               & (col("_period_frequency") != col("_frequency")),
               lambda r: f"perioden '{r['_period']}' er et {FREQUENCY_DA[r['_period_frequency']]}, men "
                         f"'{r['_ind']}' opgøres pr. {FREQUENCY_DA[r['_frequency']]}"),
        _Check("period", 4, col("_period_end") >= pl.lit(today),
               lambda r: f"perioden {r['_period']} er ikke slut endnu (den slutter {r['_period_end']:%d-%m-%Y}); "
                         f"der kan ikke være offentliggjort tal for den"),
    ]
    for order, name in ((5, "value"), (6, "numerator"), (7, "denominator")):
        readable_here = ~suppressed if name == "value" else pl.lit(True)
        checks += [
            _Check(name, order, (col(f"_{name}_bad") == "number") & readable_here,
                   lambda r, n=name: f"'{_cell(r, n)}' er ikke et tal"),
            _Check(name, order, (col(f"_{name}_bad") == "ambiguous") & readable_here,
                   lambda r, n=name: f"'{_cell(r, n)}' er tvetydigt: filen bruger både decimalkomma og "
                                     f"decimalpunktum, så det kan være et helt tal med tusindtalsseparator eller et "
                                     f"tal med tre decimaler (skriv det uden tusindtalsseparator)"),
            _Check(name, order, col(f"_{name}").is_not_null() & ~col(f"_{name}").is_finite() & readable_here,
                   lambda r, n=name: f"'{_cell(r, n)}' er ikke et endeligt tal"),
        ]
        if name == "value":
            checks += [
                _Check("value", 5, value.is_null() & ~suppressed & (col("_value_bad") == ""), lambda r: "værdi mangler"),
                # the range describes the series as defined now: values before a series break keep loading
                _Check("value", 5, ((value < col("_min")) | (value > col("_max")))
                       & (col("_break").is_null() | (col("_period_start") >= col("_break"))),
                       lambda r: f"{_cell(r, 'value')} ligger uden for {_range_text(r['_min'], r['_max'])}, "
                                 f"som '{r['_ind']}' kan antage (indicators.csv)"),
                # The value must be numerator / denominator x scale, to the rounding it was published with.
                _Check("value", 5, (den > 0) & (num >= 0) & ((num <= den) | ~col("_is_pct"))
                       & ((value - col("_expected")).abs() > col("_tolerance") * (1 + 1e-9) + 1e-9),
                       lambda r: f"værdien {_cell(r, 'value')} passer ikke med tæller og nævner: "
                                 f"{r['_numerator']:g} / {r['_denominator']:g} x {r['_scale']:g} = "
                                 f"{_rounded(r['_expected'], r['_value_decimals'], r['_decimals'])}"),
            ]
        else:
            number = col(f"_{name}")
            checks += [
                _Check(name, order, number < 0, lambda r, n=name: f"{r[f'_{n}']:g} er negativ"),
                _Check(name, order, (number >= 0) & number.is_finite() & (number != number.floor()),
                       lambda r, n=name: f"'{_cell(r, n)}' er ikke et helt tal; {COUNT_NAMES_DA[n]} er et antal"),
            ]
    checks += [
        _Check("denominator", 7, den == 0, lambda r: "nævneren er 0"),
        _Check("numerator", 6, col("_is_pct") & (den > 0) & (num > den),
               lambda r: f"tælleren {r['_numerator']:g} er større end nævneren {r['_denominator']:g}; "
                         f"en andel kan højst være 100 pct."),
    ]
    for order, name in ((8, "provisional"), (9, "published_at"), (10, "synthetic")):
        failed = flag_errors[name]
        checks.append(_Check(name, order, col(name).is_in(list(failed)) if failed else pl.lit(False),
                             lambda r, m=failed, n=name: m[r[n]]))
    latest_year = latest_accepted_year(today)
    if latest_year is not None:
        checks.append(_Check(
            "published_at", 9, col("_published_at").dt.year() > latest_year,
            lambda r: f"udgivelsesdatoen {r['_published_at']:%d-%m-%Y} ligger efter næste år; er årstallet "
                      f"en tastefejl? (en dato så langt ude holder tallet under embargo til da; er den rigtig, "
                      f"så indlæs med --allow-future-date)",
        ))
    checks.append(_Check(
        "published_at", 9, col("_published_at").is_not_null() & (col("_published_at") <= col("_period_end")),
        lambda r: f"udgivelsesdatoen {r['_published_at']:%d-%m-%Y} ligger ikke efter periodens slutning "
                  f"({r['_period_end']:%d-%m-%Y}); tal for {r['_period']} kan først offentliggøres, når perioden er slut",
    ))
    return checks


def _rounded(expected: float, published: int | None, catalog_decimals: int | None) -> str:
    decimals = published if published is not None else (catalog_decimals or 0)
    return f"{expected:.{decimals + 1}f}".replace(".", ",")


def frame_of_source_rows(rows: Iterable) -> tuple[pl.DataFrame, dict[str, str]]:
    """The cells frame of `records.SourceRow`s (spreadsheets, Statbank), with each row's column labels."""
    rows = list(rows)
    columns = {name: [r.cells.get(name) for r in rows] for name in FIELDS if any(name in r.cells for r in rows)}
    labels = {name: [r.columns.get(name) for r in rows] for name in FIELDS if any(name in r.columns for r in rows)}
    frame = cells_frame([r.row for r in rows], columns, labels, [r.suppression_reason for r in rows])
    return frame, {}

