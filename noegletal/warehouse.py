"""The DuckDB warehouse's helpers in one place, for scripts and tests.

They live where their layer is: the raw layer's tables and upgrades in `loaders.raw_layer` (the
loaders append to it), the connection in `noegletal.access.duck`. The product reaches the
warehouse through `noegletal.access` (DuckDB or PostgreSQL)."""

from __future__ import annotations

from loaders.raw_layer import (  # noqa: F401 (re-exported)
    INDICATOR_VALUES_DDL,
    INDICATOR_VALUES_KEY,
    RAW_DDL,
    RAW_MIGRATIONS,
    ensure_raw_schema,
)
from noegletal.access import (  # noqa: F401 (re-exported)
    AUDIENCE_SCHEMAS,
    FORTROLIG,
    OFFENTLIG,
    audience,
    default_location,
    is_url,
)
from noegletal.access.duck import connect  # noqa: F401 (re-exported)
from noegletal.access.named_sql import query_text as _query_text


def query_text(name: str) -> str:
    """The SQL of a named query in noegletal/queries/<name>.sql."""
    return _query_text(name, "duckdb")
