"""Screenshot a dashboard page once its charts are drawn (headless Debian Chromium via Playwright).

    .venv/bin/python scripts/screenshot.py 'http://localhost:8501/?indicator=udredningsret_somatik' out.png
"""

from __future__ import annotations

import shutil
import sys

from playwright.sync_api import sync_playwright


def screenshot(url: str, out: str, width: int = 1600, height: int = 1200, timeout_ms: int = 60_000) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url)
        # the page's own title appears once the script has run far enough to draw something
        page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout_ms)
        # Streamlit shows a running indicator until the script finishes; charts draw after that.
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms
        )
        # a chart's element exists before plotly.js has loaded and drawn it: wait for every one's SVG
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                       .every(c => c.querySelector('.main-svg'))""",
            timeout=timeout_ms,
        )
        page.screenshot(path=out, full_page=True)
        browser.close()


if __name__ == "__main__":
    screenshot(sys.argv[1], sys.argv[2])
