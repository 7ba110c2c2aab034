"""Time a full demo refresh (load + dbt build) against a bare one-model `dbt build`.

Both run as fresh processes, as a user runs them, on fresh warehouses; each is repeated and the
best time kept. Target: full refresh <= 1.5 x the bare build.

    .venv/bin/python bench/refresh.py [--repeat 3]
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


def timed(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def best_of(repeat: int, run) -> float:
    return min(run(i) for i in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
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
        t_load = best_of(args.repeat, load_only)

    ratio = t_full / t_bare
    print(f"demo data: {rows} rows in {len(files)} files")
    print(f"bare one-model dbt build:        {t_bare:6.2f} s")
    print(f"load only (noegletal load):      {t_load:6.2f} s")
    print(f"full refresh (load + dbt build): {t_full:6.2f} s")
    print(f"ratio full / bare:               {ratio:6.2f}  (target <= {TARGET_RATIO})  {'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
