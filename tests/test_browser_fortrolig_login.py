"""Preparation mode's sign-in in a real browser: `noegletal serve --fortrolig` on a free localhost
port, signing in through Streamlit's OpenID Connect login against a local OIDC provider started
here (oidc-provider-mock), driven by Playwright with Debian's Chromium.

Signed out, nobody sees a figure; a user on the allow-list sees the figures marked FORTROLIGT and
is written to the access log; a user not on the list sees no figure. The public server (no
--fortrolig) asks no one to sign in, and a deep link's hostile values are not rendered as links or
images there.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from dashboard_warehouse import build_board_warehouse

pytestmark = [
    pytest.mark.browser,
    # oidc-provider-mock 0.3.4 imports Authlib's deprecated jose and httpx modules
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT = 30_000  # ms
LISTED, UNLISTED = "anna@example.org", "mallory@example.org"
FIGURE = "[data-testid='stMetric'], .js-plotly-plot, [data-testid='stDataFrame'], table.nt-overview"

playwright_api = pytest.importorskip("playwright.sync_api")
oidc_provider_mock = pytest.importorskip("oidc_provider_mock")
expect = playwright_api.expect


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path, log_dir: Path, *extra: str, port: int | None = None):
    """`noegletal serve` on a free port (the real command, with its checks); yields the URL."""
    port = port or _free_port()
    env = {**os.environ, "NOEGLETAL_DB": str(db)}
    env.pop("NOEGLETAL_AUDIENCE", None)
    log = open(log_dir / f"serve_{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "noegletal", "serve", "--port", str(port), "--db", str(db), *extra],
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
            proc.kill()
            pytest.fail(f"the dashboard did not start: {(log_dir / log.name).read_text()}")
        time.sleep(0.2)
    try:
        yield url
    finally:
        os.killpg(proc.pid, 15)  # the command and the Streamlit server it started
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
        log.close()


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    return build_board_warehouse(tmp_path_factory.mktemp("fortrolig_login"))


@pytest.fixture(scope="module")
def provider():
    users = [
        oidc_provider_mock.User(sub=LISTED, claims={"email": LISTED, "name": "Anna"}),
        oidc_provider_mock.User(sub=UNLISTED, claims={"email": UNLISTED, "name": "Mallory"}),
        oidc_provider_mock.User(sub="bo", claims={"email": "bo@example.org", "groups": ["noegletal-sekretariat"]}),
    ]
    with oidc_provider_mock.run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def preparation(board, provider, tmp_path_factory):
    """`serve --fortrolig` with a secrets.toml written for this run; yields (URL, access log)."""
    folder = tmp_path_factory.mktemp("fortrolig_secrets")
    access_log = folder / "adgang.jsonl"
    port = _free_port()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        f"""[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "noegletal-test"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[fortrolig]
allowed_emails = ["{LISTED}"]
allowed_groups = ["noegletal-sekretariat"]
access_log = "{access_log}"
""",
        encoding="utf-8",
    )
    # the redirect URI names the port, so it is chosen first
    yield from ((url, access_log) for url in _serve(board, folder, "--fortrolig", "--secrets", str(secrets_file), port=port))


@pytest.fixture(scope="module")
def public(board, tmp_path_factory):
    yield from _serve(board, tmp_path_factory.mktemp("public_serve"))


def sign_in(page, url: str, sub: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=TIMEOUT)


def log_entries(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


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
