"""A publisher's spreadsheet (xlsx or CSV) as a grid of cells, and its header row(s) as columns.

`loaders.spreadsheet` reads the grid as the file's mapping describes. Only reading happens
here: what a column holds is decided there.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from loaders.cells import shown
from loaders.errors import CellError, LoadRefused
from loaders.limits import check_text_limits
from loaders.spreadsheet_mappings import Mapping, fold
from loaders.xlsx_check import Sheet, check_workbook


@dataclass(frozen=True)
class Column:
    index: int  # 0-based
    header: str  # the header as the file shows it (rows of a multi-row header joined by a space)

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index + 1)

    @property
    def label(self) -> str:
        """How errors name the column: Excel letter and header, 'D (2023K1)'."""
        return f"{self.letter} ({self.header})" if self.header else self.letter


def cell_text(cell: object) -> str:
    """A cell as one line of text: whitespace collapsed, whole floats without '.0'."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    return " ".join(str(cell).split())


# --- the file as a grid of cells; grid[i] is spreadsheet row i + 1 ---------------------------------


def read_grid(mapping: Mapping, path: Path, content: bytes, where: str) -> list[list[object]]:
    """The file's cells, or LoadRefused when it cannot be read as the mapping (`where`) says."""
    if mapping.format == "xlsx":
        return _xlsx_grid(mapping, path, content, where)
    return _csv_grid(mapping, path, content, where)


def _refused(path: Path, row: int | None, message: str) -> LoadRefused:
    return LoadRefused([CellError(path, row, None, message)])


def _xlsx_grid(mapping: Mapping, path: Path, content: bytes, where: str) -> list[list[object]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not content.startswith(b"PK"):
        raise _refused(path, None, f"filen er ikke en Excel-fil (xlsx), som {where} forventer")
    name = _sheet_name(mapping, path, check_workbook(path, content), where)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        ws = wb[name]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, zlib.error, SyntaxError,
            IndexError, InvalidFileException) as e:
        raise _refused(path, None, f"filen kan ikke læses som Excel-fil; er den afkortet eller beskadiget? "
                                   f"({shown(e)})") from None
    grid = [list(r) for r in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column, values_only=True)]
    # A merged cell holds its value in the top-left cell only; give it to every cell it covers.
    for merged in ws.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                grid[r][c] = value
    wb.close()
    return grid


def _sheet_name(mapping: Mapping, path: Path, sheets: list[Sheet], where: str) -> str:
    """The sheet the mapping names; a sheet number counts the visible sheets only (a hidden
    sheet is read only when the mapping names it)."""
    sheet = mapping.sheet
    if isinstance(sheet, int):
        visible = [s.name for s in sheets if not s.hidden]
        if sheet > len(visible):
            raise _refused(path, None, f"layoutet er ændret: {where} forventer ark nr. {sheet}, men filen "
                                       f"har kun {len(visible)} synlige ark ({', '.join(map(repr, visible))})")
        return visible[sheet - 1]
    names = {fold(s.name): s.name for s in sheets}
    if fold(sheet) not in names:
        raise _refused(path, None, f"layoutet er ændret: forventede arket '{sheet}', men filen har kun "
                                   f"arkene {', '.join(repr(s.name) for s in sheets)}")
    return names[fold(sheet)]


def _csv_grid(mapping: Mapping, path: Path, content: bytes, where: str) -> list[list[object]]:
    check_text_limits(path, content)
    text = _decoded(mapping, path, content, where)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=mapping.delimiter, strict=True)
    grid: list[list[object]] = []
    try:
        for fields in reader:
            grid.append(list(fields))
    except csv.Error as e:
        raise _refused(path, len(grid) + 1, f"ulæselig CSV ({e}); er filen afkortet?") from None
    return grid


def _decoded(mapping: Mapping, path: Path, content: bytes, where: str) -> str:
    """The CSV's text in the mapping's encoding; refused when the file shows another one."""
    try:
        text = content.decode(mapping.encoding)
    except UnicodeDecodeError as e:
        raise _refused(path, None, f"filen kan ikke læses med tegnsættet {mapping.encoding} fra {where} "
                                   f"(byte {e.start}); har udgiveren skiftet tegnsæt?") from None
    if codecs.lookup(mapping.encoding).name not in ("utf-8", "utf-8-sig") and not content.isascii():
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            pass  # as expected: not UTF-8
        else:
            # Windows-1252 decodes every byte, so UTF-8 would silently turn "æ" into "Ã¦".
            raise _refused(path, None, f"filen er gemt som UTF-8, men {where} angiver tegnsættet "
                                       f"{mapping.encoding}; har udgiveren skiftet tegnsæt?")
    return text


# --- the header ------------------------------------------------------------------------------------


def header_columns(header_cells: list[list[str]]) -> list[Column]:
    """The columns named by the header rows' texts (top row first), up to the last named one."""
    width = max((i + 1 for row in header_cells for i, v in enumerate(row) if v), default=0)
    cells = [row + [""] * (width - len(row)) for row in header_cells]
    # Upper rows of a multi-row header name groups of columns ("2022" over "1. kvt." ... "4. kvt."):
    # an empty cell takes the text to its left, as a merged cell would, where the rows below name the column.
    for upper in range(len(cells) - 1):
        carried = ""
        for c in range(width):
            named_below = any(cells[lower][c] for lower in range(upper + 1, len(cells)))
            if cells[upper][c]:
                # Only a group heading carries on: one with its own column named below it.
                carried = cells[upper][c] if named_below else ""
            elif named_below:
                cells[upper][c] = carried
    columns = []
    for c in range(width):
        parts: list[str] = []
        for row in cells:
            if row[c] and (not parts or parts[-1] != row[c]):
                parts.append(row[c])
        columns.append(Column(c, " ".join(parts)))
    return columns
