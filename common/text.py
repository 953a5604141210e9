"""Normalisation of Vietnamese text for storage and for accent-insensitive matching."""

import re
import unicodedata
from functools import lru_cache

# In ``str`` patterns ``\s`` also matches non-breaking and other Unicode spaces.
_WHITESPACE = re.compile(r"\s+")


def nfc(value: str) -> str:
    """NFC-normalise, strip and collapse every run of whitespace to one space.

    Vietnamese pasted from Word often arrives decomposed (NFD), which would not compare equal
    to the same text typed on a keyboard.
    """
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", value)).strip()


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
