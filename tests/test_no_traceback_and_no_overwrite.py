"""Issue 21: no command writes over the warehouse, its lock or its working copy, and no fault a
user can meet ends in a traceback: a read-only data folder, a URL with a bad port, a full disk
during the build, a file name with escape sequences. Each ends with a Danish message, exit
status 1 (2 for a bad option) and the warehouse byte-for-byte as it was."""

from __future__ import annotations

import errno
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_load_refuses_hostile_input import GOOD, H, db, sha256, template  # noqa: F401

from noegletal import swap
from noegletal.cli import main

def run(*args: str):
    return CliRunner().invoke(main, list(args))


def assert_clean_refusal(result, *phrases: str, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for phrase in phrases:
        assert phrase in result.output, f"{phrase!r} not in {result.output}"


# --- no output over the warehouse -----------------------------------------------------------------


def _protected(db: Path) -> dict[str, Path]:
    return {
        "selve lageret": db,
        "lagerets låsefil": db.with_name(f".{db.name}.lock"),
        "lagerets arbejdskopi": swap.work_path(db),
        "lagerets write-ahead-log": db.with_name(db.name + ".wal"),
    }


FILE_OUTPUTS = [("export", "--format", "md", "--out"), ("build", "--as-of", "2023-06-30", "--out"), ("publish", "--out")]
FOLDER_OUTPUTS = [("demo", "--no-serve", "--out"),
                  ("fetch", "statbank", "--no-load", "--base-url", "http://127.0.0.1:9", "--out")]


@pytest.mark.parametrize(("command", "what"), [
    *[(c, w) for c in FILE_OUTPUTS for w in ("selve lageret", "lagerets låsefil", "lagerets arbejdskopi",
                                             "lagerets write-ahead-log")],
    *[(c, "lagerets arbejdskopi") for c in FOLDER_OUTPUTS],  # a folder inside the working copy's
])
def test_no_output_option_writes_over_the_warehouse(db, command, what):
    out = _protected(db)[what]
    before = sha256(db)

    result = run(*command, str(out), "--db", str(db))

    assert_clean_refusal(result, f"--out {out} er {what}", "vælg en anden fil")
    assert sha256(db) == before
    assert not out.exists() or out == db


def test_an_output_that_is_a_symlink_to_the_warehouse_is_refused(db, tmp_path):
    link = tmp_path / "bilag.md"
    link.symlink_to(db)
    before = sha256(db)

    assert_clean_refusal(run("export", "--format", "md", "--out", str(link), "--db", str(db)), "er selve lageret")
    assert sha256(db) == before


# --- read-only data folder ------------------------------------------------------------------------


@pytest.fixture
def read_only_folder(monkeypatch):
    """The warehouse's folder as on a read-only mount (the tests run as root, for whom chmod does
    not bite): creating the lock file or the working folder fails with EROFS."""

    def refused(path, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(swap, "open", refused, raising=False)


@pytest.mark.parametrize("command", [
    ("load", "{csv}"), ("refresh", "{csv}"), ("build",), ("present", "--date", "2023-06-20"),
])
def test_a_read_only_data_folder_is_said_in_danish(db, tmp_path, read_only_folder, command):
    csv = tmp_path / "god.csv"
    csv.write_text(f"{H}\n{GOOD}\n", encoding="utf-8")
    before = sha256(db)

    result = run(*[a.format(csv=csv) for a in command], "--db", str(db))

    assert_clean_refusal(result, "Lageret kan ikke ændres", "kan ikke skrives i", "Read-only file system",
                         "Lageret i brug er uændret")
    assert sha256(db) == before


def test_publish_to_a_folder_that_cannot_be_written_is_said_in_danish(db, tmp_path):
    result = run("publish", "--out", str(tmp_path / "findes_ikke" / "offentlig.duckdb"), "--db", str(db))
    assert_clean_refusal(result, "Fejl:")


# --- a URL with a bad port ------------------------------------------------------------------------


@pytest.mark.parametrize("command", [("load", "{csv}"), ("build",), ("export", "--format", "md")])
def test_a_postgres_url_with_a_bad_port_is_said_in_danish(tmp_path, command):
    csv = tmp_path / "god.csv"
    csv.write_text(f"{H}\n{GOOD}\n", encoding="utf-8")

    result = run(*[a.format(csv=csv) for a in command], "--db", "postgresql://anna:hemmelig@localhost:notaport/noegletal")

    assert_clean_refusal(result, "adressen på PostgreSQL-lageret kan ikke læses", "notaport", code=2)
    assert "hemmelig" not in result.output


# --- a full disk during the build -----------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path, db):
    """A tmpfs with room for the loaded warehouse, its working copy and half a megabyte: the build
    (seeds first) runs out of space soon after it starts."""
    mount = tmp_path / "lille_disk"
    mount.mkdir()
    size = 2 * db.stat().st_size + 1536 * 1024
    if shutil.which("mount") is None or subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True
    ).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_during_the_build_is_summarised_in_danish(db, tiny_disk):
    live = tiny_disk / "w.duckdb"
    shutil.copyfile(db, live)
    before = sha256(live)

    result = run("build", "--db", str(live))

    assert_clean_refusal(result, "ikke plads på disken", "lageret i brug er uændret")
    assert "No space left on device" not in result.output
    assert len(result.output.splitlines()) <= 5, result.output
    assert sha256(live) == before
    assert not any(p.name.endswith(".building") for p in tiny_disk.iterdir())


def test_dbt_failing_on_a_full_disk_is_summarised_in_danish(db, monkeypatch):
    """dbt's own result (a model whose write failed) becomes one Danish sentence, without dbt's detail."""
    from types import SimpleNamespace

    from dbt.cli.main import dbtRunner

    node = SimpleNamespace(status="RunStatus.Error", node=SimpleNamespace(name="fct_indicator_value"),
                           message='IO Error: Could not write file "w.duckdb": No space left on device')
    failed = SimpleNamespace(success=False, exception=None, result=SimpleNamespace(results=[node]))
    monkeypatch.setattr(dbtRunner, "invoke", lambda self, args: failed)
    before = sha256(db)

    result = run("build", "--db", str(db))

    assert_clean_refusal(result, "dbt build fejlede: der er ikke plads på disken til at bygge lageret",
                         "Lageret i brug er uændret")
    assert "No space left" not in result.output and "fct_indicator_value" not in result.output
    assert sha256(db) == before


# --- text from files in the terminal --------------------------------------------------------------


def test_a_file_name_with_escape_sequences_is_printed_escaped(db, tmp_path):
    path = tmp_path / "ond\x1b[2J\x1b]0;titel\x07\nlinje.csv"
    path.write_text(f"{H}\nudredningsret_somatik;Fyn;2023K1;80\n", encoding="utf-8")
    before = sha256(db)

    result = run("load", str(path), "--db", str(db))

    assert_clean_refusal(result, "ond\\x1b[2J\\x1b]0;titel\\x07\\nlinje.csv, række 2, kolonne 'region'")
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert not any(line.startswith("linje.csv") for line in result.output.splitlines())
    assert sha256(db) == before
