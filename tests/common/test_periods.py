from datetime import date

import pytest

from common.periods import (
    Period,
    half_year,
    last_completed_quarter,
    month_end,
    previous,
    quarter,
    quarter_of,
    year_period,
)


@pytest.mark.parametrize(
    ("n", "start", "end"),
    [
        (1, date(2025, 1, 1), date(2025, 3, 31)),
        (2, date(2025, 4, 1), date(2025, 6, 30)),
        (3, date(2025, 7, 1), date(2025, 9, 30)),
        (4, date(2025, 10, 1), date(2025, 12, 31)),
    ],
)
def test_quarter(n: int, start: date, end: date) -> None:
    assert quarter(2025, n) == Period(start, end, "quarter", 2025, n)


def test_half_year_and_year() -> None:
    assert half_year(2025, 1) == Period(date(2025, 1, 1), date(2025, 6, 30), "half", 2025, 1)
    assert half_year(2025, 2) == Period(date(2025, 7, 1), date(2025, 12, 31), "half", 2025, 2)
    assert year_period(2025) == Period(date(2025, 1, 1), date(2025, 12, 31), "year", 2025, 1)


@pytest.mark.parametrize(("factory", "n"), [(quarter, 0), (quarter, 5), (half_year, 3)])
def test_rejects_out_of_range_numbers(factory, n: int) -> None:
    with pytest.raises(ValueError):
        factory(2025, n)


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [(2024, 2, date(2024, 2, 29)), (2025, 2, date(2025, 2, 28)), (2025, 8, date(2025, 8, 31))],
)
def test_month_end(year: int, month: int, expected: date) -> None:
    assert month_end(year, month) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 1, 1), quarter(2025, 1)),
        (date(2025, 9, 30), quarter(2025, 3)),
        (date(2025, 10, 1), quarter(2025, 4)),
    ],
)
def test_quarter_of(day: date, expected: Period) -> None:
    assert quarter_of(day) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 10, 1), quarter(2025, 3)),
        (date(2025, 9, 30), quarter(2025, 2)),
        (date(2025, 2, 15), quarter(2024, 4)),
    ],
)
def test_last_completed_quarter(today: date, expected: Period) -> None:
    assert last_completed_quarter(today) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (quarter(2025, 3), quarter(2025, 2)),
        (quarter(2025, 1), quarter(2024, 4)),
        (half_year(2025, 2), half_year(2025, 1)),
        (half_year(2025, 1), half_year(2024, 2)),
        (year_period(2025), year_period(2024)),
    ],
)
def test_previous(period: Period, expected: Period) -> None:
    assert previous(period) == expected


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (quarter(2025, 1), "quý I năm 2025"),
        (quarter(2025, 3), "quý III năm 2025"),
        (quarter(2025, 4), "quý IV năm 2025"),
        (half_year(2025, 1), "6 tháng đầu năm 2025"),
        (half_year(2025, 2), "6 tháng cuối năm 2025"),
        (year_period(2025), "năm 2025"),
    ],
)
def test_label_vi(period: Period, label: str) -> None:
    assert period.label_vi == label


def test_labels_follow_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        assert [quarter(2025, 3).label, half_year(2026, 1).label, year_period(2026).label] == [
            "Q3 2025",
            "H1 2026",
            "2026",
        ]
    with translation.override("vi"):
        assert quarter(2025, 3).label == "quý III năm 2025"
