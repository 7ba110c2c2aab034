"""Read a CSV or XLSX file as a header and numbered rows of raw cell values.

Row numbers are those a spreadsheet shows: the header is row 1, so error messages point at the
row an analyst sees when opening the file.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import CellError, LoadRefused

SUPPORTED_SUFFIXES = {".csv", ".txt", ".xlsx"}


@dataclass
class Table:
    file: Path
    header: list[str]
    rows: list[tuple[int, dict[str, object]]]


def read_table(path: Path, content: bytes) -> Table:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, content)
    if suffix in (".csv", ".txt"):
        return _read_csv(path, content)
    raise LoadRefused([CellError(path, None, None, f"ukendt filtype '{suffix}' (forventet .csv eller .xlsx)")])


def _decode(path: Path, content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Danish Excel saves "CSV" as Windows-1252; every byte decodes, so this never fails.
        return content.decode("cp1252")


def _read_csv(path: Path, content: bytes) -> Table:
    text = _decode(path, content)
    if not text.strip():
        raise LoadRefused([CellError(path, None, None, "filen er tom")])
    first_line = text.split("\n", 1)[0]
    # Danish spreadsheets write ';' between fields because ',' is the decimal mark.
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as e:
        raise LoadRefused([CellError(path, 1, None, f"kan ikke læse overskriften: {e}")]) from None
    rows: list[tuple[int, dict[str, object]]] = []
    errors: list[CellError] = []
    # Count records, not physical lines: a quoted cell with a line break is still one spreadsheet row.
    row_no = 1
    try:
        for row_no, fields in enumerate(reader, start=2):
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                errors.append(
                    CellError(
                        path,
                        row_no,
                        header[len(fields)] if len(fields) < len(header) else None,
                        f"rækken har {len(fields)} felter, men overskriften har {len(header)}"
                        + (" (er filen afkortet?)" if len(fields) < len(header) else ""),
                    )
                )
                continue
            rows.append((row_no, dict(zip(header, fields))))
    except csv.Error as e:
        errors.append(CellError(path, row_no + 1, None, f"ulæselig CSV ({e}); er filen afkortet?"))
    if errors:
        raise LoadRefused(errors)
    return Table(path, header, rows)


def _read_xlsx(path: Path, content: bytes) -> Table:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        # Read-only workbooks decompress and parse the sheet lazily, so damage inside it shows up
        # only while reading the rows.
        all_rows = list(wb.worksheets[0].iter_rows(values_only=True))
        wb.close()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, zlib.error, SyntaxError) as e:
        raise LoadRefused(
            [CellError(path, None, None, f"filen kan ikke læses som Excel-fil; er den afkortet eller beskadiget? ({e})")]
        ) from None
    if not all_rows:
        raise LoadRefused([CellError(path, None, None, "regnearket er tomt")])
    header = [str(h).strip() if h is not None else "" for h in all_rows[0]]
    while header and header[-1] == "":
        header.pop()
    rows = []
    for row_no, cells in enumerate(all_rows[1:], start=2):
        values = list(cells[: len(header)]) + [None] * max(0, len(header) - len(cells))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        rows.append((row_no, dict(zip(header, values))))
    return Table(path, header, rows)
