"""How `noegletal refresh` scales: 1 x, 10 x and 100 x the demo, in fresh processes.

For each scale k the script makes (untimed) a copy of the dbt project whose catalog is replicated k
times (every indicator, with its suspensions, as `<id>` and `<id>__x2` ... `<id>__x<k>`; the
units below the regions stay, and every copy of an indicator carries the demo's unit-level rows)
and the demo files with every row repeated for each copy of its indicator (quarters as today).
Then it runs, each as a fresh `noegletal` process with $NOEGLETAL_DBT_PROJECT_DIR pointing at that
copy, on fresh warehouses:

  load      `noegletal load DIR`     (validation and the raw layer only)
  dbt       `noegletal build`        on the loaded warehouse (seeds, models, data tests)
  refresh   `noegletal refresh DIR`  (both, as one change, on another fresh warehouse)

and reports rows, the three times, the refresh's CPU time and each process's peak resident
memory (the child's own user + system time and maximum RSS from wait4), plus the time of a
preparation-mode (`fortrolig`) and a public query at that size. The last line:

  scale: 100x refresh N s = R x the 1x refresh; peak RSS M MB

Goal (issue 14): R <= 2.5, M <= 1000 (M: the largest peak RSS of the 100 x processes).

The builds run under DuckDB's memory cap of dbt_project/profiles.yml (500MB unless
$NOEGLETAL_DUCKDB_MEMORY_LIMIT says otherwise); --memory-limit sets another (e.g. for 1000 x) and
the output says which cap was in effect. --refresh-only skips the separate load and build (shown
as -): for 1000 x, where each of the three takes long.

    .venv/bin/python bench/scale.py [--scales 1 10 100] [--keep DIR] [--memory-limit 2GB] [--refresh-only]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
GOAL_RATIO, GOAL_RSS_MB = 2.5, 1000


def copy_suffix(j: int) -> str:
    return "" if j == 0 else f"__x{j + 1}"


def replicated_project(dest: Path, k: int) -> Path:
    """A copy of the dbt project whose indicator catalog (and suspensions) holds k copies."""
    project = dest / "dbt_project"
    shutil.copytree(ROOT / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs", "*.duckdb"))
    for name, sort_column in (("indicators.csv", "sort_order"), ("indicator_suspensions.csv", None)):
        path = project / "seeds" / name
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            fields, rows = reader.fieldnames, list(reader)
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fields, lineterminator="\n")
            writer.writeheader()
            for j in range(k):
                for row in rows:
                    out = dict(row, indicator_id=row["indicator_id"] + copy_suffix(j))
                    if sort_column:
                        out[sort_column] = str(int(row[sort_column]) + 1000 * j)
                    writer.writerow(out)
    return project


def replicated_files(demo: list[Path], dest: Path, k: int) -> Path:
    """The demo files with every row repeated for each of the k copies of its indicator; split
    by copies into parts within the loader's limits per file (rows, bytes) where k needs it."""
    from loaders.limits import MAX_FILE_BYTES, MAX_ROWS

    out = dest / "raw"
    out.mkdir(parents=True)
    for path in demo:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header, rows = next(reader), list(reader)
        column = header.index("indicator_id")
        # a copy's bytes: the file's and a suffix (__x1000) per row; a margin of 10 % below the limits
        copy_bytes = path.stat().st_size + 8 * len(rows)
        per_part = max(1, min(int(0.9 * MAX_ROWS) // max(len(rows), 1), int(0.9 * MAX_FILE_BYTES) // copy_bytes))
        for part, first in enumerate(range(0, k, per_part)):
            name = path.name if part == 0 else f"{path.stem}_{part + 1}{path.suffix}"
            with open(out / name, "w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f, lineterminator="\n")
                writer.writerow(header)
                for j in range(first, min(first + per_part, k)):
                    suffix = copy_suffix(j)
                    for row in rows:
                        row = list(row)
                        row[column] += suffix
                        writer.writerow(row)
    return out


def run(args: list[str], env: dict) -> tuple[float, float, float]:
    """(seconds, peak RSS in MB, CPU seconds: user + system) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def query_seconds(db: Path, sql: str, repeat: int = 5) -> float:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            con.execute(sql).fetchall()
            best = min(best, time.perf_counter() - start)
    return best


def measure(work: Path, demo: list[Path], k: int, refresh_only: bool = False) -> dict:
    dest = work / f"{k}x"
    dest.mkdir()
    project = replicated_project(dest, k)
    raw = replicated_files(demo, dest, k)
    env = dict(os.environ, NOEGLETAL_DBT_PROJECT_DIR=str(project))
    env.pop("NOEGLETAL_DB", None)
    noegletal = str(BIN / "noegletal")
    loaded, refreshed = dest / "loaded.duckdb", dest / "refreshed.duckdb"
    load_s = load_mb = dbt_s = dbt_mb = None
    if not refresh_only:
        load_s, load_mb, _ = run([noegletal, "load", str(raw), "--db", str(loaded)], env)
        dbt_s, dbt_mb, _ = run([noegletal, "build", "--db", str(loaded)], env)
    refresh_s, refresh_mb, refresh_cpu = run([noegletal, "refresh", str(raw), "--db", str(refreshed)], env)

    import duckdb

    with duckdb.connect(str(refreshed), read_only=True) as con:
        (rows,) = con.execute("select count(*) from raw.indicator_values").fetchone()
    # What the dashboard asks: one indicator's values, its regions compared, one period's overview.
    one = "udredningsret_somatik"
    queries = [
        f"select * from {{schema}}.fct_indicator_value where indicator_id = '{one}'",
        f"select * from {{schema}}.mart_region_comparison where indicator_id = '{one}'",
        "select * from {schema}.mart_indicator_overview where period = '2022'",
    ]
    fortrolig_s = max(query_seconds(refreshed, q.format(schema="fortrolig")) for q in queries)
    public_s = max(query_seconds(refreshed, q.format(schema="main")) for q in queries)
    return dict(scale=k, rows=rows, load=load_s, dbt=dbt_s, refresh=refresh_s, refresh_cpu=refresh_cpu,
                rss=max(mb for mb in (load_mb, dbt_mb, refresh_mb) if mb is not None), rss_refresh=refresh_mb,
                fortrolig=fortrolig_s, public=public_s)


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--memory-limit", default=None,
                        help="DuckDB's memory cap for the builds (NOEGLETAL_DUCKDB_MEMORY_LIMIT; default: profiles.yml's)")
    parser.add_argument("--refresh-only", action="store_true", help="time the refresh only, not load and build apart")
    args = parser.parse_args()
    if args.memory_limit:
        os.environ["NOEGLETAL_DUCKDB_MEMORY_LIMIT"] = args.memory_limit
    cap = os.environ.get("NOEGLETAL_DUCKDB_MEMORY_LIMIT") or "500MB (the default)"
    print(f"DuckDB memory cap: {cap} (NOEGLETAL_DUCKDB_MEMORY_LIMIT)", flush=True)
    if 1 not in args.scales:
        args.scales.insert(0, 1)

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        # The demo once, with the shipped catalog (untimed): the rows every scale replicates.
        subprocess.run(
            [str(BIN / "python"), "-c",
             "import sys; from pathlib import Path; from noegletal.demo import generate; "
             "generate(Path(sys.argv[1]), units=True)", str(work / "demo")],
            check=True,
        )
        demo = sorted((work / "demo").glob("*.csv"))
        results = []
        print(f"{'scale':>6} {'rows':>9} {'load s':>8} {'dbt s':>8} {'refresh s':>10} {'(CPU s)':>8} "
              f"{'peak RSS MB':>12} {'fortrolig q s':>14} {'public q s':>11}", flush=True)
        for k in sorted(set(args.scales)):
            r = measure(work, demo, k, args.refresh_only)
            results.append(r)
            print(f"{r['scale']:>5}x {r['rows']:>9,} {seconds(r['load']):>8} {seconds(r['dbt']):>8} "
                  f"{r['refresh']:>10.1f} {r['refresh_cpu']:>8.1f} {r['rss']:>12.0f} {r['fortrolig']:>14.3f} "
                  f"{r['public']:>11.3f}", flush=True)
        base = results[0]
        top = results[-1]
        ratio = top["refresh"] / base["refresh"]
        print(f"(peak RSS: the largest of the load, build and refresh processes; queries: the slowest of three, "
              f"best of five; goal R <= {GOAL_RATIO}, M <= {GOAL_RSS_MB}; CPU s: the refresh's user + system "
              f"time, which a loaded machine stretches less than the wall time: "
              f"{top['refresh_cpu'] / base['refresh_cpu']:.2f} x the 1x refresh's)")
        print(f"scale: {top['scale']}x refresh {top['refresh']:.1f} s = {ratio:.2f} x the 1x refresh; "
              f"peak RSS {top['rss']:.0f} MB")


if __name__ == "__main__":
    main()
