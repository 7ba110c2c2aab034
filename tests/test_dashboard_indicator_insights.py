"""The Indikator page says what the regional variation costs in patients (the same sentence as the
packs' summary, from the same mart), on the hand-built board warehouse."""

from __future__ import annotations

import pytest
from dashboard_warehouse import run_app, texts


def test_waiting_time_page_gives_the_patient_days_to_the_best(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, indicator="ventetid_somatik", period="2023K1")
    # best 40 days (Hovedstaden and Sjælland tie): (52 - 40) x 300 + (45 - 40) x 350 = 5.350 patient-days
    assert (
        "Hvis alle regioner havde haft samme ventetid som Region Hovedstaden og Region Sjælland, ville patienterne "
        "i alt have ventet ca. 5.400 dage mindre på behandling (patientdage) i 1. kvt. 2023."
    ) in texts(at)


def test_no_gap_sentence_without_denominators(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, indicator="middellevetid", period="2022")
    # life expectancy has no denominators and no gap wording
    assert "Hvis alle regioner" not in texts(at)


def test_overview_has_the_gap_column(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, page="overblik", period="2023K1")
    html = "\n".join(m.value for m in at.markdown if "nt-overview" in m.value and "<table" in m.value)
    assert "Gevinst ved bedste" in html
    row = html[html.rindex("<tr", 0, html.index("Gennemsnitlig ventetid til behandling (somatik)")):]
    row = row[:row.index("</tr>")]
    assert "ca. 5.400 patientdage" in row


def test_region_page_says_what_its_gap_to_the_best_is(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, page="region", region="syddanmark", period="2023K1")
    # Syddanmark waits 52 days against the best 40 on 300 patients: 3.600 patient-days
    assert (
        "Hvis Region Syddanmark havde haft samme ventetid som Region Hovedstaden og Region Sjælland, ville "
        "patienterne i alt have ventet ca. 3.600 dage mindre på behandling (patientdage) i 1. kvt. 2023."
    ) in texts(at)
