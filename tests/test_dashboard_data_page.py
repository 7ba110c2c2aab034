"""The data page: the numbers behind the charts as a table with their source, and the downloads."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from dashboard_warehouse import run_app

from dashboards.files import CONFIDENTIAL_LINE, csv_bytes, excel_bytes, file_name
from dashboards.views.data_table import dataset_frame


def test_values_with_their_source_file_and_load_time(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, page="data", indicator="udredningsret_somatik", period="2023K1")
    assert [t.value for t in at.title] == ["Data"]
    (table,) = at.dataframe
    frame = table.value
    assert len(frame) == 18  # 3 periods × 6
    assert {"Kildefil", "SHA-256", "Række i kildefil", "Indlæst", "Offentliggjort"} <= set(frame.columns)
    assert set(frame["Kildefil"]) == {"noegletal_foerste.csv"}
    first = frame.iloc[0]
    assert first["Periode"] == "2022 K1" and first["Værdi"] == "69" and first["Nævner (volumen)"] == "30.000"
    assert "kl." in first["Indlæst"]
    assert first["95 %-interval, nedre"] == ""  # no numerator in this file: no interval
    assert [b.label for b in at.get("download_button")] == ["Hent CSV", "Hent Excel"]


def test_a_chosen_region_is_highlighted_never_filtered(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, page="data", indicator="udredningsret_somatik", period="2023K1",
                 region="nordjylland")
    assert len(at.dataframe[0].value) == 18  # every region, Nordjylland highlighted
    assert "Nordjylland er fremhævet; tabellen og filerne har alle regioner." in [c.value for c in at.caption]
    at.radio(key="nt_dataset").set_value("distance").run()
    frame = at.dataframe[0].value
    assert len(frame) == 6
    assert list(frame[frame["Region"] == "Region Nordjylland"]["Afstand til bedste"]) == ["0"]
    at.selectbox(key="nt_region").set_value("").run()
    at.radio(key="nt_dataset").set_value("overview").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 39  # every indicator of the catalog


def test_downloads_are_danish_and_keep_numbers_as_numbers(monkeypatch, board_warehouse):
    monkeypatch.setenv("NOEGLETAL_DB", str(board_warehouse))
    frame = dataset_frame("level", "udredningsret_somatik", "2023K1")
    text = csv_bytes(frame).decode("utf-8-sig")
    header, *rows = text.strip().splitlines()
    assert header.startswith("Region;Periode;Værdi;Tæller;Nævner (volumen);")
    row = next(r for r in rows if r.startswith("Region Nordjylland"))
    # the quarter as on screen, the volume a whole number, ja/nej for the flags
    assert row.startswith("Region Nordjylland;2023 K1;90,0;;10000;")
    assert ";nej;nej;ja;" in row  # foreløbigt, suspenderet, syntetisk
    assert "true" not in text and "false" not in text
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame, decimals=0, title="Aktuelt niveau")))
    sheet = book.active
    assert sheet["A1"].value == "Aktuelt niveau"
    assert sheet["A3"].value == "Region" and sheet["B3"].value == "Periode"
    nordjylland = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == "Region Nordjylland")
    assert nordjylland[1].value == "2023 K1"
    assert nordjylland[2].value == 90 and nordjylland[2].number_format == "0"  # the indicator's decimals
    assert nordjylland[4].value == 10000 and nordjylland[4].number_format == "#,##0"  # the volume


def test_file_names_are_danish_and_say_what_the_file_holds():
    assert file_name("Overholdelse af udredningsretten (somatik)", "aktuelt niveau", "2023 K1", suffix="csv") == (
        "Nøgletal - Overholdelse af udredningsretten (somatik) - aktuelt niveau - 2023 K1.csv"
    )
    assert file_name("Ventetid: 2023/24?", suffix="xlsx") == "Nøgletal - Ventetid 2023 24.xlsx"


def test_every_table_with_embargoed_values_is_marked_in_preparation_mode(monkeypatch, board_warehouse):
    monkeypatch.setenv("NOEGLETAL_AUDIENCE", "fortrolig")
    # ventetid 2023K2 is published 15 January 2099 (embargoed); 2023K1 is public
    at = run_app(monkeypatch, board_warehouse, page="data", indicator="ventetid_somatik", period="2023K2")

    def marks(at):
        return [m.value for m in at.markdown if "FORTROLIGT – offentliggøres 15. januar 2099" in m.value]

    assert len(marks(at)) == 1  # the values table holds 2023K2
    for dataset in ("level", "distance"):
        at.radio(key="nt_dataset").set_value(dataset).run()
        assert len(marks(at)) == 1, dataset
    at.selectbox(key="nt_period").set_value("2023K1").run()
    assert not marks(at)  # the distances of 2023K1 are public
    monkeypatch.delenv("NOEGLETAL_AUDIENCE")
    at = run_app(monkeypatch, board_warehouse, page="data", indicator="ventetid_somatik", period="2023K1")
    at.radio(key="nt_dataset").set_value("distance").run()
    assert not marks(at)


def test_downloads_in_preparation_mode_are_marked_fortrolig_in_name_and_first_line(monkeypatch, board_warehouse):
    """The mark travels with the file: ventetid 2023K2 (embargoed until 2099) is in the values table."""
    monkeypatch.setenv("NOEGLETAL_DB", str(board_warehouse))
    monkeypatch.setenv("NOEGLETAL_AUDIENCE", "fortrolig")
    frame = dataset_frame("values", "ventetid_somatik", None)
    assert "2023K2" in frame["Periode"].to_list()
    first, header, *_ = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert first == CONFIDENTIAL_LINE and first.startswith("FORTROLIGT – ") and "embargo" in first
    assert header.startswith("Region;Periode;Værdi;")
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame, decimals=0, title="Udvikling over tid"))).active
    assert (sheet["A1"].value, sheet["A2"].value, sheet["A4"].value) == (CONFIDENTIAL_LINE, "Udvikling over tid", "Region")
    assert file_name("Ventetid", "udvikling over tid", suffix="xlsx") == "FORTROLIGT - Nøgletal - Ventetid - udvikling over tid.xlsx"
    monkeypatch.delenv("NOEGLETAL_AUDIENCE")
    assert not csv_bytes(frame).decode("utf-8-sig").startswith("FORTROLIGT")
    assert file_name("Ventetid", suffix="csv") == "Nøgletal - Ventetid.csv"


def test_a_download_in_preparation_mode_is_written_to_the_access_log(monkeypatch, tmp_path):
    from dashboards import access
    from dashboard_warehouse import sign_in

    log = tmp_path / "log.jsonl"
    sign_in(monkeypatch, {"email": "sekretariat@example.org", "sub": "anna"}, log)
    access.record_download("FORTROLIGT - Nøgletal - Ventetid.xlsx")
    (entry,) = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert (entry["event"], entry["sub"], entry["file"]) == ("hentet", "anna", "FORTROLIGT - Nøgletal - Ventetid.xlsx")
    sign_in(monkeypatch, None, log)  # signed out (the public mode): nothing to log
    access.record_download("Nøgletal - Ventetid.xlsx")
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1


def test_values_carry_the_intervals_the_chart_draws(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, page="data", indicator="genindlaeggelser_psykiatri", period="2022",
                 region="hovedstaden")
    frame = at.dataframe[0].value
    row = frame[frame["Periode"] == "2022"].iloc[0]
    # Wilson 95 % for 2.600 of 10.000 (26 pct.): 25,150–26,869, computed independently in the test comment
    assert (row["Værdi"], row["95 %-interval, nedre"], row["95 %-interval, øvre"]) == ("26", "25,15", "26,869")
