"""Issue 21: preparation mode refuses a sign-in set-up that does not guard figures under embargo.

Streamlit signs the `_streamlit_user` cookie (who is signed in) with `[auth] cookie_secret`
(itsdangerous, through the functions used here, which its server uses to read the cookie back). With a guessable secret anyone can sign a cookie naming a listed
user and skip the identity provider: `serve --fortrolig` must not start then, nor with a
provider whose metadata cannot be fetched, nor with an empty allow-list."""

from __future__ import annotations

import json
import secrets
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from click.testing import CliRunner
from streamlit.web.server.server_util import AUTH_COOKIE_NAME as COOKIE
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value, decode_signed_value

from dashboards.sign_in_checks import weak_secret
from noegletal import dashboard_server
from noegletal.cli import main

STRONG = secrets.token_hex(32)


@pytest.fixture(scope="module")
def provider():
    """A stand-in identity provider that serves OpenID Connect metadata; yields the metadata URL."""

    class Metadata(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = json.dumps({"issuer": "http://127.0.0.1", "authorization_endpoint": "http://127.0.0.1/auth"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Metadata)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/openid-configuration"
    server.shutdown()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def secrets_file(tmp_path, cookie_secret: str, metadata_url: str, allowed: str = '["anna@regioner.dk"]'):
    path = tmp_path / "secrets.toml"
    path.write_text(
        f"""[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "{cookie_secret}"
client_id = "noegletal"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{metadata_url}"

[fortrolig]
allowed_emails = {allowed}
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def started(monkeypatch) -> list:
    """The commands `serve` would have started (none, when it refuses)."""
    calls: list = []
    monkeypatch.setattr(dashboard_server.subprocess, "call", lambda cmd, **kw: calls.append(cmd) or 0)
    return calls


def serve(tmp_path, secrets_path):
    return CliRunner().invoke(main, ["serve", "--fortrolig", "--secrets", str(secrets_path),
                                     "--db", str(tmp_path / "w.duckdb")])


def test_a_cookie_signed_with_a_weak_secret_gets_no_server_to_use_it(tmp_path, provider, started):
    forged = create_signed_value("x", COOKIE, json.dumps({"email": "anna@regioner.dk", "is_logged_in": True}))
    # the forgery is real: a server with cookie_secret = "x" would take it as Anna's sign-in
    assert json.loads(decode_signed_value("x", COOKIE, forged))["email"] == "anna@regioner.dk"

    result = serve(tmp_path, secrets_file(tmp_path, "x", provider))

    assert result.exit_code == 1 and started == []
    assert "cookie_secret er kun 1 bytes" in result.output and "Serveren er ikke startet" in result.output
    # with a strong secret the server starts, and the forged cookie does not verify against it
    assert serve(tmp_path, secrets_file(tmp_path, STRONG, provider)).exit_code == 0 and len(started) == 1
    assert decode_signed_value(STRONG, COOKIE, forged) is None


@pytest.mark.parametrize(("secret", "phrase"), [
    ("x", "kun 1 bytes"),
    ("x" * 64, "for let at gætte"),
    ("abc123" * 8, "for let at gætte"),
    ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "for let at gætte"),
    (secrets.token_hex(8), "kun 16 bytes"),
], ids=["x", "x*64", "abc123*8", "a*31+b", "random-16-bytes"])  # fixed ids: pytest-xdist's workers must collect the same tests
def test_weak_cookie_secrets_are_refused(secret, phrase):
    assert phrase in weak_secret(secret)


@pytest.mark.parametrize("secret", [secrets.token_hex(32), secrets.token_urlsafe(32), STRONG], ids=["hex", "urlsafe", "strong"])
def test_random_cookie_secrets_of_32_bytes_pass(secret):
    assert weak_secret(secret) is None


def test_a_provider_whose_metadata_cannot_be_fetched_is_refused(tmp_path, started):
    url = f"http://127.0.0.1:{closed_port()}/.well-known/openid-configuration"

    result = serve(tmp_path, secrets_file(tmp_path, STRONG, url))

    assert result.exit_code == 1 and started == []
    assert "metadata kan ikke hentes" in result.output and url in result.output


@pytest.mark.parametrize(("allowed", "phrase"), [
    ('[""]', "allowed_emails eller allowed_groups er tom"),
    ('[" "]', "allowed_emails eller allowed_groups er tom"),
    ('"anna@regioner.dk"', "allowed_emails skal være en liste"),
])
def test_an_empty_or_malformed_allow_list_is_refused(tmp_path, provider, started, allowed, phrase):
    result = serve(tmp_path, secrets_file(tmp_path, STRONG, provider, allowed))

    assert result.exit_code == 1 and started == []
    assert phrase in result.output
