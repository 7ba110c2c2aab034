"""The presentation register: which vintage of the key figures was shown to the board, when."""

from __future__ import annotations

from datetime import date, datetime

import duckdb

from noegletal.warehouse import ensure_raw_schema


def record(con: duckdb.DuckDBPyConnection, presented_on: date, note: str) -> int:
    """Record a presentation; the board saw the values published by `presented_on`."""
    ensure_raw_schema(con)
    (next_id,) = con.execute("select coalesce(max(presentation_id), 0) + 1 from raw.presentations").fetchone()
    con.execute(
        "insert into raw.presentations values (?, ?, ?, ?)",
        [next_id, presented_on, note, datetime.now()],
    )
    return next_id
