"""The HTML tables of the pages (overview, flagged regions, Region page, Enheder, sources); their
CSS is dashboards/table_css.py. Builders take rows that are already computed (marts, named
queries) and only lay them out: Danish numbers, colours, links.

Readable from a tablet (768 px) to a laptop: no word is ever split across lines. Cells wrap
between words only (no overflow-wrap/word-break inside a word); each table sits in a box that
scrolls sideways when the table is wider than the page. The Overblik's and the Region page's
tables fit the page (`fitted`): at 1,400 px with the sidebar open they show every column, pairs
that belong together share a cell (best and worst region, the distance to the best now and a year
ago); where their box is narrower, the columns a reader needs after the value, its change and its
significance give way (classes `nt-wide` and `nt-mid`) and »Vis alle kolonner« shows them again.
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

ALL_COLUMNS = "Vis alle kolonner"
ALL_COLUMNS_NOTE = "Alle kolonner vises. Er tabellen bredere end skærmen, kan den rulles sidelæns."

def scroll_box(table: str) -> str:
    """The table in a box that scrolls sideways when it is wider than the page (dashboards/a11y.py
    makes it focusable, so a keyboard can scroll it too)."""
    return f"<div class='nt-scroll'>{table}</div>"


def fitted(table: str) -> str:
    """A table whose cells of class nt-wide and nt-mid give way where its box is narrow (TABLE_CSS),
    under »Vis alle kolonner« (a details element: a tap or Enter shows every column, the table then
    scrolling sideways in its box if need be; drawn only where columns give way)."""
    toggle = f"<details class='nt-all'><summary>{ALL_COLUMNS}</summary><p>{ALL_COLUMNS_NOTE}</p></details>"
    return f"<div class='nt-fit'>{toggle}{scroll_box(table)}</div>"


def ranked(word: str, regions: str | None, value: str | None) -> str:
    """'bedst: Nordjylland (90 pct.)': the best or worst region(s) and their value, a line of a
    cell (the value kept whole)."""
    if not regions or value is None:
        return f"{word}: <span class='nodata'>{NO_DATA}</span>"
    return f"{word}: {escape(regions)} <span class='muted v'>({escape(value)})</span>"


def nb(text: str) -> str:
    """HTML-escaped text in which 'pct.-point' does not break at its hyphen."""
    return escape(text).replace("pct.-point", "pct.&#8209;point")


def unit_may_wrap(text: str) -> str:
    """A value as nb() writes it, where the unit may go to a line under the number in a narrow
    column ('111,9' over 'pr. 100.000') but is itself kept whole."""
    number, space, unit = nb(text).partition(" ")
    return number + space + unit.replace(" ", "&nbsp;")


# --- Overblik --------------------------------------------------------------------------------


def overview_table(rows: list[dict], updated: set[str], names: dict[str, str],
                   attainment: dict[str, dict] | None = None, since_meeting: dict[str, dict] | None = None) -> str:
    """One goal area's indicators (indicator_overview rows); `updated`: the "opdateret" ids;
    `attainment`: mart_target_attainment's counts per indicator; `since_meeting`: the national
    rows of mart_change_since_presentation per indicator."""
    # on a narrow page the value and its change stay (fitted): the period and the regional
    # variation give way below 600 px, the gain and the target below 900 px
    head = (
        "<tr><th>Indikator</th><th class='nt-mid'>Periode</th><th class='num'>Hele landet</th>"
        "<th class='num'>Ændring på et år <span class='muted'>/ siden mødet</span></th>"
        "<th class='num nt-mid nt-ranks'>Regional variation</th>"
        "<th class='num nt-wide' title='Hvor mange flere patienter (forløb, patientdage), hvis alle regioner havde haft "
        "den bedste regions niveau'>Gevinst ved bedste</th><th class='nt-wide nt-targets'>Måltal</th></tr>"
    )
    body = "".join(
        _overview_row(
            row, row["indicator_id"] in updated, names, (attainment or {}).get(row["indicator_id"]),
            (since_meeting or {}).get(row["indicator_id"]),
        )
        for row in rows
    )
    return fitted(f"<table class='nt-overview'><thead>{head}</thead><tbody>{body}</tbody></table>")


def _overview_row(row: dict, is_updated: bool, names: dict[str, str], attainment: dict | None = None,
                  since_meeting: dict | None = None) -> str:
    unit, decimals = row["unit"], shown_decimals(row, row)
    name = f"<a href='{escape(indicator_link(row['indicator_id'], row['period']))}' target='_self'>{escape(row['name_da'])}</a>"
    if is_updated:
        name += f"<span class='badge'>{UPDATED}</span>"
    cls = " class='updated'" if is_updated else ""
    if row["period"] is None:
        return f"<tr{cls}><td class='ind'>{name}</td><td class='nodata' colspan='6'>{NO_DATA}</td></tr>"
    national = f"<span class='v'>{escape(format_shown_value(row['national_value'], unit, decimals, row['national_suppression_reason']))}</span>"
    if row["national_is_provisional"]:
        national += "<br><span class='muted'>foreløbigt, før efterregistreringer</span>"
    # the regional variation, and under it the best and the worst region it lies between
    best = _regions("bedst", row["best_regions"], row["best_value"], unit, decimals, names)
    worst = _regions("dårligst", row["worst_regions"], row["worst_value"], unit, decimals, names)
    variation = (
        f"<span class='v'>{nb(format_difference(row['variation'], unit, decimals))}</span>"
        f"<br><span class='nt-rank'>{best}</span><br><span class='nt-rank'>{worst}</span>"
    )
    return (
        f"<tr{cls}><td class='ind'>{name}</td>"
        f"<td class='nowrap nt-mid'>{escape(period_label(row['period']))}</td>"
        f"<td class='num'>{national}</td>"
        f"<td class='num'>{change_cell(row)}{since_meeting_cell(row, since_meeting)}</td>"
        f"<td class='num nt-mid'>{variation}</td>"
        # the country's patients' gap to the best region (mart_regional_variation), "ca. 1.100 forløb"
        f"<td class='num nt-wide'>{escape(row.get('gap_label') or '–')}</td>"
        f"<td class='nt-wide'>{_target(row, attainment)}</td></tr>"
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
        return f"<span class='v' style='color:{MUTED_TEXT_COLOR}' title='uændret'>► {nb(text)}</span>"
    arrow = "▲" if change > 0 else "▼"
    desired = assessment == "ønsket"
    color = DESIRED_COLOR if desired else UNDESIRED_COLOR
    tip = ("ønsket retning" if desired else "modsat ønsket retning") + f", siden {period_long_label(row['comparison_period'])}"
    # the word says what the colour says (never colour alone); the arrow only the direction; the
    # word may go to a line of its own, the arrow and the number stay together
    return (
        f"<span style='color:{color}; font-weight:600' title='{escape(tip)}'>"
        f"<span class='v'><span aria-hidden='true'>{arrow}</span> {nb(text)}</span> ({'ønsket' if desired else 'uønsket'})</span>"
    )


def _regions(word: str, ids: str | None, value: float | None, unit: str, decimals: int, names: dict[str, str]) -> str:
    regions = [names.get(r, r) for r in (ids or "").split(",") if r]
    return ranked(word, join_da(regions), None if value is None else format_value(value, unit, decimals))


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
    # on a narrow page the region, its value and its trend stay (fitted)
    head = (
        "<tr><th>Indikator</th><th>Region</th><th class='nt-wide'>Periode</th><th class='num'>Regionen</th>"
        "<th class='num nt-mid'>Hele landet</th><th>Tendens</th></tr>"
    )
    body = "".join(
        f"<tr><td class='ind'>{escape(r['name_da'])}</td>"
        f"<td><a href='{escape(region_link(r['region_id']))}' target='_self'>{escape(r['region_name'])}</a></td>"
        f"<td class='nowrap nt-wide'>{escape(period_label(r['period']))}</td>"
        f"<td class='num nowrap'>{escape(format_value(r['value'], r['unit'], shown_decimals(r, r)))}</td>"
        f"<td class='num nowrap nt-mid'>{escape(format_value(r['national_value'], r['unit'], shown_decimals(r, r)))}</td>"
        f"<td><span style='color:{UNDESIRED_COLOR}; font-weight:600'>{escape(r['trend'] or '')}</span></td></tr>"
        for r in rows
    )
    return fitted(f"<table class='nt-overview'><thead>{head}</thead><tbody>{body}</tbody></table>")


# --- Region ----------------------------------------------------------------------------------

REGION_COLUMNS = (
    "Periode", "REGION", "Hele landet", "Bedst og dårligst", "Afstand til bedste", "Bevægelse", "Mod landet",
    "Mod bedste", "Tendens",
)
# on a narrow page the region's value, its movement and its significance against the country stay
# (fitted): the period and the national value give way below 600 px, the rest below 900 px
GIVES_WAY = {
    "Periode": "nt-mid", "Hele landet": "nt-mid",
    "Bedst og dårligst": "nt-wide", "Afstand til bedste": "nt-wide", "Mod bedste": "nt-wide", "Tendens": "nt-wide",
}
REGION_HEADINGS = {"Mod landet": "Signifikant mod landet", "Mod bedste": "Signifikant mod bedste"}
REGION_NUMERIC = {"REGION", "Hele landet", "Afstand til bedste"}


def region_table(rows: list[dict], region_id: str, region_name: str) -> str:
    """One attention group of the Region page (rows from dashboards.views.region.region_rows)."""

    def classes(c: str, *more: str) -> str:
        names = " ".join(filter(None, ("num" if c in REGION_NUMERIC else "", *more, GIVES_WAY.get(c, ""))))
        return f" class='{names}'" if names else ""

    def th(c: str) -> str:
        text = region_name if c == "REGION" else REGION_HEADINGS.get(c, c)
        return f"<th{classes(c, 'nt-ranks' if c == 'Bedst og dårligst' else '')}>{escape(text)}</th>"

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
            # "Bedst og dårligst" is made of the row's "Bedst" and "Dårligst"
            value = None if c == "Bedst og dårligst" else row[region_name if c == "REGION" else c]
            if c == "Bevægelse":
                color = MOVEMENT_COLORS.get(value.rstrip("*"))
                style = f" style='color:{color}; font-weight:600'" if color else " class='muted'"
                content = f"<span{style}>{escape(value)}</span>"
            elif c in ("Mod landet", "Mod bedste"):
                color = SIGNIFICANCE_COLORS.get(value)
                style = f" style='color:{color}; font-weight:600'" if color else (" class='muted'" if value == NO_TEST else "")
                content = f"<span{style} title='{escape(value)}'>{escape(SHORT_SIGNIFICANCE.get(value, value))}</span>"
            elif c == "Tendens":
                style = " class='muted'" if value == NO_TEST else ""
                content = f"<span{style}>{escape(value)}</span>"
            elif c == "Bedst og dårligst":
                content = (
                    f"<span class='nt-rank'>{ranked('bedst', *row['Bedst'])}</span>"
                    f"<br><span class='nt-rank'>{ranked('dårligst', *row['Dårligst'])}</span>"
                )
            elif c == "Afstand til bedste":
                # the distance now, and under it a year earlier (what Bevægelse compares)
                content = (
                    f"<span class='v'>{nb(value)}</span><br><span class='muted nt-rank'>for et år siden: "
                    f"<span class='v'>{nb(row['For et år siden'])}</span></span>"
                )
            elif c == "REGION" and row.get("Måltal"):
                # the region's value, and under it whether it meets the agreed target
                content = f"{unit_may_wrap(str(value))}<br><span class='muted nt-target'>{escape(row['Måltal'])}</span>"
            elif c in ("REGION", "Hele landet"):
                content = unit_may_wrap(str(value))
            else:  # Periode
                content = f"<span class='v'>{escape(str(value))}</span>"
            cells.append(f"<td{classes(c)}>{content}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return fitted(
        f"<table class='nt-overview nt-region'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


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
