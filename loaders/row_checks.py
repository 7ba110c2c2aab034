"""The checks on a row of cells, as whole-column polars expressions, each with its Danish message.

`loaders.validate` computes the columns these expressions read (`_ind`, `_value`, `_period_end`,
...) and turns the rows that fail into `CellError`s; the order of the checks is the order a row's
errors are listed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

from loaders.cells import shown
from loaders.dates import latest_accepted_year

COUNT_NAMES_DA = {"numerator": "tælleren", "denominator": "nævneren"}
FREQUENCY_DA = {"quarter": "kvartal", "year": "år"}

col = pl.col


@dataclass(frozen=True)
class Check:
    field: str  # the canonical field whose column the error names
    order: int  # where the error comes among a row's errors
    failing: pl.Expr  # true on a row that fails the check
    message: Callable[[dict], str]  # the Danish message, from a failing row


def row_checks(period_errors: dict, flag_errors: dict[str, dict], today: date, units: dict,
               regions: dict) -> list[Check]:
    """Every check on a row, in the order a row's errors are listed."""
    return [
        *_key_checks(period_errors, today, units, regions),
        *_value_checks(),
        *_count_checks("numerator", 6),
        *_count_checks("denominator", 7),
        *_ratio_checks(),
        *_flag_checks(flag_errors),
        *_published_at_checks(today),
    ]


def duplicate_check() -> Check:
    """A key twice in the file; `_duplicate` and `_first` come from `loaders.validate`."""
    return Check(
        "period", 11, col("_duplicate"),
        lambda r: f"dublet: {r['_ind']}, " + (f"{r['_region_id']}, {r['_unit']}" if r["_unit"] else r["_region_id"])
                  + f", {r['_period']} står også i række {r['_first']}",
    )


def _key_checks(period_errors: dict, today: date, units: dict, regions: dict) -> list[Check]:
    """Indicator, unit, region and period: what the row is a figure of."""
    return [
        Check("indicator_id", 0, col("_frequency").is_null(),
              lambda r: f"ukendt indikator '{shown(r['_ind'])}'" if r["_ind"] else "indikator mangler"),
        Check("unit", 1, (col("_unit_text") != "") & col("_unit").is_null(),
              lambda r: f"ukendt enhed '{shown(r['_unit_text'])}' (en kommune ved navn eller kode, "
                        f"eller et unit_id fra units.csv)"),
        Check("region", 2, (col("_region_text") != "") & col("_reg").is_null(),
              lambda r: f"ukendt region '{shown(r['_region_text'])}'"),
        Check("region", 2, (col("_region_text") == "") & (col("_unit_text") == ""), lambda r: "region mangler"),
        Check("unit", 3, col("_unit").is_not_null() & col("_reg").is_not_null() & (col("_unit_region") != col("_reg")),
              lambda r: f"enheden '{shown(r['_unit_text'])}' ({units[r['_unit']].name_da}) hører til "
                        f"{regions[r['_unit_region']].name_da}, ikke til {regions[r['_reg']].name_da}"),
        Check("period", 4, col("_period").is_null(),
              lambda r: period_errors.get(r["period"]) or "ugyldig periode"),
        Check("period", 4, col("_period").is_not_null() & col("_frequency").is_not_null()
              & (col("_period_frequency") != col("_frequency")),
              lambda r: f"perioden '{r['_period']}' er et {FREQUENCY_DA[r['_period_frequency']]}, men "
                        f"'{r['_ind']}' opgøres pr. {FREQUENCY_DA[r['_frequency']]}"),
        Check("period", 4, col("_period_end") >= pl.lit(today),
              lambda r: f"perioden {r['_period']} er ikke slut endnu (den slutter {r['_period_end']:%d-%m-%Y}); "
                        f"der kan ikke være offentliggjort tal for den"),
    ]


def _readable_checks(name: str, order: int, readable_here: pl.Expr) -> list[Check]:
    """A number cell that is no number, an ambiguous one, or an infinite one."""
    return [
        Check(name, order, (col(f"_{name}_bad") == "number") & readable_here,
              lambda r: f"'{_cell(r, name)}' er ikke et tal"),
        Check(name, order, (col(f"_{name}_bad") == "ambiguous") & readable_here,
              lambda r: f"'{_cell(r, name)}' er tvetydigt: filen bruger både decimalkomma og "
                        f"decimalpunktum, så det kan være et helt tal med tusindtalsseparator eller et "
                        f"tal med tre decimaler (skriv det uden tusindtalsseparator)"),
        Check(name, order, col(f"_{name}").is_not_null() & ~col(f"_{name}").is_finite() & readable_here,
              lambda r: f"'{_cell(r, name)}' er ikke et endeligt tal"),
    ]


def _value_checks() -> list[Check]:
    suppressed = col("_suppression").is_not_null()
    value, num, den = col("_value"), col("_numerator"), col("_denominator")
    return [
        # a suppressed value has no number to read
        *_readable_checks("value", 5, ~suppressed),
        Check("value", 5, value.is_null() & ~suppressed & (col("_value_bad") == ""), lambda r: "værdi mangler"),
        # the range describes the series as defined now: values before a series break keep loading
        Check("value", 5, ((value < col("_min")) | (value > col("_max")))
              & (col("_break").is_null() | (col("_period_start") >= col("_break"))),
              lambda r: f"{_cell(r, 'value')} ligger uden for {_range_text(r['_min'], r['_max'])}, "
                        f"som '{r['_ind']}' kan antage (indicators.csv)"),
        # The value must be numerator / denominator x scale, to the rounding it was published with.
        Check("value", 5, (den > 0) & (num >= 0) & ((num <= den) | ~col("_is_pct"))
              & ((value - col("_expected")).abs() > col("_tolerance") * (1 + 1e-9) + 1e-9),
              lambda r: f"værdien {_cell(r, 'value')} passer ikke med tæller og nævner: "
                        f"{r['_numerator']:g} / {r['_denominator']:g} x {r['_scale']:g} = "
                        f"{_rounded(r['_expected'], r['_value_decimals'], r['_decimals'])}"),
    ]


def _count_checks(name: str, order: int) -> list[Check]:
    """A numerator or denominator: a readable, non-negative whole number."""
    number = col(f"_{name}")
    return [
        *_readable_checks(name, order, pl.lit(True)),
        Check(name, order, number < 0, lambda r: f"{r[f'_{name}']:g} er negativ"),
        Check(name, order, (number >= 0) & number.is_finite() & (number != number.floor()),
              lambda r: f"'{_cell(r, name)}' er ikke et helt tal; {COUNT_NAMES_DA[name]} er et antal"),
    ]


def _ratio_checks() -> list[Check]:
    num, den = col("_numerator"), col("_denominator")
    return [
        Check("denominator", 7, den == 0, lambda r: "nævneren er 0"),
        Check("numerator", 6, col("_is_pct") & (den > 0) & (num > den),
              lambda r: f"tælleren {r['_numerator']:g} er større end nævneren {r['_denominator']:g}; "
                        f"en andel kan højst være 100 pct."),
    ]


def _flag_checks(flag_errors: dict[str, dict]) -> list[Check]:
    """The cells of provisional, published_at and synthetic that their parsers refused."""
    checks = []
    for order, name in ((8, "provisional"), (9, "published_at"), (10, "synthetic")):
        failed = flag_errors[name]
        checks.append(Check(name, order, col(name).is_in(list(failed)) if failed else pl.lit(False),
                            lambda r, m=failed, n=name: m[r[n]]))
    return checks


def _published_at_checks(today: date) -> list[Check]:
    checks = []
    latest_year = latest_accepted_year(today)
    if latest_year is not None:
        checks.append(Check(
            "published_at", 9, col("_published_at").dt.year() > latest_year,
            lambda r: f"udgivelsesdatoen {r['_published_at']:%d-%m-%Y} ligger efter næste år; er årstallet "
                      f"en tastefejl? (en dato så langt ude holder tallet under embargo til da; er den rigtig, "
                      f"så indlæs med --allow-future-date)",
        ))
    checks.append(Check(
        "published_at", 9, col("_published_at").is_not_null() & (col("_published_at") <= col("_period_end")),
        lambda r: f"udgivelsesdatoen {r['_published_at']:%d-%m-%Y} ligger ikke efter periodens slutning "
                  f"({r['_period_end']:%d-%m-%Y}); tal for {r['_period']} kan først offentliggøres, når perioden er slut",
    ))
    return checks


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g}-{high:g}"
    return f"{low:g} og derover" if low is not None else f"{high:g} og derunder"


def _cell(row: dict, name: str) -> str:
    """A number cell as the file wrote it (or as Excel typed it), shortened for a message."""
    return shown(row[name].strip() if row[name] is not None else row[f"{name}__num"])


def _rounded(expected: float, published: int | None, catalog_decimals: int | None) -> str:
    decimals = published if published is not None else (catalog_decimals or 0)
    return f"{expected:.{decimals + 1}f}".replace(".", ",")
