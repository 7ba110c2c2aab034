"""Time to first render of every dashboard page in headless Chromium, against a bare Streamlit
page with one plotly chart.

Starts two Streamlit servers on free localhost ports: the dashboard (against the warehouse of
--db, e.g. the full demo: `noegletal demo --db /tmp/dash.duckdb --no-serve`) and a
baseline app written to a temporary directory (a title and one plotly line chart). Every page
is loaded once untimed (so the server's query cache is warm, as it is for the board), then
--repeat times in a fresh browser context (empty browser cache: plotly.js is fetched and parsed
every time, for the baseline too); the median is printed.

Per page: time to the first numbers visible, and time to fully drawn (the script run finished
and every plotly chart rendered). Targets: fully drawn <= 1.2 x the baseline; first numbers no
later than the baseline's first text. A page that does not finish within --timeout seconds counts
as a time-out (reported as such, with how many runs timed out) and the bench goes on.

    .venv/bin/python bench/dashboard.py --db /tmp/dash.duckdb [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.2
# A Danish browser, as the board's and the secretariats' are: another language gets one more
# script run on its first visit, to redraw the widgets in Danish (dashboards/browser.py).
CONTEXT = {"viewport": {"width": 1440, "height": 1000}, "locale": "da-DK"}
TIMED_OUT = float("inf")  # a run that did not finish: sorts last, so a median of mostly time-outs is one

BASELINE_APP = '''
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
st.title("Baseline")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[74, 77, 75, 79], mode="lines+markers")))
'''

# page -> (path and query, selector of the first numbers, number of plotly charts when fully drawn).
# Each page at its own path, as the sidebar and the links between pages open it; a link shared as
# the root with parameters (/?indicator=...) runs the entry script twice (the root, then
# st.switch_page) and is measured once, for the Indikator page.
PAGES = {
    "Overblik": ("/overblik", "table.nt-overview td.num", 0),
    "Indikator": ("/indikator?indicator=udredningsret_somatik&period=2023K1", ".st-key-nt_lead strong", 2),
    "Indikator (delt link /?)": ("/?indicator=udredningsret_somatik&period=2023K1", ".st-key-nt_lead strong", 2),
    "Region": ("/regioner?region=sjaelland", "table.nt-overview td.num", 0),
    "Data": ("/data?indicator=udredningsret_somatik&period=2023K1", '[data-testid="stDataFrame"] canvas', 0),
    # the largest drill-down of the demo: Hovedstaden's 29 kommuner ranked, all 98 on the funnel plot
    "Enheder": (
        "/enheder?region=hovedstaden&indicator=genindlaeggelser_somatik&period=2025",
        ".st-key-nt_units_lead strong", 1,
    ),
}
# the baseline's "first numbers" is its title: the floor for any content a Streamlit page can show
BASELINE = ("/", "h1", 1)
BASELINE_NAME = "Baseline (1 plotly-graf)"

FULLY_DRAWN = """(charts) => !document.querySelector('[data-testid="stStatusWidget"]')
    && document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').length >= charts
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'))"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(app: Path, cwd: Path, env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # a loaded machine took more than 30 s to start Streamlit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"Streamlit did not start: {app}")


def measure(browser, url: str, first_selector: str, charts: int, context=None,
            timeout_s: float = 60) -> tuple[float, float]:
    """Open the URL in a new tab; in a fresh browser context (empty cache) unless one is given.
    (first numbers, fully drawn) in seconds; TIMED_OUT for what did not happen within timeout_s."""
    from playwright.sync_api import Error as PlaywrightError

    own = context is None
    context = context or browser.new_context(**CONTEXT)
    page = context.new_page()
    first = drawn = TIMED_OUT
    start = time.perf_counter()
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_selector(first_selector, state="visible", timeout=timeout_s * 1000)
        first = time.perf_counter() - start
        remaining = max(timeout_s - first, 1)
        page.wait_for_function(FULLY_DRAWN, arg=charts, timeout=remaining * 1000, polling=20)
        drawn = time.perf_counter() - start
    except PlaywrightError:  # a time-out (or a page that broke): reported, the bench goes on
        pass
    finally:
        page.close()
        if own:
            context.close()
    return first, drawn


def seconds(value: float) -> str:
    return "time-out" if value == TIMED_OUT else f"{value:.2f}s"


def report(title: str, results: dict[str, list[tuple[float, float]]]) -> bool:
    medians = {
        name: (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        for name, runs in results.items()
    }
    base_first, base_drawn = medians[BASELINE_NAME]
    print(title)
    print(f"{'side':<26}{'første tal':>12}{'helt tegnet':>13}{'/ baseline':>12}  mål")
    ok = True
    for name, (first, drawn) in medians.items():
        ratio = drawn / base_drawn
        timeouts = sum(1 for r in results[name] if TIMED_OUT in r)
        if name == BASELINE_NAME:
            verdict = ""
        else:
            passed = ratio <= TARGET_RATIO and first <= base_first
            ok &= passed
            verdict = "ok" if passed else ("OVER (første tal)" if ratio <= TARGET_RATIO else "OVER")
        if timeouts:
            verdict += f" ({timeouts} af {len(results[name])} runder: time-out)"
        shown_ratio = "-" if ratio == TIMED_OUT or ratio != ratio else f"{ratio:.2f}x"
        print(f"{name:<26}{seconds(first):>12}{seconds(drawn):>13}{shown_ratio:>12}  {verdict}")
    print(f"Mål: helt tegnet <= {TARGET_RATIO} x baseline, første tal senest som baselinens første tekst "
          f"({seconds(base_first)}): " + ("opfyldt" if ok else "IKKE opfyldt"))
    print()
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=os.environ.get("NOEGLETAL_DB", ROOT / "data" / "warehouse.duckdb"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a page counts as a time-out")
    args = parser.parse_args()
    if not Path(args.db).exists():
        raise SystemExit(f"No warehouse at {args.db}: run `noegletal demo --db {args.db} --no-serve`")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium)")

    env = {**os.environ, "NOEGLETAL_DB": str(Path(args.db).resolve())}
    env.pop("NOEGLETAL_AUDIENCE", None)
    with tempfile.TemporaryDirectory() as tmp:
        baseline_app = Path(tmp) / "baseline.py"
        baseline_app.write_text(BASELINE_APP, encoding="utf-8")
        shutil.copytree(ROOT / ".streamlit", Path(tmp) / ".streamlit")  # same server settings
        app_proc, app_url = start_server(ROOT / "dashboards" / "app.py", ROOT, env)
        base_proc, base_url = start_server(baseline_app, Path(tmp), env)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
                targets = {BASELINE_NAME: (base_url, *BASELINE)}
                targets.update({name: (app_url, *spec) for name, spec in PAGES.items()})
                warm_contexts = {name: browser.new_context(**CONTEXT) for name in targets}
                for name, (url, path, selector, charts) in targets.items():
                    # warm-up: the server's query cache and imports, and the warm context's browser cache
                    measure(browser, url + path, selector, charts, warm_contexts[name], args.timeout)
                cold = {name: [] for name in targets}
                warm = {name: [] for name in targets}
                # rounds interleave the pages and the baseline, so a busy machine affects all alike
                for _ in range(args.repeat):
                    for name, (url, path, selector, charts) in targets.items():
                        cold[name].append(measure(browser, url + path, selector, charts, timeout_s=args.timeout))
                        warm[name].append(measure(browser, url + path, selector, charts, warm_contexts[name],
                                                  args.timeout))
                browser.close()
        finally:
            for proc in (app_proc, base_proc):
                proc.terminate()
                proc.wait(timeout=10)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Lager: {args.db}; median af {args.repeat} runder; time-out efter {args.timeout:.0f} s; belastning (load average) {load:.1f} "
          f"på {os.cpu_count()} CPU'er")
    print()
    report("Tomt browsercache (første besøg), varm server:", cold)
    report("Varmt browsercache (genbesøg), varm server:", warm)


if __name__ == "__main__":
    main()
