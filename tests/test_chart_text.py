"""Every chart in words (noegletal/content/chart_text.py): the text alternative names what the chart
shows and its key numbers (best, worst, the country, the change) from the marts' own columns, and
the table holds the same numbers the chart draws."""

from __future__ import annotations

from noegletal.content.chart_text import distance_text, funnel_text, spine_text, timeseries_text

META = {
    "indicator_id": "udredningsret_somatik", "name_da": "Overholdelse af udredningsretten (somatik)",
    "unit": "pct", "decimals": 0, "direction": "higher_is_better", "target": 90.0,
}
NAMES = {
    "hovedstaden": ("Region Hovedstaden", "Hovedstaden"), "sjaelland": ("Region Sjælland", "Sjælland"),
    "syddanmark": ("Region Syddanmark", "Syddanmark"), "midtjylland": ("Region Midtjylland", "Midtjylland"),
    "nordjylland": ("Region Nordjylland", "Nordjylland"), "hele_landet": ("Hele landet", "Hele landet"),
}


def level(region, value, rank=None, change=None, assessment=None, distance=None, before=None, movement=None):
    return {
        "region_id": region, "region_name_da": NAMES[region][0], "region_short_name_da": NAMES[region][1],
        "period": "2023K1", "comparison_period": "2022K1", "value": value, "rank": rank,
        "value_year_ago": None if change is None else value - change, "change_since_year_ago": change,
        "change_assessment": assessment, "distance_to_best": distance, "distance_to_best_year_ago": before,
        "movement": movement, "is_best": rank == 1,
    }


LEVEL = [
    level("hovedstaden", 79.0, 2, 2, "ønsket", 11.0, 14.0, "henter ind"),
    level("sjaelland", 61.0, 5, -1, "uønsket", 29.0, 26.0, "lægger afstand"),
    level("syddanmark", 64.0, 4, 3, "ønsket", 26.0, 30.0, "henter ind"),
    level("midtjylland", 79.0, 2, 4, "ønsket", 11.0, 11.0, "uændret"),
    level("nordjylland", 90.0, 1, -2, "uønsket", 0.0, 0.0, "uændret"),
    level("hele_landet", 74.0, None, 1, "ønsket", 16.0, 17.0, "henter ind"),
]


def test_timeseries_text_names_the_best_the_worst_the_country_and_its_change():
    values = [dict(r, period=p, value=v) for r in LEVEL for p, v in (("2022K1", r["value"] - 1), ("2023K1", r["value"]))]
    chart = timeseries_text(values, LEVEL, META, "2023K1", "2022K1")
    assert chart.description == (
        "Linjediagram: Overholdelse af udredningsretten (somatik) for de fem regioner og hele landet, "
        "fra 1. kvt. 2022 til 1. kvt. 2023. Hele landet: 74 pct. i 1. kvt. 2023, +1 pct.-point siden "
        "1. kvt. 2022 (ønsket udvikling). Bedst: Region Nordjylland (90 pct.); dårligst: Region Sjælland "
        "(61 pct.). Måltallet er 90 pct."
    )
    assert chart.header == ("Periode", "Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland", "Hele landet")
    assert chart.rows[-1] == ("2023 K1", "79 pct.", "61 pct.", "64 pct.", "79 pct.", "90 pct.", "74 pct.")


def test_tied_regions_are_named_together():
    # Nordjylland without a value (no rank): Hovedstaden and Midtjylland share the best rank
    tied = [dict(r, rank=1) if r["region_id"] in ("hovedstaden", "midtjylland") else r for r in LEVEL]
    tied = [dict(r, value=None, rank=None) if r["region_id"] == "nordjylland" else r for r in tied]
    chart = timeseries_text([], tied, META, "2023K1", "2022K1")
    assert "Bedst: Region Hovedstaden og Region Midtjylland (79 pct.)" in chart.description


def test_distance_text_says_who_catches_up_and_who_falls_behind():
    chart = distance_text(LEVEL, META, "2023K1", "2022K1")
    assert "Bedst: Region Nordjylland." in chart.description
    assert "Længst fra bedste: Region Sjælland (29 pct.-point)." in chart.description
    assert "Henter ind: Region Hovedstaden og Region Syddanmark." in chart.description
    assert "Lægger afstand: Region Sjælland." in chart.description
    assert chart.rows[1] == ("Sjælland", "29 pct.-point", "26 pct.-point", "lægger afstand")


def test_spine_and_funnel_texts_count_the_classifications():
    rows = [
        {"name_da": "A", "period": "2023K1", "meta": META, "value": 61.0, "national_value": 74.0,
         "best_value": 90.0, "worst_value": 61.0, "significance": "signifikant dårligere"},
        {"name_da": "B", "period": "2023K1", "meta": META, "value": 80.0, "national_value": 74.0,
         "best_value": 90.0, "worst_value": 61.0, "significance": "signifikant bedre"},
    ]
    spine = spine_text(rows, "Sjælland")
    assert "Sjælland på 2 indikatorer" in spine.description
    assert "1 signifikant dårligere og 1 signifikant bedre" in spine.description
    units = [
        {"unit_name_da": "Aalborg", "region_id": "nordjylland", "region_short_name_da": "Nordjylland", "value": 55.0,
         "rank_national": 1, "denominator": 1000, "significance_vs_national": "signifikant bedre"},
        {"unit_name_da": "Samsø", "region_id": "midtjylland", "region_short_name_da": "Midtjylland", "value": 70.0,
         "rank_national": 2, "denominator": 50, "significance_vs_national": None},
    ]
    funnel = funnel_text(units, dict(META, unit="pr. 1.000"), 58.0, "Nordjylland")
    assert "2 enheder" in funnel.description and "Bedst: Aalborg (55 pr. 1.000); dårligst: Samsø (70 pr. 1.000)" in funnel.description
    assert funnel.rows[0][:3] == ("Aalborg", "Nordjylland", "55 pr. 1.000")
