"""Parser for the deadlines written in Vietnamese plans: "Quý III/2025", "Thường xuyên", ...

A deadline naming a period is due on the last day of that period.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from common.dates import EARLIEST, LATEST
from common.periods import half_year, month_end, quarter, year_period
from common.text import fold, nfc


@dataclass(frozen=True)
class ParsedDeadline:
    text: str  # the original text, NFC-normalised
    due_date: date | None
    recurring: bool


class DeadlineError(ValueError):
    """The text is not a deadline; the message is translated and quotes the text."""


# Everything below is matched against fold()-ed text: lowercase, no diacritics, single spaces.
_RECURRING = frozenset(
    {
        "thuong xuyen",
        "hang nam",  # "Hằng năm" and "Hàng năm"
        "hang quy",
        "hang thang",
        "lien tuc",
        "regularly",
        "annually",
        "ongoing",
        "continuous",
    }
)

_ENGLISH_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_NAMES = {name: number for number, name in enumerate(_ENGLISH_MONTHS, start=1)}
_MONTH_NAMES |= {name[:3]: number for name, number in _MONTH_NAMES.items()}

_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_HALVES = {"dau": 1, "first": 1, "1": 1, "cuoi": 2, "second": 2, "2": 2}

# Words that may precede a date ("Hoàn thành trước ngày ...") or a period ("Trong năm ...")
# without changing the due date. "trước"/"before" are not accepted before a period: "trước
# quý III" would mean before the quarter starts, not at its end.
_DATE_LEAD = r"(?:(?:hoan thanh )?(?:truoc|cham nhat|den|before|by) )?(?:ngay )?"
_PERIOD_LEAD = r"(?:(?:hoan thanh )?(?:trong|cham nhat|den|den het|den cuoi|het|cuoi|by|in) )?"
# Between a month, quarter or half and its year: "8/2025", "8 năm 2025", "Q3 2025", "3, 2025".
_SEP = r"(?: ?[/-] ?|,? (?:nam )?)"
_DAY = r"(?P<d>\d{1,2})"
_MONTH = r"(?P<m>\d{1,2})"
# Any number of digits, so that "8/25" is reported as a bad year rather than not understood.
_YEAR = r"(?P<y>\d+)"


def _year(value: str, text: str) -> int:
    year = int(value)
    if len(value) != 4 or not EARLIEST.year <= year <= LATEST.year:
        raise DeadlineError(
            _('The year in "%(text)s" must have 4 digits, between %(earliest)s and %(latest)s.')
            % {"text": text, "earliest": EARLIEST.year, "latest": LATEST.year}
        )
    return year


def _month(value: str, text: str) -> int:
    month = int(value)
    if not 1 <= month <= 12:
        raise DeadlineError(_('The month in "%(text)s" must be between 1 and 12.') % {"text": text})
    return month


def _exact_date(match: re.Match[str], text: str) -> date:
    year, month = _year(match["y"], text), _month(match["m"], text)
    try:
        return date(year, month, int(match["d"]))
    except ValueError:
        raise DeadlineError(_('The date "%(text)s" does not exist.') % {"text": text}) from None


def _month_end(match: re.Match[str], text: str) -> date:
    return month_end(_year(match["y"], text), _month(match["m"], text))


def _named_month_end(match: re.Match[str], text: str) -> date:
    return month_end(_year(match["y"], text), _MONTH_NAMES[match["name"]])


def _quarter_end(match: re.Match[str], text: str) -> date:
    value = match["q"]
    number = int(value) if value.isdigit() else _ROMAN_QUARTERS.get(value, 0)
    if not 1 <= number <= 4:
        raise DeadlineError(
            _('The quarter in "%(text)s" must be I, II, III or IV (1 to 4).') % {"text": text}
        )
    return quarter(_year(match["y"], text), number).end


def _half_end(match: re.Match[str], text: str) -> date:
    return half_year(_year(match["y"], text), _HALVES[match["half"]]).end


def _year_end(match: re.Match[str], text: str) -> date:
    return year_period(_year(match["y"], text)).end


def _range_end(match: re.Match[str], text: str) -> date:
    start, end = _year(match["start"], text), _year(match["end"], text)
    if end < start:
        raise DeadlineError(_('The period "%(text)s" ends before it starts.') % {"text": text})
    return year_period(end).end


_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str], str], date]]] = [
    (re.compile(pattern), handler)
    for pattern, handler in (
        # 15/8/2025, 15-8-2025, 15.8.2025
        (rf"{_DATE_LEAD}{_DAY} ?(?P<sep>[/.-]) ?{_MONTH} ?(?P=sep) ?{_YEAR}", _exact_date),
        # 2025-08-15
        (rf"{_DATE_LEAD}(?P<y>\d{{4}})-{_MONTH}-{_DAY}", _exact_date),
        # 15 tháng 8 năm 2025
        (rf"{_DATE_LEAD}{_DAY} thang {_MONTH},? nam {_YEAR}", _exact_date),
        # Quý III/2025, quý 3 năm 2025, Q3 2025, Quarter 3 2025
        (rf"{_PERIOD_LEAD}(?:quy|quarter|q) ?(?P<q>[ivx]+|\d{{1,2}}){_SEP}{_YEAR}", _quarter_end),
        # Tháng 8/2025, tháng 8 năm 2025, T8/2025
        (rf"{_PERIOD_LEAD}(?:thang|t) ?{_MONTH}{_SEP}{_YEAR}", _month_end),
        # 08/2025
        (rf"{_PERIOD_LEAD}{_MONTH} ?/ ?{_YEAR}", _month_end),
        # August 2025, Aug 2025
        (rf"{_PERIOD_LEAD}(?P<name>{'|'.join(_MONTH_NAMES)}),? {_YEAR}", _named_month_end),
        # 6 tháng đầu năm 2025, first half of 2025, H2 2025
        (rf"{_PERIOD_LEAD}6 thang (?P<half>dau|cuoi) (?:nam )?{_YEAR}", _half_end),
        (rf"{_PERIOD_LEAD}(?P<half>first|second) half (?:of )?{_YEAR}", _half_end),
        (rf"{_PERIOD_LEAD}h(?P<half>[12]){_SEP}{_YEAR}", _half_end),
        # Giai đoạn 2025 - 2030, 2025–2030
        (
            rf"{_PERIOD_LEAD}(?:giai doan )?(?P<start>\d{{4}}) ?[-–—] ?(?P<end>\d{{4}})",
            _range_end,
        ),
        # Năm 2025, Year 2025, 2025
        (rf"{_PERIOD_LEAD}(?:nam|year) {_YEAR}", _year_end),
        (rf"{_PERIOD_LEAD}(?P<y>\d{{4}})", _year_end),
    )
]


def parse_deadline(text: str) -> ParsedDeadline:
    """Parse a deadline as written in a plan; raise :class:`DeadlineError` if it is not one.

    Matching ignores case and diacritics; dates are read day first. Empty text means no deadline.
    """
    normalized = nfc(text)
    if not normalized:
        return ParsedDeadline("", None, False)
    # A trailing full stop is common in table cells copied from documents.
    folded = fold(normalized).rstrip(" .;")
    if folded in _RECURRING:
        return ParsedDeadline(normalized, None, True)
    for pattern, handler in _PATTERNS:
        match = pattern.fullmatch(folded)
        if match:
            return ParsedDeadline(normalized, handler(match, normalized), False)
    raise DeadlineError(
        _(
            'Cannot understand the deadline "%(text)s". Use e.g. "15/08/2025", "Tháng 8/2025", '
            '"Quý III/2025", "Năm 2025" or "Thường xuyên".'
        )
        % {"text": normalized}
    )
