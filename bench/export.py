"""Time the full chart pack (PDF) against the naive way: plotly's `write_image` once per figure.

Both render exactly the same figures (the time-series and distance-to-best chart of every indicator
with data, from the shared builders) to SVG in this process. The pack is `build_pack(db, "pdf")`
end to end: reading the marts, building the figures, rendering them in one Chromium session, laying
out and tagging every page (WeasyPrint, PDF/UA-1). The naive way only renders:
`fig.write_image(path, format="svg")` per figure, which starts a browser each time; the page
layout is not even included. The single-file HTML appendix (`build_pack(db, "html")`) is timed too.
Target: the full pack >= 5 x faster than write_image per figure.

    .venv/bin/python bench/export.py [--db PATH] [--naive-sample N]

Without --db a demo warehouse is generated and built in a temporary folder (untimed). With
--naive-sample N only N figures are written the naive way and the time is scaled to all figures
(said so in the output); the default times every figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_RATIO = 5.0


def demo_warehouse(tmp: Path) -> Path:
    db = tmp / "bench_export.duckdb"
    subprocess.run(
        [str(Path(sys.executable).parent / "noegletal"), "demo", "--db", str(db), "--no-serve", "--until", "2023K1",
         "--out", str(tmp / "demo")],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--period", default="2023K1")
    parser.add_argument("--naive-sample", type=int, default=0, help="write only N figures the naive way, scale up")
    args = parser.parse_args()

    from noegletal.exports import ExportOptions, build_pack, load_pack_data
    from noegletal.exports.figures import DISTANCE_SIZE, TIMESERIES_SIZE, indicator_figures
    from noegletal.exports.render import chromium_path

    os.environ.setdefault("BROWSER_PATH", chromium_path())  # plotly's write_image must find it too
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = args.db or demo_warehouse(tmp)
        options = ExportOptions(period=args.period)

        start = time.perf_counter()
        pdf = build_pack(db, "pdf", options)
        pack_seconds = time.perf_counter() - start
        start = time.perf_counter()
        html = build_pack(db, "html", options)
        html_seconds = time.perf_counter() - start

        pack = load_pack_data(db, options)
        figures = [
            (fig, size)
            for data in pack.indicators if data.period
            for fig, size in zip(indicator_figures(data), (TIMESERIES_SIZE, DISTANCE_SIZE))
        ]
        sample = figures[: args.naive_sample] if args.naive_sample else figures
        start = time.perf_counter()
        for i, (fig, (width, height)) in enumerate(sample):
            fig.write_image(tmp / f"naive_{i}.svg", format="svg", width=width, height=height)
        naive_seconds = (time.perf_counter() - start) * len(figures) / len(sample)
        shutil.rmtree(tmp / "demo", ignore_errors=True)

    ratio = naive_seconds / pack_seconds
    print(f"figures:                          {len(figures)}")
    print(f"full PDF pack (build_pack):       {pack_seconds:6.1f} s  ({len(pdf) / 1e6:.1f} MB, {len(pack.indicators)} indicator pages)")
    print(f"HTML appendix (build_pack html):  {html_seconds:6.1f} s  ({len(html) / 1e6:.1f} MB, one file)")
    naive_note = "" if len(sample) == len(figures) else f"  (timed {len(sample)} figures, scaled to {len(figures)})"
    print(f"naive write_image per figure:     {naive_seconds:6.1f} s{naive_note}")
    print(f"ratio naive / pack:               {ratio:6.1f} x  (target >= {TARGET_RATIO:g} x: {'ok' if ratio >= TARGET_RATIO else 'MISSED'})")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
