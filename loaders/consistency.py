"""Checks across files, before a load is committed.

- `refuse_conflicts`: the same key (indicator, region, unit, period) with different values (or
  numerators, denominators, provisional flags) in two files of one call, published the same day
  or one of them undated. Which one should win? Neither is guessed: the later file is refused,
  naming both files and rows. (Across calls a different value is a revision and becomes history.)
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
from noegletal.safe_text import terminal_text

KEY = ["indicator_id", "region_id", "unit_key", "period", "published_key"]


def _shown(value: float | None, suppression: str | None) -> str:
    if value is None:
        return f"undertrykt ({suppression})" if suppression else "tom"
    return f"{value:g}".replace(".", ",")


def _difference(row: dict) -> str:
    """How the later row differs in its column `_differs`: "en anden værdi (74 mod 79)", a count, a flag."""
    column = row["_differs"]
    if column == "value":
        return (f"en anden værdi ({_shown(row['_first_value'], row['_first_suppression_reason'])} mod "
                f"{_shown(row['value'], row['suppression_reason'])})")
    if column == "provisional":
        first, later = ("foreløbig" if x else "endelig" for x in (row["_first_is_provisional"], row["is_provisional"]))
        return f"samme værdi, men {first} dér og {later} her"
    label = {"numerator": "tæller", "denominator": "nævner"}[column]
    return f"en anden {label} ({_shown(row[f'_first_{column}'], None)} mod {_shown(row[column], None)})"


COMPARED = ("source_row", "value", "suppression_reason", "numerator", "denominator", "is_provisional", "published_at")


def refuse_conflicts(results: list) -> None:
    """Mark the later file refused where two new files of one call give one key, published on
    the same day (or both without a date), values that differ beyond the indicator's rounding.
    Files with different publication dates are vintages: the later publication becomes current.
    A file without a date and one with a date that disagree are no vintages: which is newer
    cannot be told (the undated one would become current by its load time), so the later is refused."""
    if len(results) < 2:
        return
    rows = pl.concat([
        r.frame.select("indicator_id", "region_id", "unit_id", "period", *COMPARED).with_columns(_file=pl.lit(i))
        for i, r in enumerate(results)
    ]).with_columns(unit_key=pl.col("unit_id").fill_null(""), published_key=pl.col("published_at").cast(pl.Utf8).fill_null(""))
    first = rows.group_by(KEY).agg(
        pl.col("_file").first().alias("_first_file"), pl.col("_file").n_unique().alias("_files"),
        *[pl.col(c).first().alias(f"_first_{c}") for c in COMPARED],
    ).filter(pl.col("_files") > 1)
    same_day = rows.join(first, on=KEY).filter(pl.col("_file") != pl.col("_first_file"))
    _refuse_differing(results, same_day, "og samme udgivelsesdato; hvilken gælder? Indlæs den rettede fil for sig "
                                         "(så bliver den en revision), eller giv den sin egen published_at")
    _refuse_differing(results, _undated_against_dated(rows),
                      "mens kun den ene fil har en udgivelsesdato, så det kan ikke afgøres, hvilken der er nyest; "
                      "giv begge filer en published_at (eller indlæs dem hver for sig)")


def _undated_against_dated(rows: pl.DataFrame) -> pl.DataFrame:
    """Pairs of one key from an undated and a dated row of two files: the later file's row, with
    the earlier one's columns as `_first_<column>` (and `_first_file`)."""
    base = KEY[:-1]
    undated = rows.filter(pl.col("published_at").is_null())
    dated = rows.filter(pl.col("published_at").is_not_null())
    pairs = undated.join(dated, on=base, suffix="_other").filter(pl.col("_file") != pl.col("_file_other"))
    later_is_other = pl.col("_file_other") > pl.col("_file")

    def pick(column: str, later: bool) -> pl.Expr:
        mine, other = pl.col(column), pl.col(f"{column}_other")
        return pl.when(later_is_other).then(other if later else mine).otherwise(mine if later else other)

    return pairs.select(
        *base, "unit_id",
        *[pick(c, True).alias(c) for c in (*COMPARED, "_file")],
        *[pick(c, False).alias(f"_first_{c}") for c in COMPARED],
        pick("_file", False).alias("_first_file"),
    ).unique(subset=[*base, "_file"], keep="first", maintain_order=True)


def _refuse_differing(results: list, later: pl.DataFrame, why: str) -> None:
    """Refuse the later file of every pair whose figures differ, naming the column that does."""
    if later.height == 0:
        return
    half_unit = {k: 0.5 / 10 ** i.decimals for k, i in catalog.indicators().items()}
    later = later.with_columns(
        _tolerance=pl.col("indicator_id").replace_strict(half_unit, default=0.0, return_dtype=pl.Float64))
    value_differs = (
        pl.col("value").is_null().ne(pl.col("_first_value").is_null())
        | ((pl.col("value") - pl.col("_first_value")).abs() > pl.col("_tolerance") + 1e-9)
        | pl.col("suppression_reason").ne_missing(pl.col("_first_suppression_reason"))
    ).fill_null(False)
    # the column the message names, the first that differs; the same value from other counts, or
    # once provisional and once final, is another figure too; a count one file leaves out (a
    # hospital file repeating its region's figure) is no conflict
    differs = (
        pl.when(value_differs).then(pl.lit("value"))
        .when(pl.col("numerator").ne(pl.col("_first_numerator")).fill_null(False)).then(pl.lit("numerator"))
        .when(pl.col("denominator").ne(pl.col("_first_denominator")).fill_null(False)).then(pl.lit("denominator"))
        .when(pl.col("is_provisional").ne_missing(pl.col("_first_is_provisional"))).then(pl.lit("provisional"))
    )
    later = later.with_columns(_differs=differs).filter(pl.col("_differs").is_not_null()).sort("_file", "source_row")
    for row in later.iter_rows(named=True):
        result, earlier = results[row["_file"]], results[row["_first_file"]]
        where = ", ".join(x for x in (row["indicator_id"], row["region_id"], row["unit_id"], row["period"]) if x)
        result.errors.append(CellError(
            result.path, row["source_row"], row["_differs"],
            f"{where} står også i {terminal_text(earlier.path.name)}, række {row['_first_source_row']}, "
            f"med {_difference(row)} {why}",
        ))
        result.status = "refused"


def _values(rows: list[tuple], columns: str) -> str:
    """A portable inline table: (values ('a', 1), ('b', 2)) as t(x, y)."""
    def literal(v) -> str:
        if v is None:
            return "null"
        if isinstance(v, str):
            return "'" + v.replace("'", "''") + "'"
        return repr(float(v)) if isinstance(v, float) else str(v)

    body = ", ".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)
    return f"(values {body}) as {columns}"


def _catalog_tables() -> tuple[str, str, str]:
    """The catalog as inline tables: each unit's type, the number of units of a type in a
    region, and each indicator's value scale with half a unit of its last decimal."""
    units = catalog.units()
    indicators = catalog.indicators()
    unit_types = _values([(k, u.unit_type) for k, u in units.items()], "unit_types(unit_id, unit_type)")
    counts: dict[tuple[str, str], int] = {}
    for u in units.values():
        counts[(u.region_id, u.unit_type)] = counts.get((u.region_id, u.unit_type), 0) + 1
    n_units = _values([(r, t, n) for (r, t), n in counts.items()], "n_units(region_id, unit_type, n_units)")
    scales = _values(
        [(k, i.value_scale, 0.5 / 10 ** i.decimals) for k, i in indicators.items() if i.value_scale],
        "scales(indicator_id, scale, tolerance)",
    )
    return unit_types, n_units, scales


def units_not_adding_up_sql(first_new_load: int, schema: str = "raw") -> str:
    """The keys (indicator, region, unit type, period) whose complete set of units' numerators
    and denominators does not give the region's current figure within rounding - the rule of the
    dbt test, on the newest vintage of every key (preparation mode: embargoed values included) -
    for the indicators of the loads from `first_new_load` on. Portable SQL; the catalog comes in
    as inline tables, so the raw layer (in `schema`) is all it reads."""
    unit_types, n_units, scales = _catalog_tables()
    return f"""
with
affected as (
    select distinct indicator_id from {schema}.indicator_values where load_id >= {int(first_new_load)}
    intersect
    select distinct indicator_id from {schema}.indicator_values where unit_id is not null
),
ranked as (
    select v.load_id, v.source_row, v.indicator_id, v.region_id, v.unit_id, v.period, v.value,
           v.numerator, v.denominator, l.file_name,
           row_number() over (
               partition by v.indicator_id, v.region_id, coalesce(v.unit_id, ''), v.period
               order by coalesce(v.published_at, cast(l.loaded_at as date)) desc, v.load_id desc
           ) as vintage_rank
    from {schema}.indicator_values v
    inner join {schema}.load_log l on v.load_id = l.load_id
    where v.indicator_id in (select indicator_id from affected)
),
current_values as (
    select * from ranked where vintage_rank = 1 and value is not null
),
unit_sums as (
    select c.indicator_id, c.region_id, unit_types.unit_type, c.period,
           count(*) as n_with_value, count(c.numerator) as n_num, count(c.denominator) as n_den,
           sum(c.numerator) as sum_numerator, sum(c.denominator) as sum_denominator,
           max(c.load_id) as newest_unit_load, min(c.file_name) as first_unit_file,
           max(c.file_name) as last_unit_file
    from current_values c
    inner join {unit_types} on c.unit_id = unit_types.unit_id
    group by c.indicator_id, c.region_id, unit_types.unit_type, c.period
),
compared as (
    select s.*, r.value as region_value, r.load_id as region_load, r.source_row as region_row,
           r.file_name as region_file, scales.tolerance,
           s.sum_numerator / s.sum_denominator * scales.scale as units_value
    from unit_sums s
    inner join {n_units} on s.region_id = n_units.region_id and s.unit_type = n_units.unit_type
    inner join current_values r
        on r.unit_id is null and r.indicator_id = s.indicator_id and r.region_id = s.region_id
        and r.period = s.period
    inner join {scales} on s.indicator_id = scales.indicator_id
    where s.n_with_value = n_units.n_units and s.n_num = s.n_with_value and s.n_den = s.n_with_value
      and s.sum_denominator > 0
)
select * from compared
where abs(units_value - region_value) > tolerance + 1e-9
  and (region_load >= {int(first_new_load)} or newest_unit_load >= {int(first_new_load)})
order by indicator_id, region_id, unit_type, period
"""


def check_units_add_up(con, results: list, schema: str = "raw") -> None:
    """Refuse the load (inside its transaction, after its rows were appended) where it makes
    units no longer add up to their region's figure: nothing is committed, the files are named."""
    first_new = min(r.load_id for r in results)
    cursor = con.execute(units_not_adding_up_sql(first_new, schema))
    names = [d[0] for d in cursor.description]
    failing = [dict(zip(names, row)) for row in cursor.fetchall()]
    if not failing:
        return
    by_load = {r.load_id: r for r in results}
    regions = catalog.regions()
    errors = []
    for row in failing:
        region_is_new = row["region_load"] in by_load
        result = by_load.get(row["region_load"]) or by_load[row["newest_unit_load"]]
        units_value = f"{row['units_value']:.{_decimals(row['tolerance']) + 1}f}".replace(".", ",")
        unit_files = row["first_unit_file"] + (
            f" … {row['last_unit_file']}" if row["last_unit_file"] != row["first_unit_file"] else "")
        errors.append(CellError(
            result.path, row["region_row"] if region_is_new else None, "value" if region_is_new else None,
            f"{row['indicator_id']}, {row['region_id']}, {row['period']}: enhederne ({row['unit_type']}) i "
            f"{regions[row['region_id']].name_da} summer ikke til regionens tal: "
            f"{row['sum_numerator']:g} / {row['sum_denominator']:g} giver {units_value}, men regionens tal er "
            f"{_shown(row['region_value'], None)} ({row['region_file']}, række {row['region_row']}); enhedernes tal "
            f"står i {unit_files}. Med disse tal ville datatesten unit_values_add_up_to_the_regions_figure "
            f"få build til at fejle",
        ))
    raise LoadRefused(errors)


def _decimals(tolerance: float) -> int:
    return max(0, round(-math.log10(tolerance * 2)))
