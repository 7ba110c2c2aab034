"""Preparation mode's sign-in for the browser tests: a local OpenID Connect provider
(oidc-provider-mock) with a listed, an unlisted and a group user, `noegletal serve --fortrolig`
with a secrets.toml written for it, and signing in as a person does."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import free_port, serve

TIMEOUT = 30_000  # ms
LISTED, UNLISTED = "anna@example.org", "mallory@example.org"
GROUP_USER, GROUP = "bo", "noegletal-sekretariat"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A local OIDC provider; yields its URL."""
    oidc_provider_mock = pytest.importorskip("oidc_provider_mock")
    users = [
        oidc_provider_mock.User(sub=LISTED, claims={"email": LISTED, "name": "Anna"}),
        oidc_provider_mock.User(sub=UNLISTED, claims={"email": UNLISTED, "name": "Mallory"}),
        oidc_provider_mock.User(sub=GROUP_USER, claims={"email": "bo@example.org", "groups": [GROUP]}),
    ]
    with oidc_provider_mock.run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


def serve_preparation(db: Path | str, provider: str, folder: Path) -> Iterator[tuple[str, Path]]:
    """`serve --fortrolig` on `db` with a secrets.toml in `folder` that lists LISTED and GROUP and
    signs in at `provider`; yields (URL, access log)."""
    access_log = folder / "adgang.jsonl"
    port = free_port()  # the redirect URI names the port, so it is chosen first
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
allowed_groups = ["{GROUP}"]
access_log = "{access_log}"
""",
        encoding="utf-8",
    )
    for url in serve(db, folder, extra_args=("--fortrolig", "--secrets", str(secrets_file)), port=port):
        yield url, access_log


def sign_in(page, url: str, sub: str) -> None:
    """Sign in at the dashboard's page as the provider's user `sub`."""
    page.goto(url)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=TIMEOUT)


def log_entries(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
