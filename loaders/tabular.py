"""Read a CSV or XLSX file as a header and numbered rows of raw cell values, column by column.

Row numbers are those a spreadsheet shows: the header is row 1, so error messages point at the
row an analyst sees when opening the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from loaders.cells import shown
from loaders.errors import CellError, LoadRefused
from loaders.limits import MAX_CELL_CHARS, check_text_limits
from loaders.xlsx_check import check_workbook

SUPPORTED_SUFFIXES = {".csv", ".txt", ".xlsx"}


@dataclass
class Table:
    file: Path
    header: list[str]
    row_numbers: list[int] | object  # the spreadsheet row of each data row (a list or a polars Series)
    columns: list  # one list (or polars Series) of cells per header column, aligned with row_numbers
    delimiter: str | None = None  # a CSV's field separator

    @property
    def rows(self) -> list[tuple[int, dict[str, object]]]:
        """Row by row, for small files (a Statbank answer)."""
        return [
            (row_no, {h: col[i] for h, col in zip(self.header, self.columns)})
            for i, row_no in enumerate(self.row_numbers)
        ]


def read_table(path: Path, content: bytes) -> Table:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, content)
    if suffix in (".csv", ".txt"):
        check_text_limits(path, content)
        return _read_csv(path, content)
    raise LoadRefused([CellError(path, None, None, f"ukendt filtype '{shown(suffix)}' (forventet .csv eller .xlsx)")])


def decode_text(path: Path, content: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with its BOM, or Windows-1252
    (Danish Excel's "CSV"), UTF-32 with its BOM. Binary files and bytes that are none of these are
    refused in Danish."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                name = encoding[:6].upper()
                raise LoadRefused([CellError(path, None, None, f"filen begynder som {name}, men byte {e.start} "
                                                               f"kan ikke læses som {name}; er den beskadiget?")]) from None
    nul = content.find(b"\x00")
    if nul >= 0:
        raise LoadRefused([CellError(path, None, None, _without_bom(content, nul))])
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Danish Excel saves "CSV" as Windows-1252; five byte values are undefined in it.
        return content.decode("cp1252")
    except UnicodeDecodeError as e:
        raise LoadRefused([CellError(
            path, _line_of(content, e.start), None,
            f"filen kan ikke læses som tekst: byte 0x{content[e.start]:02X} (byte {e.start}) er hverken UTF-8 "
            f"eller Windows-1252; gem filen som CSV (UTF-8)",
        )]) from None


# UTF-32 first: its little-endian BOM begins with UTF-16's
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _without_bom(content: bytes, nul: int) -> str:
    """What a file with NUL bytes and no BOM is: UTF-32 (three of four bytes NUL in ASCII text),
    UTF-16 (every other byte NUL) or binary data."""
    head = content[:400]
    share = head.count(b"\x00") / max(len(head), 1)
    if share >= 0.7:
        return "filen ser ud til at være UTF-32 uden byte order mark; gem den som UTF-8"
    if share >= 0.3:
        return "filen ser ud til at være UTF-16 uden byte order mark; gem den som UTF-8 (eller UTF-16 med BOM)"
    return f"filen indeholder binære data (en NUL-byte ved byte {nul}); er det virkelig en CSV-fil?"


def _line_of(content: bytes, offset: int) -> int:
    return content.count(b"\n", 0, offset) + 1


def _read_csv(path: Path, content: bytes) -> Table:
    text = decode_text(path, content)
    if not text.strip():
        raise LoadRefused([CellError(path, None, None, "filen er tom")])
    first_line = text.split("\n", 1)[0]
    # Danish spreadsheets write ';' between fields because ',' is the decimal mark.
    delimiter = max([";", ",", "\t"], key=first_line.count)
    if '"' not in text and "\x1f" not in text and text.count("\r") == text.count("\r\n"):
        return _read_plain_csv(path, text, delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as e:
        raise LoadRefused([CellError(path, 1, None, f"kan ikke læse overskriften: {e}")]) from None
    width = len(header)
    row_numbers: list[int] = []
    records: list[list[str]] = []
    errors: list[CellError] = []
    # Count records, not physical lines: a quoted cell with a line break is still one spreadsheet row.
    row_no = 1
    try:
        for row_no, fields in enumerate(reader, start=2):
            # blank lines are skipped but counted (any() first: the quick test, in C)
            if not any(fields) or (not fields[0].strip() and not any(f.strip() for f in fields)):
                continue
            if len(fields) != width:
                errors.append(
                    CellError(
                        path,
                        row_no,
                        header[len(fields)] if len(fields) < width else None,
                        f"rækken har {len(fields)} felter, men overskriften har {width}"
                        + (" (er filen afkortet?)" if len(fields) < width else ""),
                    )
                )
                continue
            if max(map(len, fields)) > MAX_CELL_CHARS:
                errors.append(CellError(path, row_no, None, _LONG_CELL))
                continue
            row_numbers.append(row_no)
            records.append(fields)
    except csv.Error as e:
        too_long = "field larger than field limit" in str(e)
        errors.append(CellError(path, row_no + 1, None, _LONG_CELL if too_long else f"ulæselig CSV ({e}); er filen afkortet?"))
    if errors:
        raise LoadRefused(errors)
    columns = [list(col) for col in zip(*records)] if records else [[] for _ in header]
    return Table(path, header, row_numbers, columns, delimiter)


_LONG_CELL = f"rækken har en celle på over {MAX_CELL_CHARS:,} tegn (Excels grænse for en celle); er filen beskadiget?".replace(",", ".")


def _read_plain_csv(path: Path, text: str, delimiter: str) -> Table:
    """A CSV without quotes (one record a line, as generated files are), split column-wise in
    polars instead of a Python list per row; the same rows, row numbers and errors as csv.reader."""
    import polars as pl

    # polars reads the lines (a separator that does not occur: one column), blank ones as null
    lines = pl.read_csv(text.encode("utf-8"), has_header=False, separator="\x1f", quote_char=None,
                        infer_schema=False, new_columns=["line"])["line"]
    del text
    header = [h.strip() for h in lines[0].split(delimiter)]
    width = len(header)
    body = pl.DataFrame({"line": lines.slice(1)}).with_row_index("row", offset=2)
    del lines
    blank = pl.col("line").is_null() | (pl.col("line").str.replace_all(delimiter, "", literal=True).str.strip_chars() == "")
    body = body.filter(~blank).with_columns(n=pl.col("line").str.count_matches(delimiter, literal=True) + 1)
    ragged = body.filter(pl.col("n") != width)
    if ragged.height:
        raise LoadRefused([
            CellError(path, row, header[n] if n < width else None,
                      f"rækken har {n} felter, men overskriften har {width}" + (" (er filen afkortet?)" if n < width else ""))
            for row, n in ragged.select("row", "n").iter_rows()
        ])
    fields = body.select(pl.col("line").str.split_exact(delimiter, width - 1).struct.unnest())
    return Table(path, header, body["row"].cast(pl.Int64), fields.get_columns(), delimiter)


def _read_xlsx(path: Path, content: bytes) -> Table:
    import openpyxl
    from openpyxl.utils import get_column_letter

    visible = [sheet.name for sheet in check_workbook(path, content) if not sheet.hidden]
    if not visible:
        raise LoadRefused([CellError(path, None, None, "Excel-filen har kun skjulte ark; vis arket med tallene, og gem igen")])
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        # Read-only workbooks decompress and parse the sheet lazily, so damage inside it shows up
        # only while reading the rows. The first visible sheet: a hidden one is not what the analyst sees.
        all_rows = list(wb[visible[0]].iter_rows(values_only=True))
        wb.close()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, zlib.error, SyntaxError, IndexError) as e:
        raise LoadRefused(
            [CellError(path, None, None, f"filen kan ikke læses som Excel-fil; er den afkortet eller beskadiget? ({shown(e)})")]
        ) from None
    if not all_rows:
        raise LoadRefused([CellError(path, None, None, "regnearket er tomt")])
    header = [str(h).strip() if h is not None else "" for h in all_rows[0]]
    while header and header[-1] == "":
        header.pop()
    width = len(header)
    row_numbers, records, errors = [], [], []
    for row_no, cells in enumerate(all_rows[1:], start=2):
        # Data beyond the header's columns would be silently dropped: refuse it (the CSV reader does too).
        for index in range(width, len(cells)):
            cell = cells[index]
            if cell is not None and not (isinstance(cell, str) and not cell.strip()):
                errors.append(CellError(path, row_no, get_column_letter(index + 1),
                                        f"værdien '{shown(cell)}' står i en kolonne uden overskrift"))
        values = list(cells[:width]) + [None] * max(0, width - len(cells))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        row_numbers.append(row_no)
        records.append(values)
    if errors:
        raise LoadRefused(errors)
    columns = [list(col) for col in zip(*records)] if records else [[] for _ in header]
    return Table(path, header, row_numbers, columns)
