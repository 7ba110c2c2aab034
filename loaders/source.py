"""What a source is: a name, the file names it claims and how it turns a file into raw rows.

Its own module so that the sources (statbank, spreadsheet) and the registry that lists them
(`loaders.sources`) all import it from below, and never each other in a circle."""

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
