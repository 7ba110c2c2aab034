"""The HTML tables of the pages (overview, flagged regions, Region page, Enheder, sources) and
their CSS. Builders take rows that are already computed (marts, named queries) and only lay them
out: Danish numbers, colours, links.

Readable from a tablet (768 px) to a laptop: no word is ever split across lines. Cells wrap
between words only (no overflow-wrap/word-break inside a word); each table sits in a box that
scrolls sideways when the table is wider than the page, and the Region page drops its secondary
columns on narrow screens (class `sec`).
"""

from __future__ import annotations

from html import escape

from dashboards.labels import (
    DESIRED_COLOR,
    MOVEMENT_COLORS,
    NO_TEST,
    SHORT_SIGNIFICANCE,
    SIGNIFICANCE_COLORS,
    UNDESIRED_COLOR,
    UPDATED,
)
from dashboards.links import indicator_link, region_link, units_link
from noegletal.figures.palette import MUTED_TEXT_COLOR
from noegletal.formatting import (
    NO_DATA,
    format_difference,
    format_shown_value,
    format_value,
    join_da,
    period_label,
    period_long_label,
    shown_decimals,
)

TABLE_CSS = """
<style>
div.nt-scroll { overflow-x: auto; margin-bottom: 0.5rem; }
table.nt-overview { width: 100%; border-collapse: collapse; font-size: 1rem; table-layout: auto; }
table.nt-overview th, table.nt-overview td { overflow-wrap: normal; word-break: normal; hyphens: none; }
table.nt-overview th { text-align: left; font-weight: 600; color: #444; border-bottom: 2px solid #888;
  padding: 0.3rem 0.5rem; font-size: 0.9rem; vertical-align: bottom; }
table.nt-overview td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.5rem; vertical-align: top; }
table.nt-overview td.num { text-align: right; }
table.nt-overview th.num { text-align: right; }
table.nt-overview td.nowrap, table.nt-overview th.nowrap { white-space: nowrap; }
table.nt-overview td.wrap { white-space: normal; }
table.nt-overview td.ind { min-width: 12rem; }
table.nt-overview td.ind a { color: #1A1A1A; text-decoration: none; border-bottom: 1px dotted #888; }
table.nt-overview tr.updated td.ind a { font-weight: 700; }
table.nt-overview .badge { font-size: 0.8rem; font-weight: 700; color: #fff; background: #0072B2;
  border-radius: 0.3rem; padding: 0 0.35rem; margin-left: 0.4rem; white-space: nowrap; }
table.nt-overview .muted { color: #666; font-size: 0.85rem; }
table.nt-overview .nodata { color: #666; font-style: italic; }
table.nt-overview .v { white-space: nowrap; }
table.nt-overview .nt-since { font-size: 0.85rem; white-space: normal; }
</style>
"""

MATRIX_CSS = """
<style>
table.nt-matrix { border-collapse: separate; border-spacing: 2px; font-size: 0.95rem; width: 100%; table-layout: auto; }
table.nt-matrix th, table.nt-matrix td { overflow-wrap: normal; word-break: normal; hyphens: none; }
table.nt-matrix th { font-weight: 600; text-align: center; padding: 0.3rem; font-size: 1rem; }
table.nt-matrix thead th { position: sticky; top: 3.75rem; background: #fff; z-index: 1; }
table.nt-matrix th.name { text-align: right; font-weight: 400; width: 34%; min-width: 12rem; padding-right: 0.6rem; }
table.nt-matrix td { text-align: center; padding: 0.3rem 0.2rem; cursor: default; }
table.nt-matrix td span.v { white-space: nowrap; }
table.nt-matrix td a { text-decoration: none; }
table.nt-matrix thead a { color: #1A1A1A; text-decoration: none; border-bottom: 1px dotted #888; }
div.nt-matrix-legend { font-size: 0.9rem; color: #555; margin-bottom: 0.3rem; }
div.nt-matrix-legend span { display: inline-block; width: 2rem; height: 0.9rem; vertical-align: middle;
  border: 1px solid #ccc; }
div.nt-matrix-legend span.sw { width: 1.1rem; }
div.nt-matrix-legend span.it { display: inline; width: auto; height: auto; border: none; margin-right: 0.6rem; }
</style>
"""

# twelve columns need a smaller type than the overview's eight; where the page is narrower than
# they need (a laptop with the sidebar open, a tablet), the secondary columns (best, worst, a year
# ago, trend) give way and a line says so, and the table scrolls in its box if need be
REGION_TABLE_CSS = """
<style>
div.nt-region-box { container-type: inline-size; }
table.nt-region { font-size: 0.9rem; }
table.nt-region th { font-size: 0.82rem; padding: 0.3rem 0.35rem; }
table.nt-region td { padding: 0.35rem 0.35rem; }
div.nt-narrow-note { display: none; font-size: 0.85rem; color: #555; margin-bottom: 0.3rem; }
@container (max-width: 1150px) {
  table.nt-region .sec { display: none; }
  div.nt-narrow-note { display: block; }
}
</style>
"""
NARROW_NOTE = (
    "Skærmen er smal: kolonnerne Bedst, Dårligst, For et år siden og Tendens er skjult "
    "(de vises i et bredere vindue, og Data-siden har alle tal)."
)

FOREST_CSS = """
<style>
table.nt-units td.forest, table.nt-units th.forest { padding-top: 0.2rem; padding-bottom: 0; vertical-align: middle;
  min-width: 10rem; }
table.nt-units svg { display: block; max-width: 100%; }
</style>
"""


def scroll_box(table: str) -> str:
    """The table in a box that scrolls sideways when it is wider than the page (dashboards/a11y.py
    makes it focusable, so a keyboard can scroll it too)."""
    return f"<div class='nt-scroll'>{table}</div>"


def nb(text: str) -> str:
    """HTML-escaped text in which 'pct.-point' does not break at its hyphen."""
    return escape(text).replace("pct.-point", "pct.&#8209;point")


# --- Overblik --------------------------------------------------------------------------------


def overview_table(rows: list[dict], updated: set[str], names: dict[str, str],
                   attainment: dict[str, dict] | None = None, since_meeting: dict[str, dict] | None = None) -> str:
    """One goal area's indicators (indicator_overview rows); `updated`: the "opdateret" ids;
    `attainment`: mart_target_attainment's counts per indicator; `since_meeting`: the national
    rows of mart_change_since_presentation per indicator."""
    head = (
        "<tr><th>Indikator</th><th>Periode</th><th class='num'>Hele landet</th>"
        "<th class='num'>Ændring på et år <span class='muted'>/ siden mødet</span></th>"
        "<th class='num'>Regional variation</th><th>Bedst</th><th>Dårligst</th>"
        "<th class='num' title='Hvor mange flere patienter (forløb, patientdage), hvis alle regioner havde haft "
        "den bedste regions niveau'>Gevinst ved bedste</th><th>Måltal</th></tr>"
    )
    body = "".join(
        _overview_row(
            row, row["indicator_id"] in updated, names, (attainment or {}).get(row["indicator_id"]),
            (since_meeting or {}).get(row["indicator_id"]),
        )
        for row in rows
    )
    return scroll_box(f"<table class='nt-overview'><thead>{head}</thead><tbody>{body}</tbody></table>")


def _overview_row(row: dict, is_updated: bool, names: dict[str, str], attainment: dict | None = None,
                  since_meeting: dict | None = None) -> str:
    unit, decimals = row["unit"], shown_decimals(row, row)
    name = f"<a href='{escape(indicator_link(row['indicator_id'], row['period']))}' target='_self'>{escape(row['name_da'])}</a>"
    if is_updated:
        name += f"<span class='badge'>{UPDATED}</span>"
    cls = " class='updated'" if is_updated else ""
    if row["period"] is None:
        return f"<tr{cls}><td class='ind'>{name}</td><td class='nodata' colspan='8'>{NO_DATA}</td></tr>"
    national = f"<span class='v'>{escape(format_shown_value(row['national_value'], unit, decimals, row['national_suppression_reason']))}</span>"
    if row["national_is_provisional"]:
        national += "<br><span class='muted'>foreløbigt, før efterregistreringer</span>"
    return (
        f"<tr{cls}><td class='ind'>{name}</td>"
        f"<td class='nowrap'>{escape(period_label(row['period']))}</td>"
        f"<td class='num'>{national}</td>"
        f"<td class='num nowrap'>{change_cell(row)}{since_meeting_cell(row, since_meeting)}</td>"
        f"<td class='num nowrap'>{nb(format_difference(row['variation'], unit, decimals))}</td>"
        f"<td>{_regions(row['best_regions'], row['best_value'], unit, decimals, names)}</td>"
        f"<td>{_regions(row['worst_regions'], row['worst_value'], unit, decimals, names)}</td>"
        # the country's patients' gap to the best region (mart_regional_variation), "ca. 1.100 forløb"
        f"<td class='num'>{escape(row.get('gap_label') or '–')}</td>"
        f"<td>{_target(row, attainment)}</td></tr>"
    )


def change_cell(row: dict) -> str:
    """The national change since a year earlier with its arrow, coloured by mart_indicator_overview's
    change_assessment."""
    change = row["national_change"]
    if change is None:
        return f"<span class='nodata' title='Ingen sammenlignelige tal et år før'>{NO_DATA}</span>"
    # the change is between the values as shown, and 'uændret' is the mart's word for none
    text = format_difference(change, row["unit"], shown_decimals(row, row), signed=True)
    assessment = row["change_assessment"]
    if assessment == "uændret":
        return f"<span style='color:{MUTED_TEXT_COLOR}' title='uændret'>► {nb(text)}</span>"
    arrow = "▲" if change > 0 else "▼"
    desired = assessment == "ønsket"
    color = DESIRED_COLOR if desired else UNDESIRED_COLOR
    tip = ("ønsket retning" if desired else "modsat ønsket retning") + f", siden {period_long_label(row['comparison_period'])}"
    # the word says what the colour says (never colour alone); the arrow only the direction
    return (
        f"<span style='color:{color}; font-weight:600' title='{escape(tip)}'>"
        f"<span aria-hidden='true'>{arrow}</span> {nb(text)} ({'ønsket' if desired else 'uønsket'})</span>"
    )


def _regions(ids: str | None, value: float | None, unit: str, decimals: int, names: dict[str, str]) -> str:
    regions = [names.get(r, r) for r in (ids or "").split(",") if r]
    if not regions or value is None:
        return f"<span class='nodata'>{NO_DATA}</span>"
    return f"{escape(join_da(regions))} <span class='muted v'>({escape(format_value(value, unit, decimals))})</span>"


def since_meeting_cell(row: dict, change: dict | None) -> str:
    """A second line under the change on a year: the change since the figure the board was shown
    at the chosen presentation (mart_change_since_presentation; only when the row shows today's
    latest period)."""
    if not change or change.get("period") != row["period"] or change.get("value_shown") is None:
        return ""
    return _since_meeting_change(row, change) + _revision_line(row, change)


def _revision_line(row: dict, change: dict) -> str:
    """'vist for bestyrelsen: 80 pct., nu opgjort til 75 pct.' when the figure the board saw was revised."""
    from noegletal.content.meeting_text import revision_text

    text = revision_text(change, row["unit"], row["decimals"])
    return f"<br><span class='muted nt-revision'>{nb(text)}</span>" if text else ""


def _since_meeting_change(row: dict, change: dict) -> str:
    shown = format_value(change["value_shown"], row["unit"], row["decimals"])
    tip = f"Bestyrelsen så {shown} ({period_label(change['period_shown'])})"
    assessment = change["change_assessment"]
    if assessment == "ikke sammenlignelig":
        return f"<br><span class='muted nt-since' title='{escape(tip)}'>siden mødet: databrud</span>"
    text = format_difference(change["change_since_presentation"], row["unit"], row["decimals"], signed=True)
    if assessment == "uændret" or not text.startswith(("+", "-")):
        return f"<br><span class='muted nt-since' title='{escape(tip)}'>siden mødet: uændret</span>"
    color = DESIRED_COLOR if assessment == "ønsket" else UNDESIRED_COLOR
    arrow = "▲" if change["change_since_presentation"] > 0 else "▼"
    return (
        f"<br><span class='nt-since' style='color:{color}' title='{escape(tip)}'>siden mødet: "
        f"<span class='v'>{arrow}&nbsp;{nb(text)}</span> ({assessment})</span>"
    )


def _target(row: dict, attainment: dict | None = None) -> str:
    """The country's status against the target and how many regions meet it (mart_target_attainment)."""
    from dashboards.target_text import regions_meeting_text

    if row["target"] is None:
        return "<span class='muted'>–</span>"
    target = f"<span class='v'>{escape(format_value(row['target'], row['unit'], row['decimals']))}</span>"
    regions = (
        f"<br><span class='nt-target-count'>{escape(regions_meeting_text(attainment, row['unit'], row['decimals']))}</span>"
        if attainment else ""
    )
    status = row["target_status"]
    if status == "nået":
        return f"Hele landet: <b>nået</b> ✓{regions}"
    if status == "ikke nået":
        return f"Hele landet: ikke nået ({target}){regions}"
    return f"{target}: <span class='nodata'>{NO_DATA}</span>{regions}"


def worse_and_worsening_table(rows: list[dict]) -> str:
    """The regions flagged "signifikant dårligere og forværret" (rows with name_da, region_name,
    period, value, national_value, trend, unit, decimals, value_decimals: named query worse_and_worsening)."""
    head = (
        "<tr><th>Indikator</th><th>Region</th><th>Periode</th><th class='num'>Regionen</th>"
        "<th class='num'>Hele landet</th><th>Tendens</th></tr>"
    )
    body = "".join(
        f"<tr><td class='ind'>{escape(r['name_da'])}</td>"
        f"<td><a href='{escape(region_link(r['region_id']))}' target='_self'>{escape(r['region_name'])}</a></td>"
        f"<td class='nowrap'>{escape(period_label(r['period']))}</td>"
        f"<td class='num nowrap'>{escape(format_value(r['value'], r['unit'], shown_decimals(r, r)))}</td>"
        f"<td class='num nowrap'>{escape(format_value(r['national_value'], r['unit'], shown_decimals(r, r)))}</td>"
        f"<td><span style='color:{UNDESIRED_COLOR}; font-weight:600'>{escape(r['trend'] or '')}</span></td></tr>"
        for r in rows
    )
    return scroll_box(f"<table class='nt-overview'><thead>{head}</thead><tbody>{body}</tbody></table>")


# --- Region ----------------------------------------------------------------------------------

REGION_COLUMNS = (
    "Periode", "REGION", "Hele landet", "Bedst", "Dårligst", "Afstand til bedste", "For et år siden", "Bevægelse",
    "Mod landet", "Mod bedste", "Tendens",
)
SECONDARY = {"Bedst", "Dårligst", "For et år siden", "Tendens"}
REGION_HEADINGS = {"Mod landet": "Signifikant mod landet", "Mod bedste": "Signifikant mod bedste"}
REGION_NUMERIC = {"REGION", "Hele landet", "Afstand til bedste", "For et år siden"}


def region_table(rows: list[dict], region_id: str, region_name: str) -> str:
    """One attention group of the Region page (rows from dashboards.views.region.region_rows)."""

    def th(c: str) -> str:
        classes = " ".join(filter(None, ("num" if c in REGION_NUMERIC else "", "sec" if c in SECONDARY else "")))
        text = region_name if c == "REGION" else REGION_HEADINGS.get(c, c)
        return f"<th class='{classes}'>{escape(text)}</th>" if classes else f"<th>{escape(text)}</th>"

    head = "<th>Indikator</th>" + "".join(th(c) for c in REGION_COLUMNS)
    body = []
    for row in rows:
        link = indicator_link(row["indicator_id"], row["period"], region_id)
        units = ""
        if row["_units_period"]:
            units_href = units_link(row["indicator_id"], row["_units_period"], region_id)
            units = f"<br><a class='muted' href='{escape(units_href)}' target='_self'>Se enheder</a>"
        cells = [f"<td class='ind'><a href='{escape(link)}' target='_self'>{escape(row['Indikator'])}</a>{units}</td>"]
        for c in REGION_COLUMNS:
            value = row[region_name if c == "REGION" else c]
            sec = " sec" if c in SECONDARY else ""
            if c == "Bevægelse":
                color = MOVEMENT_COLORS.get(value.rstrip("*"))
                style = f" style='color:{color}; font-weight:600'" if color else " class='muted'"
                cells.append(f"<td class='{sec.strip()}'><span{style}>{escape(value)}</span></td>")
            elif c in ("Mod landet", "Mod bedste"):
                color = SIGNIFICANCE_COLORS.get(value)
                style = f" style='color:{color}; font-weight:600'" if color else (" class='muted'" if value == NO_TEST else "")
                cells.append(
                    f"<td><span{style} title='{escape(value)}'>{escape(SHORT_SIGNIFICANCE.get(value, value))}</span></td>"
                )
            elif c == "Tendens":
                style = " class='muted'" if value == NO_TEST else ""
                cells.append(f"<td class='sec'><span{style}>{escape(value)}</span></td>")
            elif c == "REGION" and row.get("Måltal"):
                # the region's value, and under it whether it meets the agreed target
                cells.append(
                    f"<td class='num nowrap{sec}'>{nb(str(value))}<br>"
                    f"<span class='muted nt-target'>{escape(row['Måltal'])}</span></td>"
                )
            elif c in REGION_NUMERIC:
                cells.append(f"<td class='num nowrap{sec}'>{nb(str(value))}</td>")
            elif c == "Periode":
                cells.append(f"<td class='nowrap'>{escape(str(value))}</td>")
            else:
                cells.append(f"<td class='{sec.strip()}'>{escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    table = f"<table class='nt-overview nt-region'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    return f"<div class='nt-region-box'><div class='nt-narrow-note'>{escape(NARROW_NOTE)}</div>{scroll_box(table)}</div>"


# --- Enheder ---------------------------------------------------------------------------------

UNIT_NUMERIC = {"Placering", "Værdi", "95 %-interval", "Volumen"}


def unit_table_html(frame, forest: list[str] | None = None, forest_head: str = "") -> str:
    """The region's units (a polars frame, columns as shown); with `forest` (one SVG per row) a
    column of the forest plot after the interval, headed by `forest_head` (its scale)."""
    columns = list(frame.columns)
    head = [f"<th class='num'>{escape(c)}</th>" if c in UNIT_NUMERIC else f"<th>{escape(c)}</th>" for c in columns]
    if forest is not None:
        head.insert(columns.index("95 %-interval") + 1, f"<th class='forest'>{forest_head}</th>")
    body = []
    for i, row in enumerate(frame.iter_rows(named=True)):
        cells = []
        for c, value in row.items():
            text = escape("" if value is None else str(value))
            if c == "Mod landet" and value in SIGNIFICANCE_COLORS:
                cells.append(f"<td><span style='color:{SIGNIFICANCE_COLORS[value]}; font-weight:600'>{text}</span></td>")
            elif c in UNIT_NUMERIC:
                cells.append(f"<td class='num nowrap'>{text}</td>")
            else:
                cells.append(f"<td>{text}</td>")
            if forest is not None and c == "95 %-interval":
                cells.append(f"<td class='forest'>{forest[i]}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return scroll_box(
        f"<table class='nt-overview nt-units'><thead><tr>{''.join(head)}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


# --- Indikator: where the numbers come from -------------------------------------------------


def source_table(rows: list[dict]) -> str:
    numeric = ("Værdi", "Volumen", "Række")
    columns = list(rows[0]) if rows else []
    head = "".join(f"<th class='num'>{c}</th>" if c in numeric else f"<th>{c}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(
            f"<td class='num'>{escape(row[c])}</td>" if c in numeric else f"<td>{escape(row[c])}</td>" for c in columns
        ) + "</tr>"
        for row in rows
    )
    return scroll_box(
        f"<table class='nt-overview nt-sources'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
