"""Faults while the warehouse changes (issue 13: these held when tried by hand; now they are tests):
a refresh killed with SIGKILL leaves the warehouse in service as it was and the next command works;
concurrent loads are serialised and all of them land; a build that fails a data test names the
test, the keys and the files they came from."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from click.testing import CliRunner

from noegletal.cli import main
from noegletal.swap import work_path

MARTS = Path(__file__).parent / "fixtures" / "marts"
EMBARGO = Path(__file__).parent / "fixtures" / "embargo"
NOEGLETAL = [sys.executable, "-m", "noegletal"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def loaded_files(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("select file_name from raw.load_log order by load_id").fetchall()]


def test_kill_9_during_a_refresh_leaves_the_warehouse_as_it_was(tmp_path):
    db = tmp_path / "w.duckdb"
    assert CliRunner().invoke(main, ["load", str(MARTS / "first_release.csv"), "--db", str(db)]).exit_code == 0
    before = sha256(db)

    refresh = subprocess.Popen([*NOEGLETAL, "refresh", str(MARTS / "revision.csv"), "--db", str(db)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not work_path(db).exists() and refresh.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert refresh.poll() is None, "the refresh ended before it could be killed"
    time.sleep(0.5)  # into the load or the build
    os.kill(refresh.pid, signal.SIGKILL)
    refresh.wait()

    assert refresh.returncode == -signal.SIGKILL
    assert sha256(db) == before
    # The lock died with the process; the next change clears the stale working copy and succeeds.
    result = CliRunner().invoke(main, ["load", str(MARTS / "revision.csv"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert loaded_files(db) == ["first_release.csv", "revision.csv"]
    assert not work_path(db).parent.exists()


def test_concurrent_loads_are_serialised_and_all_land(tmp_path):
    db = tmp_path / "w.duckdb"
    files = [MARTS / "first_release.csv", MARTS / "revision.csv", EMBARGO / "published.csv"]
    loads = [
        subprocess.Popen([*NOEGLETAL, "load", str(f), "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for f in files
    ]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in loads]

    assert [code for _, _, code in results] == [0, 0, 0], [err.decode() for _, err, _ in results]
    assert sorted(loaded_files(db)) == sorted(f.name for f in files)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(distinct load_id), count(*) from raw.load_log").fetchone() == (3, 3)


def test_a_failed_data_test_names_the_check_the_keys_and_their_files(tmp_path):
    """Rows that bypass the loader's checks (written straight into raw) make the units' data test
    fail; the build's message names it, the key and the files and rows of that key."""
    db = tmp_path / "w.duckdb"
    units = tmp_path / "enheder.csv"
    units.write_text(
        "indicator_id;region;unit;period;value;numerator;denominator\n"
        "udredningsret_somatik;nordjylland;;2023K1;80;800;1000\n"
        "udredningsret_somatik;;aalborg_universitetshospital;2023K1;70;350;500\n"
        "udredningsret_somatik;;regionshospital_nordjylland;2023K1;90;450;500\n",
        encoding="utf-8",
    )
    assert CliRunner().invoke(main, ["load", str(units), "--db", str(db)]).exit_code == 0
    with duckdb.connect(str(db)) as con:  # what an older version or a hand edit could leave behind
        con.execute("update raw.indicator_values set value = 70, numerator = 700 where unit_id is null")
    before = sha256(db)

    result = CliRunner().invoke(main, ["build", "--db", str(db)])

    assert result.exit_code == 1
    assert "unit_values_add_up_to_the_regions_figure: fail" in result.output
    assert "nøgle indicator_id=udredningsret_somatik, region_id=nordjylland, unit_type=hospital, period=2023K1" in result.output
    assert "enheder.csv (rækkerne 2-4)" in result.output
    assert "Lageret i brug er uændret" in result.output
    assert sha256(db) == before
