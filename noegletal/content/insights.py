"""Three sentences beyond the appendix, made from the marts by rules (the numbers are dbt's; this
module only words and rounds them), for the drafted summary, the Word document and the dashboard:

* the patients' gap to the best region (mart_regional_variation.patients_gap_to_best):
  "Hvis alle regioner havde haft Region Nordjyllands overholdelse, ville ca. 1.400 flere patienter
  være blevet udredt inden for 30 dage i 1. kvt. 2023."
* the forecast towards the target (mart_target_forecast, hele landet):
  "Med den nuværende udvikling nås måltallet på 90 pct. omkring 1. kvt. 2026."
* the main driver of the national change since a year before (mart_national_change_contributions):
  "Fremgangen på landsplan siden 1. kvt. 2022 skyldes især Region Hovedstaden."
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from math import floor, log10

import polars as pl

from noegletal.formatting import format_number, format_value, one_full_stop, period_long_label


@dataclass
class Insights:
    """The rows the sentences are made from, keyed by indicator (and period)."""

    gaps: dict[tuple[str, str], dict] = field(default_factory=dict)  # (indicator, period) -> row
    forecasts: dict[str, pl.DataFrame] = field(default_factory=dict)  # indicator -> all regions, all steps
    contributions: dict[tuple[str, str], list[dict]] = field(default_factory=dict)  # (indicator, period) -> 'et år før' rows
    # (indicator, region, period) -> the forecast origin a page or pack for the period shows (mart_forecast_origin)
    origins: dict[tuple[str, str, str], str] = field(default_factory=dict)


def load_insights(con) -> Insights:
    """From a reader of the warehouse-access layer (noegletal.access): DuckDB or PostgreSQL."""
    return insights_from_frames(
        con.query("patient_gaps"), con.query("target_forecasts"), con.query("national_change_contributions"),
        con.query("forecast_origins"),
    )


def insights_from_frames(
    gaps: pl.DataFrame, forecasts: pl.DataFrame, contributions: pl.DataFrame, origins: pl.DataFrame
) -> Insights:
    """From the named queries' frames (the dashboard runs them through its cache)."""
    contributions = contributions.filter(pl.col("comparison") == "et år før")
    by_period: dict[tuple[str, str], list[dict]] = {}
    for row in contributions.to_dicts():
        by_period.setdefault((row["indicator_id"], row["period"]), []).append(row)
    return Insights(
        gaps={(r["indicator_id"], r["period"]): r for r in gaps.to_dicts()},
        forecasts={k[0]: g for k, g in forecasts.group_by("indicator_id", maintain_order=True)},
        contributions=by_period,
        origins={(r["indicator_id"], r["region_id"], r["period"]): r["fitted_to_period"] for r in origins.to_dicts()},
    )


def format_approx(value: float) -> str:
    """A count rounded half up to two significant digits, Danish style: 1.354 -> '1.400',
    1.250 -> '1.300', 16.553 -> '17.000', 2,5 -> '3'."""
    if value < 100:
        return format_number(value, 0)  # half up, as every number the product shows
    digits = 2 - 1 - floor(log10(abs(value)))
    quantum = Decimal(1).scaleb(-digits)  # 1E+2 for a four-digit count
    return format_number(float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)), 0)


def _genitive(name: str) -> str:
    return name if name.endswith("s") else name + "s"


def _region_names() -> dict[str, str]:
    from noegletal import catalog

    return {r.region_id: r.name_da for r in catalog.regions().values()}


def _gap_text(subject: str, row: dict, period: str) -> str | None:
    """'Hvis <subject> havde haft Region Nordjyllands overholdelse, ville ca. 1.400 flere ... i <period>.'"""
    names = _region_names()
    best = [names.get(r, r) for r in (row["best_regions"] or "").split(",") if r]
    if not best:
        return None
    level = row["gap_level_da"]
    who = f"{_genitive(best[0])} {level}" if len(best) == 1 else f"samme {level} som {' og '.join(best)}"
    outcome = row["gap_outcome_da"].format(n=format_approx(row["patients_gap_to_best"]))
    return f"Hvis {subject} havde haft {who}, ville {outcome} i {period_long_label(period)}."


def region_gap_sentence(row: dict, region_id: str) -> str | None:
    """The same sentence for one region (a row of the named query region_patient_gaps)."""
    if not row.get("has_patients_gap_to_best"):
        return None
    return _gap_text(_region_names().get(region_id, region_id), row, row["period"])


def gap_sentence(insights: Insights, indicator_id: str, period: str | None) -> str | None:
    row = insights.gaps.get((indicator_id, period)) if period else None
    if not row or not row["has_patients_gap_to_best"]:
        return None
    sentence = _gap_text("alle regioner", row, period)
    if sentence is None:
        return None
    cautious = row.get("patients_gap_to_best_cautious")
    if cautious is not None and format_approx(cautious) != format_approx(row["patients_gap_to_best"]):
        sentence += (
            f" Tælles kun regioner, der er signifikant dårligere end den bedste, regnet fra den bedste "
            f"regions nedre 95 %-grænse, er tallet ca. {format_approx(cautious)} {row['patients_gap_noun']}."
        )
    return sentence


def gap_label(insights: Insights, indicator_id: str, period: str | None) -> str | None:
    """The country's gap to the best region in a table cell: 'ca. 1.100 forløb'."""
    row = insights.gaps.get((indicator_id, period)) if period else None
    if not row or row["patients_gap_to_best"] is None:
        return None
    return f"ca. {format_approx(row['patients_gap_to_best'])} {row['patients_gap_noun']}"


def forecast_rows(
    insights: Insights, indicator_id: str, period: str | None = None, region_id: str = "hele_landet"
) -> list[dict]:
    """The forecast steps from the latest data up to `period` (None: the latest data; else the
    origin mart_forecast_origin gives for the period)."""
    frame = insights.forecasts.get(indicator_id)
    if frame is None:
        return []
    frame = frame.filter(pl.col("region_id") == region_id)
    if period is None:
        frame = frame.filter(pl.col("is_latest"))
    else:
        origin = insights.origins.get((indicator_id, region_id, period))
        if origin is None:
            return []
        frame = frame.filter(pl.col("fitted_to_period") == origin)
    return frame.sort("step").to_dicts()


def forecast_summary(
    insights: Insights, indicator_id: str, period: str | None = None, region_id: str = "hele_landet"
) -> dict | None:
    rows = forecast_rows(insights, indicator_id, period, region_id)
    return rows[0] if rows else None


def _probability(p: float) -> str:
    if p < 0.01:
        return "under 1 pct."
    if p > 0.99:
        return "over 99 pct."
    return f"ca. {round(p * 100)} pct."


def forecast_sentence(
    insights: Insights, meta: dict, period: str | None = None, region_id: str = "hele_landet"
) -> str | None:
    row = forecast_summary(insights, meta["indicator_id"], period, region_id)
    if row is None:
        return None
    target = format_value(row["target"], meta["unit"], int(meta.get("decimals") or 0))
    status = row["target_status"]
    if status == "nået":
        return one_full_stop(f"Måltallet på {target} er nået")
    if status == "kan ikke fremskrives":
        # mart_target_forecast.forecast_method 'seneste værdi': no trend beat "as last time" on this series
        return one_full_stop(
            f"Hvornår måltallet på {target} nås, kan ikke fremskrives: på de hidtidige tal har en "
            f"fremskrivning af udviklingen ikke ramt bedre end blot det seneste tal"
        )
    if status == "udviklingen går væk fra målet":
        return one_full_stop(f"Med den nuværende udvikling bevæger tallet sig væk fra måltallet på {target}")
    if status == "nås inden for horisonten":
        return f"Med den nuværende udvikling nås måltallet på {target} omkring {period_long_label(row['expected_period_reached'])}."
    return one_full_stop(
        f"Med den nuværende udvikling nås måltallet på {target} ikke til og med {period_long_label(row['horizon_end_period'])}; "
        f"sandsynligheden for, at det er nået til den tid, er {_probability(row['probability_target_met_by_horizon'])}"
    )


def contribution_sentence(insights: Insights, meta: dict, period: str | None) -> str | None:
    """No sentence explains a change that rounds to 0, nor one the level table shows as none or
    as the opposite (mart_national_change_contributions: is_national_change_visible,
    is_change_shown_alike)."""
    rows = insights.contributions.get((meta["indicator_id"], period)) if period else None
    if not rows:
        return None
    drivers = [r for r in rows if r["is_main_driver"]]
    if not drivers or not rows[0]["is_national_change_visible"] or not rows[0]["is_change_shown_alike"]:
        return None
    word = {"fremgang": "Fremgangen", "tilbagegang": "Tilbagegangen"}.get(rows[0]["national_change_direction"])
    if word is None:
        return None
    names = _region_names()
    who = " og ".join(names.get(r["region_id"], r["region_id"]) for r in drivers)
    # weighted by the regions' counts, a region's share can differ from its own rise in the table
    # beside the sentence: say what it is measured on
    weighted = rows[0].get("contribution_method") == "vægtet"
    measure = f", målt på antal {meta.get('volume_label_da') or 'forløb'}" if weighted else ""
    return f"{word} på landsplan siden {period_long_label(rows[0]['comparison_period'])} skyldes især {who}{measure}."


def insight_sentences(insights: Insights | None, meta: dict, period: str | None) -> list[str]:
    """The sentences for one indicator in the pack's period, in the order they are read."""
    if insights is None:
        return []
    candidates = (
        contribution_sentence(insights, meta, period),
        gap_sentence(insights, meta["indicator_id"], period),
        forecast_sentence(insights, meta, period),
    )
    return [s for s in candidates if s]
