"""`noegletal load DIR` reports what was new, unchanged or refused; with --skip-refused the good
files load while a refused one leaves nothing behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from click.testing import CliRunner

from noegletal.cli import main

MARTS = Path(__file__).parent / "fixtures" / "marts"


def make_inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "raw"
    inbox.mkdir()
    shutil.copy(MARTS / "first_release.csv", inbox / "a_first.csv")
    (inbox / "b_bad.csv").write_text("indicator_id,region,period,value\nventetid_bup,Region Fyn,2023K1,20\n")
    shutil.copy(MARTS / "revision.csv", inbox / "c_revision.csv")
    return inbox


def loaded_files(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("select file_name from raw.load_log order by load_id").fetchall()]


def test_all_or_nothing_by_default(tmp_path):
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(main, ["load", str(make_inbox(tmp_path)), "--db", str(db)])
    assert result.exit_code == 1
    assert "b_bad.csv, række 2, kolonne 'region': ukendt region 'Region Fyn'" in result.output
    assert not db.exists() or loaded_files(db) == []


def test_skip_refused_loads_the_good_files_and_reports_the_bad(tmp_path):
    db = tmp_path / "w.duckdb"
    inbox = make_inbox(tmp_path)
    result = CliRunner().invoke(main, ["load", str(inbox), "--skip-refused", "--db", str(db)])
    assert result.exit_code == 1, "a refused file is still an error"
    assert "b_bad.csv: afvist, intet indlæst fra filen" in result.output
    assert "Indlæst: 2 nye filer, 0 uændrede, 1 afvist." in result.output
    assert loaded_files(db) == ["a_first.csv", "c_revision.csv"]

    again = CliRunner().invoke(main, ["load", str(inbox), "--skip-refused", "--db", str(db)])
    assert "Indlæst: 0 nye filer, 2 uændrede, 1 afvist." in again.output
    assert loaded_files(db) == ["a_first.csv", "c_revision.csv"]
