"""Checks across files, before a load is committed.

- `refuse_conflicts`: the same key (indicator, region, unit, period) with different values in two
  files of one call. Which one should win? Neither is guessed: the later file is refused, naming
  both files and rows. (Across calls a different value is a revision and becomes history.)
- `check_units_add_up`: a load must never leave a warehouse that fails its own build. The dbt
  data test `unit_values_add_up_to_the_regions_figure` (dbt_project/tests/) fails the build where
  all of a region's units of one type carry numerators and denominators that do not add up to the
  region's published figure. The same rule runs here on the raw layer inside the load's
  transaction, and refuses the load naming the files, rows and keys. Keep the two in step.
"""

from __future__ import annotations

import math

import polars as pl

from loaders.errors import CellError, LoadRefused
from noegletal import catalog

KEY = ["indicator_id", "region_id", "unit_key", "period", "published_key"]


def _shown(value: float | None, suppression: str | None) -> str:
    if value is None:
        return f"undertrykt ({suppression})" if suppression else "tom"
    return f"{value:g}".replace(".", ",")


def refuse_conflicts(results: list) -> None:
    """Mark the later file refused where two new files of one call give one key, published on
    the same day (or both without a date), values that differ beyond the indicator's rounding.
    Files with different publication dates are vintages: the later publication becomes current."""
    if len(results) < 2:
        return
    rows = pl.concat([
        r.frame.select("source_row", "indicator_id", "region_id", "unit_id", "period", "published_at", "value",
                       "suppression_reason").with_columns(_file=pl.lit(i))
        for i, r in enumerate(results)
    ]).with_columns(unit_key=pl.col("unit_id").fill_null(""), published_key=pl.col("published_at").cast(pl.Utf8).fill_null(""))
    first = rows.group_by(KEY).agg(
        pl.col("_file").first().alias("_first_file"), pl.col("_file").n_unique().alias("_files"),
        *[pl.col(c).first().alias(f"_first_{c}") for c in ("source_row", "value", "suppression_reason")],
    ).filter(pl.col("_files") > 1)
    if first.height == 0:
        return
    half_unit = {k: 0.5 / 10 ** i.decimals for k, i in catalog.indicators().items()}
    later = rows.join(first, on=KEY).filter(pl.col("_file") != pl.col("_first_file")).with_columns(
        _tolerance=pl.col("indicator_id").replace_strict(half_unit, default=0.0, return_dtype=pl.Float64))
    differs = (
        pl.col("value").is_null().ne(pl.col("_first_value").is_null())
        | ((pl.col("value") - pl.col("_first_value")).abs() > pl.col("_tolerance") + 1e-9)
        | pl.col("suppression_reason").ne_missing(pl.col("_first_suppression_reason"))
    )
    later = later.filter(differs).sort("_file", "source_row")
    for row in later.iter_rows(named=True):
        result, earlier = results[row["_file"]], results[row["_first_file"]]
        where = ", ".join(x for x in (row["indicator_id"], row["region_id"], row["unit_id"], row["period"]) if x)
        result.errors.append(CellError(
            result.path, row["source_row"], "value",
            f"{where} står også i {earlier.path.name}, række {row['_first_source_row']}, med en anden værdi "
            f"({_shown(row['_first_value'], row['_first_suppression_reason'])} mod "
            f"{_shown(row['value'], row['suppression_reason'])}) og samme udgivelsesdato; hvilken gælder? "
            f"Indlæs den rettede fil for sig (så bliver den en revision), eller giv den sin egen published_at",
        ))
        result.status = "refused"


CURRENT_ROWS_SQL = """
select v.load_id, v.source_row, v.indicator_id, v.region_id, v.unit_id, v.period, v.value,
       v.numerator, v.denominator, coalesce(v.published_at, cast(l.loaded_at as date)) as vintage_date,
       l.file_name
from raw.indicator_values v
inner join raw.load_log l on v.load_id = l.load_id
where v.indicator_id in (select indicator_id from raw.indicator_values where load_id >= ?)
  and v.indicator_id in (select indicator_id from raw.indicator_values where unit_id is not null)
"""


def units_not_adding_up(rows: pl.DataFrame) -> pl.DataFrame:
    """(indicator, region, unit type, period) whose complete set of units' numerators and
    denominators does not give the region's current figure within rounding - the rule of the dbt
    test, on the newest vintage of every key (preparation mode: embargoed values included)."""
    units = catalog.units()
    indicators = catalog.indicators()
    current = (
        rows.filter(pl.col("value").is_not_null())
        .sort(["vintage_date", "load_id"], descending=True)
        .group_by(["indicator_id", "region_id", "unit_id", "period"], maintain_order=True)
        .first()
    )
    unit_type = {k: u.unit_type for k, u in units.items()}
    n_units = pl.DataFrame(
        [(u.region_id, u.unit_type) for u in units.values()], schema=["region_id", "unit_type"], orient="row"
    ).group_by(["region_id", "unit_type"]).agg(pl.len().alias("n_units"))
    sums = (
        current.filter(pl.col("unit_id").is_not_null())
        .with_columns(unit_type=pl.col("unit_id").replace_strict(unit_type, default=None))
        .group_by(["indicator_id", "region_id", "unit_type", "period"])
        .agg(
            pl.len().alias("n_with_value"), pl.col("numerator").count().alias("n_num"),
            pl.col("denominator").count().alias("n_den"), pl.col("numerator").sum().alias("sum_numerator"),
            pl.col("denominator").sum().alias("sum_denominator"), pl.col("load_id").max().alias("newest_unit_load"),
            pl.col("file_name").unique().sort().str.join(", ").alias("unit_files"),
        )
    )
    regions = current.filter(pl.col("unit_id").is_null()).select(
        "indicator_id", "region_id", "period", pl.col("value").alias("region_value"),
        pl.col("load_id").alias("region_load"), pl.col("source_row").alias("region_row"),
        pl.col("file_name").alias("region_file"),
    )
    scale = {k: i.value_scale for k, i in indicators.items() if i.value_scale}
    decimals = {k: i.decimals for k, i in indicators.items()}
    compared = (
        sums.join(n_units, on=["region_id", "unit_type"])
        .join(regions, on=["indicator_id", "region_id", "period"])
        .filter(
            (pl.col("n_with_value") == pl.col("n_units")) & (pl.col("n_num") == pl.col("n_with_value"))
            & (pl.col("n_den") == pl.col("n_with_value")) & (pl.col("sum_denominator") > 0)
        )
        .with_columns(
            scale=pl.col("indicator_id").replace_strict(scale, default=None, return_dtype=pl.Float64),
            tolerance=0.5 / pl.lit(10.0).pow(
                pl.col("indicator_id").replace_strict(decimals, default=0, return_dtype=pl.Int32)),
        )
        .with_columns(units_value=pl.col("sum_numerator") / pl.col("sum_denominator") * pl.col("scale"))
    )
    return compared.filter(
        pl.col("scale").is_not_null() & ((pl.col("units_value") - pl.col("region_value")).abs() > pl.col("tolerance") + 1e-9)
    ).sort(["indicator_id", "region_id", "unit_type", "period"])


def check_units_add_up(con, results: list) -> None:
    """Refuse the load (inside its transaction, after its rows were appended) where it makes
    units no longer add up to their region's figure: nothing is committed, the files are named."""
    first_new = min(r.load_id for r in results)
    rows = con.sql(CURRENT_ROWS_SQL, params=[first_new]).pl()
    if rows.height == 0:
        return
    failing = units_not_adding_up(rows).filter(
        (pl.col("region_load") >= first_new) | (pl.col("newest_unit_load") >= first_new)
    )
    if failing.height == 0:
        return
    by_load = {r.load_id: r for r in results}
    regions = catalog.regions()
    errors = []
    for row in failing.iter_rows(named=True):
        region_is_new = row["region_load"] in by_load
        result = by_load.get(row["region_load"]) or by_load[row["newest_unit_load"]]
        units_value = f"{row['units_value']:.{_decimals(row['tolerance']) + 1}f}".replace(".", ",")
        errors.append(CellError(
            result.path, row["region_row"] if region_is_new else None, "value" if region_is_new else None,
            f"{row['indicator_id']}, {row['region_id']}, {row['period']}: enhederne ({row['unit_type']}) i "
            f"{regions[row['region_id']].name_da} summer ikke til regionens tal: "
            f"{row['sum_numerator']:g} / {row['sum_denominator']:g} giver {units_value}, men regionens tal er "
            f"{_shown(row['region_value'], None)} ({row['region_file']}, række {row['region_row']}); enhedernes tal "
            f"står i {row['unit_files']}. Med disse tal ville datatesten unit_values_add_up_to_the_regions_figure "
            f"få build til at fejle",
        ))
    raise LoadRefused(errors)


def _decimals(tolerance: float) -> int:
    return max(0, round(-math.log10(tolerance * 2)))
