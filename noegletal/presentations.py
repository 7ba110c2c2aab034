"""The presentation register: which vintage of the key figures was shown to the board, when."""

from __future__ import annotations

from datetime import date

import duckdb

from loaders.raw_layer import DuckDBRawWriter, RawWriter


def record(con: duckdb.DuckDBPyConnection | RawWriter, presented_on: date, note: str) -> int:
    """Record a presentation; the board saw the values published by `presented_on`.
    `con` is a raw-layer writer of any engine (noegletal.access), or a DuckDB connection."""
    raw = con if isinstance(con, RawWriter) else DuckDBRawWriter(con)
    return raw.record_presentation(presented_on, note)
