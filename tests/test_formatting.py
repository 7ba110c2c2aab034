"""Danish number, unit and period formatting."""

from datetime import date, datetime

import pytest

from noegletal.formatting import (
    axis_title,
    describe_variation,
    format_count,
    format_date,
    format_datetime,
    format_difference,
    format_exact,
    format_number,
    format_value,
    join_da,
    period_label,
    period_long_label,
    shown_decimals,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (74, 0, "74"),
        (74.4, 0, "74"),
        (74.5, 0, "75"),  # halves away from zero, not to even
        (73.5, 0, "74"),
        (0.125, 2, "0,13"),
        (81.25, 1, "81,3"),
        (81.3, 1, "81,3"),
        (81, 1, "81,0"),
        (1234, 0, "1.234"),
        (1234.56, 1, "1.234,6"),
        (999.96, 1, "1.000,0"),
        (1234567.891, 2, "1.234.567,89"),
        (98000.0, 0, "98.000"),
        (-1234.5, 1, "-1.234,5"),
        (-0.4, 0, "0"),  # never "-0"
        (-0.04, 1, "0,0"),
        (12, None, "12"),
        (None, 0, "ingen data"),
        (float("nan"), 1, "ingen data"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_number_signed():
    assert format_number(3, 0, signed=True) == "+3"
    assert format_number(-3, 0, signed=True) == "-3"
    assert format_number(0.2, 0, signed=True) == "0"


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (74, "pct", 0, "74 pct."),
        (74.0, "pct", 0, "74 pct."),
        (79.6, "pct", 0, "80 pct."),
        (12.34, "pct", 1, "12,3 pct."),
        (81.3, "år", 1, "81,3 år"),
        (81.25, "år", 1, "81,3 år"),
        (46, "dage", 0, "46 dage"),
        (1, "dage", 0, "1 dag"),
        (4.6, "dage", 1, "4,6 dage"),
        (12.34, "pr. 1.000", 1, "12,3 pr. 1.000"),
        (1234.5, "pr. 100.000", 1, "1.234,5 pr. 100.000"),
        (1234, "", 0, "1.234"),
        (1234, None, 0, "1.234"),
        (102.35, "indeks", 1, "102,4"),
        (-5, "dage", 0, "-5 dage"),
        (None, "pct", 0, "ingen data"),
        (None, None, 0, "ingen data"),
    ],
)
def test_format_value(value, unit, decimals, expected):
    assert format_value(value, unit, decimals) == expected


@pytest.mark.parametrize(
    ("diff", "unit", "decimals", "expected"),
    [
        (27, "pct", 0, "27 pct.-point"),
        (27.0, "pct", 0, "27 pct.-point"),
        (0.5, "pct", 0, "1 pct.-point"),
        (4.25, "pct", 1, "4,3 pct.-point"),
        (12, "dage", 0, "12 dage"),
        (1, "dage", 0, "1 dag"),
        (0.2, "år", 1, "0,2 år"),
        (0.19999999999999574, "år", 1, "0,2 år"),  # float noise from subtraction
        (-3, "pct", 0, "-3 pct.-point"),
        (1500, "pr. 100.000", 0, "1.500 pr. 100.000"),
        (2.5, "indeks", 1, "2,5"),
        (None, "pct", 0, "ingen data"),
    ],
)
def test_format_difference(diff, unit, decimals, expected):
    assert format_difference(diff, unit, decimals) == expected


def test_format_difference_signed():
    assert format_difference(3, "pct", 0, signed=True) == "+3 pct.-point"
    assert format_difference(-13, "pct", 0, signed=True) == "-13 pct.-point"
    assert format_difference(-0.2, "år", 1, signed=True) == "-0,2 år"
    assert format_difference(0.0, "pct", 0, signed=True) == "0 pct.-point"


@pytest.mark.parametrize(
    ("code", "short", "long"),
    [
        ("2023K1", "2023 K1", "1. kvt. 2023"),
        ("2019K3", "2019 K3", "3. kvt. 2019"),
        ("2022", "2022", "2022"),
        (None, "ingen data", "ingen data"),
        ("", "ingen data", "ingen data"),
    ],
)
def test_period_labels(code, short, long):
    assert period_label(code) == short
    assert period_long_label(code) == long


def test_unreadable_period_is_shown_as_given():
    assert period_label("ukendt") == "ukendt"


def test_format_count():
    assert format_count(31486, "henviste patienter") == "31.486 henviste patienter"
    assert format_count(98000.0) == "98.000"
    assert format_count(None, "borgere") == "ingen data"


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("pct", "pct."), ("dage", "dage"), ("år", "år"), ("pr. 1.000", "pr. 1.000"), ("indeks", "indeks")],
)
def test_axis_title(unit, expected):
    assert axis_title(unit) == expected


def test_join_da():
    assert join_da([]) == ""
    assert join_da(["Region Nordjylland"]) == "Region Nordjylland"
    assert join_da(["Region Sjælland", "Region Syddanmark"]) == "Region Sjælland og Region Syddanmark"
    assert join_da(["A", "B", "C"]) == "A, B og C"


def test_dates():
    assert format_date(date(2023, 6, 1)) == "1. juni 2023"
    assert format_datetime(datetime(2025, 11, 23, 9, 5)) == "23. november 2025 kl. 09.05"
    assert format_datetime(None) == "ingen data"


def test_describe_variation_as_in_the_board_item():
    text = describe_variation(
        27.0, 90.0, 63.0, ["Region Nordjylland"], ["Region Syddanmark", "Region Sjælland"], "pct", 0
    )
    assert text == (
        "Regional variation: 27 pct.-point – bedst: Region Nordjylland (90 pct.), "
        "dårligst: Region Syddanmark og Region Sjælland (63 pct.)"
    )


def test_describe_variation_days_and_missing():
    assert describe_variation(12, 40, 52, ["Region Hovedstaden"], ["Region Syddanmark"], "dage", 0) == (
        "Regional variation: 12 dage – bedst: Region Hovedstaden (40 dage), dårligst: Region Syddanmark (52 dage)"
    )
    assert describe_variation(None, None, None, [], [], "pct", 0) == "Regional variation: ingen data"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(74.0, "74"), (81.35, "81,35"), (98000.0, "98.000"), (0.1, "0,1"), (1e-7, "0,0000001"), (None, "ingen data")],
)
def test_format_exact(value, expected):
    assert format_exact(value) == expected


def test_format_interval():
    from noegletal.formatting import format_interval

    assert format_interval(4.94, 8.27, "pct", 0) == "4,9–8,3 pct."  # at least one decimal
    assert format_interval(60.62, 74.53, "pr. 1.000", 1) == "60,6–74,5 pr. 1.000"
    assert format_interval(None, 3.0, "pct", 0) == "–"
    assert format_interval(1.0, float("nan"), "pct", 0, missing="intet interval") == "intet interval"


def test_one_full_stop_after_an_abbreviation():
    from noegletal.formatting import one_full_stop

    assert one_full_stop("Landet ligger på 74 pct..") == "Landet ligger på 74 pct."
    assert one_full_stop("Ventetiden er 46 dage.") == "Ventetiden er 46 dage."


def test_shown_decimals_come_from_the_row_else_the_catalog():
    meta = {"decimals": 0}
    assert shown_decimals({"value_decimals": 1}, meta) == 1
    assert shown_decimals({"value_decimals": None}, meta) == 0
    assert shown_decimals({"value_decimals": float("nan")}, meta) == 0
    assert shown_decimals({}, {"decimals": 2}) == 2
    assert shown_decimals({"value_decimals": 1, "variation_decimals": 2}, meta, "variation_decimals") == 2
    # the cases, formatted with the decimals the rule gives (int_display_decimals_chosen)
    assert format_value(89.6, "pct", shown_decimals({"value_decimals": 1}, meta)) == "89,6 pct."
    assert format_value(9.24, "pct", shown_decimals({"value_decimals": 1}, meta)) == "9,2 pct."
    assert describe_variation(27.2, 90.6, 63.4, ["A"], ["B"], "pct", 1) == (
        "Regional variation: 27,2 pct.-point – bedst: A (90,6 pct.), dårligst: B (63,4 pct.)"
    )


@pytest.mark.parametrize(("text", "kept"), [
    ("den bedste regions nedre 95 %-grænse", "nedre 95\u00a0%-grænse"),
    ("var i 2025 på 8,5 pct. på landsplan", "i 2025 på 8,5\u00a0pct. på"),
    ("på 12,33 pr. 1.000 på landsplan", "12,33\u00a0pr.\u00a01.000"),
    ("8,8 dage og 1 dag", "8,8\u00a0dage og 1\u00a0dag"),
    ("en variation på 2,2 pct.-point, hvor", "2,2\u00a0pct.-point"),
])
def test_a_number_keeps_its_unit_on_its_line(text, kept):
    from noegletal.formatting import keep_units_together

    assert kept in keep_units_together(text)
    assert keep_units_together(text).replace("\u00a0", " ") == text
