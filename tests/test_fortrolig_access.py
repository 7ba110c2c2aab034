"""Preparation mode's gate in AppTest (the sign-in itself is driven in a real browser against a
local OIDC provider in tests/test_browser_fortrolig_login.py): who sees figures, what the others
see, and the access log."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from dashboard_warehouse import run_app, sign_in, texts

from dashboards.access import configuration_problem
from noegletal.cli import main

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "3f9c1e7a5b2d8064c1a9e3f57b2d6c80a4e1f9b3c5d7e2a6b8f0c4d1e3a5b7c9",
    "client_id": "noegletal",
    "client_secret": "hemmelig",
    "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
}


@pytest.fixture(scope="module")
def board(board_warehouse):
    return board_warehouse


@pytest.fixture
def preparation(monkeypatch):
    monkeypatch.setenv("NOEGLETAL_AUDIENCE", "fortrolig")


def figures(at) -> int:
    return len(at.metric) + len(at.get("plotly_chart")) + len(at.dataframe) + sum(
        "<table" in m.value for m in at.markdown
    )


def log_lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_signed_out_visitor_sees_a_danish_sign_in_page_and_no_figure(monkeypatch, preparation, board, tmp_path):
    log = tmp_path / "log.jsonl"
    sign_in(monkeypatch, None, log)
    at = run_app(monkeypatch, board, indicator="ventetid_somatik", period="2023K2")
    assert [t.value for t in at.title] == ["Nøgletal – forberedelse"]
    assert "Log ind med din organisations konto" in texts(at)
    assert [b.label for b in at.button] == ["Log ind"]
    assert figures(at) == 0 and "45" not in texts(at)
    assert not log.exists()


def test_unlisted_user_is_refused_and_the_refusal_logged(monkeypatch, preparation, board, tmp_path):
    log = tmp_path / "log.jsonl"
    sign_in(monkeypatch, {"email": "[x](http://evil.example)@example.org", "sub": "mallory"}, log)
    at = run_app(monkeypatch, board, page="overblik")
    assert "har ikke adgang til forberedelsestilstanden" in texts(at)
    assert "»`[x](http://evil.example)@example.org`«" in texts(at)  # quoted in a code span: shown literally
    assert [b.label for b in at.button] == ["Log ud"]
    assert figures(at) == 0
    assert [(e["event"], e["sub"]) for e in log_lines(log)] == [("afvist", "mallory")]


def test_listed_user_sees_figures_and_each_page_opened_is_logged(monkeypatch, preparation, board, tmp_path):
    log = tmp_path / "log.jsonl"
    sign_in(monkeypatch, {"email": "Anna@Example.org", "sub": "anna"}, log, emails=("anna@example.org",))
    at = run_app(monkeypatch, board, indicator="ventetid_somatik", period="2023K2")
    assert figures(at) > 0
    assert "FORTROLIGT – offentliggøres 15. januar 2099" in texts(at)
    at.selectbox(key="nt_region").set_value("nordjylland").run()
    at.run()  # a rerun without a change is not logged again
    entries = log_lines(log)
    assert [(e["event"], e["user"], e["page"], e.get("period"), e.get("region")) for e in entries] == [
        ("åbnet", "Anna@Example.org", "indikator", "2023K2", None),
        ("åbnet", "Anna@Example.org", "indikator", "2023K2", "nordjylland"),
    ]
    assert entries[0]["indicator"] == "ventetid_somatik" and entries[0]["time"].endswith("+00:00")


def test_a_group_on_the_list_gives_access(monkeypatch, preparation, board, tmp_path):
    sign_in(monkeypatch, {"email": "bo@example.org", "sub": "bo", "groups": ["noegletal-sekretariat"]},
            tmp_path / "log.jsonl", emails=(), groups=("noegletal-sekretariat",))
    assert figures(run_app(monkeypatch, board, page="overblik")) > 0


def test_preparation_mode_without_sign_in_configured_shows_no_figure(monkeypatch, preparation, board):
    from dashboards import access

    monkeypatch.setattr(access, "load_rules", lambda: None)
    at = run_app(monkeypatch, board, page="overblik")
    assert "login er ikke sat op" in texts(at) and figures(at) == 0


def test_public_mode_asks_no_one_to_sign_in(monkeypatch, board, tmp_path):
    monkeypatch.delenv("NOEGLETAL_AUDIENCE", raising=False)
    sign_in(monkeypatch, None, tmp_path / "log.jsonl")
    at = run_app(monkeypatch, board, page="overblik")
    # figures without signing in; the only button is the overview's "Dan bilag", none to sign in
    assert figures(at) > 0 and [b.label for b in at.button] == ["Dan bilag"]


def test_configuration_problem_names_what_is_missing():
    assert configuration_problem({"auth": AUTH, "fortrolig": {"allowed_emails": ["a@b.dk"]}}) is None
    assert configuration_problem({"auth": {**AUTH}, "fortrolig": {"allowed_groups": ["g"]}}) is None
    named = {k: v for k, v in AUTH.items() if k in ("redirect_uri", "cookie_secret")}
    named["entra"] = {k: v for k, v in AUTH.items() if k not in named}
    assert configuration_problem({"auth": named, "fortrolig": {"allowed_emails": ["a@b.dk"]}}) is None
    problem = configuration_problem({"auth": {"redirect_uri": "x"}})
    assert "[auth] cookie_secret" in problem and "client_id" in problem and "allowed_emails" in problem


def test_serve_fortrolig_refuses_to_start_without_sign_in(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--fortrolig", "--secrets", str(secrets), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert "kræver login" in result.output and "[fortrolig] allowed_emails" in result.output
