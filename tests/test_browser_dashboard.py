"""The dashboard in a real browser: a Streamlit server on a free localhost port against the
hand-built warehouse of tests/dashboard_warehouse.py, driven by Playwright with Debian's Chromium.

Opens every page, changes indicator, region and period, follows deep links and a link between
pages, drills down from the overview to a region to its units (on a second server against the
units fixture), downloads the data as CSV and Excel, and saves a screenshot of every page (to
$NOEGLETAL_SCREENSHOTS, default a temporary directory).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from browser_support import download_by, serve, shots  # noqa: F401 (shots: the screenshot folder)

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT = 20_000  # ms, for one page state to appear

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect


@pytest.fixture(scope="session")
def server(board_warehouse, tmp_path_factory):
    """The dashboard on the hand-built board warehouse (regions only)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    yield from serve(board_warehouse, tmp_path_factory.mktemp("server"))


@pytest.fixture(scope="session")
def units_server(units_warehouse, tmp_path_factory):
    """The dashboard on the units fixture (regions with numerators and denominators, kommuner and
    sygehuse below them)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    yield from serve(units_warehouse, tmp_path_factory.mktemp("units_server"))


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    context.close()


def settle(page) -> None:
    """Wait until the script run is over and every plotly chart is drawn."""
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
               && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                    .every(c => c.querySelector('.main-svg'))""",
        timeout=TIMEOUT,
    )


def choose(page, label: str, option: str) -> None:
    """Pick an option of the sidebar selectbox with this label."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(
        has=page.get_by_text(label, exact=True)
    )
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


# The first page of a cold server, on a loaded 2-core machine, can take well over playwright's
# default 5 s; a slow page is measured by bench/dashboard.py, not failed here.
expect.set_options(timeout=30_000)

def main_text(page):
    return page.get_by_test_id("stMain")


def test_overview_change_quarter(page, server, shots):
    page.goto(server + "/")
    expect(main_text(page).get_by_role("heading", name="Nøgletal for de nationale mål")).to_be_visible()
    expect(main_text(page).get_by_text("SYNTETISKE DATA")).to_be_visible()
    row = page.locator("table.nt-overview tr", has_text="Overholdelse af udredningsretten (somatik)")
    expect(row).to_contain_text("74 pct.")
    expect(row).to_contain_text("-3 pct.\u2011point")  # a non-breaking hyphen
    expect(row).to_contain_text("opdateret")
    expect(page.locator("tr.updated", has_text="Middellevetid")).to_have_count(0)
    expect(page.locator("table.nt-overview tr", has_text="Daglige rygere")).to_contain_text("ingen data")
    expect(page.locator("table.nt-matrix td")).to_have_count(5 * 5)  # the regions × indicators with data
    settle(page)
    page.screenshot(path=shots / "overblik.png", full_page=True)

    choose(page, "Kvartal", "4. kvt. 2022")
    kraeft = page.locator("table.nt-overview tr", has_text="standardforløbstider for kræftpakker")
    expect(kraeft).to_contain_text("2022 K4")
    expect(kraeft).to_contain_text("75 pct.")
    page.wait_for_url("**quarter=2022K4**")  # written once the page has run


def test_deep_link_to_an_indicator_and_changing_it(page, server, shots):
    page.goto(server + "/?indicator=udredningsret_somatik&period=2023K1")
    expect(page.get_by_role("heading", name="Overholdelse af udredningsretten (somatik)")).to_be_visible()
    expect(main_text(page).get_by_text("i 1. kvt. 2023 (1. kvt. 2022: 77 pct.)")).to_be_visible()
    expect(main_text(page).get_by_text("Regional variation: 27 pct.-point")).to_be_visible()
    settle(page)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2)
    page.screenshot(path=shots / "indikator.png", full_page=True)

    choose(page, "Periode", "4. kvt. 2022")
    expect(main_text(page).get_by_text("Hele landet: 77 pct. i 4. kvt. 2022").first).to_be_visible()
    page.wait_for_url("**period=2022K4**")  # written once the page has run

    choose(page, "Indikator", "Gennemsnitlig ventetid til behandling (somatik)")
    expect(page.get_by_role("heading", name="Gennemsnitlig ventetid til behandling (somatik)")).to_be_visible()
    nordjylland = page.get_by_test_id("stMetric").filter(has_text="Nordjylland")
    expect(nordjylland).to_contain_text("ingen data")
    page.wait_for_url("**indicator=ventetid_somatik**")
    assert "period=2023K1" in page.url

    choose(page, "Fremhæv region", "Syddanmark")
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    page.wait_for_url("**region=syddanmark**")


def test_region_page_and_the_link_to_an_indicator(page, server, shots):
    page.goto(server + "/?page=region&region=sjaelland")
    expect(page.get_by_role("heading", name="Region Sjælland")).to_be_visible()
    expect(page.get_by_role("heading", name="Langt fra bedste og lægger afstand (2)")).to_be_visible()
    page.screenshot(path=shots / "region.png", full_page=True)

    choose(page, "Region", "Nordjylland")
    expect(page.get_by_role("heading", name="Region Nordjylland")).to_be_visible()
    expect(main_text(page).get_by_text("diskretioneret (<5)")).to_be_visible()

    page.locator("table.nt-overview a", has_text="Overholdelse af udredningsretten (somatik)").click()
    expect(page.get_by_role("heading", name="Overholdelse af udredningsretten (somatik)")).to_be_visible()
    assert "region=nordjylland" in page.url
    expect(page.get_by_role("combobox", name="Fremhæv region")).to_have_value("Nordjylland")


def test_data_page_downloads_csv_and_excel(page, server, shots):
    page.goto(server + "/?page=data&indicator=udredningsret_somatik&period=2023K1")
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible()
    expect(main_text(page).get_by_text("18 rækker, alle regioner", exact=False)).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"] canvas').first).to_be_visible()
    page.screenshot(path=shots / "data.png", full_page=True)

    download = download_by(page, page.get_by_role("button", name="Hent CSV"))
    assert download.suggested_filename == "Nøgletal - Overholdelse af udredningsretten (somatik) - udvikling over tid.csv"
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Region;Periode;Værdi;Tæller;Nævner (volumen)")
    assert "Kildefil" in lines[0] and "Indlæst" in lines[0]
    assert len(lines) == 19
    assert any(line.startswith("Region Nordjylland;2023 K1;90,0;") for line in lines)

    download = download_by(page, page.get_by_role("button", name="Hent Excel"))
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0].startswith("Udvikling over tid")  # the title row says what the file holds
    assert rows[2][:3] == ("Region", "Periode", "Værdi")
    assert ("Region Nordjylland", "2023 K1", 90) in {r[:3] for r in rows}


def test_drill_down_from_the_overview_to_a_region_to_its_units(page, units_server, shots):
    page.goto(units_server)
    expect(main_text(page).get_by_role("heading", name="Nøgletal for de nationale mål")).to_be_visible()
    # the matrix marks Nordjylland's readmissions (19 pct. of 6.000 against the national 24) significantly better
    matrix = page.locator("table.nt-matrix")
    expect(matrix.get_by_text("19 pct. (+)")).to_be_visible()
    page.screenshot(path=shots / "drill_1_overview.png", full_page=True)

    matrix.locator("thead a", has_text="Nordjylland").click()
    expect(page.get_by_role("heading", name="Region Nordjylland")).to_be_visible()
    assert "page=region" in page.url and "region=nordjylland" in page.url
    row = page.locator("table.nt-overview tr", has_text="Forebyggelige sygehusophold blandt ældre")
    expect(row.get_by_title("signifikant bedre")).to_have_text("bedre")  # 55,0 of 120.000 against 58,0 pr. 1.000
    page.screenshot(path=shots / "drill_2_region.png", full_page=True)

    row.get_by_role("link", name="Se enheder").click()
    expect(page.get_by_role("heading", name="Enheder i Region Nordjylland")).to_be_visible()
    assert "indicator=forebyggelige_indlaeggelser_aeldre" in page.url and "period=2022" in page.url
    expect(main_text(page).get_by_text("Hele landet: 58,0 pr. 1.000").first).to_be_visible()
    settle(page)
    # the ranked units with their intervals (a forest plot in the table) and the national funnel plot
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(1)
    expect(charts.first.locator(".main-svg").first).to_be_visible()
    units = page.locator("table.nt-units tbody tr")
    expect(units).to_have_count(11)  # Nordjylland's 11 kommuner
    expect(page.locator("table.nt-units td.forest svg circle")).to_have_count(11)
    expect(page.locator("table.nt-units tr", has_text="Læsø").get_by_text("signifikant dårligere")).to_be_visible()
    page.screenshot(path=shots / "drill_3_units.png", full_page=True)
