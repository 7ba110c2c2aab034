"""Errors that name the file, row and column of bad input."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from noegletal.safe_text import terminal_text


@dataclass(frozen=True)
class CellError:
    file: Path
    row: int | None  # 1-based row as a spreadsheet shows it (the header is row 1)
    column: str | None
    message: str

    def __str__(self) -> str:
        # file names, column headers and the cells a message quotes come from the file: escaped
        where = [terminal_text(self.file)]
        if self.row is not None:
            where.append(f"række {self.row}")
        if self.column is not None:
            where.append(f"kolonne '{terminal_text(self.column)}'")
        return f"{', '.join(where)}: {terminal_text(self.message)}"


class LoadRefused(Exception):
    """One or more files were refused; nothing was written to the warehouse."""

    MAX_SHOWN = 25

    def __init__(self, errors: list[CellError]):
        self.errors = errors
        shown = [str(e) for e in errors[: self.MAX_SHOWN]]
        if len(errors) > self.MAX_SHOWN:
            shown.append(f"... og {len(errors) - self.MAX_SHOWN} fejl mere")
        super().__init__("\n".join(shown))
