"""WCAG 2.1 AA in a real browser: axe-core (the WCAG 2.0/2.1 A and AA rules, shipped offline by
axe-playwright-python) finds no violation on any page of the dashboard, in the public and the
preparation mode (`--fortrolig`, signed in), at a laptop's 1,400 px and a tablet's 820 px; every
page says lang="da"; and two board tasks are done with the keyboard alone: choose an indicator
and read its chart as a table, and open a region from the overview.

The warehouse is the hand-built board warehouse shared by the session (tests/warehouses.py;
embargoed values in preparation mode). A violation not on ALLOWED fails the test with axe's own description.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from browser_support import (  # page, shots: the walks' fixtures
    TIMEOUT, WIDTHS, first_page, main, page, serve, shots, snap,  # noqa: F401
)
from sign_in_support import LISTED, provider, serve_preparation, sign_in  # noqa: F401 (provider: fixture)

pytestmark = [
    pytest.mark.browser,
    # oidc-provider-mock 0.3.4 imports Authlib's deprecated jose and httpx modules
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]
playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")
expect = playwright_api.expect
PlaywrightTimeout = playwright_api.TimeoutError
expect.set_options(timeout=TIMEOUT)

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# url path -> the page's heading (h1), as a visitor reaches it from the navigation
PAGES = {
    "overblik": "Nøgletal for de nationale mål",
    "indikator": None,  # the indicator's name
    "regioner": None,  # "Region ..."
    "data": None,
    "enheder": None,
    "metode": "Metode",
    "tilgaengelighed": "Tilgængelighedserklæring",
}
# Violations accepted, each with its reason (docs/accessibility.md lists them as known exceptions).
# Empty: every page passes every A and AA rule axe checks.
ALLOWED: dict[str, str] = {}
UDREDNING = "Overholdelse af udredningsretten (somatik)"


@pytest.fixture(scope="module")
def server(board_warehouse, tmp_path_factory):
    yield from serve(board_warehouse, tmp_path_factory.mktemp("accessibility_server"))


@pytest.fixture(scope="module")
def preparation(board_warehouse, provider, tmp_path_factory):  # noqa: F811 (provider is a fixture)
    yield from serve_preparation(board_warehouse, provider, tmp_path_factory.mktemp("accessibility_secrets"))


def drawn(page) -> None:
    """Wait until the run is over, no element is stale (Streamlit fades those) and charts are drawn."""
    time.sleep(0.3)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
               && !document.querySelector('[data-stale="true"]')
               && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                    .every(c => c.querySelector('.main-svg'))""",
        timeout=TIMEOUT,
    )


def violations(page) -> list[str]:
    """axe's A and AA violations on the page as drawn, those on ALLOWED left out."""
    result = axe_api.Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – " + "; ".join(n["html"][:120] for n in v["nodes"][:3])
        for v in result.response["violations"] if v["id"] not in ALLOWED
    ]


def check_every_page(page, url: str, mode: str, shots: Path) -> None:
    found = {}
    for path, heading in PAGES.items():
        page.goto(f"{url}/{path}")
        title = main(page).get_by_role("heading", level=1, name=heading) if heading else main(page).locator("h1")
        # a fresh server's first page imports and reads the warehouse: on a loaded machine it takes longer
        try:
            title.first.wait_for(state="visible", timeout=3 * TIMEOUT)
        except PlaywrightTimeout:
            # once in a full run, beside the Spark builds, a page never drew its heading within 90 s:
            # open the link again, as a reader would (not a reload: the app may have rewritten the
            # address by then); a page that does not draw after that fails the test
            page.goto(f"{url}/{path}")
            title.first.wait_for(state="visible", timeout=3 * TIMEOUT)
        drawn(page)
        # dashboards/a11y.py's script sets the language as the app starts (fails here if it never does)
        page.wait_for_function("document.documentElement.lang === 'da'", timeout=TIMEOUT)
        found[path] = violations(page)
        snap(page, shots, f"a11y_{mode}_{path}_{page.viewport_size['width']}")
    assert not any(found.values()), {p: v for p, v in found.items() if v}


def test_no_axe_violation_on_any_public_page(page, server, shots):
    check_every_page(page, server, "public", shots)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_axe_violation_on_any_page_in_preparation_mode(browser, preparation, shots, width):
    url, _log = preparation
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]}, has_touch=width < 1000)
    try:
        signed_in = context.new_page()
        signed_in.set_default_timeout(TIMEOUT)
        sign_in(signed_in, url, LISTED)
        check_every_page(signed_in, url, "fortrolig", shots)
    finally:
        context.close()


# --- the keyboard alone ----------------------------------------------------------------------


def tab_to(page, condition: str, limit: int = 150) -> None:
    """Press Tab until `condition` (a JS expression on `el`, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && !!({condition}); }})()"):
            return
    raise AssertionError(f"the keyboard never reached: {condition}")


def focus_is_visible(page) -> bool:
    """The focused element is drawn with an outline (or a focus ring as a box shadow)."""
    return page.evaluate(
        """(() => { const s = getComputedStyle(document.activeElement);
                    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; })()"""
    )


@pytest.fixture(scope="module")
def laptop(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    keyboard_page = context.new_page()
    keyboard_page.set_default_timeout(TIMEOUT)
    yield keyboard_page
    context.close()


def test_keyboard_choose_an_indicator_and_read_its_chart_as_a_table(laptop, server, shots):
    laptop.goto(f"{server}/indikator")
    main(laptop).locator("h1").first.wait_for(state="visible", timeout=TIMEOUT)
    drawn(laptop)
    tab_to(laptop, "el.closest('[data-testid=\"stSelectbox\"]') && el.closest('[data-testid=\"stSelectbox\"]').innerText.startsWith('Indikator')")
    assert focus_is_visible(laptop)
    laptop.keyboard.type("udredningsretten (somatik)")
    laptop.keyboard.press("Enter")
    expect(main(laptop).get_by_role("heading", level=1, name=UDREDNING)).to_be_visible()
    drawn(laptop)
    # the chart is a named figure described in words, with its numbers
    chart = main(laptop).get_by_role("figure", name="Udvikling over tid")
    expect(chart).to_have_attribute("aria-describedby", "nt-desc-timeseries")
    expect(main(laptop).locator("#nt-desc-timeseries")).to_contain_text("Hele landet: 74 pct. i 1. kvt. 2023")
    tab_to(laptop, "el.tagName === 'SUMMARY' && el.innerText.includes('Vis som tabel')")
    assert focus_is_visible(laptop)
    snap(laptop, shots, "a11y_keyboard_1_summary_focused")
    laptop.keyboard.press("Enter")
    table = main(laptop).locator("table.nt-chart-table").first
    expect(table).to_be_visible()
    expect(table.locator("caption")).to_have_text("Udvikling over tid")
    expect(table.locator("tr", has_text="2023 K1")).to_contain_text("74 pct.")
    snap(laptop, shots, "a11y_keyboard_2_table", table)


def test_keyboard_open_a_region_from_the_overview(laptop, server, shots):
    laptop.goto(f"{server}/")
    main(laptop).get_by_role("heading", name="Nøgletal for de nationale mål").wait_for(state="visible", timeout=TIMEOUT)
    drawn(laptop)
    tab_to(laptop, "el.tagName === 'A' && el.closest('table.nt-matrix thead') && el.innerText.includes('Nordjylland')")
    assert focus_is_visible(laptop)
    snap(laptop, shots, "a11y_keyboard_3_region_link")
    laptop.keyboard.press("Enter")
    expect(main(laptop).get_by_role("heading", level=1, name="Region Nordjylland")).to_be_visible()
    drawn(laptop)
    expect(main(laptop).get_by_role("figure", name="Nordjylland på alle indikatorer")).to_be_visible()
