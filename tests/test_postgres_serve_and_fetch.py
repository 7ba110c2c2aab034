"""`serve` and `fetch` on PostgreSQL, as a user runs them (issue 14).

* `noegletal serve --db postgresql://...` as a real server process, read in headless Chromium: the
  Overblik page, an Indikator deep link and the chart pack made on the page ("Dan bilag") show the
  same as the same command against the DuckDB demo warehouse, with the synthetic-data banner.
* `noegletal serve --fortrolig` on PostgreSQL: after sign-in at a local OpenID Connect provider an
  embargoed value is shown, marked FORTROLIGT; the public `serve` never shows it.
* `noegletal fetch statbank --db postgresql://...` from a local Statistikbank (never the network):
  the raw rows and, after `build`, the mart value; a failed or refused fetch leaves the raw layer
  as it was.

The PostgreSQL server and the demo on both engines are the session's (tests/postgres_server.py).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psycopg
import pytest

from browser_support import choose_meeting_date, main, serve, settle
from noegletal.access import open_warehouse
from noegletal.formatting import format_value
from postgres_server import NOEGLETAL, PINNED, cli, create_database
from sign_in_support import LISTED, TIMEOUT, log_entries, provider, serve_preparation, sign_in  # noqa: F401
from statbank_replay import ANSWER, EXPECTED_ROWS, csv_answer, json_answer, statbank_server  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # oidc-provider-mock's imports

EMBARGO = Path(__file__).parent / "fixtures" / "embargo"
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=TIMEOUT)  # a page of a cold server on a loaded 2-core machine, as in the other browser tests


# --- serve: the dashboard from PostgreSQL in a browser --------------------------------------------

@pytest.fixture(scope="module")
def dashboards(pg_demo, tmp_path_factory):
    """`noegletal serve` on the PostgreSQL and on the DuckDB demo warehouse; yields their URLs.
    The packs' timestamps are pinned, so both servers make the same bytes."""
    with ExitStack() as servers:
        yield {
            engine: servers.enter_context(contextmanager(serve)(
                db, tmp_path_factory.mktemp(f"serve_{engine}"), env={"SOURCE_DATE_EPOCH": PINNED}))
            for engine, db in (("postgres", pg_demo["url"]), ("duckdb", pg_demo["duck"]))
        }


def _national(url: str, indicator_id: str, period: str) -> str:
    """Hele landet's value as the PostgreSQL warehouse holds it, as the dashboard writes it."""
    with open_warehouse(url).reader() as r:
        row = r.sql(
            "select v.value, i.unit from fct_indicator_value v join dim_indicator i using (indicator_id)"
            " where v.indicator_id = $indicator_id and v.region_id = 'hele_landet' and v.period = $period",
            {"indicator_id": indicator_id, "period": period},
        ).row(0, named=True)
    return format_value(row["value"], row["unit"])


# The regions' matrix comes after every goal area's table: on a loaded machine the first table (the
# worse-and-worsening list) was there while the script was still writing the rest.
OVERVIEW_WRITTEN = "text=Hvor står regionerne?"


def _opened(browser, url: str, wait_for: str):
    page = browser.new_page(viewport={"width": 1400, "height": 2000}, accept_downloads=True)
    page.set_default_timeout(TIMEOUT)
    page.goto(url)
    expect(main(page).get_by_text("SYNTETISKE DATA")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(wait_for).first).to_be_visible(timeout=TIMEOUT)
    settle(page)
    return page


@pytest.mark.browser
def test_the_overview_served_from_postgresql_shows_the_duckdb_numbers(browser, dashboards, pg_demo):
    shown = {}
    for engine, url in dashboards.items():
        page = _opened(browser, url + "/", OVERVIEW_WRITTEN)
        shown[engine] = [page.locator("table.nt-overview").nth(i).inner_text()
                         for i in range(page.locator("table.nt-overview").count())]
        page.close()
    assert shown["postgres"] == shown["duckdb"]
    rows = "\n".join(shown["postgres"]).splitlines()  # a table per goal area
    [udredning] = [r for r in rows if r.startswith("Overholdelse af udredningsretten (somatik)")]
    assert _national(pg_demo["url"], "udredningsret_somatik", "2023K1") in udredning
    assert sum("pct." in r or "dage" in r for r in rows) >= 10  # figures, not "ingen data"


@pytest.mark.browser
def test_an_indicator_deep_link_served_from_postgresql_shows_the_duckdb_page(browser, dashboards, pg_demo):
    shown = {}
    for engine, url in dashboards.items():
        # the page's own path: a root link (/?indicator=...) is forwarded by st.switch_page, which
        # under load sometimes drops the link's values (seen on DuckDB as well)
        page = _opened(browser, url + "/indikator?indicator=udredningsret_somatik&period=2023K1&region=nordjylland",
                       "[data-testid='stPlotlyChart'] .main-svg")
        expect(page.get_by_role("heading", name="Overholdelse af udredningsretten (somatik)")).to_be_visible()
        expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2)
        shown[engine] = main(page).inner_text()
        page.close()
    assert shown["postgres"] == shown["duckdb"]
    national = _national(pg_demo["url"], "udredningsret_somatik", "2023K1")
    assert f"Hele landet: {national} i 1. kvt. 2023" in shown["postgres"]


@pytest.mark.browser
def test_the_pack_made_on_the_page_served_from_postgresql_is_the_duckdb_pack(browser, dashboards):
    made = {}
    for engine, url in dashboards.items():
        page = _opened(browser, url + "/", OVERVIEW_WRITTEN)
        main(page).get_by_text("Excel", exact=True).click()
        choose_meeting_date(page)
        main(page).get_by_role("button", name="Dan bilag").click()
        download_button = main(page).get_by_role("button", name="Hent Excel")
        expect(download_button).to_be_visible(timeout=3 * TIMEOUT)
        with page.expect_download(timeout=TIMEOUT) as download:
            download_button.click()
        made[engine] = Path(download.value.path()).read_bytes()
        assert not main(page).get_by_text("Bilaget kunne ikke dannes").count()
        page.close()
    assert made["postgres"][:2] == b"PK" and len(made["postgres"]) > 5000  # an xlsx (a zip)
    assert made["postgres"] == made["duckdb"]


# --- serve --fortrolig: preparation mode on PostgreSQL --------------------------------------------

@pytest.fixture(scope="module")
def embargo_url(pg_server):
    """The embargo fixtures in PostgreSQL: ventetid_bup published for 2022K4; a revision of
    Nordjylland's 2022K4 (40 -> 41) and all of 2023K1 (hele landet 25, Nordjylland 39) published
    on 15 January 2099."""
    url = create_database(pg_server, "embargo")
    cli("refresh", str(EMBARGO / "published.csv"), str(EMBARGO / "embargoed.csv"), "--db", url, "--allow-future-date")
    return url


@pytest.fixture(scope="module")
def preparation_on_postgres(embargo_url, provider, tmp_path_factory):  # noqa: F811 (provider)
    yield from serve_preparation(embargo_url, provider, tmp_path_factory.mktemp("fortrolig_pg"))


@pytest.fixture(scope="module")
def public_on_postgres(embargo_url, tmp_path_factory):
    yield from serve(embargo_url, tmp_path_factory.mktemp("public_pg"))


LINK = "/indikator?indicator=ventetid_bup&period=2023K1"


@pytest.mark.browser
def test_preparation_mode_on_postgresql_shows_the_embargoed_value_after_sign_in(browser, preparation_on_postgres):
    url, access_log = preparation_on_postgres
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + LINK)
    expect(page.get_by_role("button", name="Log ind")).to_be_visible(timeout=TIMEOUT)
    assert "25 dage" not in page.inner_text("body")  # signed out: no figure
    sign_in(page, url, LISTED)
    expect(page.locator("table.nt-overview").first).to_be_visible(timeout=TIMEOUT)
    page.goto(url + LINK)
    expect(page.get_by_text("FORTROLIGT – offentliggøres 15. januar 2099").first).to_be_visible(timeout=TIMEOUT)
    expect(main(page).get_by_text("Hele landet: 25 dage i 1. kvt. 2023").first).to_be_visible(timeout=TIMEOUT)
    sources = page.locator("table.nt-sources tr", has_text="Region Nordjylland")
    expect(sources).to_contain_text("39")
    expect(sources).to_contain_text("15. januar 2099")
    context.close()
    viewed = [e for e in log_entries(access_log) if e["user"] == LISTED and e["page"] == "indikator"]
    assert {(e["indicator"], e["period"]) for e in viewed} == {("ventetid_bup", "2023K1")}


@pytest.mark.browser
def test_the_public_dashboard_on_postgresql_never_shows_the_embargoed_value(browser, public_on_postgres):
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(public_on_postgres + LINK)
    # the embargoed quarter is not there: the latest published one is shown instead
    expect(main(page).get_by_text("Hele landet: 24 dage i 4. kvt. 2022").first).to_be_visible(timeout=TIMEOUT)
    sources = page.locator("table.nt-sources tr", has_text="Region Nordjylland")
    expect(sources).to_contain_text("40")
    settle(page)
    for link in (LINK, "/", "/data?indicator=ventetid_bup", "/regioner?region=nordjylland"):
        page.goto(public_on_postgres + link)
        expect(page.get_by_test_id("stMain").get_by_role("heading").first).to_be_visible(timeout=TIMEOUT)
        settle(page)
        body = page.inner_text("body")
        assert "FORTROLIGT" not in body and "offentliggøres" not in body and "2099" not in body, link
        assert page.get_by_role("button", name="Log ind").count() == 0
    page.close()


# --- fetch: Danmarks Statistik into PostgreSQL -----------------------------------------------------

def _raw_layer(url: str) -> tuple[list, list]:
    with psycopg.connect(url) as pg:
        return (pg.execute("select * from raw.load_log order by load_id").fetchall(),
                pg.execute("select * from raw.indicator_values order by load_id, source_row").fetchall())


def _fetch(base_url: str, url: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(NOEGLETAL), "fetch", "statbank", "--base-url", base_url, "--out", str(out), "--db", url],
        capture_output=True, text=True, env={**os.environ, "NOEGLETAL_DB": ""},
    )


@pytest.fixture(scope="module")
def fetch_url(pg_server):
    return create_database(pg_server, "fetch")


def test_fetch_into_postgresql_loads_the_answer_and_build_puts_it_in_the_marts(statbank_server, fetch_url, tmp_path):
    statbank_server.answer(csv_answer())
    fetched = _fetch(statbank_server.url, fetch_url, tmp_path / "statbank")
    assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    assert "Indlæst: 1 nye filer, 0 uændrede." in fetched.stdout
    [saved] = (tmp_path / "statbank").iterdir()
    log, values = _raw_layer(fetch_url)
    assert [(row[1], row[3], row[4], row[6]) for row in log] == [
        (saved.name, hashlib.sha256(ANSWER).hexdigest(), 24, "statbank_middellevetid")]
    with psycopg.connect(fetch_url) as pg:
        stored = pg.execute("select region_id, period, value from raw.indicator_values"
                            " where indicator_id = 'middellevetid' order by region_id, period").fetchall()
    assert stored == EXPECTED_ROWS

    cli("build", "--db", fetch_url)
    with open_warehouse(fetch_url).reader() as r:
        marts = r.sql("select region_id, value, is_embargoed from fct_indicator_value"
                      " where indicator_id = 'middellevetid' and period = '2022' order by region_id").rows()
    assert marts == [("hele_landet", 81.33, False), ("hovedstaden", 81.62, False), ("midtjylland", 81.86, False),
                     ("nordjylland", 80.71, False), ("sjaelland", 80.48, False), ("syddanmark", 81.1, False)]


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        pytest.param(json_answer(400, {"errorTypeCode": "EXTRACT-NOTFOUND", "message": "Tabellen blev ikke fundet"}),
                     "afviste forespørgslen (EXTRACT-NOTFOUND, HTTP 400)", id="the-api-refuses"),
        pytest.param(json_answer(503, {"message": "Service Unavailable"}),
                     "svarer ikke (forsøgt 3 gange): serverfejl HTTP 503", id="the-source-is-down"),
        pytest.param(csv_answer(ANSWER.replace(b"\n081;", b"\n01;", 1)), "ukendt region '01'", id="a-bad-answer"),
    ],
)
def test_a_failed_or_refused_fetch_leaves_the_postgresql_raw_layer_as_it_was(
    statbank_server, fetch_url, tmp_path, answer, says
):
    cli("load", str(EMBARGO / "published.csv"), "--db", fetch_url)  # not empty before (once is enough)
    before = _raw_layer(fetch_url)
    assert before[0]
    statbank_server.answer(answer)
    fetched = _fetch(statbank_server.url, fetch_url, tmp_path / "statbank")
    assert fetched.returncode == 1
    assert says in fetched.stderr
    assert _raw_layer(fetch_url) == before
