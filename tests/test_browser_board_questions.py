"""The board's four questions, walked in a real browser from the first page by clicks, at a
laptop's 1,400 px and a tablet's 820 px: what is new since the last meeting, where my region
stands, the target, and the pack. One server per module (the hand-built board warehouse of
tests/dashboard_warehouse.py: presentation 15 March 2023, the cancer pathways' target of 90 pct.);
one browser page per width, reused by the walks. Every step is saved as a screenshot (to
$NOEGLETAL_SCREENSHOTS, default a temporary directory).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import (  # page, shots: the walks' fixtures
    TIMEOUT, WIDTHS, choose, choose_meeting_date, go_to, main, open_sidebar, selected, serve, settle, sidebar, snap,
    first_page, page, shots,  # noqa: F401
)

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=TIMEOUT)

KRAEFT = "Overholdelse af standardforløbstider for kræftpakker"
UDREDNING = "Overholdelse af udredningsretten (somatik)"


@pytest.fixture(scope="module")
def server(board_warehouse, tmp_path_factory):
    yield from serve(board_warehouse, tmp_path_factory.mktemp("board_questions_server"))


def overview_row(page, name: str):
    return page.locator("table.nt-overview tr", has_text=name).first


def test_what_is_new_since_the_last_meeting(page, server, shots):
    first_page(page, server)
    w = page.width
    # one line for the board member; the board saw 77 pct. and 44 dage then, 74 and 46 now
    expect(main(page).get_by_text(
        "4 indikatorer har nye tal siden bestyrelsesmødet 15. marts 2023; 2 er gået den forkerte vej."
    )).to_be_visible()
    expect(overview_row(page, UDREDNING)).to_contain_text("siden mødet: ▼\u00a0-3 pct.\u2011point")
    # the updated indicators are bold with "opdateret"; life expectancy was published before the meeting
    expect(overview_row(page, UDREDNING).locator(".badge", has_text="opdateret")).to_be_visible()
    expect(page.locator("tr.updated", has_text="Middellevetid")).to_have_count(0)
    snap(page, shots, f"new_1_overview_{w}")

    overview_row(page, UDREDNING).get_by_role("link", name=UDREDNING).click()
    expect(main(page).get_by_role("heading", name=UDREDNING)).to_be_visible()
    expect(main(page).get_by_text("Hele landet: 74 pct. i 1. kvt. 2023 (1. kvt. 2022: 77 pct.)").first).to_be_visible()
    settle(page)
    snap(page, shots, f"new_2_indicator_{w}")

    # Back goes back one view: to the overview, with the presentation still chosen
    page.go_back()
    expect(main(page).get_by_role("heading", name="Nøgletal for de nationale mål")).to_be_visible()
    open_sidebar(page)
    expect(selected(page, "Opdateret siden præsentationen")).to_have_value("15. marts 2023 – Bestyrelsesmøde")
    snap(page, shots, f"new_3_back_{w}")

    # "Kun opdaterede": life expectancy (published before the meeting) goes
    main(page).get_by_text("Kun opdaterede").click()
    expect(page.locator("table.nt-overview tr", has_text="Middellevetid")).to_have_count(0)
    expect(overview_row(page, KRAEFT)).to_be_visible()
    snap(page, shots, f"new_4_only_updated_{w}")
    main(page).get_by_text("Kun opdaterede").click()
    expect(page.locator("table.nt-overview tr", has_text="Middellevetid").first).to_be_visible()

    # the chosen quarter and presentation survive a click to another page and back
    choose(page, "Kvartal", "4. kvt. 2022")
    expect(overview_row(page, KRAEFT)).to_contain_text("2022 K4")
    settle(page)  # the run that stores the chosen quarter ends before the next click (a click during it was lost under load)
    page.locator("table.nt-matrix thead a", has_text="Sjælland").click()
    expect(main(page).get_by_role("heading", name="Region Sjælland")).to_be_visible()
    open_sidebar(page)
    expect(selected(page, "Kvartal")).to_have_value("4. kvt. 2022")
    go_to(page, "Overblik")
    expect(main(page).get_by_role("heading", name="Nøgletal for de nationale mål")).to_be_visible()
    expect(selected(page, "Kvartal")).to_have_value("4. kvt. 2022")
    expect(selected(page, "Opdateret siden præsentationen")).to_have_value("15. marts 2023 – Bestyrelsesmøde")
    snap(page, shots, f"new_5_quarter_kept_{w}")


def test_where_my_region_stands(page, server, shots):
    first_page(page, server)
    w = page.width
    matrix = page.locator("table.nt-matrix")
    matrix.locator("thead a", has_text="Nordjylland").click()
    expect(main(page).get_by_role("heading", name="Region Nordjylland")).to_be_visible()
    # first one picture of the region on every indicator, then the table
    expect(main(page).get_by_role("heading", name="Nordjylland på alle indikatorer")).to_be_visible()
    settle(page)
    spine = main(page).get_by_test_id("stPlotlyChart").first
    expect(spine.locator(".main-svg").first).to_be_visible()
    expect(spine.get_by_text("hele landet").first).to_be_visible()
    snap(page, shots, f"region_1_spine_{w}", spine)

    table_link = page.locator("table.nt-overview a", has_text=UDREDNING).first
    snap(page, shots, f"region_2_table_{w}", table_link)
    table_link.click()
    expect(main(page).get_by_role("heading", name=UDREDNING)).to_be_visible()
    open_sidebar(page)
    expect(selected(page, "Fremhæv region")).to_have_value("Nordjylland")
    settle(page)
    snap(page, shots, f"region_3_indicator_{w}")

    # Back twice: the Region page, then the overview (one view per step)
    page.go_back()
    expect(main(page).get_by_role("heading", name="Region Nordjylland")).to_be_visible()
    page.go_back()
    expect(main(page).get_by_role("heading", name="Nøgletal for de nationale mål")).to_be_visible()


def test_the_target(page, server, shots):
    first_page(page, server)
    w = page.width
    row = overview_row(page, KRAEFT)
    expect(row).to_contain_text("0 af 5 regioner når 90 pct.")
    expect(row).to_contain_text("Hele landet: ikke nået (90 pct.)")
    snap(page, shots, f"target_1_overview_{w}", row)
    # the matrix: no region meets it (✗ in every cell of the row)
    matrix_row = page.locator("table.nt-matrix tr", has_text=KRAEFT)
    expect(matrix_row.get_by_text("✗")).to_have_count(5)
    snap(page, shots, f"target_2_matrix_{w}", matrix_row)

    row.get_by_role("link", name=KRAEFT).click()
    expect(main(page).get_by_role("heading", name=KRAEFT)).to_be_visible()
    expect(main(page).get_by_text("Måltal: 0 af 5 regioner når 90 pct.")).to_be_visible()
    card = main(page).locator(
        "[data-testid='stVerticalBlock']", has=page.get_by_test_id("stMetric").filter(has_text="Nordjylland"),
    ).last
    expect(card).to_contain_text("87 pct.")
    expect(card).to_contain_text("måltal ikke nået")
    settle(page)
    snap(page, shots, f"target_3_cards_{w}", card)


def test_the_pack(page, server, shots, tmp_path):
    """From the first page: "Hent bilag" on the overview makes the PDF pack for the quarter shown,
    and the downloaded file is the appendix (cover "Bestyrelsesmøde <date>", a page per indicator)."""
    first_page(page, server)
    heading = main(page).get_by_role("heading", name="Hent bilag")
    heading.scroll_into_view_if_needed()
    expect(heading).to_be_visible()
    choose_meeting_date(page, "09.12.2026")
    main(page).get_by_role("button", name="Dan bilag").click()
    download_button = main(page).get_by_role("button", name="Hent PDF")
    expect(download_button).to_be_visible(timeout=max(TIMEOUT, 180_000))
    snap(page, shots, f"pack_1_made_{page.width}")
    with page.expect_download(timeout=60_000) as info:
        download_button.click()
    download = info.value
    assert download.suggested_filename == "noegletal_bestyrelsesmoede_2026-12-09.pdf"
    out = tmp_path / download.suggested_filename
    download.save_as(out)
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert UDREDNING in text and "Bestyrelsesmøde 9. december 2026" in text


def test_the_sidebar_folds_on_a_touch_screen(page, server, shots):
    first_page(page, server)
    open_sidebar(page)
    page.mouse.move(page.width - 5, 5)  # away from the sidebar: no hover
    fold = page.get_by_test_id("stSidebarCollapseButton")
    expect(fold).to_be_visible()
    fold.locator("button").click()
    expect(page.get_by_test_id("stExpandSidebarButton")).to_be_visible()
    expect(sidebar(page).get_by_test_id("stSidebarNav")).not_to_be_in_viewport()
    snap(page, shots, f"sidebar_folded_{page.width}")
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(sidebar(page).get_by_test_id("stSidebarNav")).to_be_in_viewport()
