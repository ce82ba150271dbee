"""A directory's number as its server wrote it, made ready for the store: a prefix cut, the extension set apart.

Directories write numbers for people to read: "+90 212 555 00 00 ext. 123", "0212 555 0000 x123", "9,0212..."
(a PBX's outside-line digit). The store normalises the main number to E.164 with the region; the extension cannot
be dialled from the softphone, so it is kept in the label ("work ext. 123") where the agent sees it on the card,
and a look-up of the main number still finds the person.
"""

from __future__ import annotations

import re

from ccs_desktop.core.directories.source import DirectoryNumber

# "ext. 123", "ext 123", "extension 123", "x123", "#123", ";ext=123" (RFC 3966), Turkish "dahili 123" / "dah. 123".
_EXTENSION = re.compile(
    r"^(?P<main>.*?\d[\d\s().-]*?)\s*(?:;\s*ext=|,?\s*(?:ext\.?|extension|dahili|dah\.?)\s*:?|\s*[x#])\s*"
    r"(?P<ext>\d{1,7})\s*$",
    re.IGNORECASE,
)


def split_extension(text: str) -> tuple[str, str]:
    """(main number, extension) of a number as written; ("...", "") when it has none."""
    match = _EXTENSION.match(text.strip())
    if match is None:
        return text.strip(), ""
    return match.group("main").strip(), match.group("ext")


def strip_prefix(text: str, prefix: str) -> str:
    """The number without `prefix` (a trunk "0", a "+90", an outside-line "9,"), ignoring spaces before it."""
    text = text.strip()
    if prefix and text.startswith(prefix):
        return text[len(prefix) :].lstrip(" ,-")
    return text


def directory_number(text: str, label: str, prefix: str = "") -> DirectoryNumber | None:
    """The number to store, the extension in its label; None for a value with no digit at all."""
    main, extension = split_extension(text)
    main = strip_prefix(main, prefix)
    if not any(ch.isdigit() for ch in main):
        return None
    if extension:
        label = f"{label} ext. {extension}".strip()
    return DirectoryNumber(main, label)
