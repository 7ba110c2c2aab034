"""Preparation mode's sign-in in a real browser: `noegletal serve --fortrolig` on a free localhost
port, signing in through Streamlit's OpenID Connect login against a local OIDC provider started
here (oidc-provider-mock), driven by Playwright with Debian's Chromium.

Signed out, nobody sees a figure; a user on the allow-list sees the figures marked FORTROLIGT and
is written to the access log; a user not on the list sees no figure. The public server (no
--fortrolig) asks no one to sign in, and a deep link's hostile values are not rendered as links or
images there.
"""

from __future__ import annotations

import urllib.parse
import urllib.request

import pytest
from browser_support import CHROMIUM, serve
from sign_in_support import (  # noqa: F401 (provider is a fixture)
    LISTED,
    TIMEOUT,
    UNLISTED,
    log_entries,
    provider,
    serve_preparation,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    # oidc-provider-mock 0.3.4 imports Authlib's deprecated jose and httpx modules
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

FIGURE = "[data-testid='stMetric'], .js-plotly-plot, [data-testid='stDataFrame'], table.nt-overview"

playwright_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("oidc_provider_mock")
expect = playwright_api.expect


@pytest.fixture(scope="module")
def board(board_warehouse):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    return board_warehouse


@pytest.fixture(scope="module")
def preparation(board, provider, tmp_path_factory):
    """`serve --fortrolig` with a secrets.toml written for this run; yields (URL, access log)."""
    yield from serve_preparation(board, provider, tmp_path_factory.mktemp("fortrolig_secrets"))


@pytest.fixture(scope="module")
def public(board, tmp_path_factory):
    yield from serve(board, tmp_path_factory.mktemp("public_serve"))


def test_signed_out_visitor_sees_no_figure(browser, preparation):
    url, _ = preparation
    page = browser.new_page()
    for link in ("/", "/?indicator=ventetid_somatik&period=2023K2", "/indikator?indicator=ventetid_somatik", "/data"):
        page.goto(url + link)
        expect(page.get_by_text("Log ind med din organisations konto")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_role("button", name="Log ind")).to_be_visible()
        assert page.locator(FIGURE).count() == 0, link
        assert "offentliggøres" not in page.inner_text("body")
    page.close()


def test_listed_user_sees_figures_and_is_in_the_access_log(browser, preparation):
    url, access_log = preparation
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, url, LISTED)
    expect(page.get_by_text(f"Logget ind som »{LISTED}«").first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("table.nt-overview").first).to_be_visible(timeout=TIMEOUT)
    # the deep link opened as from a board paper: a new tab of the signed-in browser
    page = context.new_page()
    page.goto(f"{url}/?indicator=ventetid_somatik&period=2023K2")
    expect(page.get_by_text("FORTROLIGT – offentliggøres 15. januar 2099").first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=TIMEOUT)
    context.close()
    opened = [(e["event"], e["user"], e["page"]) for e in log_entries(access_log) if e["user"] == LISTED]
    assert ("åbnet", LISTED, "overblik") in opened and ("åbnet", LISTED, "indikator") in opened
    indicator = next(e for e in log_entries(access_log) if e["user"] == LISTED and e["page"] == "indikator")
    assert indicator["indicator"] == "ventetid_somatik" and indicator["period"] == "2023K2"
    assert indicator["time"][:4] >= "2026" and indicator["sub"] == LISTED


def test_a_group_on_the_list_gives_access(browser, preparation):
    url, access_log = preparation
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, url, "bo")
    expect(page.locator("table.nt-overview").first).to_be_visible(timeout=TIMEOUT)
    context.close()
    assert any(e["sub"] == "bo" and e["event"] == "åbnet" for e in log_entries(access_log))


def test_unlisted_user_sees_no_figure(browser, preparation):
    url, access_log = preparation
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, url, UNLISTED)
    expect(page.get_by_text("har ikke adgang til forberedelsestilstanden")).to_be_visible(timeout=TIMEOUT)
    for link in ("/?indicator=ventetid_somatik&period=2023K2", "/data?indicator=ventetid_somatik"):
        page.goto(url + link)
        expect(page.get_by_text("har ikke adgang til forberedelsestilstanden")).to_be_visible(timeout=TIMEOUT)
        assert page.locator(FIGURE).count() == 0, link
        assert "offentliggøres" not in page.inner_text("body")
    context.close()
    entries = [e for e in log_entries(access_log) if e["user"] == UNLISTED]
    assert entries and {e["event"] for e in entries} == {"afvist"}


def test_public_mode_needs_no_sign_in_and_renders_no_link_from_the_url(browser, public):
    page = browser.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if urllib.parse.urlsplit(r.url).hostname == "evil.example" else None)
    page.goto(public)
    expect(page.locator("table.nt-overview").first).to_be_visible(timeout=TIMEOUT)
    assert page.get_by_role("button", name="Log ind").count() == 0
    for value in ("[Klik her](http://evil.example/phish)", "![x](http://evil.example/track.png)",
                  "<img src=http://evil.example/x.png>"):
        page.goto(f"{public}/?indicator={urllib.request.quote(value)}")
        expect(page.get_by_text("Ukendt indikator i linket").first).to_be_visible(timeout=TIMEOUT)
        found = page.locator("a[href*='evil.example'], img[src*='evil.example']")
        assert found.count() == 0, [found.nth(i).evaluate("e => e.outerHTML") for i in range(found.count())]
    page.close()
    assert outside == []
