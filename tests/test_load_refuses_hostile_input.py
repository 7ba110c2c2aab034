"""Issue 13: input that got through or crashed before. Each bad input is refused by `noegletal load`
with exit status 1 and a Danish message naming file, row and column, and the warehouse file is
byte-for-byte what it was (SHA-256 of the file)."""

from __future__ import annotations

import codecs
import hashlib
import io
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from loaders.store import load_files
from noegletal.cli import main
from noegletal.periods import Period
from noegletal.warehouse import connect

FIXTURES = Path(__file__).parent / "fixtures" / "canonical"
EARLIER_LOAD = FIXTURES / "tidligere_indlaesning.csv"

H = "indicator_id;region;period;value"
HN = "indicator_id;region;period;value;numerator;denominator"
HF = "indicator_id;region;period;value;provisional;published_at;synthetic"
GOOD = "udredningsret_somatik;nordjylland;2023K1;81"  # always row 2 below
TODAY = date.today()
CURRENT_QUARTER = Period(TODAY.year, (TODAY.month - 1) // 3 + 1)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def text_file(name: str, text: str, encoding: str = "utf-8", bom: bytes = b""):
    def make(tmp_path: Path) -> list[Path]:
        path = tmp_path / name
        path.write_bytes(bom + text.encode(encoding))
        return [path]

    return make


def bytes_file(name: str, data: bytes):
    def make(tmp_path: Path) -> list[Path]:
        path = tmp_path / name
        path.write_bytes(data)
        return [path]

    return make


def two_files(first: tuple[str, str], second: tuple[str, str]):
    """Two files in one call; the error is expected in the second."""

    def make(tmp_path: Path) -> list[Path]:
        paths = []
        for name, text in (first, second):
            (tmp_path / name).write_text(text, encoding="utf-8")
            paths.append(tmp_path / name)
        return paths

    return make


def xlsx_with_stray_cell(name: str):
    def make(tmp_path: Path) -> list[Path]:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(H.split(";"))
        ws.append(["udredningsret_somatik", "nordjylland", "2023K1", 81])
        ws.append(["udredningsret_somatik", "sjaelland", "2023K1", 80, None, "glemt tal"])
        buf = io.BytesIO()
        wb.save(buf)
        path = tmp_path / name
        path.write_bytes(buf.getvalue())
        return [path]

    return make


NORDJYLLAND_HOSPITALS = ("aalborg_universitetshospital", "regionshospital_nordjylland")
UNITS_H = "indicator_id;region;unit;period;value;numerator;denominator"


def units_file(region_numerator: int, unit_numerators: tuple[int, int]) -> str:
    """The region's figure and both of its hospitals', 500 patients each."""
    rows = [f"udredningsret_somatik;nordjylland;;2023K1;{region_numerator / 10:.0f};{region_numerator};1000"]
    rows += [
        f"udredningsret_somatik;;{unit};2023K1;{num / 5:.0f};{num};500"
        for unit, num in zip(NORDJYLLAND_HOSPITALS, unit_numerators)
    ]
    return UNITS_H + "\n" + "\n".join(rows) + "\n"


# (make, index of the file the error names, row, column, phrases)
HOSTILE_INPUTS = [
    # published before the period ended
    pytest.param(text_file("fremtid.csv", f"{H}\n{GOOD}\nudredningsret_somatik;sjaelland;2030K1;80\n"),
                 0, 3, "period", ["2030K1", "ikke slut endnu"], id="future-quarter"),
    pytest.param(text_file("igangvaerende.csv", f"{H}\n{GOOD}\nudredningsret_somatik;sjaelland;{CURRENT_QUARTER.code};80\n"),
                 0, 3, "period", [CURRENT_QUARTER.code, "ikke slut endnu"], id="current-unfinished-quarter"),
    pytest.param(text_file("udgivet_foer.csv", f"{HF}\n{GOOD};nej;2023-05-01;\nudredningsret_somatik;sjaelland;2023K1;80;nej;2019-01-01;\n"),
                 0, 3, "published_at", ["01-01-2019", "ligger ikke efter periodens slutning"], id="published-before-period-end"),
    pytest.param(text_file("udgivet_sidste_dag.csv", f"{HF}\nmiddellevetid;nordjylland;2022;80,7;nej;2022-12-31;\n"),
                 0, 2, "published_at", ["31-12-2022", "ligger ikke efter"], id="published-on-the-last-day"),
    # numerator, denominator and value
    pytest.param(text_file("taeller_over_naevner.csv", f"{HN}\n{GOOD};810;1000\nudredningsret_somatik;sjaelland;2023K1;80;1200;1000\n"),
                 0, 3, "numerator", ["tælleren 1200 er større end nævneren 1000"], id="numerator-above-denominator"),
    pytest.param(text_file("vaerdi_passer_ikke.csv", f"{HN}\n{GOOD};810;1000\nudredningsret_somatik;sjaelland;2023K1;90;1000;10000\n"),
                 0, 3, "value", ["værdien 90 passer ikke med tæller og nævner", "1000 / 10000 x 100 = 10,0"],
                 id="value-disagrees-with-numerator-and-denominator"),
    pytest.param(text_file("vaerdi_afrundet_forkert.csv", f"{HN}\nventetid_somatik;sjaelland;2023K1;40,2;4000;100\n"),
                 0, 2, "value", ["værdien 40,2 passer ikke", "= 40,00"], id="value-beyond-its-own-rounding"),
    pytest.param(text_file("taeller_ikke_hel.csv", f"{HN}\n{GOOD};810;1000\nudredningsret_somatik;sjaelland;2023K1;82;815,5;1000\n"),
                 0, 3, "numerator", ["'815,5' er ikke et helt tal", "tælleren er et antal"], id="count-not-whole"),
    pytest.param(text_file("tusind_med_punktum.csv",
                           "indicator_id,region,period,value,numerator,denominator\n"
                           "ventetid_somatik,sjaelland,2023K1,8.5,8.987,1057\n"),
                 0, 2, "numerator", ["'8.987' er ikke et helt tal"], id="count-8.987-in-a-decimal-point-file"),
    pytest.param(text_file("blandede_decimaltegn.csv",
                           f"{HN}\nventetid_somatik;sjaelland;2023K1;8,5;8.987;1057\n"
                           "ventetid_somatik;nordjylland;2023K1;8.5;5.000;588\n"),
                 0, 2, "numerator", ["'8.987' er tvetydigt", "både decimalkomma og decimalpunktum"],
                 id="count-8.987-in-a-file-with-both-marks"),
    # outside what the indicator can take (catalog: min_value / max_value)
    pytest.param(text_file("negative_dage.csv", f"{H}\n{GOOD}\nventetid_somatik;sjaelland;2023K1;-3\n"),
                 0, 3, "value", ["-3 ligger uden for 0-3650", "ventetid_somatik"], id="negative-waiting-days"),
    pytest.param(text_file("negativ_rate.csv", f"{H}\nhjertedoedelighed;sjaelland;2022;-12,5\n"),
                 0, 2, "value", ["-12,5 ligger uden for 0-100000"], id="negative-rate"),
    pytest.param(text_file("levetid_200.csv", f"{H}\nmiddellevetid;sjaelland;2022;200\n"),
                 0, 2, "value", ["200 ligger uden for 0-125"], id="life-expectancy-200"),
    pytest.param(text_file("ventetid_1e15.csv", f"{H}\n{GOOD}\nventetid_somatik;sjaelland;2023K1;1000000000000000\n"),
                 0, 3, "value", ["1000000000000000 ligger uden for 0-3650", "ventetid_somatik"], id="waiting-days-10-to-the-15"),
    pytest.param(text_file("rate_over_10000.csv", f"{H}\nantibiotika_almen_praksis;sjaelland;2022;25000\n"),
                 0, 2, "value", ["25000 ligger uden for 0-10000"], id="rate-per-1000-implausible"),
    pytest.param(text_file("efter_brud.csv", f"{H}\npatienttilfredshed_somatik;sjaelland;2022;150\n"),
                 0, 2, "value", ["150 ligger uden for 0-100"], id="percentage-after-the-series-break"),
    # numbers and dates read strictly
    pytest.param(text_file("mellemrum.csv", f"{H}\n{GOOD}\nudredningsret_somatik;sjaelland;2023K1;8 1\n"),
                 0, 3, "value", ["'8 1' er ikke et tal"], id="space-inside-a-number"),
    pytest.param(text_file("dato_145.csv", f"{HF}\n{GOOD};nej;2023-06-145;\n"),
                 0, 2, "published_at", ["'2023-06-145' er ikke en dato"], id="date-2023-06-145"),
    pytest.param(text_file("aar_99999.csv", f"{HF}\n{GOOD};nej;99999-06-14;\n"),
                 0, 2, "published_at", ["'99999-06-14' er ikke en dato"], id="year-99999"),
    pytest.param(text_file("dato_uden_streger.csv", f"{HF}\n{GOOD};nej;20230614;\n"),
                 0, 2, "published_at", ["'20230614' er ikke en dato på formen ÅÅÅÅ-MM-DD"], id="date-without-dashes"),
    pytest.param(text_file("langt_ude.csv", f"{HF}\n{GOOD};nej;{TODAY.year + 2}-06-14;\n"),
                 0, 2, "published_at", [f"14-06-{TODAY.year + 2} ligger efter næste år", "--allow-future-date"],
                 id="published-after-next-year"),
    # one key, two files, two values
    pytest.param(two_files(("a_foerste.csv", f"{H}\n{GOOD}\n"), ("b_anden.csv", f"{H}\nudredningsret_somatik;081;2023K1;79\n")),
                 1, 2, "value", ["udredningsret_somatik, nordjylland, 2023K1 står også i a_foerste.csv, række 2",
                                 "81 mod 79"], id="same-key-two-files-two-values"),
    pytest.param(two_files(("a_foerste.csv", f"{HN}\nudredningsret_somatik;nordjylland;2023K1;75;9000;12000\n"),
                           ("b_anden.csv", f"{HN}\nudredningsret_somatik;nordjylland;2023K1;75;6750;9000\n")),
                 1, 2, "numerator", ["står også i a_foerste.csv, række 2", "en anden tæller (9000 mod 6750)"],
                 id="same-key-two-files-same-value-other-counts"),
    pytest.param(two_files(("a_foerste.csv", f"{HF}\nudredningsret_somatik;nordjylland;2023K1;81;ja;2023-06-01;nej\n"),
                           ("b_anden.csv", f"{HF}\nudredningsret_somatik;nordjylland;2023K1;81;nej;2023-06-01;nej\n")),
                 1, 2, "provisional", ["står også i a_foerste.csv, række 2", "foreløbig dér og endelig her"],
                 id="same-key-two-files-provisional-and-final"),
    pytest.param(two_files(("a_udateret.csv", f"{H}\n{GOOD}\n"),
                           ("b_dateret.csv", f"{HF}\nudredningsret_somatik;nordjylland;2023K1;79;nej;2023-06-01;\n")),
                 1, 2, "value", ["står også i a_udateret.csv, række 2", "en anden værdi (81 mod 79)",
                                 "kun den ene fil har en udgivelsesdato"], id="same-key-undated-and-dated-file"),
    # Excel
    pytest.param(xlsx_with_stray_cell("udenfor_overskrift.xlsx"), 0, 3, "F",
                 ["'glemt tal' står i en kolonne uden overskrift"], id="xlsx-cell-outside-the-header"),
    # bytes that are no text
    pytest.param(bytes_file("binaer.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
                 0, None, None, ["binære data"], id="binary-csv"),
    pytest.param(bytes_file("udefineret_byte.csv", f"{H}\n{GOOD}\n".encode() + b"udredningsret_somatik;Sj\x81lland;2023K1;80\n"),
                 0, 3, None, ["byte 0x81", "hverken UTF-8 eller Windows-1252"], id="undecodable-byte"),
    pytest.param(text_file("utf16_uden_bom.csv", f"{H}\n{GOOD}\n", encoding="utf-16-le"),
                 0, None, None, ["UTF-16 uden byte order mark"], id="utf16-without-bom"),
    pytest.param(text_file("utf16_med_fejl.csv", f"{H}\n{GOOD}\nudredningsret_somatik;Fyn;2023K1;80\n",
                           encoding="utf-16-le", bom=codecs.BOM_UTF16_LE),
                 0, 3, "region", ["ukendt region 'Fyn'"], id="utf16-with-bom-is-read"),
    # long and hostile cells are quoted short and escaped
    pytest.param(text_file("lang_celle.csv", f"{H}\n{GOOD}\nudredningsret_somatik;{'x' * 30_000};2023K1;80\n"),
                 0, 3, "region", ["ukendt region 'xxxxxxxx", "(30000 tegn)"], id="30-kB-cell"),
    pytest.param(text_file("for_lang_celle.csv", f"{H}\n{GOOD}\nudredningsret_somatik;{'x' * 100_000};2023K1;80\n"),
                 0, 3, None, ["en celle på over 32.767 tegn"], id="100-kB-cell-beyond-excel"),
    pytest.param(text_file("for_lang_citeret.csv", f'{H}\n{GOOD}\nudredningsret_somatik;"{"x;" * 20_000}";2023K1;80\n'),
                 0, 3, None, ["en celle på over 32.767 tegn"], id="quoted-cell-beyond-excel"),
    pytest.param(text_file("styretegn.csv", f"{H}\n{GOOD}\nudredningsret_somatik;Fyn\x1b[31m;2023K1;80\n"),
                 0, 3, "region", ["ukendt region 'Fyn\\x1b[31m'"], id="control-characters"),
    # units that no longer add up to their region's figure would fail `dbt build`
    pytest.param(text_file("enheder_summer_ikke.csv", units_file(800, (300, 300))),
                 0, 2, "value", ["udredningsret_somatik, nordjylland, 2023K1", "summer ikke til regionens tal",
                                 "600 / 1000 giver 60,0", "unit_values_add_up_to_the_regions_figure"],
                 id="units-not-adding-up"),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "w.duckdb"
    con = connect(path)
    try:
        load_files([EARLIER_LOAD], con=con)
    finally:
        con.close()
    return path


@pytest.fixture
def db(tmp_path, template) -> Path:
    path = tmp_path / "lager" / "w.duckdb"
    path.parent.mkdir()
    shutil.copyfile(template, path)
    return path


def load(db: Path, *files: Path):
    return CliRunner().invoke(main, ["load", *map(str, files), "--db", str(db)])


@pytest.mark.parametrize(("make", "named", "row", "column", "phrases"), HOSTILE_INPUTS)
def test_hostile_input_is_refused_naming_the_place_and_the_warehouse_is_unchanged(
    db, tmp_path, make, named, row, column, phrases
):
    before = sha256(db)
    files = make(tmp_path)

    result = load(db, *files)

    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "Afvist - intet er indlæst, lageret er uændret" in result.stderr
    lines = [line for line in result.stderr.splitlines() if files[named].name in line]
    place = files[named].name + (f", række {row}" if row is not None else "") + (f", kolonne '{column}'" if column else "")
    matching = [line for line in lines if place in line]
    assert matching, f"no error at {place!r}:\n{result.stderr}"
    for phrase in phrases:
        assert any(phrase in line for line in matching), f"{phrase!r} not in {matching}"
    assert all(len(line) < 1000 for line in result.stderr.splitlines()), "a message quotes a whole cell"
    assert "\x1b" not in result.stderr
    assert sha256(db) == before
    assert not any(p.name.endswith(".building") for p in db.parent.iterdir())


# --- what is accepted, and read right --------------------------------------------------------------


def loaded_rows(db: Path):
    with connect(db, read_only=True) as con:
        return con.execute(
            "select indicator_id, region_id, unit_id, period, value, numerator, denominator "
            "from raw.indicator_values where load_id > 1 order by source_row"
        ).fetchall()


def test_a_thousands_separated_count_in_a_danish_file_is_read_whole(db, tmp_path):
    path = tmp_path / "tusinder.csv"
    path.write_text(f"{HN}\nventetid_somatik;sjaelland;2023K1;8,5;8.987;1.057\n"
                    "ventetid_somatik;nordjylland;2023K1;8;4.704;588\n", encoding="utf-8")

    result = load(db, path)

    assert result.exit_code == 0, result.output
    assert loaded_rows(db) == [
        ("ventetid_somatik", "sjaelland", None, "2023K1", 8.5, 8987.0, 1057.0),
        ("ventetid_somatik", "nordjylland", None, "2023K1", 8.0, 4704.0, 588.0),
    ]


def test_a_utf16_file_with_its_bom_is_read(db, tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + f"{H}\nudredningsret_somatik;Region Sjælland;2023K1;80,5\n".encode("utf-16-le"))

    result = load(db, path)

    assert result.exit_code == 0, result.output
    assert loaded_rows(db) == [("udredningsret_somatik", "sjaelland", None, "2023K1", 80.5, None, None)]


def test_the_same_value_in_two_files_and_two_vintages_of_one_key_load(db, tmp_path):
    first, same, later = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    first.write_text(f"{HF}\n{GOOD};nej;2023-05-01;\n", encoding="utf-8")
    same.write_text(f"{HF}\nudredningsret_somatik;081;2023K1;81,0;nej;2023-05-01;\n", encoding="utf-8")
    later.write_text(f"{HF}\nudredningsret_somatik;nordjylland;2023K1;83;nej;2023-06-01;\n", encoding="utf-8")

    result = load(db, first, same, later)

    assert result.exit_code == 0, result.output
    assert [r[4] for r in loaded_rows(db)] == [81.0, 81.0, 83.0]


def test_units_that_add_up_load(db, tmp_path):
    path = tmp_path / "enheder.csv"
    path.write_text(units_file(800, (350, 450)), encoding="utf-8")

    result = load(db, path)

    assert result.exit_code == 0, result.output
    assert len(loaded_rows(db)) == 3


def test_a_later_region_figure_that_breaks_loaded_units_is_refused(db, tmp_path):
    units = tmp_path / "enheder.csv"
    units.write_text(units_file(800, (350, 450)), encoding="utf-8")
    assert load(db, units).exit_code == 0
    before = sha256(db)
    revision = tmp_path / "revision.csv"
    revision.write_text(f"{HN}\nudredningsret_somatik;nordjylland;2023K1;70;700;1000\n", encoding="utf-8")

    result = load(db, revision)

    assert result.exit_code == 1
    assert "revision.csv, række 2, kolonne 'value'" in result.stderr
    assert "enheder.csv" in result.stderr and "summer ikke" in result.stderr
    assert sha256(db) == before


# --- no room on disk -------------------------------------------------------------------------------


def test_no_room_for_the_working_copy_is_said_in_danish_and_the_copy_removed(db, tmp_path, monkeypatch):
    import errno

    from noegletal import swap

    before = sha256(db)
    good = tmp_path / "god.csv"
    good.write_text(f"{H}\n{GOOD}\n", encoding="utf-8")

    def copy_until_full(src, dst):
        Path(dst).write_bytes(Path(src).read_bytes()[:1000])  # part of it made it to disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(swap.shutil, "copyfile", copy_until_full)
    result = load(db, good)

    assert result.exit_code == 1
    assert "Der er ikke plads på disken" in result.stderr
    assert "Arbejdskopien er fjernet, og lageret i brug er uændret" in result.stderr
    assert "Traceback" not in result.output
    assert sha256(db) == before
    assert sorted(p.name for p in db.parent.iterdir() if not p.name.endswith(".lock")) == ["w.duckdb"]


def test_too_little_free_space_is_refused_before_copying(db, tmp_path, monkeypatch):
    from noegletal import swap

    before = sha256(db)
    good = tmp_path / "god.csv"
    good.write_text(f"{H}\n{GOOD}\n", encoding="utf-8")
    monkeypatch.setattr(swap.shutil, "disk_usage", lambda folder: shutil._ntuple_diskusage(10**9, 10**9 - 1000, 1000))

    result = load(db, good)

    assert result.exit_code == 1
    assert "Der er ikke plads på disken" in result.stderr and "MB kræves" in result.stderr
    assert sha256(db) == before
