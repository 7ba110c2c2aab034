"""The data behind every chart as an Excel workbook: one sheet per indicator, Danish headers.

Each indicator sheet holds the values of the time-series chart (every region and period up to the
pack's period, with volume and traceability: file, SHA-256, load time), then the level table of
the period shown (value, a year before, change, volume, revision: the indicator page's numbers) and
its distance-to-best rows. Numbers are stored as numbers (Excel formats them in Danish for Danish
users), exactly as in the marts.
"""

from __future__ import annotations

import io
import re

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from noegletal.exports import content
from noegletal.exports.data import PackData
from noegletal.formatting import period_label

VALUE_HEADERS = (
    "Region", "Periode", "Værdi", "Tæller", "Nævner", "Foreløbigt", "Suspenderet", "Serie",
    "Kilde", "Fil", "Række", "SHA-256", "Offentliggjort", "Indlæst",
)
LEVEL_HEADERS = (
    "Region", "Periode", "Værdi", "Foreløbigt", "Sammenlignet med", "Værdi et år før", "Ændring", "Ændringens retning",
    "Volumen", "Tidligere opgjort til",
)
DISTANCE_HEADERS = (
    "Region", "Periode", "Værdi", "Bedste værdi", "Afstand til bedste", "Sammenlignet med",
    "Afstand for et år siden", "Ændring i afstand", "Bevægelse",
)


def sheet_name(goal_area: int, sort_order: int, name: str, used: set[str]) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name; names must be unique."""
    base = re.sub(r"[\[\]:*?/\\]", "", f"{goal_area}.{sort_order} {name}")[:31]
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate = f"{base[:28]} {n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def write_xlsx(pack: PackData) -> bytes:
    wb = Workbook()
    bold = Font(bold=True)
    red = Font(bold=True, color="B00020")
    overview = wb.active
    overview.title = "Oversigt"
    overview.append([content.TITLE])
    overview["A1"].font = Font(bold=True, size=14)
    overview.append([content.update_label(pack)])
    for mark in content.marks(pack):
        overview.append([mark])
        overview.cell(overview.max_row, 1).font = red
    for line in content.cover_lines(pack):
        overview.append([line])
    overview.append([])
    overview.append(["Målområde", "Indikator", "Ark", "Seneste periode", "Opdateret", "Enhed", "Kilde"])
    for cell in overview[overview.max_row]:
        cell.font = bold

    used: set[str] = {"oversigt"}
    for data in pack.indicators:
        meta = data.meta
        name = sheet_name(meta["goal_area"], meta["sort_order"], meta["name_da"], used)
        overview.append([
            meta["goal_area"], meta["name_da"], name, period_label(data.period) if data.period else "ingen data",
            "ja" if data.is_updated else "nej", meta["unit"], meta["source"],
        ])
        ws = wb.create_sheet(name)
        ws.append([meta["name_da"]])
        ws["A1"].font = Font(bold=True, size=13)
        for mark in content.marks(pack):
            ws.append([mark])
            ws.cell(ws.max_row, 1).font = red
        ws.append([f"Enhed: {meta['unit'] or '-'}; kilde: {meta['source']}"])
        ws.append([])
        ws.append(["Udvikling over tid"])
        ws.cell(ws.max_row, 1).font = bold
        ws.append(list(VALUE_HEADERS))
        for cell in ws[ws.max_row]:
            cell.font = bold
        for r in data.values.to_dicts():
            ws.append([
                r["region_name_da"], period_label(r["period"]), r["value"], r["numerator"], r["denominator"],
                "ja" if r["is_provisional"] else "nej", "ja" if r["is_suspended"] else "nej", r["series_segment"],
                meta["source"], r["source_file"], r["source_row"], r["source_sha256"], r["published_at"],
                r["loaded_at"],
            ])
        if data.period:
            # the indicator page's level table as numbers (mart_indicator_level via indicator_level)
            ws.append([])
            ws.append([f"Aktuelt niveau, {period_label(data.period)}"])
            ws.cell(ws.max_row, 1).font = bold
            ws.append(list(LEVEL_HEADERS))
            for cell in ws[ws.max_row]:
                cell.font = bold
            for r in data.level_rows():
                ws.append([
                    r["region_name_da"], period_label(data.period), r["value"], "ja" if r["is_provisional"] else "nej",
                    period_label(r["comparison_period"]) if r["comparison_period"] else None, r["value_year_ago"],
                    r["change_since_year_ago"], r["change_assessment"], r["denominator"], r["previously_published_value"],
                ])
        ws.append([])
        ws.append([f"Afstand til bedste, {period_label(data.period)}" if data.period else "Afstand til bedste"])
        ws.cell(ws.max_row, 1).font = bold
        ws.append(list(DISTANCE_HEADERS))
        for cell in ws[ws.max_row]:
            cell.font = bold
        shown = data.distances.filter(pl.col("period_start").is_not_null()).to_dicts() if data.period else []
        for r in shown:
            ws.append([
                r["region_name_da"], period_label(r["period"]), r["value"], r["best_value"], r["distance_to_best"],
                period_label(r["comparison_period"]) if r["comparison_period"] else None,
                r["distance_to_best_year_ago"], r["distance_change"], r["movement"],
            ])
        for column, width in zip(range(1, 15), (20, 10, 10, 10, 10, 11, 12, 8, 22, 34, 8, 20, 14, 19)):
            ws.column_dimensions[get_column_letter(column)].width = width
    for column, width in zip("ABCDEFG", (11, 60, 32, 15, 10, 10, 30)):
        overview.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
