"""The dashboard's access to the warehouse: cached named queries returning polars frames.

The warehouse is whatever $NOEGLETAL_DB names (a DuckDB file or a postgresql:// URL); every read
goes through noegletal.access, so the pages do not know the engine. Every query result is cached
with `st.cache_data`, keyed by the query, its parameters and the warehouse's version (DuckDB: the
file's modification time and size; PostgreSQL: the identity of the served schemas, which every
rebuild replaces): a rebuild changes the version, so the next run reads the new marts without
restarting the dashboard.

A connection is opened read-only for a cache miss and closed right after, never at import.
Holding a DuckDB connection open for the life of the server (st.cache_resource) would keep a lock
on the file and make `noegletal build` / `noegletal demo` fail while the dashboard runs. Cached
results make the re-opening rare and cheap (a few milliseconds).

The named queries use unqualified table names, resolved through the connection's search path:
normally the public marts in `main`; in preparation mode (`noegletal serve --fortrolig`, which
sets NOEGLETAL_AUDIENCE=fortrolig) the `fortrolig` schema first, which also holds embargoed values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import plotly.graph_objects as go
import polars as pl
import psycopg
import streamlit as st

from noegletal.access import FORTROLIG, WarehouseUnavailable, audience, default_location, open_warehouse

REQUIRED_MARTS = (
    "dim_indicator",
    "dim_indicator_suspension",
    "dim_region",
    "fct_indicator_value",
    "mart_regional_variation",
    "mart_indicator_overview",
    "mart_revisions",
    "dim_presentation",
    "mart_unit_value",
    "mart_unit_funnel_curve",
    "mart_unit_distance_to_best",
    "mart_region_comparison",
    "mart_indicator_level",
    "mart_period_shown",
    "mart_target_attainment",
    "mart_change_since_presentation",
    "mart_indicator_updated",
)


@dataclass(frozen=True)
class WarehouseStatus:
    path: str  # the file or URL (without a password)
    state: str  # "ok", "missing", "not_built", "busy" or "unreadable"
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "ok"


@st.cache_resource(show_spinner=False, max_entries=8)
def _warehouse(location: str):
    # one object per location: PostgreSQL's version answer is reused for a moment (see access)
    return open_warehouse(location)


def warehouse():
    """The warehouse $NOEGLETAL_DB names (noegletal.access)."""
    return _warehouse(default_location())


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_query(
    name: str, params: tuple[tuple[str, object], ...], location: str, version: str, audience: str
) -> pl.DataFrame:
    # `version` is only part of the cache key: a rebuilt warehouse is a new key
    wh = _warehouse(location)
    try:
        with wh.reader(audience) as r:
            return r.query(name, dict(params))
    except wh.unavailable_errors() as e:
        raise WarehouseUnavailable(str(e)) from e
    except (duckdb.CatalogException, psycopg.errors.InvalidSchemaName) as e:
        if "search_path" in str(e) or isinstance(e, psycopg.errors.InvalidSchemaName):
            # a warehouse built before the fortrolig schema existed
            raise WarehouseUnavailable(f"lageret har intet fortrolig-skema: {e}") from e
        raise


def query(name: str, **params: object) -> pl.DataFrame:
    """Run the named query noegletal/queries/<name>.sql with bound parameters, cached."""
    location = default_location()
    version = _warehouse(location).version()
    if version is None:
        raise WarehouseUnavailable(f"lageret findes ikke: {_warehouse(location)}")
    return _cached_query(name, tuple(sorted(params.items())), location, version, audience())


@st.cache_resource(show_spinner=False, max_entries=256)
def _cached_figure(
    name: str, key: tuple[tuple[str, object], ...], location: str, version: str, audience: str,
    _build: Callable[[], go.Figure],
) -> go.Figure:
    # `_build` is not part of the cache key (a leading underscore): `name` and `key` identify it
    return _build()


def cached_figure(name: str, build: Callable[[], go.Figure], **key: object) -> go.Figure:
    """The figure `build()` returns, built once per name, key and warehouse version.

    Building a plotly figure (validating every property) takes a few hundred milliseconds, far
    longer than the cached queries behind it. The figure object is shared by every session (no
    copy, as st.cache_resource does): st.plotly_chart only reads it, and the pages must not change
    it. `key` must name everything the figure depends on besides the warehouse's content."""
    location = default_location()
    version = _warehouse(location).version()
    if version is None:
        raise WarehouseUnavailable(f"lageret findes ikke: {_warehouse(location)}")
    return _cached_figure(name, tuple(sorted(key.items())), location, version, audience(), _build=build)


def warehouse_status() -> WarehouseStatus:
    """Whether the marts can be read, and if not, why."""
    wh = warehouse()
    if wh.version() is None:
        return WarehouseStatus(str(wh), "missing")
    try:
        present = set(query("mart_tables")["table_name"].to_list())
    except WarehouseUnavailable as e:
        busy = "lock" in str(e).lower()
        return WarehouseStatus(str(wh), "busy" if busy else "unreadable", str(e))
    except (duckdb.Error, psycopg.Error) as e:
        return WarehouseStatus(str(wh), "unreadable", str(e))
    missing = [m for m in REQUIRED_MARTS if m not in present]
    if missing:
        return WarehouseStatus(str(wh), "not_built", ", ".join(missing))
    return WarehouseStatus(str(wh), "ok")


# --- the named queries the pages use -------------------------------------------------------


def indicator_list() -> pl.DataFrame:
    """dim_indicator in the appendix's order (goal area, sort order)."""
    return query("indicator_list")


def latest_periods() -> pl.DataFrame:
    """indicator_id, latest_period, first_period, n_periods for indicators with data."""
    return query("latest_periods")


def indicator_periods(indicator_id: str) -> pl.DataFrame:
    """The periods with data for an indicator, newest first."""
    return query("indicator_periods", indicator_id=indicator_id)


def indicator_values(indicator_id: str, until: str = "") -> pl.DataFrame:
    """The current values of the indicator up to the period `until` ('' = all), with region names."""
    return query("indicator_values", indicator_id=indicator_id, until=until or "")


def indicator_level(indicator_id: str, period: str) -> pl.DataFrame:
    """One row per region and hele landet (mart_indicator_level): value, volume, year ago, change,
    distance to best, rank, revision, suspension note, interval and classification, source."""
    return query("indicator_level", indicator_id=indicator_id, period=period)


def regional_variation(indicator_id: str) -> pl.DataFrame:
    """mart_regional_variation for the indicator, all periods."""
    return query("regional_variation", indicator_id=indicator_id)


def suspensions(indicator_id: str) -> pl.DataFrame:
    """Suspension periods of the indicator's patient right."""
    return query("suspensions", indicator_id=indicator_id)


def indicator_sources(indicator_id: str) -> pl.DataFrame:
    """The files the indicator's current values come from."""
    return query("indicator_sources", indicator_id=indicator_id)


def has_synthetic_data() -> bool:
    """True when any current value is synthetic demo data."""
    frame = query("has_synthetic_data")
    return bool(frame.item(0, "has_synthetic")) if frame.height else False


def indicator_overview(period: str = "") -> pl.DataFrame:
    """mart_indicator_overview per catalog indicator: its latest period ending by the end of the
    chosen quarter ('' = each indicator's latest period)."""
    return query("indicator_overview", period=period or "")


def overview_distances(period: str = "") -> pl.DataFrame:
    """mart_indicator_level of every region for the overview's choice of periods, in the Region
    page's order (attention group, then furthest from the best)."""
    return query("overview_distances", period=period or "")


def overview_targets(period: str = "") -> pl.DataFrame:
    """mart_target_attainment of every region for the overview's choice of periods (indicators
    with a target): target_met per region, n_regions_meeting_target and n_regions_assessed."""
    return query("overview_targets", period=period or "")


def indicator_targets(indicator_id: str, period: str) -> pl.DataFrame:
    """mart_target_attainment of one indicator and period (no rows without a target)."""
    return query("indicator_targets", indicator_id=indicator_id, period=period)


def changes_since_presentation(presented_on: str) -> pl.DataFrame:
    """mart_change_since_presentation for one board presentation (ISO date): per indicator and
    region the figure shown then beside today's latest, and the overview's counts."""
    return query("changes_since_presentation", since=presented_on)


def overview_periods() -> list[str]:
    """The quarters the overview can be shown for, newest first."""
    return query("overview_periods")["period"].to_list()


def presentations() -> pl.DataFrame:
    """The board presentations on record, newest first."""
    return query("presentations")


def indicators_updated_since(since: str, period: str = "") -> set[str]:
    """The indicators with a current figure up to the period shown for the quarter `period`
    ('' = latest) published after the date `since` (ISO): "opdateret", as the packs say it."""
    frame = query("indicators_updated_since", since=since, period=period or "")
    return set(frame.filter(pl.col("is_updated").fill_null(False))["indicator_id"].to_list())


# --- units below the regions and the comparisons that account for volume -------------------


def unit_coverage() -> pl.DataFrame:
    """indicator_id, period, period_start, region_id, n_units: where units have values."""
    return query("unit_coverage")


def unit_values(indicator_id: str, period: str) -> pl.DataFrame:
    """mart_unit_value of every unit nationally (with intervals, funnel limits and ranks)."""
    return query("unit_values", indicator_id=indicator_id, period=period)


def unit_funnel_curve(indicator_id: str, period: str) -> pl.DataFrame:
    """mart_unit_funnel_curve: the funnel plot's control limits at every drawn denominator."""
    return query("unit_funnel_curve", indicator_id=indicator_id, period=period)


def worse_and_worsening(quarter: str | None = None) -> pl.DataFrame:
    """The regions flagged significantly worse and worsening (mart_region_comparison) in the period
    shown for each indicator for the chosen quarter, in the overview's order."""
    return query("worse_and_worsening", period=quarter or "")


def insights():
    """The rows of the gap, forecast and contribution sentences (noegletal.content.insights), from
    the same named queries as the packs."""
    from noegletal.content.insights import insights_from_frames

    return insights_from_frames(
        query("patient_gaps"), query("target_forecasts"), query("national_change_contributions"),
        query("forecast_origins"),
    )
