"""The one rule for values written into .xlsx cells, used by every workbook the portal writes
(the register's export and template, the reports) and undone by the annex importer.

Text a spreadsheet would run as a formula (starting with =, +, -, @ or a tab) is written
with a leading apostrophe: a title "=HYPERLINK(...)" stays text in Excel and LibreOffice, and
importing the file back removes the apostrophe.
"""

from common.text import clean

FORMULA_START = ("=", "+", "-", "@", "\t")


def cell_value(value):
    """``value`` as a cell must hold it: formula-like text escaped, control characters removed
    (``common.text.clean``; stored text has none, but the rule costs nothing here)."""
    if not isinstance(value, str):
        return value
    value = clean(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def unescape(text: str) -> str:
    """Text read from a cell without the apostrophe :func:`cell_value` put before a formula."""
    return text[1:] if text.startswith("'") and text[1:2].startswith(FORMULA_START) else text
