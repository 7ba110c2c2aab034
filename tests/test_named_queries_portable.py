"""Every named query runs on every engine: portable SQL, `$name` parameters translated for psycopg.
(tests/test_postgres_end_to_end.py runs them all on PostgreSQL and compares with DuckDB.)"""

from __future__ import annotations

import pytest

from noegletal.access.named_sql import parameters, portability_problems, query_names, query_text, to_pyformat


@pytest.mark.parametrize("name", query_names())
def test_named_query_uses_no_duckdb_only_sql(name):
    assert portability_problems(query_text(name)) == []


def test_the_check_finds_duckdb_only_constructs():
    sql = """select arg_max(period, period_start), x::int, * exclude (audience) from t
             qualify row_number() over () = 1 group by all"""
    assert len(portability_problems(sql)) == 5
    # ... but not in comments or string literals
    assert portability_problems("-- qualify arg_max(\nselect 'x::int qualify' as note /* exclude ( */") == []


def test_parameters_become_pyformat_and_percent_signs_are_escaped():
    sql = (
        "-- the quarter $period ('' = latest), 100 % of it\n"
        "select '5 %' as pct, \"col$x\" from t where period = $period or $period = '' and id = $indicator_id"
    )
    assert parameters(sql) == ["period", "indicator_id"]
    translated = to_pyformat(sql)
    assert "%(period)s = ''" in translated and "period = %(period)s" in translated
    assert "id = %(indicator_id)s" in translated
    assert "'5 %%'" in translated  # a literal percent sign survives psycopg's formatting
    assert '"col$x"' in translated  # a quoted identifier is left alone
    assert "100 %" not in translated  # comments are dropped


def test_a_string_literal_with_a_dollar_is_not_a_parameter():
    assert parameters("select '$notaparam', $real from t") == ["real"]



def test_dbt_unit_test_names_fit_postgresqls_63_character_identifiers():
    # dbt names a unit test's relation after the test; PostgreSQL cuts identifiers at 63 bytes
    import yaml

    from noegletal.config import DBT_PROJECT_DIR

    names = [
        test["name"]
        for path in (DBT_PROJECT_DIR / "models").rglob("*.yml")
        for test in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests", [])
    ]
    assert names and [n for n in names if len(n.encode()) > 63] == []
