"""A local Statistikbank for the tests (test_statbank.py, test_postgres_serve_and_fetch.py): an HTTP
server on 127.0.0.1 and a free port that replays answers in the API's documented format (a CSV
table, a JSON error, 5xx, a request that never gets an answer). No test touches the network."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ANSWER = (Path(__file__).parent / "fixtures" / "statbank" / "middellevetid_answer.csv").read_bytes()
ERROR_ANSWER = {"errorTypeCode": "EXTRACT-NOTFOUND", "message": "Tabellen blev ikke fundet"}
HANG = "hang"


# --- a local Statistikbank -------------------------------------------------------------------------


@dataclass
class Replay:
    """What the local server answers, in order (the last answer repeats), and what it was asked."""

    url: str = ""
    answers: list = field(default_factory=list)  # (status, content type, body) or HANG
    received: list[dict] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def answer(self, *answers) -> Replay:
        self.answers[:] = answers
        return self

    @property
    def bodies(self) -> list[dict]:
        return [json.loads(r["body"]) for r in self.received]


def csv_answer(body: bytes = ANSWER):
    return (200, "text/csv; charset=utf-8", body)


def json_answer(status: int, payload: dict):
    return (status, "application/json; charset=utf-8", json.dumps(payload, ensure_ascii=False).encode())


@pytest.fixture
def statbank_server():
    replay = Replay()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            replay.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
            answer = replay.answers.pop(0) if len(replay.answers) > 1 else replay.answers[0]
            if answer == HANG:
                replay.release.wait(5)
                return
            status, content_type, payload = answer
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    replay.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    yield replay
    replay.release.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


EXPECTED_ROWS = [  # (region_id, period, value), as stored
    (region, str(year), value)
    for region, values in {
        "hele_landet": (81.54, 81.62, 81.50, 81.33),
        "hovedstaden": (81.87, 81.97, 81.81, 81.62),
        "midtjylland": (82.03, 82.10, 82.00, 81.86),
        "nordjylland": (80.85, 80.94, 80.92, 80.71),
        "sjaelland": (80.72, 80.79, 80.65, 80.48),
        "syddanmark": (81.38, 81.45, 81.27, 81.10),
    }.items()
    for year, value in zip(range(2019, 2023), values)
]
