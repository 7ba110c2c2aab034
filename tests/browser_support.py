"""Shared pieces of the browser tests: a Streamlit server of the dashboard on a free localhost
port, Debian's Chromium through Playwright, the walks' fixtures (a browser page per width, the
screenshot folder) and what a person does (open the sidebar, pick an option, wait until the page
is drawn, take a screenshot of what is on screen).

The fixtures `page` and `shots` are found by pytest where a test module imports them
(`from browser_support import page, shots`); `page` needs the session's `browser` (conftest.py)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT = 30_000  # ms, for one page state to appear on a loaded 2-core machine
WIDTHS = {1400: 1000, 820: 1180}  # a laptop, and a tablet held upright (iPad Air: 820 × 1180)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path | str, log_dir: Path, *, extra_args: tuple[str, ...] = (), env: dict | None = None,
          port: int | None = None):
    """`noegletal serve` (the real command, with its checks) on a free port against `db` (a DuckDB
    file or a postgresql:// URL); yields its URL. `extra_args` follow the command (`--fortrolig`,
    `--secrets FILE`), `env` is added to its environment, `port` is chosen by the caller when
    something must name it first (a sign-in's redirect URI)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    port = port or free_port()
    env = {**os.environ, **(env or {}), "NOEGLETAL_DB": str(db)}
    env.pop("NOEGLETAL_AUDIENCE", None)
    log = open(log_dir / f"serve_{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "noegletal", "serve", "--port", str(port), "--db", str(db), *extra_args],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 40
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop(proc, signal.SIGKILL)
            log.close()
            pytest.fail(f"the dashboard did not start: {(log_dir / log.name).read_text()}")
        time.sleep(0.2)
    try:
        yield url
    finally:
        _stop(proc, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _stop(proc, signal.SIGKILL)
        log.close()


def _stop(proc: subprocess.Popen, sig: int) -> None:
    """Signal the command and the Streamlit server it started (its own process group)."""
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:  # all of them have ended already
        pass


@pytest.fixture(scope="module", params=list(WIDTHS), ids=lambda w: f"{w}px")
def page(request, browser):
    """One browser page per width for a module's walks, reused by its tests: a touch screen on the
    tablet, downloads accepted, the clipboard readable (the "Kopiér link" button)."""
    width = request.param
    context = browser.new_context(
        viewport={"width": width, "height": WIDTHS[width]}, accept_downloads=True, has_touch=width < 1000,
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.width = width
    yield page
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """The folder for the walks' screenshots: $NOEGLETAL_SCREENSHOTS, or a temporary one."""
    target = os.environ.get("NOEGLETAL_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def main(page):
    return page.get_by_test_id("stMain")


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def settle(page) -> None:
    """Wait until the script run is over and every plotly chart is drawn."""
    time.sleep(0.3)  # a click's rerun starts a moment after the click
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
               && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                    .every(c => c.querySelector('.main-svg'))""",
        timeout=TIMEOUT,
    )


def download_by(page, button):
    """Click a download button and return the download. A click that lands while the page is
    being redrawn is lost (seen under load, after an in-app link's rerun), so a person (and
    this) clicks again once."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        with page.expect_download(timeout=TIMEOUT // 2) as info:
            button.click()
        return info.value
    except PlaywrightTimeout:
        settle(page)
        with page.expect_download(timeout=TIMEOUT) as info:
            button.click()
        return info.value


def open_sidebar(page) -> None:
    """Unfold the sidebar if it is folded away (as it is on a narrow screen). A click that lands
    while the sidebar is still folding is lost, so a person (and this) clicks again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    nav = sidebar(page).get_by_test_id("stSidebarNav")
    expand = page.get_by_test_id("stExpandSidebarButton")
    for _ in range(2):
        if expand.is_visible():
            expand.click()
        try:
            nav.wait_for(state="visible", timeout=TIMEOUT // 3)
            return
        except PlaywrightTimeout:
            continue
    if expand.is_visible():
        expand.click()
    nav.wait_for(state="visible", timeout=TIMEOUT)


NARROW = 1000  # below this width a person folds the sidebar away after using it (a tablet)


def fold_sidebar_if_narrow(page) -> None:
    """On a tablet the sidebar takes a third of the screen: fold it away to read the page."""
    if page.viewport_size["width"] >= NARROW:
        return
    settle(page)
    fold = page.get_by_test_id("stSidebarCollapseButton")
    if fold.is_visible():
        fold.locator("button").click()
        page.get_by_test_id("stExpandSidebarButton").wait_for(state="visible", timeout=TIMEOUT)


def first_page(page, server: str) -> None:
    """Open the dashboard at its root, as from a bookmark, and wait until the overview is drawn."""
    page.goto(server + "/")
    main(page).get_by_role("heading", name="Nøgletal for de nationale mål").wait_for(state="visible", timeout=TIMEOUT)
    settle(page)
    fold_sidebar_if_narrow(page)


def go_to(page, title: str) -> None:
    """Click a page in the sidebar's navigation."""
    open_sidebar(page)
    sidebar(page).get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    fold_sidebar_if_narrow(page)


def choose(page, label: str, option: str) -> None:
    """Pick an option of the sidebar selectbox with this label."""
    open_sidebar(page)
    box = sidebar(page).get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True))
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    fold_sidebar_if_narrow(page)


def selected(page, label: str):
    """The sidebar selectbox with this label (its input holds the option shown)."""
    return sidebar(page).get_by_role("combobox", name=label)


def snap(page, directory: Path, name: str, locator=None) -> Path:
    """A screenshot of what is on screen, with `locator` scrolled into view."""
    if locator is not None:
        locator.first.scroll_into_view_if_needed()
    path = directory / f"{name}.png"
    page.screenshot(path=path)
    return path


def choose_meeting_date(page, day: str = "09.12.2026") -> None:
    """Type the meeting's date (DD.MM.YYYY) into "Hent bilag"'s Mødedato, as a person does: the
    field is a date field of day, month and year parts; typing the digits fills them in turn."""
    field = main(page).get_by_test_id("stDateInput").filter(has=page.get_by_text("Mødedato", exact=True))
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type(day.replace(".", ""))
    # leave the field (its calendar opens while typing): the value is sent
    main(page).get_by_role("heading", name="Hent bilag").click()
    settle(page)
