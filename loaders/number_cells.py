"""Number cells as publishers write them: decimal marks, thousands separators, ambiguous forms.

Whole-column polars expressions used by `loaders.validate`: `file_decimal_mark` finds the mark a
file uses, `read_numbers` reads every number cell by it (see there for '8.987').
"""

from __future__ import annotations

import polars as pl

NUMBER_FIELDS = ("value", "numerator", "denominator")

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
