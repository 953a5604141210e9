"""Formatting of amounts of money, which are always whole Vietnamese đồng (``int``)."""

_NBSP = "\u00a0"
_BILLION = 1_000_000_000
_MILLION = 1_000_000


def _require_int(amount: int) -> None:
    # bool is an int subclass but never an amount of money.
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"Money is an integer number of VND, got {type(amount).__name__}")


def _group(number: int) -> str:
    """Digits of a non-negative integer with "." as the thousands separator."""
    return f"{number:,}".replace(",", ".")


def format_amount(amount: int) -> str:
    """Full amount without a unit, e.g. "263.300.000.000", for a column headed "(đồng)"."""
    _require_int(amount)
    sign = "-" if amount < 0 else ""
    return f"{sign}{_group(abs(amount))}"


def format_dong(amount: int) -> str:
    """Full amount as official documents write it, e.g. "263.300.000.000 đồng"."""
    return f"{format_amount(amount)} đồng"


def format_vnd(amount: int) -> str:
    """Full amount for the web pages, e.g. "263.300.000.000 ₫"; a non-breaking space (U+00A0)
    precedes "₫"."""
    return f"{format_amount(amount)}{_NBSP}₫"


def format_vnd_short(amount: int, language: str = "vi") -> str:
    """Amount in billions or millions with one decimal, for lists and charts: "263,3 tỷ đồng"
    in Vietnamese (the default: documents), "VND 263.3 billion" in English.

    The decimal is rounded half up and dropped when zero ("250 tỷ đồng", "VND 250 billion");
    amounts under one million fall back to the full amount ("500.000 đồng", "VND 500,000").
    A plain space separates number and unit.
    """
    _require_int(amount)
    english = language.startswith("en")
    magnitude = abs(amount)
    sign = "-" if amount < 0 else ""
    if magnitude >= _BILLION:
        unit, name = _BILLION, ("billion" if english else "tỷ đồng")
    elif magnitude >= _MILLION:
        unit, name = _MILLION, ("million" if english else "triệu đồng")
    elif english:
        return f"{sign}VND {magnitude:,}"
    else:
        return format_dong(amount)
    # Integer arithmetic: a float would misround large amounts.
    whole, tenth = divmod((magnitude * 10 + unit // 2) // unit, 10)
    if english:
        return f"{sign}VND {whole:,}{f'.{tenth}' if tenth else ''} {name}"
    decimal = f",{tenth}" if tenth else ""
    return f"{sign}{_group(whole)}{decimal} {name}"
