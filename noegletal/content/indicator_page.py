"""The content of an indicator page, built once from the marts and drawn by every writer.

The dashboard's Indikator page and the chart packs' indicator pages (PDF, PowerPoint, Excel) show
the same lead line, variation sentence, level table and notes; they are made here, from the rows
of the named queries `indicator_level` (mart_indicator_level) and `regional_variation`, without
Streamlit. Every number is the mart's: this module only words and formats it (Danish decimal
comma, units, "foreløbigt"), it computes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from noegletal.formatting import (
    NO_DATA,
    describe_variation,
    format_count,
    format_difference,
    format_interval,
    format_shown_value,
    format_value,
    one_full_stop,
    period_long_label,
    shown_decimals,
)
from noegletal.periods import parse_period

NATIONAL = "hele_landet"
MISSING = "–"
SIGNIFICANT = ("signifikant bedre", "signifikant dårligere")


@dataclass(frozen=True)
class LevelCell:
    """One region's (or hele landet's) column of the level table, as every writer shows it."""

    region_id: str
    region_name: str  # "Region Hovedstaden", "Hele landet"
    short_name: str  # "Hovedstaden"
    value: str  # "74 pct.", "diskretioneret (<5)", "ingen data"
    value_marked: str  # the value with "*" when provisional (the packs' table)
    year_ago: str  # the value a year earlier, "–" when not comparable
    change: str  # "+3 pct.-point", "–" when not comparable
    change_assessment: str | None  # ønsket, uønsket, uændret, ikke sammenlignelig (mart_indicator_level)
    volume: str | None  # "12.345 henviste patienter", None without a denominator
    volume_number: str | None  # "12.345"
    interval: str | None  # "95 %: 71,2–76,9 pct., signifikant bedre end landet"
    revised: str | None  # "tidligere opgjort til 79 pct."
    is_provisional: bool
    is_suspended: bool

    @property
    def notes(self) -> list[str]:
        """The small print under a region's number on the dashboard."""
        out = [t for t in (self.revised, self.interval, self.volume) if t]
        if self.is_provisional:
            out.append("foreløbigt")
        if self.is_suspended:
            out.append("suspenderet")
        return out


@dataclass(frozen=True)
class IndicatorContent:
    indicator_id: str
    name: str
    period: str
    comparison_period: str | None
    lead_value: str  # the national value, "74 pct."
    lead: str  # "Hele landet: 74 pct. i 1. kvt. 2023 (1. kvt. 2022: 71 pct.)."
    variation: str  # "Regional variation: 27 pct.-point ..."
    levels: tuple[LevelCell, ...]
    change_caption: str
    notes: tuple[str, ...]
    volume_label: str
    provisional_note: str | None = None  # the note on provisional figures (the packs mark them "*")

    def level_table(self) -> list[list[str]]:
        """The packs' level table: header of regions, level, a year before, change, volume."""
        table = [
            [""] + [c.short_name for c in self.levels],
            [f"Niveau {period_long_label(self.period)}"] + [c.value_marked for c in self.levels],
            [period_long_label(self.comparison_period)] + [c.year_ago for c in self.levels],
            ["Ændring"] + [c.change for c in self.levels],
        ]
        if any(c.volume_number is not None for c in self.levels):
            table.append([f"Volumen ({self.volume_label})"] + [c.volume_number or MISSING for c in self.levels])
        return table

    def lead_markdown(self) -> str:
        """The lead line with the national value in bold (the dashboard)."""
        return self.lead.replace(self.lead_value, f"**{self.lead_value}**", 1)


def _records(rows: Any) -> list[dict]:
    return rows.to_dicts() if hasattr(rows, "to_dicts") else [dict(r) for r in rows]


def level_cell(row: dict, meta: dict) -> LevelCell:
    unit, decimals = meta["unit"], shown_decimals(row, meta)
    value = format_shown_value(row.get("value"), unit, decimals, row.get("suppression_reason"))
    provisional = bool(row.get("is_provisional")) and row.get("value") is not None
    change = row.get("change_since_year_ago")
    interval = None
    if row.get("ci95_low") is not None and row.get("ci95_high") is not None:
        interval = "95 %: " + format_interval(row["ci95_low"], row["ci95_high"], unit, decimals)
        significance = row.get("significance_vs_national")
        if significance in SIGNIFICANT:
            interval += f", {significance} end landet"
    revised = row.get("previously_published_value")
    name = row.get("region_name_da") or row["region_id"]
    return LevelCell(
        region_id=row["region_id"],
        region_name="Hele landet" if row["region_id"] == NATIONAL else name,
        short_name=row.get("region_short_name_da") or name,
        value=value,
        value_marked=value + ("*" if provisional else ""),
        year_ago=format_value(row["value_year_ago"], unit, decimals) if row.get("value_year_ago") is not None else MISSING,
        change=format_difference(change, unit, decimals, signed=True) if change is not None else MISSING,
        change_assessment=row.get("change_assessment"),
        volume=format_count(row["denominator"], meta.get("volume_label_da") or "i alt")
        if row.get("denominator") is not None else None,
        volume_number=format_count(row["denominator"]) if row.get("denominator") is not None else None,
        interval=interval,
        revised=f"tidligere opgjort til {format_value(revised, unit, decimals)}" if revised is not None else None,
        is_provisional=provisional,
        is_suspended=bool(row.get("is_suspended")),
    )


def variation_sentence(row: dict | None, names: dict[str, str], meta: dict) -> str:
    """'Regional variation: 27 pct.-point, ...' from a mart_regional_variation row."""
    if not row or row.get("variation") is None:
        return f"Regional variation: {NO_DATA}."
    unit, decimals = meta["unit"], shown_decimals(row, meta, "variation_decimals")
    best = [names.get(r, r) for r in (row["best_regions"] or "").split(",") if r]
    worst = [names.get(r, r) for r in (row["worst_regions"] or "").split(",") if r]
    text = describe_variation(row["variation"], row["best_value"], row["worst_value"], best, worst, unit, decimals)
    if (row.get("n_regions") or 0) < 5:
        text += f" (opgjort for {row['n_regions']} af 5 regioner)"
    return one_full_stop(text + ".")


def catalog_notes(meta: dict) -> list[str]:
    """The catalog's lines under every indicator page: target, note and source."""
    unit, decimals = meta["unit"], int(meta["decimals"] or 0)
    notes = []
    if meta.get("target") is not None:
        target = format_value(meta["target"], unit, decimals)
        notes.append(f"Måltal: {target}" + (f" – {meta['target_note']}" if meta.get("target_note") else "") + ".")
    if meta.get("notes_da"):
        notes.append(f"Note: {meta['notes_da']}")
    notes.append(f"Kilde: {meta['source']}")
    return [one_full_stop(n) for n in notes]


def _lead(national: dict, national_cell, lead_value: str, period: str, comparison: str, unit: str, decimals: int) -> str:
    """'Hele landet: 79 pct. i 1. kvt. 2023 (1. kvt. 2022: 74 pct.) – foreløbigt tal, ...'"""
    lead = f"Hele landet: {lead_value} i {period_long_label(period)}"
    if national.get("value_year_ago") is not None:
        lead += f" ({period_long_label(comparison)}: {format_value(national['value_year_ago'], unit, decimals)})"
    if national.get("is_provisional"):
        lead += " – foreløbigt tal, før efterregistreringer"
    if national_cell is not None and national_cell.revised:
        lead += f" – {national_cell.revised}"
    return one_full_stop(lead + ".")


def _change_caption(rows: list[dict], comparison: str) -> str:
    if all(r.get("change_since_year_ago") is None for r in rows):
        return f"Ingen ændring vises: der er ingen sammenlignelige tal for {period_long_label(comparison)}."
    return (
        f"Ændring i forhold til {period_long_label(comparison)}: blå er i den ønskede retning, orange i den "
        "modsatte. Ingen ændring vises, hvor tallene ikke kan sammenlignes (fx efter et databrud)."
    )


def indicator_content(meta: dict, period: str, level_rows: Any, variation_row: dict | None) -> IndicatorContent:
    """The page for `meta` (a dim_indicator row) in `period`: level_rows are the rows of the named
    query indicator_level (one per region and hele landet), variation_row the regional_variation
    row of the period (or None)."""
    unit = meta["unit"]
    rows = _records(level_rows)
    cells = tuple(level_cell(r, meta) for r in rows)
    # the period's values share their decimals (mart_indicator_level.value_decimals)
    decimals = shown_decimals(next((r for r in rows if r.get("value_decimals") is not None), {}), meta)
    comparison = next((r["comparison_period"] for r in rows if r.get("comparison_period")), None)
    if comparison is None:
        comparison = parse_period(period).year_ago().code
    national = next((r for r in rows if r["region_id"] == NATIONAL), {})
    national_cell = next((c for c in cells if c.region_id == NATIONAL), None)

    lead_value = format_shown_value(national.get("value"), unit, decimals, national.get("suppression_reason"))
    names = {r["region_id"]: r.get("region_name_da") or r["region_id"] for r in rows}
    provisional_note = (
        f"Tallene for {period_long_label(period)} er foreløbige, før efterregistreringer."
        if any(c.is_provisional for c in cells) else None
    )
    notes = [n for n in [provisional_note] if n] + [f"{c.region_name}: {c.revised}." for c in cells if c.revised]
    suspension = list(dict.fromkeys(r["suspension_note_da"] for r in rows if r.get("suspension_note_da")))
    if suspension:
        notes.append(" ".join(suspension))
    notes += catalog_notes(meta)

    return IndicatorContent(
        indicator_id=meta["indicator_id"],
        name=meta["name_da"],
        period=period,
        comparison_period=comparison,
        lead_value=lead_value,
        lead=_lead(national, national_cell, lead_value, period, comparison, unit, decimals),
        variation=variation_sentence(variation_row, names, meta),
        levels=cells,
        change_caption=_change_caption(rows, comparison),
        # a value or note ending in an abbreviation ("79 pct.") takes no second full stop
        notes=tuple(one_full_stop(n) for n in notes),
        volume_label=meta.get("volume_label_da") or "i alt",
        provisional_note=provisional_note,
    )
