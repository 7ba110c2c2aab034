"""The named queries (noegletal/queries/<name>.sql) and what makes them run on every engine.

A named query is written once, in portable SQL, with parameters as `$name` (DuckDB's own style).
For PostgreSQL (psycopg) the parameters become `%(name)s` and a literal `%` becomes `%%`;
comments are dropped first, so a `$name` or a `%` in a comment means nothing. A query may have a
dialect file beside it, `<name>.<engine>.sql` (e.g. `indicator_sources.postgres.sql`), used on
that engine instead: only where portable SQL would really cost something.

`portability_problems` names DuckDB-only constructs, so a test can hold every named query (and
every query added later) to portable SQL.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

QUERIES_PACKAGE = "noegletal.queries"

# DuckDB-only syntax that has a portable form (the test suite checks every named query).
_DUCKDB_ONLY = {
    r"\bqualify\b": "QUALIFY (filter on row_number() in a subquery)",
    r"\barg_(min|max)\s*\(": "arg_min/arg_max (rank in a subquery, or min/max of a sortable code)",
    r"\bexclude\s*\(": "SELECT * EXCLUDE (list the columns)",
    r"\b(list|array)_\w+\s*\(": "list functions",
    r"\bstruct_\w+\s*\(": "struct functions",
    r"::": "the :: cast (use cast(x as type))",
    r"\bilike\b": "ILIKE (use lower(x) like ...)",
    r"\bgroup\s+by\s+all\b": "GROUP BY ALL (name the columns)",
    r"\border\s+by\s+all\b": "ORDER BY ALL (name the columns)",
    r"\bpositional\s+join\b": "POSITIONAL JOIN",
    r"\basof\s+join\b": "ASOF JOIN",
}


@cache
def query_text(name: str, engine: str = "duckdb") -> str:
    """The SQL of a named query for an engine: its dialect file if there is one, else the portable one."""
    folder = resources.files(QUERIES_PACKAGE)
    dialect = folder.joinpath(f"{name}.{engine}.sql")
    if dialect.is_file():
        return dialect.read_text(encoding="utf-8")
    portable = folder.joinpath(f"{name}.sql")
    if not portable.is_file():
        raise KeyError(f"no named query '{name}' in noegletal/queries/")
    return portable.read_text(encoding="utf-8")


def query_names() -> list[str]:
    """Every named query (the portable files; dialect files are variants of one of them)."""
    return sorted(
        p.name[: -len(".sql")]
        for p in resources.files(QUERIES_PACKAGE).iterdir()
        if p.name.endswith(".sql") and p.name.count(".") == 1
    )


# One token of SQL at a time: comments, quoted strings and identifiers, $parameters, the rest.
_TOKENS = re.compile(
    r"""
    (?P<line_comment>--[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<string>'(?:[^']|'')*')
  | (?P<identifier>"(?:[^"]|"")*")
  | (?P<parameter>\$(?P<name>[A-Za-z_][A-Za-z0-9_]*))
  | (?P<other>[^-/'"$]+|.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(sql: str):
    for match in _TOKENS.finditer(sql):
        yield match.lastgroup if match.lastgroup != "name" else "parameter", match


def parameters(sql: str) -> list[str]:
    """The `$name` parameters a query uses, in order of first use."""
    seen: list[str] = []
    for kind, m in _tokens(sql):
        if kind == "parameter" and m.group("name") not in seen:
            seen.append(m.group("name"))
    return seen


def to_pyformat(sql: str) -> str:
    """`$name` -> `%(name)s` and `%` -> `%%` for psycopg; comments are dropped."""
    out = []
    for kind, m in _tokens(sql):
        if kind in ("line_comment", "block_comment"):
            out.append(" ")
        elif kind == "parameter":
            out.append(f"%({m.group('name')})s")
        else:
            out.append(m.group(0).replace("%", "%%"))
    return "".join(out)


def portability_problems(sql: str) -> list[str]:
    """DuckDB-only constructs in the query (outside comments and string literals)."""
    code = "".join(
        " " if kind in ("line_comment", "block_comment", "string") else m.group(0) for kind, m in _tokens(sql)
    ).lower()
    return [what for pattern, what in _DUCKDB_ONLY.items() if re.search(pattern, code)]
