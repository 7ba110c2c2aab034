"""The data behind every chart as an Excel workbook: one sheet per indicator, Danish headers.

Each indicator sheet holds the values of the time-series chart (every region and period up to the
pack's period, with volume and traceability: file, SHA-256, load time), then the level table of
the period shown (value, a year before, change, volume, revision: the indicator page's numbers) and
its distance-to-best rows. Numbers are stored as numbers (Excel formats them in Danish for Danish
users), exactly as in the marts.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime, timezone

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from noegletal.content import pack_texts as content
from noegletal.content.pack_data import PackData
from noegletal.formatting import excel_number_format, period_label, shown_decimals
from noegletal.safe_text import spreadsheet_row

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


def _append(ws, values) -> None:
    """Every row goes through here: text that Excel would take for a formula (a file named
    '=HYPERLINK(...).csv') is written as text."""
    ws.append(spreadsheet_row(values))


BOLD = Font(bold=True)
RED = Font(bold=True, color="B00020")


def write_xlsx(pack: PackData) -> bytes:
    """An overview sheet with the cover lines and one row per indicator, then one sheet per
    indicator with its values over time, its level table and its distances to the best."""
    wb = Workbook()
    overview = _overview_sheet(wb.active, pack)
    used: set[str] = {"oversigt"}
    for data in pack.indicators:
        meta = data.meta
        name = sheet_name(meta["goal_area"], meta["sort_order"], meta["name_da"], used)
        _append(overview, [
            meta["goal_area"], meta["name_da"], name, period_label(data.period) if data.period else "ingen data",
            "ja" if data.is_updated else "nej", meta["unit"], meta["source"],
        ])
        _indicator_sheet(wb.create_sheet(name), pack, data)
    for column, width in zip("ABCDEFG", (11, 60, 32, 15, 10, 10, 30)):
        overview.column_dimensions[column].width = width
    return _saved(wb)


def _overview_sheet(overview, pack: PackData):
    overview.title = "Oversigt"
    _append(overview, [content.TITLE])
    overview["A1"].font = Font(bold=True, size=14)
    _append(overview, [content.cover_label(pack)])
    _marks(overview, pack)
    for line in content.cover_lines(pack):
        _append(overview, [line])
    _append(overview, [])
    _header_row(overview, ["Målområde", "Indikator", "Ark", "Seneste periode", "Opdateret", "Enhed", "Kilde"])
    return overview


def _marks(ws, pack: PackData) -> None:
    for mark in content.marks(pack):
        _append(ws, [mark])
        ws.cell(ws.max_row, 1).font = RED


def _header_row(ws, headers) -> None:
    _append(ws, list(headers))
    for cell in ws[ws.max_row]:
        cell.font = BOLD


def _table_title(ws, title: str) -> None:
    _append(ws, [title])
    ws.cell(ws.max_row, 1).font = BOLD


def _indicator_sheet(ws, pack: PackData, data) -> None:
    meta = data.meta
    _append(ws, [meta["name_da"]])
    ws["A1"].font = Font(bold=True, size=13)
    _marks(ws, pack)
    _append(ws, [f"Enhed: {meta['unit'] or '-'}; kilde: {meta['source']}"])
    _append(ws, [])
    if not data.period:
        # no figures: one line, not headed tables without rows
        _append(ws, ["Der er ingen tal for indikatoren i lageret."])
        return
    _values_table(ws, data)
    _append(ws, [])
    _level_table(ws, data)
    _append(ws, [])
    _distance_table(ws, data)
    for column, width in zip(range(1, 15), (20, 10, 10, 10, 10, 11, 12, 8, 22, 34, 8, 20, 14, 19)):
        ws.column_dimensions[get_column_letter(column)].width = width


def _values_table(ws, data) -> None:
    """Every value over time with its raw file, row and checksum."""
    meta = data.meta
    _table_title(ws, "Udvikling over tid")
    _header_row(ws, VALUE_HEADERS)
    for r in data.values.to_dicts():
        _append(ws, [
            r["region_name_da"], period_label(r["period"]), r["value"], r["numerator"], r["denominator"],
            "ja" if r["is_provisional"] else "nej", "ja" if r["is_suspended"] else "nej", r["series_segment"],
            meta["source"], r["source_file"], r["source_row"], r["source_sha256"], r["published_at"],
            r["loaded_at"],
        ])
        _number_format(ws, (3,), shown_decimals(r, meta))


def _level_table(ws, data) -> None:
    """The indicator page's level table as numbers (mart_indicator_level via indicator_level)."""
    meta = data.meta
    _table_title(ws, f"Aktuelt niveau, {period_label(data.period)}")
    _header_row(ws, LEVEL_HEADERS)
    for r in data.level_rows():
        _append(ws, [
            r["region_name_da"], period_label(data.period), r["value"], "ja" if r["is_provisional"] else "nej",
            period_label(r["comparison_period"]) if r["comparison_period"] else None, r["value_year_ago"],
            as_shown(r["change_since_year_ago"], shown_decimals(r, meta)), r["change_assessment"],
            r["denominator"], r["previously_published_value"],
        ])
        # shown as the page shows them (mart_indicator_level.value_decimals)
        _number_format(ws, (3, 6, 7, 10), shown_decimals(r, meta))


def _distance_table(ws, data) -> None:
    meta = data.meta
    _table_title(ws, f"Afstand til bedste, {period_label(data.period)}")
    _header_row(ws, DISTANCE_HEADERS)
    # an indicator without figures has an empty frame without columns
    distances = data.distances
    shown = distances.filter(pl.col("period_start").is_not_null()).to_dicts() if distances.width else []
    for r in shown:
        decimals = shown_decimals(r, meta)
        _append(ws, [
            r["region_name_da"], period_label(r["period"]), r["value"], r["best_value"],
            as_shown(r["distance_to_best"], decimals),
            period_label(r["comparison_period"]) if r["comparison_period"] else None,
            as_shown(r["distance_to_best_year_ago"], decimals), as_shown(r["distance_change"], decimals),
            r["movement"],
        ])
        _number_format(ws, (3, 4, 5, 7, 8), decimals)


def _saved(wb) -> bytes:
    pinned = _source_date()
    if pinned is not None:
        wb.properties.created = wb.properties.modified = pinned
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue() if pinned is None else _with_zip_times(out.getvalue(), pinned)


def as_shown(value, decimals: int):
    """A difference as the page shows it: rounded to the shown decimals (no float noise such as
    -0.09999999999999964 in a cell)."""
    if value is None:
        return None
    rounded = round(float(value), int(decimals or 0))
    return 0.0 if rounded == 0 else rounded


def _number_format(ws, columns: tuple[int, ...], decimals: int) -> None:
    """The last row's cells in `columns` shown with `decimals` (the number itself is kept)."""
    for column in columns:
        ws.cell(ws.max_row, column).number_format = excel_number_format(decimals)


def _source_date() -> datetime | None:
    """$SOURCE_DATE_EPOCH (the reproducible-builds convention), as a naive UTC time; None if unset.
    With it, the same warehouse gives the same workbook byte for byte (the engines are compared so)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    return datetime.fromtimestamp(int(epoch), timezone.utc).replace(tzinfo=None)


def _with_zip_times(data: bytes, when: datetime) -> bytes:
    """The workbook's ZIP with every member dated `when` (the ZIP writer stamps the current time),
    and `when` as the document's modification time (openpyxl stamps the time of saving)."""
    stamp = max(when, datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when.strftime("%Y-%m-%dT%H:%M:%SZ").encode(), content
                )
            dst.writestr(member, content)
    return out.getvalue()
