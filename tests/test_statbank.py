"""Danmarks Statistik's Statistikbank API: fetch, keep the raw answer, load it like any other file.

Every test talks to a local HTTP server (tests/statbank_replay.py: 127.0.0.1, a free port) that
replays answers in the API's documented format: a CSV table, a 400 JSON error, 5xx, a request
that never gets an answer, and a closed port. No test touches the network.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from loaders import statbank
from loaders.errors import LoadRefused
from loaders.sources import pick
from loaders.statbank import (
    SourceUnavailable,
    StatbankClient,
    StatbankError,
    fetch_middellevetid,
    parse_answer,
)
from loaders.store import load_files
from statbank_replay import (  # noqa: F401 (statbank_server is a fixture)
    ANSWER,
    ERROR_ANSWER,
    EXPECTED_ROWS,
    HANG,
    csv_answer,
    json_answer,
    statbank_server,
)

FETCHED = datetime(2024, 2, 14, 9, 30, 5)


@pytest.fixture
def closed_port_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def client(url: str, sleeps: list | None = None, **kwargs) -> StatbankClient:
    kwargs = {"timeout": 2.0, "retries": 2, "backoff": 0.01, **kwargs}
    return StatbankClient(url, sleep=(sleeps.append if sleeps is not None else lambda s: None), **kwargs)


# --- fetching and loading --------------------------------------------------------------------------

def test_fetch_posts_the_documented_query_and_saves_the_answer_unchanged(statbank_server, tmp_path):
    statbank_server.answer(csv_answer())

    path = fetch_middellevetid(client(statbank_server.url), tmp_path / "raw", now=FETCHED)

    assert path == tmp_path / "raw" / "middellevetid_HISBR_20240214T093005.csv"
    assert path.read_bytes() == ANSWER
    [request] = statbank_server.received
    assert request["path"] == "/v1/data"
    assert request["headers"]["Content-Type"] == "application/json"
    assert json.loads(request["body"]) == {
        "table": "HISBR",
        "format": "CSV",
        "lang": "da",
        "valuePresentation": "Code",
        "variables": [
            {"code": "OMRÅDE", "values": ["000", "081", "082", "083", "084", "085"]},
            {"code": "KØN", "values": ["TOT"]},
            {"code": "Tid", "values": ["*"]},
        ],
    }


def test_a_saved_answer_loads_as_middellevetid_per_region_and_year(statbank_server, tmp_path, memory_warehouse):
    statbank_server.answer(csv_answer())
    path = fetch_middellevetid(client(statbank_server.url), tmp_path, now=FETCHED)

    report = load_files([path], con=memory_warehouse)

    assert [(f.status, f.source, f.row_count) for f in report.files] == [("new", "statbank_middellevetid", 24)]
    stored = memory_warehouse.execute(
        "select region_id, period, value from raw.indicator_values order by region_id, period"
    ).fetchall()
    assert stored == EXPECTED_ROWS
    assert memory_warehouse.execute(
        "select distinct indicator_id, period_start, published_at, is_provisional, is_synthetic "
        "from raw.indicator_values where period = '2022'"
    ).fetchall() == [("middellevetid", date(2022, 1, 1), date(2024, 2, 14), False, False)]
    assert memory_warehouse.execute("select file_name, sha256, row_count, loader from raw.load_log").fetchall() == [
        (path.name, hashlib.sha256(ANSWER).hexdigest(), 24, "statbank_middellevetid")
    ]


def test_fetching_the_same_answer_again_loads_nothing_new(statbank_server, tmp_path, memory_warehouse):
    statbank_server.answer(csv_answer())
    first = fetch_middellevetid(client(statbank_server.url), tmp_path, now=FETCHED)
    load_files([first], con=memory_warehouse)

    second = fetch_middellevetid(client(statbank_server.url), tmp_path, now=datetime(2024, 3, 1, 8, 0, 0))
    report = load_files([second], con=memory_warehouse)

    assert second == first, "an identical answer is not saved twice"
    assert len(list(tmp_path.glob("middellevetid_*.csv"))) == 1
    assert [f.status for f in report.files] == ["unchanged"]
    assert memory_warehouse.execute("select count(*) from raw.load_log").fetchone() == (1,)
    assert memory_warehouse.execute("select count(*) from raw.indicator_values").fetchone() == (24,)


def test_the_file_name_picks_the_statbank_loader_and_other_names_stay_canonical():
    assert pick(Path("data/raw/statbank/middellevetid_HISBR_20240214T093005.csv")).name == "statbank_middellevetid"
    assert pick(Path("middellevetid_answer.csv")).name == "statbank_middellevetid"
    assert pick(Path("demo_danmarks_statistik.csv")).name == "canonical"


# --- errors, retries, time-outs --------------------------------------------------------------------


def test_an_error_answer_is_raised_with_the_apis_message_and_not_retried(statbank_server, tmp_path):
    statbank_server.answer(json_answer(400, ERROR_ANSWER))

    with pytest.raises(StatbankError) as raised:
        fetch_middellevetid(client(statbank_server.url), tmp_path, now=FETCHED)

    assert raised.value.message == "Tabellen blev ikke fundet"
    assert raised.value.error_type == "EXTRACT-NOTFOUND"
    assert str(raised.value) == (
        "Danmarks Statistiks Statistikbank afviste forespørgslen (EXTRACT-NOTFOUND, HTTP 400): "
        "Tabellen blev ikke fundet"
    )
    assert len(statbank_server.received) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_server_error_is_retried_with_back_off_and_then_succeeds(statbank_server, tmp_path):
    statbank_server.answer(json_answer(503, {"message": "Service Unavailable"}), csv_answer())
    sleeps: list[float] = []

    path = fetch_middellevetid(client(statbank_server.url, sleeps, backoff=0.05), tmp_path, now=FETCHED)

    assert path.read_bytes() == ANSWER
    assert len(statbank_server.received) == 2
    assert statbank_server.bodies[0] == statbank_server.bodies[1]
    assert sleeps == [0.05]


def test_a_source_that_keeps_failing_is_reported_after_three_attempts(statbank_server, tmp_path):
    statbank_server.answer(json_answer(502, {}))
    sleeps: list[float] = []

    with pytest.raises(SourceUnavailable) as raised:
        fetch_middellevetid(client(statbank_server.url, sleeps, backoff=0.05), tmp_path, now=FETCHED)

    assert str(raised.value) == (
        "Danmarks Statistiks Statistikbank svarer ikke (forsøgt 3 gange): "
        f"serverfejl HTTP 502 fra {statbank_server.url}/data"
    )
    assert len(statbank_server.received) == 3
    assert sleeps == [0.05, 0.1]  # exponential back-off
    assert list(tmp_path.iterdir()) == []


def test_a_request_that_gets_no_answer_times_out_and_is_retried(statbank_server, tmp_path):
    statbank_server.answer(HANG)

    with pytest.raises(SourceUnavailable) as raised:
        fetch_middellevetid(client(statbank_server.url, timeout=0.2), tmp_path, now=FETCHED)

    assert str(raised.value) == (
        "Danmarks Statistiks Statistikbank svarer ikke (forsøgt 3 gange): "
        f"intet svar fra {statbank_server.url}/data inden for 0,2 sekunder"
    )
    assert len(statbank_server.received) == 3


def test_a_closed_port_is_reported_as_no_connection(closed_port_url, tmp_path):
    sleeps: list[float] = []

    with pytest.raises(SourceUnavailable) as raised:
        fetch_middellevetid(client(closed_port_url, sleeps, retries=1), tmp_path, now=FETCHED)

    assert str(raised.value) == (
        "Danmarks Statistiks Statistikbank svarer ikke (forsøgt 2 gange): "
        f"ingen forbindelse til {closed_port_url}/data (forbindelsen blev afvist)"
    )
    assert sleeps == [0.01]


def test_a_4xx_without_the_json_error_object_is_raised_with_its_status(statbank_server, tmp_path):
    statbank_server.answer((404, "text/html", b"<h1>Not Found</h1>"))

    with pytest.raises(StatbankError) as raised:
        fetch_middellevetid(client(statbank_server.url), tmp_path, now=FETCHED)

    assert str(raised.value) == "Danmarks Statistiks Statistikbank afviste forespørgslen (HTTP 404): <h1>Not Found</h1>"
    assert len(statbank_server.received) == 1


def test_a_json_error_object_sent_with_status_200_is_still_an_error(statbank_server, tmp_path):
    statbank_server.answer(json_answer(200, ERROR_ANSWER))

    with pytest.raises(StatbankError, match="Tabellen blev ikke fundet"):
        fetch_middellevetid(client(statbank_server.url), tmp_path, now=FETCHED)


# --- reading answers written other ways ------------------------------------------------------------


def answer_file(tmp_path: Path, lines: list[str], name: str = "middellevetid_HISBR_20240214T093005.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode())
    return path


def parsed(path: Path) -> list[tuple]:
    return sorted((r["region_id"], r["period"], r["value"], r["suppression_reason"]) for r in parse_answer(path, path.read_bytes()).to_dicts())


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(["OMRÅDE;KØN;TID;INDHOLD", "Hele landet;I alt;2021:2022;81,33", "Region Nordjylland;I alt;2021:2022;80,71"], id="Value"),
        pytest.param(["OMRÅDE;KØN;TID;INDHOLD", "000 Hele landet;TOT I alt;2021:2022;81,33", "081 Region Nordjylland;TOT I alt;2021:2022;80,71"], id="CodeAndValue"),
        pytest.param(["OMRÅDE;KØN;TID;INDHOLD", "000;TOT;2022;81.33", "081;TOT;2022;80.71"], id="lang-en-single-year"),
    ],
)
def test_other_value_presentations_and_decimal_points_read_the_same(tmp_path, lines):
    assert parsed(answer_file(tmp_path, lines)) == [
        ("hele_landet", "2022", 81.33, None),
        ("nordjylland", "2022", 80.71, None),
    ]


def test_a_value_dst_does_not_publish_is_stored_as_suppressed(tmp_path):
    path = answer_file(tmp_path, ["OMRÅDE;KØN;TID;INDHOLD", "000;TOT;2021:2022;81,33", "081;TOT;2021:2022;.."])

    assert parsed(path) == [("hele_landet", "2022", 81.33, None), ("nordjylland", "2022", None, "..")]


def test_a_file_that_is_not_a_statbank_answer_is_refused_clearly(tmp_path):
    path = answer_file(tmp_path, ["indicator_id;region;period;value", "middellevetid;081;2022;80,7"], "middellevetid_2022.csv")

    with pytest.raises(LoadRefused) as refused:
        parse_answer(path, path.read_bytes())

    assert {(e.row, e.column) for e in refused.value.errors} == {(1, "OMRÅDE"), (1, "TID"), (1, "INDHOLD")}
    assert "ligner ikke et svar fra Danmarks Statistiks Statistikbank" in str(refused.value)


def test_an_answer_with_both_sexes_is_refused_instead_of_mixing_them(tmp_path):
    path = answer_file(tmp_path, ["OMRÅDE;KØN;TID;INDHOLD", "081;M;2021:2022;78,90", "081;K;2021:2022;82,50"])

    with pytest.raises(LoadRefused) as refused:
        parse_answer(path, path.read_bytes())

    assert [(e.row, e.column) for e in refused.value.errors] == [(1, "KØN")]
    assert "flere værdier (K, M)" in str(refused.value)


def test_an_unknown_region_is_refused_naming_row_and_column(tmp_path):
    path = answer_file(tmp_path, ["OMRÅDE;KØN;TID;INDHOLD", "000;TOT;2021:2022;81,33", "01;TOT;2021:2022;81,40"])

    with pytest.raises(LoadRefused) as refused:
        parse_answer(path, path.read_bytes())

    assert [(e.row, e.column, e.message) for e in refused.value.errors] == [(3, "OMRÅDE", "ukendt region '01'")]


# --- the command -----------------------------------------------------------------------------------


def run_fetch(*args):
    from noegletal.cli import main

    return CliRunner().invoke(main, ["fetch", "statbank", *map(str, args)])


def test_the_command_fetches_saves_and_loads(statbank_server, tmp_path, monkeypatch, dump_raw_layer):
    statbank_server.answer(csv_answer())
    monkeypatch.setenv("NOEGLETAL_STATBANK_URL", statbank_server.url)
    db, out = tmp_path / "w.duckdb", tmp_path / "raw"

    first = run_fetch("--db", db, "--out", out)
    second = run_fetch("--db", db, "--out", out)

    assert first.exit_code == 0, first.output
    [saved, *_] = sorted(out.iterdir())
    assert re.fullmatch(r"middellevetid_HISBR_\d{8}T\d{6}(-\d+)?\.csv", saved.name)
    assert saved.read_bytes() == ANSWER
    assert f"Svar fra Statistikbanken gemt: {saved}" in first.output
    assert "Indlæst: 1 nye filer, 0 uændrede." in first.output
    assert second.exit_code == 0, second.output
    assert "Indlæst: 0 nye filer, 1 uændrede." in second.output
    log, values = dump_raw_layer(db)
    assert [(row[1], row[3], row[6]) for row in log] == [
        (saved.name, hashlib.sha256(ANSWER).hexdigest(), "statbank_middellevetid")
    ]
    assert len(values) == 24


def test_the_command_can_only_save(statbank_server, tmp_path, monkeypatch):
    statbank_server.answer(csv_answer())
    monkeypatch.setenv("NOEGLETAL_STATBANK_URL", statbank_server.url)

    result = run_fetch("--db", tmp_path / "w.duckdb", "--out", tmp_path / "raw", "--no-load")

    assert result.exit_code == 0, result.output
    assert "Indlæst" not in result.output
    assert len(list((tmp_path / "raw").iterdir())) == 1
    assert not (tmp_path / "w.duckdb").exists()


def test_the_command_reports_a_source_that_is_down_and_exits_1(closed_port_url, tmp_path, monkeypatch):
    monkeypatch.setenv("NOEGLETAL_STATBANK_URL", closed_port_url)
    monkeypatch.setattr(statbank, "DEFAULT_BACKOFF", 0.01)

    result = run_fetch("--db", tmp_path / "w.duckdb", "--out", tmp_path / "raw")

    assert result.exit_code == 1
    assert "Danmarks Statistiks Statistikbank svarer ikke (forsøgt 3 gange): ingen forbindelse til" in result.output
    assert "Intet er gemt eller indlæst." in result.output
    assert not (tmp_path / "raw").exists()
    assert not (tmp_path / "w.duckdb").exists()


def test_the_command_reports_the_apis_error_message_and_exits_1(statbank_server, tmp_path, monkeypatch):
    statbank_server.answer(json_answer(400, ERROR_ANSWER))

    result = run_fetch("--base-url", statbank_server.url, "--db", tmp_path / "w.duckdb", "--out", tmp_path / "raw")

    assert result.exit_code == 1
    assert "afviste forespørgslen (EXTRACT-NOTFOUND, HTTP 400): Tabellen blev ikke fundet" in result.output
    assert len(statbank_server.received) == 1
