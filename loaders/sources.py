"""Which loader reads which file: the canonical format, or a publisher's layout.

Every source turns a file's bytes into a polars frame of validated raw rows (through
`loaders.validate`). A file is matched to a source by an explicit `--source`
name, else by the first source whose file-name pattern matches, else it is read as canonical.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import polars as pl

from loaders import canonical, spreadsheet, statbank
from loaders.errors import CellError, LoadRefused
from loaders.source import Source
from loaders.tabular import read_table

__all__ = ["CANONICAL", "Source", "pick", "registry"]

CANONICAL = "canonical"


def _parse_canonical(path: Path, content: bytes) -> pl.DataFrame:
    return canonical.validate(read_table(path, content))


@cache
def registry() -> dict[str, Source]:
    """All known sources by name; publisher sources first, canonical last (the fallback)."""
    sources: list[Source] = []
    # --- Danmarks Statistik, Statistikbank API answers (loaders/statbank.py, issue 3) ---
    sources.append(statbank.SOURCE)
    # --- end Statistikbank ---
    # --- publisher spreadsheets: one source per YAML mapping in loaders/mappings/ (docs/mappings.md) ---
    sources.extend(spreadsheet.sources())
    # --- end publisher spreadsheets ---
    sources.append(Source(CANONICAL, "Kanonisk langt format (CSV/XLSX)", ("*",), _parse_canonical))
    return {s.name: s for s in sources}


def pick(path: Path, name: str | None = None) -> Source:
    sources = registry()
    if name is not None:
        if name not in sources:
            raise LoadRefused(
                [CellError(path, None, None, f"ukendt kilde '{name}' (kendte: {', '.join(sorted(sources))})")]
            )
        return sources[name]
    return next(s for s in sources.values() if s.matches(path))
