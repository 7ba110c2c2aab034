"""A build that hits DuckDB's memory cap says so in Danish, naming the model and the setting
(NOEGLETAL_DUCKDB_MEMORY_LIMIT) that raises the cap, instead of DuckDB's English error."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from noegletal.dbt_runner import _failed_nodes

DUCKDB_OOM = (
    "Runtime Error in model mart_indicator_level (models/marts/mart_indicator_level.sql)\n"
    "  Out of Memory Error: could not allocate block of size 256.0 KiB (476.8 MiB/476.8 MiB used)"
)


def _result(*nodes: tuple[str, str, str]) -> SimpleNamespace:
    return SimpleNamespace(result=SimpleNamespace(results=[
        SimpleNamespace(status=status, node=SimpleNamespace(name=name, compiled_code=None), message=message)
        for name, status, message in nodes
    ]))


@pytest.mark.parametrize("limit", [None, "750MB"])
def test_a_model_out_of_memory_names_the_model_and_the_setting(monkeypatch, limit):
    if limit is None:
        monkeypatch.delenv("NOEGLETAL_DUCKDB_MEMORY_LIMIT", raising=False)
    else:
        monkeypatch.setenv("NOEGLETAL_DUCKDB_MEMORY_LIMIT", limit)
    lines = _failed_nodes(_result(
        ("mart_indicator_level", "RunStatus.Error", DUCKDB_OOM),
        ("mart_revisions", "RunStatus.Success", ""),
    ))
    assert lines == [
        f"mart_indicator_level: DuckDB nåede loftet for hukommelse (NOEGLETAL_DUCKDB_MEMORY_LIMIT={limit or '500MB'}). "
        "Sæt NOEGLETAL_DUCKDB_MEMORY_LIMIT højere, fx NOEGLETAL_DUCKDB_MEMORY_LIMIT=2GB, og byg igen."
    ]


def test_other_errors_keep_their_message():
    lines = _failed_nodes(_result(("mart_revisions", "RunStatus.Error", "Binder Error: column x not found")))
    assert lines == ["mart_revisions: error (Binder Error: column x not found)"]
