"""A committee analyst's three tasks, walked in a real browser from the first page by clicks at
1,400 and 820 px: find the units that are significantly worse, take the numbers to Excel, and
share the exact view. One server per module on the units fixture (regions with numerators and
denominators, municipalities and hospitals below them, no board presentation); one browser page
per width, reused. Screenshots of every step go to $NOEGLETAL_SCREENSHOTS (default a temporary
directory).
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import openpyxl
import pytest
from browser_support import (  # page, shots: the walks' fixtures
    TIMEOUT, WIDTHS, choose, download_by, go_to, main, open_sidebar, selected, serve, settle, snap,
    first_page, page, shots,  # noqa: F401
)

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=TIMEOUT)

FOREBYG = "Forebyggelige sygehusophold blandt ældre"
READMISSIONS = "Akutte psykiatriske genindlæggelser inden for 30 dage"


@pytest.fixture(scope="module")
def server(units_warehouse, tmp_path_factory):
    yield from serve(units_warehouse, tmp_path_factory.mktemp("analyst_tasks_server"))


def test_units_significantly_worse(page, server, shots):
    first_page(page, server)
    w = page.width
    # the matrix is coloured by significance against the country: Nordjylland's readmissions
    # (19 pct. of 6.000 against 24) are significantly better, blue
    cell = page.locator("table.nt-matrix td", has_text="19 pct. (+)")
    expect(cell).to_have_css("background-color", "rgb(0, 114, 178)")
    snap(page, shots, f"units_1_matrix_{w}", cell)

    page.locator("table.nt-matrix thead a", has_text="Nordjylland").click()
    expect(main(page).get_by_role("heading", name="Region Nordjylland")).to_be_visible()
    settle(page)
    snap(page, shots, f"units_2_region_{w}")
    row = page.locator("table.nt-overview tr", has_text=FOREBYG)
    row.get_by_role("link", name="Se enheder").click()
    expect(main(page).get_by_role("heading", name="Enheder i Region Nordjylland")).to_be_visible()
    settle(page)
    worse = page.locator("table.nt-units tr", has_text="signifikant dårligere")
    expect(worse.filter(has_text="Læsø")).to_be_visible()
    snap(page, shots, f"units_3_worse_{w}", worse)
    page.go_back()
    expect(main(page).get_by_role("heading", name="Region Nordjylland")).to_be_visible()


def test_numbers_to_excel(page, server, shots):
    first_page(page, server)
    w = page.width
    page.locator("table.nt-overview a", has_text=READMISSIONS).first.click()
    expect(main(page).get_by_role("heading", name=READMISSIONS)).to_be_visible()
    settle(page)
    button = main(page).get_by_role("button", name="Hent tal").first
    snap(page, shots, f"excel_1_chart_{w}", button)
    download = download_by(page, button)
    assert download.suggested_filename == f"Nøgletal - {READMISSIONS} - udvikling over tid.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    assert sheet["A1"].value == f"Udvikling over tid – {READMISSIONS}"
    header = [c.value for c in sheet[3]]
    assert header[:5] == ["Region", "Periode", "Værdi", "Tæller", "Nævner (volumen)"]
    rows = {(r[0].value, r[1].value): r for r in sheet.iter_rows(min_row=4)}
    hovedstaden = rows[("Region Hovedstaden", "2022")]
    # 26 pct. (2.600 of 10.000): a number with the indicator's decimals, counts as whole numbers
    assert hovedstaden[2].value == 26 and hovedstaden[2].number_format == "0"
    assert hovedstaden[3].value == 2600 and hovedstaden[3].number_format == "#,##0"
    assert hovedstaden[header.index("Syntetisk")].value in ("ja", "nej")

    # the Data page's table of the same indicator, with a region highlighted (never filtered)
    go_to(page, "Data")
    expect(main(page).get_by_role("heading", name="Data", exact=True)).to_be_visible()
    choose(page, "Fremhæv region", "Hovedstaden")
    expect(main(page).get_by_text("Hovedstaden er fremhævet; tabellen og filerne har alle regioner.")).to_be_visible()
    main(page).get_by_text("Aktuelt niveau i den valgte periode").click()
    expect(main(page).get_by_role("heading", name=f"Aktuelt niveau i den valgte periode – {READMISSIONS}, 2022")).to_be_visible()
    settle(page)
    snap(page, shots, f"excel_2_data_{w}")
    download = download_by(page, main(page).get_by_role("button", name="Hent Excel"))
    assert download.suggested_filename == f"Nøgletal - {READMISSIONS} - aktuelt niveau - 2022.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    assert len([r for r in sheet.iter_rows(min_row=4) if r[0].value]) == 6  # every region and the country


def test_share_the_exact_view(page, server, shots, browser):
    first_page(page, server)
    w = page.width
    go_to(page, "Indikator")
    choose(page, "Målområde", "1. Bedre sammenhængende patientforløb")
    choose(page, "Indikator", READMISSIONS)
    choose(page, "Periode", "2021")
    choose(page, "Fremhæv region", "Hovedstaden")
    expect(main(page).get_by_text("Målområde 1: Bedre sammenhængende patientforløb · 2021")).to_be_visible()
    expect(selected(page, "Fremhæv region")).to_have_value("Hovedstaden")
    settle(page)
    copy = main(page).get_by_role("button", name="Kopiér link")
    copy.click()
    expect(main(page).get_by_role("button", name="Link kopieret")).to_be_visible()
    link = page.evaluate("navigator.clipboard.readText()")
    snap(page, shots, f"share_1_copied_{w}")
    params = parse_qs(urlparse(link).query)
    assert urlparse(link).path == "/indikator"
    assert params == {"page": ["indikator"], "indicator": ["genindlaeggelser_psykiatri"], "period": ["2021"],
                      "region": ["hovedstaden"]}

    # a colleague opens the link: the same indicator, period and highlighted region
    other = browser.new_context(viewport={"width": w, "height": WIDTHS[w]})
    colleague = other.new_page()
    colleague.goto(link)
    expect(main(colleague).get_by_role("heading", name=READMISSIONS)).to_be_visible()
    open_sidebar(colleague)
    expect(selected(colleague, "Periode")).to_have_value("2021")
    expect(selected(colleague, "Fremhæv region")).to_have_value("Hovedstaden")
    settle(colleague)
    snap(colleague, shots, f"share_2_opened_{w}")
    other.close()

    # the Data page's chosen table is part of the link
    go_to(page, "Data")
    # the page's own run first: a click on the radio while it still draws can be lost (seen once at 820 px)
    settle(page)
    main(page).get_by_text("Afstand til bedste i den valgte periode").click()
    expect(main(page).get_by_role("heading", name=f"Afstand til bedste i den valgte periode – {READMISSIONS}, 2021")).to_be_visible()
    settle(page)
    main(page).get_by_role("button", name="Kopiér link").click()
    expect(main(page).get_by_role("button", name="Link kopieret")).to_be_visible()
    assert parse_qs(urlparse(page.evaluate("navigator.clipboard.readText()")).query)["table"] == ["distance"]


def test_a_link_followed_in_the_same_tab(page, server, shots):
    """A shared link opened in the tab that already shows the dashboard (pasted into its address
    bar): the linked indicator, period and region, not the overview or the default indicator.
    Streamlit's frontend may ask for one more run of the root URL after the app switched to the
    linked page (dashboards/filters.linked_page); that came in about one link of eight, so three
    links in a row, each after the overview, and a look a second after the page is drawn."""
    w = page.width
    query = "indicator=genindlaeggelser_psykiatri&period=2021&region=hovedstaden"
    for n, path in enumerate(("/", "/indikator", "/")):
        first_page(page, server)
        page.goto(f"{server}{path}?{query}")
        expect(main(page).get_by_role("heading", name=READMISSIONS)).to_be_visible()
        settle(page)
        time.sleep(1)  # a late run of the root URL would show the overview by now
        settle(page)
        expect(main(page).get_by_role("heading", name=READMISSIONS)).to_be_visible()
        expect(main(page).get_by_text("Målområde 1: Bedre sammenhængende patientforløb · 2021")).to_be_visible()
        open_sidebar(page)
        expect(selected(page, "Periode")).to_have_value("2021")
        expect(selected(page, "Fremhæv region")).to_have_value("Hovedstaden")
        snap(page, shots, f"same_tab_{n}_{w}")


def test_the_date_picker_is_danish(page, server, shots):
    """Without a registered presentation the overview offers a date; its calendar is Danish and
    its weeks start on Monday."""
    first_page(page, server)
    open_sidebar(page)
    page.get_by_test_id("stSidebar").get_by_test_id("stDateInputField").click()
    calendar = page.get_by_test_id("stDateInputCalendar")
    expect(calendar).to_be_visible()
    text = calendar.inner_text()
    weekdays = [t.strip() for t in calendar.locator("th").all_inner_texts()]
    snap(page, shots, f"date_picker_{page.width}")
    page.keyboard.press("Escape")
    # Danish month names (lower case) and the week from Monday: M T O T F L S
    assert any(m in text for m in ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                                   "september", "oktober", "november", "december"))
    assert weekdays[:7] == ["M", "T", "O", "T", "F", "L", "S"], weekdays
