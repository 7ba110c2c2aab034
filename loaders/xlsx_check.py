"""Look inside an xlsx file before openpyxl reads it, and refuse what would crash or hang it.

openpyxl trusts the file: a workbook that lists no sheets, a cell pointing at a shared string
that does not exist, a row numbered 99,999,999,999 or a declared dimension of A1:XFD1048576
end in an IndexError, a MemoryError or minutes of work. Here the zip's parts are read (each
within its declared, limited size) and their XML scanned with byte patterns, which is quick
and needs no more memory than the part itself. The sheets are listed with their visibility:
a hidden sheet is read only when a mapping names it.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from loaders.cells import shown
from loaders.limits import MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_XLSX_PART_BYTES, megabytes, refuse

_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*\bref="([A-Za-z]*)(\d*):?([A-Za-z]*)(\d*)"')
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
_WIDE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Za-z]{3,})\d')  # only columns AAA and beyond can be too far
_SHARED_INDEX = re.compile(rb'<(?:\w+:)?c\b[^>]*?\st="s"[^>]*>\s*<(?:\w+:)?v>\s*(\d+)')
_STRING_ITEM = re.compile(rb"<(?:\w+:)?si[\s>/]")
_LONG_TEXT = re.compile(rb"<(?:\w+:)?[tv](?:\s[^>]*)?>[^<]{%d}" % (MAX_CELL_CHARS + 1))
_CORRUPT = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError, EOFError, zlib.error,
            NotImplementedError, RuntimeError)


@dataclass(frozen=True)
class Sheet:
    name: str
    hidden: bool


def check_workbook(path: Path, content: bytes) -> list[Sheet]:
    """The workbook's sheets in order, after checking every part openpyxl will read; LoadRefused
    (in Danish, naming the file) for a workbook without sheets or one beyond the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = {info.filename: info for info in archive.infolist()}
            for info in parts.values():
                if info.file_size > MAX_XLSX_PART_BYTES:
                    raise refuse(path, f"delen {info.filename} af Excel-filen fylder udpakket "
                                       f"{megabytes(info.file_size)}; højst {megabytes(MAX_XLSX_PART_BYTES)} læses")
            sheets = _sheets(path, archive.read("xl/workbook.xml"))
            strings = archive.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in parts else b""
            _check_text(path, strings)
            n_strings = len(_STRING_ITEM.findall(strings))
            for name in sorted(n for n in parts if n.startswith("xl/worksheets/") and n.endswith(".xml")):
                _check_sheet(path, archive.read(name), n_strings)
    except _CORRUPT as e:
        raise refuse(path, f"filen kan ikke læses som Excel-fil; er den afkortet eller beskadiget? ({shown(e)})") from None
    return sheets


def _sheets(path: Path, workbook: bytes) -> list[Sheet]:
    from xml.sax.saxutils import unescape

    sheets = []
    for found in _SHEET.finditer(workbook):
        attributes = {k.split(b":")[-1]: v for k, v in _ATTRIBUTE.findall(found.group(1))}
        name = unescape(attributes.get(b"name", b"").decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})
        sheets.append(Sheet(name, attributes.get(b"state", b"visible") != b"visible"))
    if not sheets:
        raise refuse(path, "Excel-filen har ingen ark (arbejdsbogen lister ingen); er den beskadiget?")
    return sheets


def _check_text(path: Path, xml: bytes) -> None:
    if _LONG_TEXT.search(xml):
        raise refuse(path, f"Excel-filen har en celle på over {MAX_CELL_CHARS:,} tegn (Excels grænse for en celle); "
                           f"er den beskadiget?".replace(",", "."))


def _check_sheet(path: Path, xml: bytes, n_strings: int) -> None:
    from openpyxl.utils import column_index_from_string, get_column_letter

    def column(letters: bytes) -> int:
        try:
            return column_index_from_string(letters.decode().upper())
        except ValueError:
            return MAX_COLUMNS + 1

    rows = max((int(n) for n in _ROW_NUMBER.findall(xml)), default=0)
    if rows > MAX_ROWS:
        raise refuse(path, f"arket har en række nr. {rows:,}; Excel har højst {MAX_ROWS:,} rækker; "
                           f"er filen beskadiget?".replace(",", "."))
    columns = max((column(c) for c in _WIDE_CELL.findall(xml)), default=0)
    if columns > MAX_COLUMNS:
        raise refuse(path, f"arket har en celle ud over kolonne {get_column_letter(MAX_COLUMNS)}, Excels sidste; "
                           f"er filen beskadiget?")
    dimension = _DIMENSION.search(xml, 0, 64 * 1024)
    if dimension and dimension.group(3) and dimension.group(4):
        first_col, first_row, last_col, last_row = dimension.groups()
        span = (int(last_row) - int(first_row or 1) + 1) * (column(last_col) - column(first_col or b"A") + 1)
        if span > MAX_CELLS or int(last_row) > MAX_ROWS:
            ref = b"".join(dimension.groups()[:2]) + b":" + b"".join(dimension.groups()[2:])
            raise refuse(path, f"arket angiver sit område som {ref.decode()} ({span:,} celler); højst {MAX_CELLS:,} "
                               f"celler læses".replace(",", "."))
    index = max((int(i) for i in _SHARED_INDEX.findall(xml)), default=-1)
    if index >= n_strings:
        raise refuse(path, f"en celle henviser til tekst nr. {index + 1:,} i filens teksttabel, men den har kun "
                           f"{n_strings:,}; filen er beskadiget".replace(",", "."))
    _check_text(path, xml)
