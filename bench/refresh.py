"""Time a full demo refresh (load + dbt build) against a bare one-model `dbt build`.

Both run as fresh processes, as a user runs them, on fresh warehouses; each is repeated and the
best time kept. Target: full refresh <= 1.5 x the bare build.

Also times loading ten years of quarterly and annual data for every indicator from publisher
spreadsheets that follow the shipped mappings (written by bench/publisher_files.py, untimed):
`load_files` in this process into a fresh DuckDB file each time, after one untimed warm-up load
(which reads the mappings and imports openpyxl); the best time is kept.

    .venv/bin/python bench/refresh.py [--repeat 3] [--publisher-years 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5

BARE_PROJECT = {
    "dbt_project.yml": "name: bare\nversion: '1.0'\nconfig-version: 2\nprofile: bare\nmodel-paths: ['models']\n",
    "profiles.yml": "bare:\n  target: duckdb\n  outputs:\n    duckdb:\n      type: duckdb\n      path: \"{{ env_var('BARE_DB') }}\"\n",
    "models/one.sql": "select 1 as x\n",
}


def dbt_nodes() -> str:
    """The nodes of the last dbt build of the project (its run_results.json): 'N nodes (a model, b test, ...)'."""
    import json
    from collections import Counter

    path = ROOT / "dbt_project" / "target" / "run_results.json"
    try:
        results = json.loads(path.read_text(encoding="utf-8"))["results"]
    except (OSError, KeyError, ValueError):
        return "node count unknown"
    kinds = Counter(r["unique_id"].split(".", 1)[0] for r in results)
    return f"{len(results)} nodes (" + ", ".join(f"{n} {kind}" for kind, n in kinds.most_common()) + ")"


def timed(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def best_of(repeat: int, run) -> float:
    return min(run(i) for i in range(repeat))


def publisher_load(tmp: Path, repeat: int, years: int) -> tuple[int, int, float]:
    """(files, rows, best seconds) for loading `years` years of publisher spreadsheets for every indicator."""
    from publisher_files import write_files  # bench/publisher_files.py, beside this script

    from loaders.store import load_files
    from noegletal.warehouse import connect

    files = write_files(tmp / "publisher", years=years)

    def load(i: int) -> tuple[float, int]:
        con = connect(tmp / f"publisher{i}.duckdb")
        try:
            start = time.perf_counter()
            report = load_files(files, con)
            elapsed = time.perf_counter() - start
        finally:
            con.close()
        if [f.status for f in report.files] != ["new"] * len(files):
            raise SystemExit(f"publisher files not loaded: {[(f.path.name, f.status) for f in report.files]}")
        return elapsed, sum(f.row_count for f in report.files)

    _, rows = load(99)  # warm-up: mappings read, openpyxl imported
    return len(files), rows, min(load(i)[0] for i in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--publisher-years", type=int, default=10,
                        help="years of quarterly and annual data in the publisher spreadsheets (default 10)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        bare = tmp / "bare"
        for name, text in BARE_PROJECT.items():
            (bare / name).parent.mkdir(parents=True, exist_ok=True)
            (bare / name).write_text(text)
        demo_dir = tmp / "demo"
        subprocess.run(
            [BIN / "noegletal", "demo", "--no-serve", "--until", "2023K1", "--out", demo_dir, "--db", tmp / "gen.duckdb"],
            check=True, stdout=subprocess.DEVNULL,
        )
        files = sorted(demo_dir.glob("*.csv"))
        rows = sum(len(f.read_text().splitlines()) - 1 for f in files)

        def bare_build(i: int) -> float:
            env = {**os.environ, "BARE_DB": str(tmp / f"bare{i}.duckdb")}
            return timed([BIN / "dbt", "build", "--project-dir", bare, "--profiles-dir", bare, "--quiet"], env)

        def full_refresh(i: int) -> float:
            return timed([BIN / "noegletal", "refresh", demo_dir, "--db", tmp / f"full{i}.duckdb"])

        def load_only(i: int) -> float:
            return timed([BIN / "noegletal", "load", demo_dir, "--db", tmp / f"load{i}.duckdb"])

        bare_build(99)  # warm the OS cache and dbt's partial-parse files before timing
        full_refresh(99)
        t_bare = best_of(args.repeat, bare_build)
        t_full = best_of(args.repeat, full_refresh)
        nodes = dbt_nodes()
        t_load = best_of(args.repeat, load_only)
        pub_files, pub_rows, t_pub = publisher_load(tmp, max(args.repeat, 5), args.publisher_years)

    ratio = t_full / t_bare
    print(f"demo data: {rows} rows in {len(files)} files")
    print(f"bare one-model dbt build:        {t_bare:6.2f} s")
    print(f"load only (noegletal load):      {t_load:6.2f} s")
    print(f"full refresh (load + dbt build): {t_full:6.2f} s  ({nodes})")
    print(f"ratio full / bare:               {ratio:6.2f}  (target <= {TARGET_RATIO})  {'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")
    print(f"publisher spreadsheets, {args.publisher_years} years of quarterly and annual data for all indicators "
          f"(load_files in-process, best of {max(args.repeat, 5)}):")
    print(f"  {pub_files} files, {pub_rows} rows in {t_pub:.2f} s: {pub_rows / t_pub:,.0f} rows/s")


if __name__ == "__main__":
    main()
