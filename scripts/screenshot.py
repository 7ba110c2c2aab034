"""Screenshot a dashboard page once its charts are drawn (headless Debian Chromium via Playwright).

    .venv/bin/python scripts/screenshot.py 'http://localhost:8501/?indicator=udredningsret_somatik' out.png [width height]
"""

from __future__ import annotations

import shutil
import sys
import time

from playwright.sync_api import sync_playwright

# the script run is over, no element is a placeholder, and every plotly chart has its SVG (a
# chart's element exists before plotly.js has loaded and drawn it)
DRAWN = """() => !!document.querySelector("[data-testid='stMain'] h1")
    && !document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'))"""


def screenshot(url: str, out: str, width: int = 1600, height: int = 1200, timeout_s: float = 60) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url)
        # a page may rerun right after its first run (query parameters written back): wait until
        # it has stayed drawn for a second
        deadline, stable_since = time.monotonic() + timeout_s, None
        while time.monotonic() < deadline:
            if page.evaluate(DRAWN):
                stable_since = stable_since or time.monotonic()
                if time.monotonic() - stable_since >= 1.0:
                    break
            else:
                stable_since = None
            time.sleep(0.1)
        else:
            raise SystemExit(f"{url} was not drawn within {timeout_s:.0f} s")
        page.screenshot(path=out, full_page=True)
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) not in (3, 5):
        raise SystemExit(__doc__)
    size = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) == 5 else ()
    screenshot(sys.argv[1], sys.argv[2], *size)
