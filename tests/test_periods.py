"""Reporting periods: parsing the spellings in use, canonical codes, Danish labels and arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from noegletal.periods import Period, PeriodError, latest_complete, parse_period, period_range


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023K1", Period(2023, 1)),
        ("2023k1", Period(2023, 1)),
        ("2023 K1", Period(2023, 1)),
        ("2023Q1", Period(2023, 1)),
        ("2023q4", Period(2023, 4)),
        ("2023-Q2", Period(2023, 2)),
        ("2023 - K3", Period(2023, 3)),
        ("1. kvt. 2023", Period(2023, 1)),
        ("1 kvt 2023", Period(2023, 1)),
        ("4. KVT. 2023", Period(2023, 4)),
        ("2. kvartal 2023", Period(2023, 2)),
        ("K1 2023", Period(2023, 1)),
        ("Q3 2023", Period(2023, 3)),
        ("  2023   K1 ", Period(2023, 1)),
        ("1.  kvt.\t2023", Period(2023, 1)),
        ("2022", Period(2022)),
        (" 2022 ", Period(2022)),
        ("2022.0", Period(2022)),
        (2022, Period(2022)),
        (2022.0, Period(2022)),
        ("1900", Period(1900)),
        ("2100K4", Period(2100, 4)),
    ],
)
def test_parse_variants(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    "text",
    ["2023K5", "2023K0", "23K1", "K1", "", "   ", "2023K", "2023 Q", "5. kvt. 2023", "kvt. 2023", "2023-01",
     "20223", "1899", "2101K1", "2022.5", 2022.5, None, True, "2023K1x", "x2023K1"],
)
def test_unreadable_periods_raise(text):
    with pytest.raises(PeriodError, match="ugyldig periode"):
        parse_period(text)


def test_period_error_is_a_value_error_and_quotes_the_text():
    with pytest.raises(ValueError, match="'2023K5'"):
        parse_period("2023K5")


@pytest.mark.parametrize(
    ("period", "code", "label", "long_label", "frequency"),
    [
        (Period(2023, 1), "2023K1", "2023 K1", "1. kvt. 2023", "quarter"),
        (Period(2023, 4), "2023K4", "2023 K4", "4. kvt. 2023", "quarter"),
        (Period(2022), "2022", "2022", "2022", "year"),
    ],
)
def test_code_labels_and_frequency(period, code, label, long_label, frequency):
    assert (period.code, str(period), period.label, period.long_label, period.frequency) == (
        code, code, label, long_label, frequency,
    )


@pytest.mark.parametrize("text", ["2023K1", "2023 K3", "1. kvt. 2020", "2022"])
def test_code_and_labels_parse_back_to_the_same_period(text):
    period = parse_period(text)

    assert parse_period(period.code) == parse_period(period.label) == parse_period(period.long_label) == period


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (Period(2023, 1), date(2023, 1, 1), date(2023, 3, 31)),
        (Period(2023, 2), date(2023, 4, 1), date(2023, 6, 30)),
        (Period(2023, 3), date(2023, 7, 1), date(2023, 9, 30)),
        (Period(2023, 4), date(2023, 10, 1), date(2023, 12, 31)),
        (Period(2024, 1), date(2024, 1, 1), date(2024, 3, 31)),
        (Period(2022), date(2022, 1, 1), date(2022, 12, 31)),
        (Period(2024), date(2024, 1, 1), date(2024, 12, 31)),
    ],
)
def test_start_and_end_dates(period, start, end):
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("period", "year_ago", "previous", "following"),
    [
        (Period(2023, 1), Period(2022, 1), Period(2022, 4), Period(2023, 2)),
        (Period(2023, 2), Period(2022, 2), Period(2023, 1), Period(2023, 3)),
        (Period(2023, 4), Period(2022, 4), Period(2023, 3), Period(2024, 1)),
        (Period(2022), Period(2021), Period(2021), Period(2023)),
    ],
)
def test_year_ago_previous_and_next(period, year_ago, previous, following):
    assert (period.year_ago(), period.previous(), period.next()) == (year_ago, previous, following)
    assert period.next().previous() == period == period.previous().next()


def test_periods_order_chronologically():
    assert sorted([Period(2023, 1), Period(2022, 4), Period(2023, 3), Period(2022, 1)]) == [
        Period(2022, 1), Period(2022, 4), Period(2023, 1), Period(2023, 3),
    ]
    assert Period(2021) < Period(2022)


def test_period_range_is_inclusive():
    assert [p.code for p in period_range(Period(2022, 3), Period(2023, 2))] == ["2022K3", "2022K4", "2023K1", "2023K2"]
    assert [p.code for p in period_range(Period(2020), Period(2022))] == ["2020", "2021", "2022"]
    assert period_range(Period(2023, 1), Period(2023, 1)) == [Period(2023, 1)]
    assert period_range(Period(2023, 2), Period(2023, 1)) == []


@pytest.mark.parametrize(
    ("today", "quarter", "year"),
    [
        (date(2024, 1, 1), Period(2023, 4), Period(2023)),
        (date(2024, 2, 15), Period(2023, 4), Period(2023)),
        (date(2024, 3, 31), Period(2023, 4), Period(2023)),
        (date(2024, 4, 1), Period(2024, 1), Period(2023)),
        (date(2024, 6, 30), Period(2024, 1), Period(2023)),
        (date(2024, 7, 1), Period(2024, 2), Period(2023)),
        (date(2024, 10, 1), Period(2024, 3), Period(2023)),
        (date(2024, 12, 31), Period(2024, 3), Period(2023)),
    ],
)
def test_latest_complete_with_a_fixed_date(today, quarter, year):
    assert latest_complete("quarter", today) == quarter
    assert latest_complete("year", today) == year
    assert quarter.end < today and year.end < today


def test_latest_complete_defaults_to_today():
    today = date.today()
    latest = latest_complete("quarter")

    assert latest.end < today <= latest.next().end
