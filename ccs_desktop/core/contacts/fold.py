"""Search folding: "yilmaz" must find "Yılmaz" and "ISMAIL" must find "İsmail".

Python's lower() is wrong for Turkish ("I".lower() is "i", but "İ".lower() is "i" plus a combining dot), and agents
type without Turkish letters anyway, so every dotted and dotless i becomes "i" and every Turkish letter its ASCII
base. A precomputed translate table keeps this cheap enough to run on every keystroke and every imported row.
"""

from __future__ import annotations

import unicodedata

_TURKISH = {
    "İ": "i",
    "I": "i",
    "ı": "i",
    "i": "i",
    "Ş": "s",
    "ş": "s",
    "Ç": "c",
    "ç": "c",
    "Ğ": "g",
    "ğ": "g",
    "Ö": "o",
    "ö": "o",
    "Ü": "u",
    "ü": "u",
    "Â": "a",
    "â": "a",
    "Î": "i",
    "î": "i",
    "Û": "u",
    "û": "u",
}
_TABLE = str.maketrans(_TURKISH)


def fold(text: str) -> str:
    """Lower-case, Turkish-aware, diacritic-free form of `text` for matching (never for display)."""
    folded = (text or "").translate(_TABLE).lower()
    if folded.isascii():
        return folded
    # Other languages' accents (é, ñ, ä): decompose and drop the combining marks.
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
