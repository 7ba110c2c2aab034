"""Everything a chart pack shows, read from the marts in a handful of named queries.

One query per mart (not one per chart): `export_values`, `export_distances`, `export_variation`,
`export_suspensions`, `export_revisions`, `export_comparisons`, `export_vintage`, plus `indicator_list` and
`latest_presentation`. The rows are grouped per indicator here, in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from noegletal.periods import Period, PeriodError, parse_period
from noegletal.warehouse import FORTROLIG, OFFENTLIG, connect_reader, run_query


class ExportError(Exception):
    """A chart pack cannot be made; the message is Danish and says what to do."""


@dataclass(frozen=True)
class ExportOptions:
    period: str | None = None  # the pack's period, e.g. "2023K1" (default: the latest quarter with data)
    since: date | None = None  # "opdateret" = published after this date (default: latest presentation)
    goal_areas: tuple[int, ...] = ()  # subset of goal areas (empty: all)
    indicators: tuple[str, ...] = ()  # subset of indicators (empty: all)
    highlight_region: str | None = None  # one region drawn on top in the time-series charts
    fortrolig: bool = False  # include embargoed values (the fortrolig schema)
    update_date: date | None = None  # "Opdatering <måned> <år>" (default: today)


@dataclass
class IndicatorData:
    meta: dict  # the dim_indicator row (indicator_list)
    period: str | None  # the period shown: the latest with data no later than the pack's period
    comparison_period: str | None  # a year before `period`
    values: pl.DataFrame  # every value up to `period` (export_values rows)
    distances: pl.DataFrame  # mart_distance_to_best rows for `period`
    variation: dict | None  # mart_regional_variation row for `period`
    previous_variation: dict | None
    suspensions: pl.DataFrame
    revisions: list[dict] = field(default_factory=list)  # revisions of values in `period`
    comparisons: list[dict] = field(default_factory=list)  # mart_region_comparison rows for `period`
    is_updated: bool = False

    @property
    def indicator_id(self) -> str:
        return self.meta["indicator_id"]

    def level_rows(self) -> list[dict]:
        """One row per region and hele landet in `period` (regions without a value are kept, empty)."""
        from noegletal.figures.palette import REGION_ORDER, region_rank

        now = {r["region_id"]: r for r in self.values.filter(pl.col("period") == self.period).to_dicts()}
        before = {r["region_id"]: r for r in self.values.filter(pl.col("period") == self.comparison_period).to_dicts()}
        names = _region_names()
        rows = []
        for region in sorted(set(REGION_ORDER) | set(now), key=region_rank):
            row = dict(now.get(region) or {"region_id": region, "value": None})
            row.setdefault("region_name_da", names[region][0])
            row["region_name_da"] = row.get("region_name_da") or names[region][0]
            row["region_short_name_da"] = row.get("region_short_name_da") or names[region][1]
            year_ago = before.get(region)
            comparable = (
                year_ago is not None and row.get("value") is not None and year_ago.get("value") is not None
                and year_ago.get("series_segment") == row.get("series_segment")
            )
            row["value_year_ago"] = year_ago.get("value") if comparable else None
            row["value_change"] = row["value"] - year_ago["value"] if comparable else None
            row["revised_from"] = next(
                (r["previous_value"] for r in self.revisions if r["region_id"] == region), None
            )
            rows.append(row)
        return rows


@dataclass
class PackData:
    options: ExportOptions
    period: str  # the pack's period
    since: date | None  # the presentation date that decides "opdateret"; None: no presentation on record
    since_note: str  # how `since` was chosen, for the cover
    indicators: list[IndicatorData]  # in the appendix's order, the selected subset
    all_indicators: list[IndicatorData]  # every indicator of the catalog (for the list page)
    goal_areas: dict[int, str]
    vintage: dict
    synthetic: bool
    embargo_date: date | None  # earliest publication of an embargoed value shown (fortrolig only)
    insights: object = None  # exports.insights.Insights: the gap, forecast and contribution rows

    @property
    def audience(self) -> str:
        return FORTROLIG if self.options.fortrolig else OFFENTLIG


def _region_names() -> dict[str, tuple[str, str]]:
    from noegletal import catalog

    return {r.region_id: (r.name_da, r.short_name_da) for r in catalog.regions().values()}


def _parse(code) -> Period | None:
    try:
        return parse_period(code) if code not in (None, "") else None
    except PeriodError:
        return None


def load_pack_data(db: Path, options: ExportOptions) -> PackData:
    """Read the marts once and select what the pack shows; ExportError for bad options."""
    audience = FORTROLIG if options.fortrolig else OFFENTLIG
    if not Path(db).exists():
        raise ExportError(f"Lageret findes ikke: {db}. Byg det med `noegletal refresh` eller `noegletal demo`.")
    with connect_reader(Path(db), audience) as con:
        catalog_rows = run_query(con, "indicator_list").to_dicts()
        values = run_query(con, "export_values")
        distances = run_query(con, "export_distances")
        variation = run_query(con, "export_variation")
        suspensions = run_query(con, "export_suspensions")
        revisions = run_query(con, "export_revisions")
        comparisons = run_query(con, "export_comparisons")
        vintage = run_query(con, "export_vintage").row(0, named=True)
        presentation = run_query(con, "latest_presentation").to_dicts()
        from noegletal.exports.insights import load_insights

        insights = load_insights(con)

    known = {r["indicator_id"] for r in catalog_rows}
    unknown = [i for i in options.indicators if i not in known]
    if unknown:
        raise ExportError(
            f"Ukendt indikator: {', '.join(unknown)}. Kendte indikatorer står i dbt_project/seeds/indicators.csv."
        )
    areas = {r["goal_area"]: r["goal_area_title_da"] for r in catalog_rows}
    bad_areas = [a for a in options.goal_areas if a not in areas]
    if bad_areas:
        raise ExportError(f"Ukendt målområde: {', '.join(map(str, bad_areas))}. Målområderne er 1-{max(areas)}.")
    if values.is_empty():
        raise ExportError("Lageret har ingen tal. Indlæs og byg med `noegletal refresh`.")

    if options.period:
        wanted = _parse(options.period)
        if wanted is None:
            raise ExportError(f"Ugyldig periode: '{options.period}'. Skriv fx 2023K1.")
        if wanted.code not in set(values["period"].to_list()):
            latest = _latest_quarter(values["period"].to_list())
            raise ExportError(
                f"Ingen data for {wanted.long_label} i lageret"
                + (f" (seneste kvartal med data er {latest.long_label})." if latest else ".")
            )
    else:
        wanted = _latest_quarter(values["period"].to_list()) or max(
            p for p in map(_parse, values["period"].unique().to_list()) if p
        )
    cutoff = wanted.end

    if options.since is not None:
        since, since_note = options.since, "valgt dato"
    elif presentation:
        since = presentation[0]["presented_on"]
        since_note = "seneste registrerede præsentation" + (
            f": {presentation[0]['note']}" if presentation[0].get("note") else ""
        )
    else:
        since, since_note = None, "ingen præsentation registreret – alle indikatorer med tal regnes som opdaterede"

    by_id = {k[0]: g for k, g in values.group_by("indicator_id", maintain_order=True)}
    dist_by_id = {k[0]: g for k, g in distances.group_by("indicator_id", maintain_order=True)}
    var_by_id = {k[0]: g for k, g in variation.group_by("indicator_id", maintain_order=True)}

    everything: list[IndicatorData] = []
    for meta in catalog_rows:
        iid = meta["indicator_id"]
        rows = by_id.get(iid, values.clear())
        if not rows.is_empty():
            # only periods that have ended by the end of the pack's period
            keep = [(_parse(p) is not None and _parse(p).end <= cutoff) for p in rows["period"].to_list()]
            rows = rows.filter(pl.Series(keep, dtype=pl.Boolean))
        periods = sorted({_parse(p) for p in rows["period"].to_list()})
        period = periods[-1] if periods else None
        comparison = period.year_ago().code if period else None
        var_rows = var_by_id.get(iid, variation.clear())
        var_now = var_rows.filter(pl.col("period") == period.code).to_dicts() if period else []
        var_prev = var_rows.filter(pl.col("period") == period.previous().code).to_dicts() if period else []
        updated = False
        if period is not None:
            published = [d for d in rows["published_at"].to_list() if d is not None]
            updated = since is None or any(d > since for d in published)
        everything.append(
            IndicatorData(
                meta=meta,
                period=period.code if period else None,
                comparison_period=comparison,
                values=rows,
                distances=(
                    dist_by_id.get(iid, distances.clear()).filter(pl.col("period") == period.code)
                    if period else distances.clear()
                ),
                variation=var_now[0] if var_now else None,
                previous_variation=var_prev[0] if var_prev else None,
                suspensions=suspensions.filter(pl.col("indicator_id") == iid),
                revisions=(
                    revisions.filter((pl.col("indicator_id") == iid) & (pl.col("period") == period.code)).to_dicts()
                    if period else []
                ),
                comparisons=(
                    comparisons.filter((pl.col("indicator_id") == iid) & (pl.col("period") == period.code)).to_dicts()
                    if period else []
                ),
                is_updated=updated,
            )
        )

    selected = [
        d for d in everything
        if (not options.goal_areas or d.meta["goal_area"] in options.goal_areas)
        and (not options.indicators or d.indicator_id in options.indicators)
    ]
    shown = pl.concat([d.values for d in selected]) if selected else values.clear()
    embargoed = shown.filter(pl.col("is_embargoed")) if options.fortrolig else shown.clear()
    embargo_date = min(embargoed["published_at"].drop_nulls().to_list(), default=None)
    return PackData(
        options=options,
        period=wanted.code,
        since=since,
        since_note=since_note,
        indicators=selected,
        all_indicators=everything,
        goal_areas=areas,
        vintage=vintage,
        synthetic=bool(shown["is_synthetic"].any()) if not shown.is_empty() else bool(vintage.get("has_synthetic")),
        embargo_date=embargo_date,
        insights=insights,
    )


def _latest_quarter(codes: Iterable[str]) -> Period | None:
    quarters = [p for p in map(_parse, set(codes)) if p is not None and p.quarter is not None]
    return max(quarters) if quarters else None
