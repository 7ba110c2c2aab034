"""The Enheder (units) and Metode pages, run with AppTest against the units fixture warehouse
(tests/dashboard_warehouse.py: build_units_warehouse)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from dashboard_warehouse import run_app, texts

FOREBYG = "forebyggelige_indlaeggelser_aeldre"


def unit_table(at) -> list[dict]:
    """The rows of the units table (an HTML table in a markdown element), as dicts."""
    html = next(m.value for m in at.markdown if "nt-units" in m.value)
    head = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", html)
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>", 1)[1])
    out = []
    for row in rows:
        cells = [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        out.append(dict(zip(head, cells)))
    return out


def column(at, name: str) -> list[str]:
    return [r[name] for r in unit_table(at)]


def test_units_from_a_deep_link(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, page="enheder", region="nordjylland", indicator=FOREBYG, period="2022")
    assert [t.value for t in at.title] == ["Enheder i Region Nordjylland"]
    assert at.selectbox(key="nt_indicator").value == FOREBYG
    # only the indicators with unit data, in catalog order
    assert at.selectbox(key="nt_indicator").options == [
        "Forebyggelige sygehusophold blandt ældre", "Overholdelse af udredningsretten (somatik)"
    ]
    assert at.selectbox(key="nt_period").value == "2022"
    table = {r["Enhed"]: r for r in unit_table(at)}
    # lower is better: the four municipalities at 50,0 share the first place, Læsø (67,3) is last
    assert column(at, "Enhed")[-1] == "Læsø"
    assert column(at, "Placering") == ["1", "1", "1", "1", "5", "5", "7", "7", "7", "10", "11"]
    laesoe = table["Læsø"]
    assert laesoe["Værdi"] == "67,3 pr. 1.000"
    assert laesoe["95 %-interval"] == "60,6–74,5 pr. 1.000"
    assert laesoe["Volumen"] == "5.500"
    assert laesoe["Mod landet"] == "signifikant dårligere"
    aalborg = table["Aalborg"]
    assert aalborg["Mod landet"] == "signifikant bedre"
    assert table["Frederikshavn"]["Mod landet"] == "ikke signifikant forskellig"
    assert "Hele landet: **58,0 pr. 1.000**" in texts(at)
    # the ranking as a forest plot in the table (one SVG per unit, its numbers in the tooltip) and
    # the funnel plot as the page's one plotly chart
    html = next(m.value for m in at.markdown if "nt-units" in m.value)
    assert html.count("<svg viewBox='0 0 220 18'") == 11
    assert "<title>67,3 pr. 1.000, 95 %: 60,6–74,5 pr. 1.000; hele landet 58,0 pr. 1.000</title>" in html
    assert len(at.get("plotly_chart")) == 1
    at.run()  # the first run of a tab leaves the URL as the link gave it
    assert at.query_params["page"] == "enheder" and at.query_params["region"] == "nordjylland"


def test_root_link_opens_the_units_page(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, page="enheder", region="midtjylland", indicator=FOREBYG)
    assert [t.value for t in at.title] == ["Enheder i Region Midtjylland"]
    assert column(at, "Enhed") == ["Aarhus", "Samsø"]
    assert column(at, "Mod landet") == ["signifikant bedre", "signifikant dårligere"]


def test_region_without_units_says_so(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, page="enheder", region="sjaelland", indicator=FOREBYG, period="2022")
    assert "Region Sjælland har ingen enhedsdata for denne indikator i 2022." in texts(at)
    assert len(at.get("plotly_chart")) == 1  # the national funnel plot is still shown


def test_changing_indicator_picks_its_latest_unit_period(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, page="enheder", region="nordjylland", indicator=FOREBYG)
    at.selectbox(key="nt_indicator").set_value("udredningsret_somatik").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="nt_period").value == "2023K1"
    assert at.query_params["indicator"] == "udredningsret_somatik" and at.query_params["period"] == "2023K1"
    # higher is better: Aalborg Universitetshospital (90 pct.) above Regionshospital Nordjylland (70 pct.)
    assert column(at, "Enhed") == ["Aalborg Universitetshospital", "Regionshospital Nordjylland"]
    assert column(at, "Mod landet") == ["signifikant bedre", "signifikant dårligere"]
    # Wilson for 700 of 1.000: 67,09–72,76; whole percents get one decimal so the width shows
    assert column(at, "95 %-interval")[1] == "67,1–72,8 pct."


def test_no_unit_data_in_the_board_warehouse(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, page="enheder", region="sjaelland")
    assert "ingen enhedsdata" in texts(at)


def test_method_page(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, page="metode")
    assert [t.value for t in at.title] == ["Metode"]
    text = texts(at)
    assert "hele dens 95 %-interval ligger på den gode side af landstallet" in text
    assert "Wilsons metode" in text and "Spiegelhalter" in text
    assert len(at.get("latex")) >= 4


# --- the region page: classification, trend, the worse-and-worsening flag and the way to the units


def region_tables(at) -> list[str]:
    return [m.value.replace("&#8209;", "-") for m in at.markdown if "<table" in m.value]


def test_region_lists_significantly_worse_and_worsening_first(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, page="region", region="hovedstaden")
    headers = [h.value for h in at.subheader]
    # readmissions 22, 23, 24, 25, 26 pct. (2018–2022): 'stigende'; 26 pct. of 10.000 (95 %: 25,1–26,9)
    # above the national 24 pct., lower is better: significantly worse and worsening
    assert headers[:2] == ["Hovedstaden på alle indikatorer", "Signifikant dårligere og forværret (1)"]
    first = region_tables(at)[0]
    assert "Akutte psykiatriske genindlæggelser inden for 30 dage" in first
    assert "signifikant dårligere" in first and "stigende" in first
    assert "Signifikant dårligere og forværret** på 1 indikator" in at.error[0].value
    html = "\n".join(region_tables(at))
    # udredningsret 79 pct. of 10.000 against the national 74 pct.: significantly better, not tested for a trend
    assert "signifikant bedre" in html
    # the plain Danish explanation of the classifications
    assert "hele dens 95 %-interval ligger på den gode side af landstallet" in "\n".join(m.value for m in at.markdown)


def test_region_links_to_its_units(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, page="region", region="nordjylland")
    html = "\n".join(region_tables(at))
    assert (
        "enheder?page=enheder&amp;indicator=forebyggelige_indlaeggelser_aeldre&amp;period=2022&amp;region=nordjylland"
        in html
    )
    assert "Se enheder" in html
    assert at.selectbox(key="nt_region_units").options == [
        "Forebyggelige sygehusophold blandt ældre", "Overholdelse af udredningsretten (somatik)"
    ]
    at.selectbox(key="nt_region_units").set_value("udredningsret_somatik")
    at.button(key="nt_region_units_button").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Enheder i Region Nordjylland"]
    assert at.selectbox(key="nt_period").value == "2023K1"
    assert column(at, "Enhed") == ["Aalborg Universitetshospital", "Regionshospital Nordjylland"]


def test_region_without_units_has_no_units_button(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, page="region", region="sjaelland")
    assert "Se enheder" not in "\n".join(region_tables(at))
    assert not [b for b in at.button if b.key == "nt_region_units_button"]


def test_overview_lists_worse_and_worsening_first(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse)
    assert at.subheader[0].value == "Signifikant dårligere og forværret (1)"
    table = next(m.value for m in at.markdown if "<table" in m.value)
    assert "Akutte psykiatriske genindlæggelser inden for 30 dage" in table
    assert "regioner?page=region&amp;region=hovedstaden" in table and "Hovedstaden" in table
    assert "26 pct." in table and "24 pct." in table and "stigende" in table


def matrix_row(at, indicator_name: str) -> list[str]:
    """The overview matrix's cell texts for one indicator, in region order."""
    (matrix,) = [m.value for m in at.markdown if "nt-matrix'" in m.value]
    row = matrix[matrix.index(f"{indicator_name}</th>"):]
    row = row[:row.index("</tr>")]
    return [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_overview_matrix_marks_significance_and_links_to_the_regions(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse)
    # readmissions 2022, national 24 pct. as published, 10.140 of 41.500 = 24,43 pct. unrounded; lower is
    # better: Hovedstaden 26 % of 10.000 and Sjælland 28 % of 5.000 lie wholly above (−); Midtjylland's
    # 24 % of 12.500 contains it; Nordjylland's 19 % of 6.000 (95 %: 18,0–20,0) lies below (+).
    # Syddanmark's 25 % of 8.000 (24,06–25,96) lies above the rounded 24 but not above 24,43: no sign.
    assert matrix_row(at, "Akutte psykiatriske genindlæggelser inden for 30 dage") == [
        "26 pct. (−)", "28 pct. (−)", "25 pct.", "24 pct.", "19 pct. (+)",
    ]
    # life expectancy has no numerator and denominator: no classification, no sign
    assert not [c for c in matrix_row(at, "Middellevetid") if "(" in c]
    (matrix,) = [m.value for m in at.markdown if "nt-matrix'" in m.value]
    assert "<a href='regioner?page=region&amp;region=nordjylland' target='_self'>Nordjylland</a>" in matrix
    assert "Mod hele landet: signifikant dårligere&#10;Mod bedste region: signifikant dårligere" in matrix
    assert "(+) signifikant bedre" in matrix and "(−) signifikant dårligere end hele landet" in matrix
    # coloured by significance against the country: blue (+), orange (−), grey not different
    row = matrix[matrix.index("Akutte psykiatriske genindlæggelser inden for 30 dage</th>"):]
    row = row[:row.index("</tr>")]
    assert re.findall(r"background:(#[0-9A-F]{6})", row) == ["#B34700", "#B34700", "#F0F0F0", "#F0F0F0", "#0072B2"]


def test_region_page_compares_with_the_best_region(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, page="region", region="nordjylland")
    html = "\n".join(region_tables(at))
    row = html[html.index("Akutte psykiatriske genindlæggelser inden for 30 dage"):]
    row = row[:row.index("</tr>")]
    # Nordjylland's 19 pct. is the best value: "bedste region"; against the national 24: better
    assert "title='signifikant bedre'>bedre</span>" in row
    assert "title='bedste region'>bedste region</span>" in row
    at = run_app(monkeypatch, units_warehouse, page="region", region="hovedstaden")
    html = "\n".join(region_tables(at))
    assert "<th class='nt-wide'>Signifikant mod bedste</th>" in html  # gives way on a narrow page
    row = html[html.index("Akutte psykiatriske genindlæggelser inden for 30 dage"):]
    row = row[:row.index("</tr>")]
    # 26 pct. (95 %: 25,1–26,9) against the best 19 pct.: significantly worse than the best region
    assert row.count("title='signifikant dårligere'>dårligere</span>") == 2


def test_indicator_page_gives_each_regions_interval_and_draws_the_highlighted_band(monkeypatch, units_warehouse):
    at = run_app(monkeypatch, units_warehouse, indicator="genindlaeggelser_psykiatri", period="2022", region="hovedstaden")
    captions = [c.value for c in at.caption]
    # Wilson 95 % for 2.600 of 10.000: 25,1497–26,8688; against the unrounded national 24,43 pct.: worse
    # the change's colour in words first (readmissions rose: against the desired direction)
    assert "ændring i modsat retning · 95 %: 25,1–26,9 pct., signifikant dårligere end landet · 10.000 udskrivelser" in captions
    # Midtjylland's 3.000 of 12.500 (23,26–24,76) contains 24,43: no classification in the tile
    assert any("95 %: 23,3–24,8 pct. · 12.500 udskrivelser" in c for c in captions)
    chart = next(c for c in at.get("plotly_chart") if '"interval_band"' in c.proto.spec)
    assert '"95 %-interval, Hovedstaden"' in chart.proto.spec


def test_region_page_puts_significant_gaps_first(monkeypatch, units_warehouse):
    """Sjælland's readmissions (28 pct. of 5.000 against the national 24,4) are significantly worse
    than the country: they come first, before indicators that are merely far from the best
    (mart_indicator_level.attention_group 2)."""
    at = run_app(monkeypatch, units_warehouse, page="region", region="sjaelland")
    headers = [h.value for h in at.subheader]
    assert headers[:2] == ["Sjælland på alle indikatorer", "Signifikant dårligere end landet (1)"]
    first = region_tables(at)[0]
    assert "Akutte psykiatriske genindlæggelser inden for 30 dage" in first


def test_embargoed_unit_values_are_marked_in_preparation_mode(monkeypatch, units_warehouse, writable_copy, tmp_path):
    """Two of Nordjylland's municipalities get a new vintage under embargo (1 February and 15
    January 2099): preparation mode marks the page with the earliest date (the rows' dates are
    mart_unit_value.embargo_published_at); publicly the page shows the published values unmarked."""
    from loaders.store import load_files
    from noegletal.dbt_runner import build
    from noegletal.warehouse import connect

    db = writable_copy(units_warehouse)
    embargoed = tmp_path / "units_embargoed.csv"
    embargoed.write_text(
        "indicator_id,region,unit,period,value,numerator,denominator,published_at\n"
        f"{FOREBYG},nordjylland,Aalborg,2022,52.0,2080,40000,2099-02-01\n"
        f"{FOREBYG},nordjylland,kommune_860,2022,58.3,700,12000,2099-01-15\n",
        encoding="utf-8",
    )
    with connect(db) as con:
        load_files([embargoed], con, allow_future_date=True)
    build(db, quiet=True)
    monkeypatch.setenv("NOEGLETAL_AUDIENCE", "fortrolig")
    at = run_app(monkeypatch, db, page="enheder", region="nordjylland", indicator=FOREBYG, period="2022")
    marks = [m.value for m in at.markdown if "FORTROLIGT" in m.value]
    assert len(marks) == 1 and "FORTROLIGT – offentliggøres 15. januar 2099" in marks[0]
    assert {r["Enhed"]: r["Værdi"] for r in unit_table(at)}["Aalborg"] == "52,0 pr. 1.000"
    monkeypatch.delenv("NOEGLETAL_AUDIENCE")
    at = run_app(monkeypatch, db, page="enheder", region="nordjylland", indicator=FOREBYG, period="2022")
    assert "FORTROLIGT" not in texts(at)
    assert {r["Enhed"]: r["Værdi"] for r in unit_table(at)}["Aalborg"] == "50,0 pr. 1.000"
