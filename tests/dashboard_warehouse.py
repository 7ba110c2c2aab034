"""A small hand-built warehouse for the dashboard's page tests (AppTest) and browser tests.

Every number the tests expect was worked out by hand from the rows below.
"""

from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from loaders.store import load_files
from noegletal.dbt_runner import build
from noegletal.presentations import record
from noegletal.warehouse import connect

APP = str(Path(__file__).resolve().parents[1] / "dashboards" / "app.py")
HEADER = ["indicator_id", "region", "period", "value", "numerator", "denominator", "provisional",
          "published_at", "synthetic"]
REGIONS = ["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland", "hele_landet"]
PRESENTED_ON = date(2023, 3, 15)


def rows_for(indicator_id, period, values, denominators=None, provisional="false", published_at="2023-06-01",
             synthetic="true"):
    out = []
    for i, (region, value) in enumerate(zip(REGIONS, values)):
        if value is None:
            continue
        denominator = "" if denominators is None else denominators[i]
        out.append([indicator_id, region, period, value, "", denominator, provisional, published_at, synthetic])
    return out


UDREDNING_DENOMINATORS = [30000, 14000, 21000, 23000, 10000, 98000]
KRAEFT = "kraeftpakker_standardforloebstid"
FIRST_FILE = [
    # 1. kvt. 2023 as in the June 2023 board item: hele landet 74, Nordjylland 90, Sjælland and Syddanmark 63
    *rows_for("udredningsret_somatik", "2023K1", [72, 63, 63, 80, 90, 74], UDREDNING_DENOMINATORS),
    *rows_for("udredningsret_somatik", "2022K4", [75, 74, 76, 78, 81, 77], UDREDNING_DENOMINATORS),
    *rows_for("udredningsret_somatik", "2022K1", [69, 69, 76, 83, 87, 77], UDREDNING_DENOMINATORS,
              published_at="2022-06-01"),
    # life expectancy: published before the presentation, so not "opdateret"
    *rows_for("middellevetid", "2022", [81.6, 80.3, 81.1, 81.9, 80.8, 81.3], published_at="2023-02-01"),
    *rows_for("middellevetid", "2021", [81.8, 80.5, 81.4, 82.1, 81.0, 81.5], published_at="2022-02-01"),
    # waiting time: Nordjylland has no value in 2023K1; 2023K2 is published in the future (embargoed)
    *rows_for("ventetid_somatik", "2023K1", [40, 40, 52, 45, None, 46], [500, 200, 300, 350, None, 1350]),
    *rows_for("ventetid_somatik", "2022K1", [38, 41, 50, 44, 45, 44], published_at="2022-06-01"),
    *rows_for("ventetid_somatik", "2023K2", [41, 42, 50, 44, 47, 45], published_at="2099-01-15"),
    # cancer pathways, target 90 pct.: 2022K4 first published as 79 (revised to 75 in the second file);
    # 2023K1 is provisional, before late registrations
    *rows_for(KRAEFT, "2022K4", [80, 70, 75, 78, 85, 79], published_at="2023-03-01"),
    *rows_for(KRAEFT, "2023K1", [77, 71, 79, 82, 87, 79], provisional="true"),
    *rows_for(KRAEFT, "2022K1", [70, 65, 68, 70, 72, 69], published_at="2022-06-01"),
    # child psychiatry: Nordjylland's 2023K1 value is suppressed by the publisher ('<5')
    *rows_for("udredningsret_bup", "2023K1", [60, 75, 50, 45, 23, 50]),
]
REVISION_FILE = [*rows_for(KRAEFT, "2022K4", [76, 66, 71, 74, 82, 75], published_at="2023-06-01")]


def write_csv(path: Path, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def build_board_warehouse(directory: Path) -> Path:
    db = directory / "warehouse.duckdb"
    with connect(db) as con:
        load_files([write_csv(directory / "noegletal_foerste.csv", FIRST_FILE)], con, allow_future_date=True)
        load_files([write_csv(directory / "noegletal_revision.csv", REVISION_FILE)], con, allow_future_date=True)
        # the canonical format has no suppression marker; publishers' files do (see loaders/spreadsheet.py)
        con.execute(
            """update raw.indicator_values set value = null, suppression_reason = '<5'
               where indicator_id = 'udredningsret_bup' and region_id = 'nordjylland'"""
        )
        record(con, PRESENTED_ON, "Bestyrelsesmøde")
    build(db, quiet=True)
    return db


PREPARER = {"email": "sekretariat@example.org", "sub": "sekretariat", "name": "Sekretariatet"}


def sign_in(monkeypatch, user: dict | None, log_path: Path, emails=("sekretariat@example.org",), groups=()) -> None:
    """Preparation mode in AppTest (which has no OIDC login): `user` is signed in (None: signed
    out) and the allow-list holds `emails` and `groups`, as [fortrolig] in secrets.toml would."""
    from dashboards import access

    rules = access.Rules(frozenset(emails), frozenset(groups), "groups", log_path)
    monkeypatch.setattr(access, "load_rules", lambda: rules)
    monkeypatch.setattr(access, "current_user", lambda: user)


def run_app(monkeypatch, db: Path, **query_params) -> AppTest:
    monkeypatch.setenv("NOEGLETAL_DB", str(db))
    if os.environ.get("NOEGLETAL_AUDIENCE") == "fortrolig":
        from dashboards import access

        if access.load_rules.__module__ == access.__name__:  # not set by the test (sign_in)
            # preparation mode requires a listed, signed-in user: the page tests sign one in
            sign_in(monkeypatch, PREPARER, db.with_name("fortrolig_adgangslog.jsonl"))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query_params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    return "\n".join(
        [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.info]
        + [e.value for e in at.warning] + [e.value for e in at.error]
    )


UNIT_FIXTURES = Path(__file__).parent / "fixtures" / "units"


def build_units_warehouse(directory: Path) -> Path:
    """The units fixture (tests/fixtures/units/: regions with numerators and denominators, five
    years of readmissions for Hovedstaden, municipalities and hospitals below them), built. Its
    intervals, classifications and trends are checked against scipy in tests/test_unit_statistics.py.

    Hovedstaden's readmissions rise 22, 23, 24, 25, 26 pct. (2018–2022, exactly on a line:
    'stigende') and 26 pct. of 10.000 is significantly above the national 24 pct.: significantly
    worse and worsening. Nordjylland's 11 municipalities and Midtjylland's Aarhus and Samsø have
    forebyggelige indlæggelser in 2022 (national 58,0 pr. 1.000); Nordjylland's two hospitals and
    Rigshospitalet have udredningsret in 2023K1 (national 74 pct.)."""
    db = directory / "warehouse.duckdb"
    with connect(db) as con:
        load_files([UNIT_FIXTURES / "regions.csv", UNIT_FIXTURES / "units.csv"], con)
    build(db, quiet=True)
    return db


# The meeting scenario (issue 19): the board is shown kræftpakker 2026K1 at 80 pct. (provisional)
# on 10 June 2026; the publisher then revises 2026K1 to 75 under the same publication date, and
# the next quarter, 2026K2, is 79. Against what the board saw: -1 pct.-point, the wrong way.
MEETING_ON = date(2026, 6, 10)
MEETING_FILE = [
    *rows_for(KRAEFT, "2025K4", [78, 70, 74, 77, 84, 76], published_at="2026-03-01"),
    *rows_for(KRAEFT, "2026K1", [82, 74, 78, 81, 88, 80], provisional="true", published_at="2026-06-01"),
    *rows_for("udredningsret_somatik", "2026K1", [72, 63, 63, 80, 90, 74], UDREDNING_DENOMINATORS,
              published_at="2026-06-01"),
]
AFTER_MEETING_FILE = [
    # the same publication date, the value revised: the board saw 80, it is now 75 (final)
    *rows_for(KRAEFT, "2026K1", [77, 69, 73, 76, 83, 75], published_at="2026-06-01"),
    *rows_for(KRAEFT, "2026K2", [81, 73, 77, 80, 86, 79], provisional="true", published_at="2026-09-01"),
]


def build_meeting_warehouse(directory: Path) -> Path:
    """The meeting scenario: first quarter loaded and built, the meeting recorded (its figures kept
    from the public marts), then the revision and the next quarter loaded and built."""
    db = directory / "warehouse.duckdb"
    with connect(db) as con:
        load_files([write_csv(directory / "noegletal_juni.csv", MEETING_FILE)], con)
    build(db, quiet=True)
    with connect(db) as con:
        record(con, MEETING_ON, "Bestyrelsesmøde")
        load_files([write_csv(directory / "noegletal_september.csv", AFTER_MEETING_FILE)], con)
    build(db, quiet=True)
    return db
