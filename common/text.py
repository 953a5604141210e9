"""Normalisation of Vietnamese text for storage and for accent-insensitive matching."""

import re
import unicodedata

# In ``str`` patterns ``\s`` also matches non-breaking and other Unicode spaces.
_WHITESPACE = re.compile(r"\s+")


def nfc(value: str) -> str:
    """NFC-normalise, strip and collapse every run of whitespace to one space.

    Vietnamese pasted from Word often arrives decomposed (NFD), which would not compare equal
    to the same text typed on a keyboard.
    """
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str) -> str:
    """Accent-insensitive, lowercase form for matching: "Chuyển đổi số" -> "chuyen doi so".

    "đ" has no decomposition in Unicode, so it is mapped to "d" explicitly.
    """
    decomposed = unicodedata.normalize("NFD", nfc(value).lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
