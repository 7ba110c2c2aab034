"""Time to the first numbers of the single-file HTML appendix in headless Chromium, beside the
dashboard's Indikator page.

The appendix (`noegletal export --format html`) is written to a temporary file and opened from
disk (file://, as from an e-mail or the intranet: no server); the first numbers are its first
level table's cells. The dashboard's Indikator page is served by Streamlit (bench/dashboard.py's
server and measurement, first numbers = the lead line's national value). Each is opened --repeat
times in a fresh browser context (empty cache); medians are printed.

    .venv/bin/python bench/appendix.py --db /tmp/dash.duckdb [--repeat 3] [--period 2023K1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FIRST_NUMBERS = "table.nt-level td"


def open_file(browser, url: str) -> tuple[float, float]:
    """(first numbers visible, every chart image decoded) in seconds, in a fresh context."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(FIRST_NUMBERS, state="visible", timeout=60_000)
    first = time.perf_counter() - start
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=60_000, polling=20)
    drawn = time.perf_counter() - start
    context.close()
    return first, drawn


def _timed(measure, *args) -> tuple[float, float] | None:
    """A measurement, or None when the page was not drawn within 60 s (a machine under load)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        return measure(*args)
    except PlaywrightTimeout:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--period", default="2023K1")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import dashboard  # bench/dashboard.py: the same server and measurement as the page benchmark

    from noegletal.exports import ExportOptions, build_pack

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    env = {**os.environ, "NOEGLETAL_DB": str(args.db.resolve())}
    env.pop("NOEGLETAL_AUDIENCE", None)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        html = build_pack(args.db, "html", ExportOptions(period=args.period))
        built = time.perf_counter() - start
        appendix = Path(tmp) / "bilag.html"
        appendix.write_bytes(html)
        proc, url = dashboard.start_server(ROOT / "dashboards" / "app.py", ROOT, env)
        path, selector, charts = dashboard.PAGES["Indikator"]
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
                _timed(dashboard.measure, browser, url + path, selector, charts)  # warm the server's cache
                files, pages = [], []
                for _ in range(args.repeat):
                    files.append(_timed(open_file, browser, appendix.as_uri()))
                    pages.append(_timed(dashboard.measure, browser, url + path, selector, charts))
                browser.close()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:  # a loaded machine: do not lose the measurements
                proc.kill()

    load = os.getloadavg()[0]
    print(f"HTML appendix: {len(html) / 1e6:.1f} MB, built in {built:.1f} s; median of {args.repeat}, load {load:.1f}")
    for name, runs in (("HTML appendix (file://)", files), ("Indikator page (Streamlit)", pages)):
        done = [r for r in runs if r is not None]
        if not done:
            print(f"{name:<28} timed out (60 s) in every run")
            continue
        first = statistics.median(r[0] for r in done)
        drawn = statistics.median(r[1] for r in done)
        print(f"{name:<28} first numbers {first:5.2f} s   fully drawn {drawn:5.2f} s"
              + (f"   ({len(runs) - len(done)} of {len(runs)} runs timed out)" if len(done) < len(runs) else ""))


if __name__ == "__main__":
    main()
