"""Normalisation of Vietnamese text for storage and for accent-insensitive matching.

Every text the portal stores goes through :func:`clean` (``common.models.NFCTextMixin`` for
model saves, ``tasks.annex.cell_text`` for imported cells), so no stored value can carry a
character that breaks a report: an ESC in a title made openpyxl refuse the whole workbook.
"""

import re
import unicodedata
from functools import lru_cache

# In ``str`` patterns ``\s`` also matches non-breaking and other Unicode spaces.
_WHITESPACE = re.compile(r"\s+")
# Line breaks written as control characters: Windows' CR LF, an old Mac's CR, Word's vertical
# tab (Shift+Enter), a form feed, the C1 "next line". They become "\n", so the words on either
# side stay apart.
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85]")
# What XML 1.0 forbids (the other C0 controls, lone surrogates, U+FFFE and U+FFFF; .xlsx and
# the PDF's HTML are XML) plus DEL and the C1 controls, which in typed or pasted text are only
# ever mojibake. PostgreSQL also refuses NUL.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(value: str) -> str:
    """NFC text without control characters; line breaks as "\\n", tabs kept.

    Control characters are removed, not refused: they arrive invisibly in text pasted from
    Word or exported by older systems, and a person could neither see nor find them to fix
    the cell or field we would refuse.
    """
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", value)))


def nfc(value: str) -> str:
    """:func:`clean`, stripped, every run of whitespace collapsed to one space.

    Vietnamese pasted from Word often arrives decomposed (NFD), which would not compare equal
    to the same text typed on a keyboard.
    """
    return _WHITESPACE.sub(" ", clean(value)).strip()


# Every Vietnamese tone and vowel mark decomposes (NFD) into this block of combining marks.
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")


@lru_cache(maxsize=65_536)
def fold(value: str) -> str:
    """Accent-insensitive, lowercase form for matching: "Chuyển đổi số" -> "chuyen doi so".

    "đ" has no decomposition in Unicode, so it is mapped to "d" explicitly. Cached: an import
    folds the same agency names thousands of times.
    """
    decomposed = unicodedata.normalize("NFD", nfc(value).lower().replace("đ", "d"))
    return _COMBINING_MARKS.sub("", decomposed)
