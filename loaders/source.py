"""What a source is: a name, the file names it claims, and the function that reads its files.

Kept apart from the registry (`loaders.sources`) so that the modules defining sources
(`loaders.statbank`, `loaders.spreadsheet`) import this, and the registry imports them, with no
cycle between them.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl


@dataclass(frozen=True)
class Source:
    name: str
    description: str
    patterns: tuple[str, ...]  # fnmatch patterns on the file name, case-insensitive
    parse: Callable[[Path, bytes], pl.DataFrame]  # validated raw rows (loaders.validate.RAW_SCHEMA)

    def matches(self, path: Path) -> bool:
        return any(fnmatch.fnmatch(path.name.lower(), p.lower()) for p in self.patterns)
