"""Every chart in words: a short Danish text alternative and a table of the same numbers.

One function per figure kind (noegletal/figures' builders), taking the same mart rows as the builder: the
dashboard announces the text to screen readers and shows the table under "Vis som tabel"; the PDF
pack and the HTML appendix put the text in the figure's alternative text and the same table under
it; the Word item and the PowerPoint slides use it as the pictures' alternative text. Nothing is
computed here: best and worst are the marts' (`rank`, `is_best`, best/worst values), changes and
movements are the marts' columns; this module only picks and words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from noegletal.content.indicator_page import level_cell
from noegletal.figures.common import indicator_meta, records
from noegletal.figures.palette import NATIONAL, region_rank
from noegletal.formatting import (
    NO_DATA,
    format_count,
    format_difference,
    format_interval,
    format_value,
    join_da,
    one_full_stop,
    period_label,
    period_long_label,
)
from noegletal.periods import parse_period

MISSING = "–"


@dataclass(frozen=True)
class ChartText:
    """A chart's name, its text alternative and its numbers as a table (header row, then rows)."""

    title: str
    description: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _value(meta: dict, value: Any) -> str:
    return format_value(value, meta["unit"], meta["decimals"]) if value is not None else NO_DATA


def _name(row: dict) -> str:
    return "Hele landet" if row.get("region_id") == NATIONAL else (row.get("region_name_da") or row["region_id"])


def _short(row: dict) -> str:
    return "Hele landet" if row.get("region_id") == NATIONAL else (row.get("region_short_name_da") or _name(row))


def _shown(row: dict, meta: dict):
    """The level row's value and change as the level table shows them (one display rule)."""
    return level_cell(row, meta)


def best_and_worst(level_rows: Any, meta: dict) -> str:
    """'Bedst: Region Nordjylland (80 pct.); dårligst: Region Sjælland (60 pct.).' from the level rows'
    rank (1 = best, respecting direction; ties share a rank); '' without ranked regions."""
    ranked = [r for r in records(level_rows) if r.get("rank") is not None and r.get("value") is not None]
    if not ranked:
        return ""
    worst_rank = max(r["rank"] for r in ranked)

    def who(rank: int) -> str:
        tied = [r for r in ranked if r["rank"] == rank]
        return f"{join_da(_name(r) for r in tied)} ({_shown(tied[0], meta).value})"

    if worst_rank == 1:
        return f"Alle regioner med tal ligger ens: {who(1)}."
    return f"Bedst: {who(1)}; dårligst: {who(worst_rank)}."


def national_change(level_rows: Any, meta: dict, comparison_period: str | None) -> str:
    """'Hele landet: 74 pct. i 1. kvt. 2023, +3 pct.-point siden 1. kvt. 2022 (ønsket udvikling).'"""
    national = next((r for r in records(level_rows) if r.get("region_id") == NATIONAL), None)
    if national is None or national.get("value") is None:
        return f"Hele landet: {NO_DATA}."
    cell = _shown(national, meta)
    text = f"Hele landet: {cell.value} i {period_long_label(national.get('period'))}"
    if national.get("change_since_year_ago") is not None:
        text += (f", {cell.change} siden "
                 f"{period_long_label(comparison_period or national.get('comparison_period'))}")
        assessment = national.get("change_assessment")
        if assessment in ("ønsket", "uønsket"):
            text += f" ({assessment} udvikling)"
    return one_full_stop(text + ".")


def timeseries_text(values: Any, level_rows: Any, indicator: Any, period: str | None,
                    comparison_period: str | None = None) -> ChartText:
    """The time-series chart (noegletal.figures.timeseries): values are the indicator_values rows
    the chart draws, level_rows the indicator_level rows of `period` (its best, worst and change)."""
    meta = indicator_meta(indicator)
    rows = [r for r in records(values) if r.get("period")]
    periods = sorted({r["period"] for r in rows}, key=lambda p: parse_period(p).end)
    regions = sorted({r["region_id"] for r in rows}, key=region_rank)
    names = {r["region_id"]: _short(r) for r in rows}
    span = f"fra {period_long_label(periods[0])} til {period_long_label(periods[-1])}" if periods else "uden tal"
    parts = [
        f"Linjediagram: {meta['name_da']} for de fem regioner og hele landet, {span}.",
        national_change(level_rows, meta, comparison_period) if period else "",
        best_and_worst(level_rows, meta) if period else "",
    ]
    if meta["target"] is not None:
        parts.append(one_full_stop(f"Måltallet er {_value(meta, meta['target'])}."))
    by_key = {(r["period"], r["region_id"]): r for r in rows}
    table = tuple(
        (period_label(p), *(_cell(meta, by_key.get((p, region))) for region in regions)) for p in periods
    )
    return ChartText(
        title="Udvikling over tid",
        description=" ".join(p for p in parts if p),
        header=("Periode", *(names[r] for r in regions)),
        rows=table,
    )


def _cell(meta: dict, row: dict | None) -> str:
    if row is None or row.get("value") is None:
        return MISSING
    return _value(meta, row["value"]) + (" (foreløbigt)" if row.get("is_provisional") else "")


def distance_text(level_rows: Any, indicator: Any, period: str | None, comparison_period: str | None) -> ChartText:
    """The distance-to-best chart (noegletal.figures.distance), from the same indicator_level rows."""
    meta = indicator_meta(indicator)
    rows = sorted(records(level_rows), key=lambda r: region_rank(r["region_id"]))
    unit, decimals = meta["unit"], meta["decimals"]

    def distance(value: Any) -> str:
        return format_difference(value, unit, decimals) if value is not None else MISSING

    regions = [r for r in rows if r.get("region_id") != NATIONAL and r.get("distance_to_best") is not None]
    parts = [f"Prikdiagram: hver regions afstand til den bedste region i {period_long_label(period)} "
             f"og ændringen siden {period_long_label(comparison_period)}."]
    if regions:
        best = [r for r in regions if r.get("is_best")]
        furthest = max(regions, key=lambda r: r["distance_to_best"])
        if best:
            parts.append(f"Bedst: {join_da(_name(r) for r in best)}.")
        if furthest["distance_to_best"] > 0:
            parts.append(f"Længst fra bedste: {_name(furthest)} ({distance(furthest['distance_to_best'])}).")
        for movement in ("henter ind", "lægger afstand"):
            moving = [_name(r) for r in regions if r.get("movement") == movement]
            if moving:
                parts.append(f"{movement.capitalize()}: {join_da(moving)}.")
    else:
        parts.append(f"Der er {NO_DATA} om afstanden.")
    table = tuple(
        (_short(r), distance(r.get("distance_to_best")), distance(r.get("distance_to_best_year_ago")),
         r.get("movement") or MISSING)
        for r in rows
    )
    return ChartText(
        title="Afstand til bedste",
        description=" ".join(parts),
        header=("Region", f"Afstand {period_label(period)}", f"Afstand {period_label(comparison_period)}", "Bevægelse"),
        rows=table,
    )


def spine_text(spine_rows: list[dict], region_name: str) -> ChartText:
    """The Region page's spine chart (noegletal.figures.spine), from its spine_rows."""
    counts: dict[str, int] = {}
    for row in spine_rows:
        counts[row["significance"]] = counts.get(row["significance"], 0) + 1
    said = [f"{n} {label}" for label, n in counts.items()]
    description = (
        f"Søjlediagram: {region_name} på {len(spine_rows)} indikatorer, hver målt mod hele landet og spændet "
        f"mellem dårligste og bedste region. Mod hele landet: {join_da(said) or NO_DATA}."
    )
    table = tuple(
        (row["name_da"], period_label(row["period"]), _value(row["meta"], row["value"]),
         _value(row["meta"], row["national_value"]), _value(row["meta"], row["best_value"]),
         _value(row["meta"], row["worst_value"]), row["significance"])
        for row in spine_rows
    )
    return ChartText(
        title=f"{region_name} på alle indikatorer",
        description=description,
        header=("Indikator", "Periode", region_name, "Hele landet", "Bedste region", "Dårligste region", "Mod hele landet"),
        rows=table,
    )


def funnel_text(unit_rows: Any, indicator: Any, national_value: float | None, region_name: str) -> ChartText:
    """The Enheder page's funnel plot (noegletal.figures.units), from the unit_values rows."""
    meta = indicator_meta(indicator)
    rows = [r for r in records(unit_rows) if r.get("value") is not None]
    rows.sort(key=lambda r: (r.get("rank_national") is None, r.get("rank_national") or 0, r["unit_name_da"]))
    counts: dict[str, int] = {}
    for row in rows:
        label = row.get("significance_vs_national") or "ikke testet"
        counts[label] = counts.get(label, 0) + 1
    parts = [f"Tragtdiagram: {len(rows)} enheder i hele landet efter volumen og tal; hele landet "
             f"{_value(meta, national_value)}."]
    if rows:
        parts.append(f"Bedst: {rows[0]['unit_name_da']} ({_value(meta, rows[0]['value'])}); "
                     f"dårligst: {rows[-1]['unit_name_da']} ({_value(meta, rows[-1]['value'])}).")
        parts.append(f"Mod hele landet: {join_da(f'{n} {label}' for label, n in counts.items())}.")
    parts.append(f"Enhederne i Region {region_name} er fremhævet.")
    table = tuple(
        (r["unit_name_da"], r.get("region_short_name_da") or r["region_id"], _value(meta, r["value"]),
         format_interval(r.get("ci95_low"), r.get("ci95_high"), meta["unit"], meta["decimals"]),
         format_count(r.get("denominator")), r.get("significance_vs_national") or MISSING)
        for r in rows
    )
    return ChartText(
        title="Tragtdiagram",
        description=" ".join(parts),
        header=("Enhed", "Region", "Værdi", "95 %-interval", "Volumen", "Mod hele landet"),
        rows=table,
    )


def chart_table_html(chart: ChartText, css_class: str = "nt-chart-table") -> str:
    """The chart's numbers as an HTML table with a caption and header cells (the first column names
    the row); every cell escaped. The dashboard's "Vis som tabel" and the HTML appendix use it."""
    from html import escape

    head = "".join(f"<th scope='col'>{escape(h)}</th>" for h in chart.header)
    body = "".join(
        f"<tr><th scope='row'>{escape(row[0])}</th>{''.join(f'<td>{escape(c)}</td>' for c in row[1:])}</tr>"
        for row in chart.rows
    )
    return (
        f"<table class='{escape(css_class)}'><caption>{escape(chart.title)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
