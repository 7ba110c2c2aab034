"""The limits every input file is read under (docs/bad-input.md lists them for users).

A file is read only if it is a regular file (no FIFO, which would block for ever; no device,
which never ends; no symlink leading out of the folder given), no larger than MAX_FILE_BYTES, and
is read with a bound, so a file that grows while it is read cannot exhaust memory. Within a file,
no more rows and no longer cells than Excel itself allows: a file beyond them was not made by
the tools publishers use, and reading it on would cost minutes and gigabytes before the error.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from loaders.errors import CellError, LoadRefused

MAX_FILE_BYTES = 100 * 1024 * 1024  # 100 MB: far above any publisher's file
MAX_ROWS = 1_048_576  # Excel's rows per sheet
MAX_COLUMNS = 16_384  # Excel's columns per sheet (A to XFD)
MAX_CELL_CHARS = 32_767  # Excel's characters per cell
MAX_CELLS = 10_000_000  # rows x columns a sheet may span (its declared dimension or its cells)
MAX_XLSX_PART_BYTES = 200 * 1024 * 1024  # uncompressed size of one part of an xlsx (a sheet's XML)

_KINDS_DA = {
    stat.S_IFIFO: "en FIFO (navngivet rør)",
    stat.S_IFCHR: "en tegnenhed",
    stat.S_IFBLK: "en blokenhed",
    stat.S_IFSOCK: "en socket",
    stat.S_IFDIR: "en mappe",
}


def refuse(path: Path, message: str, row: int | None = None, column: str | None = None) -> LoadRefused:
    return LoadRefused([CellError(path, row, column, message)])


def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB".replace(",", ".")


def read_limited(path: Path, folder: Path | None = None) -> bytes:
    """The bytes of `path`, or LoadRefused (in Danish) if it is no regular file, is a symlink to
    somewhere outside `folder` (default: the folder the link is in), or is too large."""
    folder = folder if folder is not None else path.parent
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(folder.resolve()):
            raise refuse(path, f"filen er et symbolsk link til {target}, uden for mappen {folder}; "
                               f"kopiér filen ind i mappen i stedet")
    try:
        info = os.stat(path)
    except OSError as e:
        raise refuse(path, f"filen kan ikke læses: {e.strerror or e}") from None
    kind = stat.S_IFMT(info.st_mode)
    if kind != stat.S_IFREG:
        raise refuse(path, f"er ikke en almindelig fil, men {_KINDS_DA.get(kind, 'en særlig fil')}; "
                           f"kun CSV- og Excel-filer kan indlæses")
    if info.st_size > MAX_FILE_BYTES:
        raise refuse(path, f"filen fylder {megabytes(info.st_size)}; højst {megabytes(MAX_FILE_BYTES)} indlæses "
                           f"(del filen op, eller kontrollér, at det er den rigtige fil)")
    try:
        # O_NONBLOCK: should the file have been swapped for a FIFO since the check, open() does not hang.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            content = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise refuse(path, f"filen kan ikke læses: {e.strerror or e}") from None
    if len(content) > MAX_FILE_BYTES:
        raise refuse(path, f"filen er større end {megabytes(MAX_FILE_BYTES)} (den voksede under læsningen)")
    return content


def check_text_limits(path: Path, content: bytes) -> None:
    """Refuse a text file with more rows than MAX_ROWS or a line whose cell is longer than
    MAX_CELL_CHARS, before it is decoded and split (a 50 MB cell would cost gigabytes there)."""
    lines = content.count(b"\n")
    if lines > MAX_ROWS:
        raise refuse(path, f"filen har {lines:,} rækker; højst {MAX_ROWS:,} (Excels grænse) indlæses".replace(",", "."))
    if len(content) <= MAX_CELL_CHARS:
        return
    # Only a line longer than the limit can hold such a cell: find those (few) lines, then their fields.
    start, row = 0, 1
    while start < len(content):
        end = content.find(b"\n", start)
        end = len(content) if end < 0 else end
        if end - start > MAX_CELL_CHARS:
            _check_long_line(path, content, start, end, row)
        row += 1
        start = end + 1


_SEPARATOR = re.compile(rb"[;,\t]")  # any separator a CSV may use: a field is at most the text between two


def _check_long_line(path: Path, content: bytes, start: int, end: int, row: int) -> None:
    position = start
    while position <= end:
        found = _SEPARATOR.search(content, position, end)
        stop = found.start() if found else end
        # bytes, not characters: a UTF-8 character may take up to 4 bytes, so allow for that
        if stop - position > 4 * MAX_CELL_CHARS or (stop - position > MAX_CELL_CHARS and _chars(content, position, stop) > MAX_CELL_CHARS):
            raise refuse(path, f"rækken har en celle på over {MAX_CELL_CHARS:,} tegn (Excels grænse for en celle); "
                               f"er filen beskadiget?".replace(",", "."), row=row)
        position = stop + 1


def _chars(content: bytes, start: int, stop: int) -> int:
    return len(content[start:stop].decode("utf-8", errors="replace"))
