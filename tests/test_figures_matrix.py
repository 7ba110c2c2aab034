"""The regions × indicators matrix: distance to the best, normalised per indicator."""

from __future__ import annotations

from noegletal.figures import distance_matrix_figure, distance_matrix_html
from noegletal.figures.matrix import MATRIX_COLORSCALE, matrix_color, normalised_distances

INDICATOR = {"indicator_id": "udredningsret_somatik", "name_da": "Udredningsret", "unit": "pct", "decimals": 0,
             "direction": "higher_is_better", "volume_label_da": "henviste patienter"}
# distance_to_best_normalised as mart_indicator_level gives it (its rule is tested by the dbt unit
# test level_ties_share_best_and_rank_and_attention_groups_follow_the_rule)
ROWS = [
    {"indicator_id": "udredningsret_somatik", "region_id": r, "period": "2023K1", "value": v, "distance_to_best": d,
     "distance_to_best_normalised": d / 27}
    for r, v, d in [("hovedstaden", 72, 18), ("sjaelland", 63, 27), ("syddanmark", 63, 27),
                    ("midtjylland", 80, 10), ("nordjylland", 90, 0), ("hele_landet", 74, 16)]
]


def test_the_matrix_reads_the_marts_normalised_distance_for_the_five_regions():
    norm = normalised_distances(ROWS)
    assert norm[("udredningsret_somatik", "sjaelland")] == 1.0
    assert norm[("udredningsret_somatik", "nordjylland")] == 0.0
    assert round(norm[("udredningsret_somatik", "hovedstaden")], 3) == 0.667
    assert ("udredningsret_somatik", "hele_landet") not in norm
    # nothing recomputed: a changed mart value is what the matrix shows
    assert normalised_distances([dict(ROWS[0], distance_to_best_normalised=0.25)]) == {
        ("udredningsret_somatik", "hovedstaden"): 0.25
    }


def test_colour_scale_ends():
    assert matrix_color(0) == MATRIX_COLORSCALE[0][1]
    assert matrix_color(1) == MATRIX_COLORSCALE[-1][1]
    assert matrix_color(None) == "#EEEEEE"


def test_plotly_matrix_for_the_exports():
    fig = distance_matrix_figure(ROWS, [INDICATOR])
    (heat,) = [t for t in fig.data if t.type == "heatmap"]
    assert list(heat.x) == ["Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland"]
    assert [round(v, 3) for v in heat.z[0]] == [0.667, 1.0, 1.0, 0.37, 0.0]
    (text,) = [t for t in fig.data if t.meta and t.meta.get("role") == "cell_text"]
    assert list(text.text) == ["72 pct.", "63 pct.", "63 pct.", "80 pct.", "90 pct."]


def test_missing_region_shows_ingen_data():
    rows = [r for r in ROWS if r["region_id"] != "nordjylland"]
    html = distance_matrix_html(rows, [INDICATOR])
    assert html.count("ingen data") >= 1
    assert "background:#EEEEEE" in html


SIGNIFICANCE = {"hovedstaden": "signifikant dårligere", "midtjylland": "ikke signifikant forskellig",
                "nordjylland": "signifikant bedre"}
ROWS_WITH_SIGNIFICANCE = [
    dict(r, significance_vs_national=SIGNIFICANCE.get(r["region_id"]),
         significance_vs_best="signifikant dårligere" if r["region_id"] == "hovedstaden" else None)
    for r in ROWS
]


def test_significance_marks_in_the_cells_of_both_matrices():
    fig = distance_matrix_figure(ROWS_WITH_SIGNIFICANCE, [INDICATOR])
    (text,) = [t for t in fig.data if t.meta and t.meta.get("role") == "cell_text"]
    # (−) worse, (+) better than the national value; no sign when not different or not tested
    assert list(text.text) == ["72 pct. (−)", "63 pct.", "63 pct.", "80 pct.", "90 pct. (+)"]
    (heat,) = [t for t in fig.data if t.type == "heatmap"]
    assert "Mod hele landet: signifikant dårligere<br>Mod bedste region: signifikant dårligere" in heat.customdata[0][0]
    assert "Mod hele landet" not in heat.customdata[0][1]  # Sjælland: no interval, no classification

    html = distance_matrix_html(ROWS_WITH_SIGNIFICANCE, [INDICATOR], region_link=lambda r: f"regioner?region={r}")
    assert "<span class='v'>72 pct.</span> (−)</td>" in html and "<span class='v'>90 pct.</span> (+)</td>" in html
    assert "<span class='v'>80 pct.</span></td>" in html
    assert "Mod hele landet: ikke signifikant forskellig" in html
    assert "(+) signifikant bedre end hele landet, (−) signifikant dårligere end hele landet" in html
    assert "<th><a href='regioner?region=nordjylland' target='_self'>Nordjylland</a></th>" in html
