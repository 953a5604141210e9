"""Reporting periods (quarters, half-years, years) and their labels (Vietnamese, English)."""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.utils.translation import get_language

PeriodKind = Literal["quarter", "half", "year"]

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    """A reporting period; ``number`` is the quarter (1-4) or half (1-2), and 1 for a year."""

    start: date
    end: date
    kind: PeriodKind
    year: int
    number: int

    @property
    def label_vi(self) -> str:
        """Label as written in Vietnamese reports, e.g. "quý III năm 2025"."""
        if self.kind == "quarter":
            return f"quý {_ROMAN[self.number]} năm {self.year}"
        if self.kind == "half":
            side = "đầu" if self.number == 1 else "cuối"
            return f"6 tháng {side} năm {self.year}"
        return f"năm {self.year}"

    @property
    def label_en(self) -> str:
        """Label in English, e.g. "Q3 2025", "H1 2025", "2025"."""
        if self.kind == "quarter":
            return f"Q{self.number} {self.year}"
        if self.kind == "half":
            return f"H{self.number} {self.year}"
        return str(self.year)

    @property
    def label(self) -> str:
        """Label in the active language (pages, messages); documents print ``label_vi``."""
        return self.label_en if (get_language() or "vi").startswith("en") else self.label_vi


def month_end(year: int, month: int) -> date:
    """Last day of the month, leap years included."""
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter(year: int, n: int) -> Period:
    if not 1 <= n <= 4:
        raise ValueError(f"Quarter must be 1-4, got {n}")
    return Period(date(year, 3 * n - 2, 1), month_end(year, 3 * n), "quarter", year, n)


def half_year(year: int, n: int) -> Period:
    if not 1 <= n <= 2:
        raise ValueError(f"Half-year must be 1 or 2, got {n}")
    return Period(date(year, 6 * n - 5, 1), month_end(year, 6 * n), "half", year, n)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year", year, 1)


def quarter_of(d: date) -> Period:
    return quarter(d.year, (d.month - 1) // 3 + 1)


def last_completed_quarter(today: date) -> Period:
    """The quarter before the one containing ``today``: a quarter is not over on its last day."""
    return previous(quarter_of(today))


def previous(period: Period) -> Period:
    """The period of the same kind immediately before ``period``."""
    if period.kind == "quarter":
        if period.number == 1:
            return quarter(period.year - 1, 4)
        return quarter(period.year, period.number - 1)
    if period.kind == "half":
        if period.number == 1:
            return half_year(period.year - 1, 2)
        return half_year(period.year, 1)
    return year_period(period.year - 1)


PERIOD_PATTERN = r"^\d{4}(-(Q[1-4]|H[12]))?$"


def parse_period(text: str) -> Period:
    """A period written as the API takes it: "2025-Q3", "2025-H1" or "2025"."""
    match = re.fullmatch(r"(\d{4})(?:-([QH])([1-4]))?", text.strip().upper())
    if match is None:
        raise ValueError(f"Not a period: {text!r} (expected 2025-Q3, 2025-H1 or 2025)")
    year, kind, number = int(match[1]), match[2], int(match[3] or 1)
    if kind == "Q":
        return quarter(year, number)
    if kind == "H":
        return half_year(year, number)
    return year_period(year)
