"""Everything a chart pack shows, read from the marts through the same named queries as the dashboard.

Per indicator: `indicator_values` (the series up to the period shown), `indicator_level` (the level
table, distances, revisions, classifications: mart_indicator_level), `regional_variation` and
`suspensions`; for the pack: `indicator_list`, `mart_period_shown` through `indicators_updated_since`
(the period shown per indicator and "opdateret"), `data_vintage` and `latest_presentation`.
Nothing is computed here: the rows are selected and grouped per indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from noegletal.access import FORTROLIG, OFFENTLIG, Warehouse, open_warehouse
from noegletal.periods import Period, PeriodError, parse_period


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
    period: str | None  # the period shown: the latest ended by the pack's quarter's end (mart_period_shown)
    comparison_period: str | None  # a year before `period` (mart_indicator_level)
    values: pl.DataFrame  # every value up to `period` (indicator_values rows)
    level: pl.DataFrame  # one row per region and hele landet in `period` (indicator_level rows)
    variation: dict | None  # mart_regional_variation row for `period`
    suspensions: pl.DataFrame
    is_updated: bool = False

    @property
    def indicator_id(self) -> str:
        return self.meta["indicator_id"]

    @property
    def distances(self) -> pl.DataFrame:
        """The distance-to-best rows of `period` (the level rows carry them)."""
        return self.level

    def level_rows(self) -> list[dict]:
        """One row per region and hele landet in `period` (regions without a value are kept, empty)."""
        return self.level.to_dicts()

    @property
    def comparisons(self) -> list[dict]:
        """The five regions' classifications in `period` (mart_region_comparison, via the level rows)."""
        return [r for r in self.level_rows() if r.get("is_region") and r.get("value") is not None]

    def content(self):
        """The indicator page's content (lead, variation, level table, notes) as every writer shows it."""
        from noegletal.content.indicator_page import indicator_content

        return indicator_content(self.meta, self.period, self.level, self.variation)


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
    insights: object = None  # content.insights.Insights: the gap, forecast and contribution rows
    # the national rows of mart_change_since_presentation by indicator, when `since` is a
    # registered presentation: what the board saw, a revision of it, the change since
    since_meeting: dict | None = None
    # the Resumé's order of the updated indicators (mart_board_item_order's rule), when `since` is
    # a registered presentation
    resume_order: tuple[str, ...] = ()

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


def _refuse_embargoed_in_public(wh: Warehouse) -> None:
    """A public pack must not print a value under embargo, from whichever caller (the command line,
    the dashboard's "Hent bilag"): refuse a warehouse whose public marts hold one (only a file built
    by an earlier version with --as-of after today can)."""
    from noegletal.publish import embargoed_in_public_marts

    leaked = embargoed_in_public_marts(wh)
    if leaked:
        raise ExportError(
            "de offentlige marts indeholder tal offentliggjort efter i dag (" + "; ".join(leaked)
            + "). Byg lageret igen med `noegletal build`, eller brug --fortrolig for et mærket udkast."
        )


def load_pack_data(db: Path | str | Warehouse, options: ExportOptions) -> PackData:
    """Read the marts through the named queries and select what the pack shows; ExportError for bad options."""
    wh = _opened(db, options)
    with wh.reader(FORTROLIG if options.fortrolig else OFFENTLIG) as con:
        catalog_rows = con.query("indicator_list").to_dicts()
        quarters = con.query("overview_periods")["period"].to_list()
        vintage = con.query("data_vintage").row(0, named=True)
        from noegletal.content.insights import load_insights

        insights = load_insights(con)
        areas = _checked_selection(con, catalog_rows, options)
        wanted = _pack_period(con, quarters, options)
        quarter = wanted.code if wanted.code in quarters else ""
        since, since_note = _since(options, con.query("latest_presentation").to_dicts())
        # the period shown per indicator and "opdateret": one definition, shared with the overview
        shown = {
            r["indicator_id"]: r
            for r in con.query(
                "indicators_updated_since", {"since": since.isoformat() if since else "", "period": quarter}
            ).to_dicts()
        }
        embargo = _embargo_dates(con, quarter) if options.fortrolig else {}
        since_meeting = {
            r["indicator_id"]: r
            for r in con.query("changes_since_presentation", {"since": since.isoformat()}).to_dicts()
            if r["region_id"] == "hele_landet"
        } if since else {}
        resume_order = tuple(
            con.query("board_item_order", {"since": since.isoformat()})["indicator_id"].to_list()
        ) if since else ()
        everything = [_indicator_data(con, meta, shown.get(meta["indicator_id"])) for meta in catalog_rows]

    selected = [
        d for d in everything
        if (not options.goal_areas or d.meta["goal_area"] in options.goal_areas)
        and (not options.indicators or d.indicator_id in options.indicators)
    ]
    shown_values = [d.values for d in selected if d.period is not None]
    values = pl.concat(shown_values) if shown_values else pl.DataFrame()
    # the earliest of the selected indicators' dates (dbt's, per indicator)
    embargo_date = min((embargo[d.indicator_id] for d in selected if d.period and d.indicator_id in embargo), default=None)
    return PackData(
        options=options,
        period=wanted.code,
        since=since,
        since_note=since_note,
        indicators=selected,
        all_indicators=everything,
        goal_areas=areas,
        vintage=vintage,
        synthetic=bool(values["is_synthetic"].any()) if values.height else bool(vintage.get("has_synthetic")),
        embargo_date=embargo_date,
        insights=insights,
        since_meeting=since_meeting,
        resume_order=resume_order,
    )


def _embargo_dates(con, quarter: str) -> dict[str, date]:
    """Per indicator, the earliest publication of an embargoed value in the series the pack shows
    (up to the period shown for `quarter`; mart_indicator_overview.series_embargo_published_at, as
    the indicator page's mark)."""
    rows = con.query("indicator_overview", {"period": quarter}).to_dicts()
    return {r["indicator_id"]: r["series_embargo_published_at"] for r in rows if r["series_embargo_published_at"]}


def _opened(db: Path | str | Warehouse, options: ExportOptions) -> Warehouse:
    wh = db if isinstance(db, Warehouse) else open_warehouse(db)  # a file, a URL or an opened warehouse
    if not wh.exists():
        raise ExportError(f"Lageret findes ikke: {wh}. Byg det med `noegletal refresh` eller `noegletal demo`.")
    if not options.fortrolig:
        _refuse_embargoed_in_public(wh)
    return wh


def _checked_selection(con, catalog_rows: list[dict], options: ExportOptions) -> dict[int, str]:
    """The goal areas (number -> title); ExportError for an unknown indicator or goal area, or a
    warehouse without figures."""
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
    if con.query("indicators_updated_since", {"since": "", "period": ""}).is_empty():
        raise ExportError("Lageret har ingen tal. Indlæs og byg med `noegletal refresh`.")
    return areas


def _pack_period(con, quarters: list[str], options: ExportOptions):
    """The quarter the pack is for: --period (a year: its last quarter), else the latest."""
    # only yearly figures: the latest year stands in for a quarter (latest_periods: newest first)
    latest = _parse(quarters[0] if quarters else con.query("latest_periods").item(0, "latest_period"))
    if not options.period:
        return latest
    wanted = _parse(options.period)
    if wanted is None:
        raise ExportError(f"Ugyldig periode: '{options.period}'. Skriv fx 2023K1.")
    if wanted.quarter is None:  # a year: the periods ended by its last quarter's end
        wanted = _parse(f"{wanted.year}K4")
    if wanted.code not in quarters and wanted != latest:
        raise ExportError(
            f"Ingen data for {_parse(options.period).long_label} i lageret"
            + (f" (seneste kvartal med data er {latest.long_label})." if latest else ".")
        )
    return wanted


def _since(options: ExportOptions, presentation: list[dict]) -> tuple[date | None, str]:
    """What "opdateret" counts from, and how that was chosen (for the cover)."""
    if options.since is not None:
        return options.since, "valgt dato"
    if presentation:
        note = presentation[0].get("note")
        return presentation[0]["presented_on"], "seneste registrerede præsentation" + (f": {note}" if note else "")
    return None, "ingen præsentation registreret – alle indikatorer med tal regnes som opdaterede"


def _indicator_data(con, meta: dict, shown: dict | None) -> IndicatorData:
    """One indicator's rows in its shown period (`shown`: its indicators_updated_since row)."""
    iid = meta["indicator_id"]
    period = shown["latest_period"] if shown else None
    if period is None:
        return IndicatorData(
            meta=meta, period=None, comparison_period=None, values=pl.DataFrame(), level=pl.DataFrame(),
            variation=None, suspensions=pl.DataFrame(),
        )
    level = con.query("indicator_level", {"indicator_id": iid, "period": period})
    variation = con.query("regional_variation", {"indicator_id": iid}).filter(pl.col("period") == period)
    return IndicatorData(
        meta=meta,
        period=period,
        comparison_period=next(iter(level["comparison_period"].drop_nulls().to_list()), None)
        or parse_period(period).year_ago().code,
        values=con.query("indicator_values", {"indicator_id": iid, "until": period}),
        level=level,
        variation=variation.row(0, named=True) if variation.height else None,
        suspensions=con.query("suspensions", {"indicator_id": iid}),
        is_updated=bool(shown["is_updated"]),
    )
