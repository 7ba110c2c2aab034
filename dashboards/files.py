"""Downloadable files for Danish users: what the Data page's "Hent CSV" / "Hent Excel" and the
charts' "Hent tal" give.

Cells as on screen where a spreadsheet would otherwise show code: "ja"/"nej" instead of
true/false, quarters as "2019 K3", counts (numerators and volumes) as whole numbers. Numbers stay
numbers: the CSV uses a decimal comma and semicolons (a Danish Excel opens it correctly), the
Excel file stores numbers with a number format of the indicator's decimals ("0,0" for one
decimal, thousands separators for counts), which Excel shows in the reader's own locale. File
names are Danish and say what the file holds. A cell of text that a spreadsheet would read as a
formula (a hostile file name: "=HYPERLINK(...)") is written as text.

In preparation mode (`serve --fortrolig`) every file is marked as the screen is: its name starts
"FORTROLIGT", and its first line (the CSV's, the Excel sheet's) says that it may hold figures under
embargo, so the mark travels with the file when it leaves the screen.
"""

from __future__ import annotations

import io
import re
import unicodedata

import polars as pl

from noegletal.formatting import excel_number_format, period_label
from noegletal.safe_text import spreadsheet_frame
from noegletal.warehouse import FORTROLIG, audience

CONFIDENTIAL_LINE = (
    "FORTROLIGT – fra forberedelsestilstanden: kan indeholde tal under embargo. "
    "Må ikke videregives før offentliggørelsen."
)

PERIOD_COLUMNS = ("Periode", "Sammenligningsperiode", "Sammenlignet med")
COUNT_COLUMNS = ("Tæller", "Nævner", "Nævner (volumen)", "Volumen", "Række i kildefil")
# columns in the indicator's own unit: shown with its decimals in Excel
VALUE_COLUMNS = (
    "Værdi", "Hele landet", "Bedste værdi", "Dårligste værdi", "Afstand til bedste", "Afstand til bedste et år før",
    "Ændring i afstand", "95 %-interval, nedre", "95 %-interval, øvre", "Hele landet et år før", "Ændring",
    "Regional variation", "Måltal", "Værdi et år før",
)


def file_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The table for a file: booleans as ja/nej, periods as on screen, whole counts as integers,
    and text a spreadsheet would read as a formula written as text (safe_text)."""
    columns = []
    for name in frame.columns:
        series = frame[name]
        if series.dtype == pl.Boolean:
            columns.append(
                pl.when(pl.col(name)).then(pl.lit("ja")).when(pl.col(name).not_()).then(pl.lit("nej"))
                .otherwise(None).alias(name)
            )
        elif name in PERIOD_COLUMNS and series.dtype == pl.String:
            columns.append(pl.col(name).map_elements(period_label, return_dtype=pl.String).alias(name))
        elif name in COUNT_COLUMNS and series.dtype.is_float() and _whole(series):
            columns.append(pl.col(name).round(0).cast(pl.Int64).alias(name))
        else:
            columns.append(pl.col(name))
    return spreadsheet_frame(frame.select(columns))


def _whole(series: pl.Series) -> bool:
    values = series.drop_nulls()
    return values.is_empty() or bool((values == values.round(0)).all())


def _confidential() -> bool:
    return audience() == FORTROLIG


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """Semicolon-separated with decimal comma, UTF-8 with BOM: opens correctly in a Danish Excel."""
    text = file_frame(frame).write_csv(
        separator=";", decimal_comma=True, datetime_format="%d.%m.%Y %H:%M", date_format="%d.%m.%Y",
    )
    if _confidential():
        text = CONFIDENTIAL_LINE + "\n" + text
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def excel_bytes(frame: pl.DataFrame, sheet: str = "Nøgletal", decimals: int | None = None,
                title: str | None = None) -> bytes:
    """One sheet; numbers stored as numbers with Excel number formats: the indicator's decimals
    for its values (when one indicator's decimals are given), thousands separators for counts.
    `title` goes above the table (what the file holds)."""
    table = file_frame(frame)
    formats = {c: "#,##0" for c in table.columns if c in COUNT_COLUMNS and table[c].dtype.is_integer()}
    if decimals is not None:
        formats |= {c: excel_number_format(decimals) for c in table.columns if c in VALUE_COLUMNS and table[c].dtype.is_numeric()}
    dtype_formats = {pl.Datetime: "dd.mm.yyyy hh:mm", pl.Date: "dd.mm.yyyy"}
    import xlsxwriter

    lines = [(CONFIDENTIAL_LINE, {"bold": True, "font_color": "#C00000"})] if _confidential() else []
    if title:
        lines.append((title, {"bold": True, "font_size": 13}))
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        sheet_ = book.add_worksheet(_sheet_name(sheet))
        for row, (text, style) in enumerate(lines):
            sheet_.write(row, 0, text, book.add_format(style))
        table.write_excel(
            workbook=book, worksheet=sheet_, position=(len(lines) + 1 if lines else 0, 0), autofit=True,
            column_formats=formats or None, dtype_formats=dtype_formats, table_style=None,
            header_format={"bold": True},
        )
    return buffer.getvalue()


def _sheet_name(text: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "", text)[:31] or "Nøgletal"


def file_name(*parts: str, suffix: str) -> str:
    """'Nøgletal - Overholdelse af udredningsretten (somatik) - udvikling over tid.xlsx': Danish
    words, without the characters Windows refuses in a file name."""
    text = " - ".join(p for p in ("FORTROLIGT" if _confidential() else "", "Nøgletal", *parts) if p)
    text = unicodedata.normalize("NFC", re.sub(r'[\\/:*?"<>|\n\r\t]+', " ", text))
    text = re.sub(r"\s+", " ", text).strip(" .")
    return f"{text[:150]}.{suffix}"
