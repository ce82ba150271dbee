"""Is this web notification from the softphone page an incoming call, and whose?

Browser softphones announce a ring with a Web Notification (`new Notification(title, {body, tag})`), worded
their own way and in the agent's language: "Incoming call" / "+90 532 123 45 67", "Gelen arama: 0532 123 45 67",
"Ayşe Yılmaz is calling", with the call's id in `tag` more often than not. Polling CCS for live calls is up to
2 s late; this notification comes at once, so the app pops the caller's card from it. The reading is lenient
(English and Turkish wording, a number anywhere in the title or the body) but refuses what only looks like a
call: a missed call, a voicemail or an ended call also carries a number and must not pop a card.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Words that make a notification a ring, compared after `fold` (lower case, no accents, Turkish ı as i).
RING_WORDS = (
    "incoming",
    "inbound call",
    "ringing",
    "is calling",
    "calling you",
    "call from",
    "new call",
    "gelen arama",
    "gelen cagri",
    "arama geliyor",
    "cagri geliyor",
    "ariyor",  # "... arıyor": "... is calling"
    "caliyor",  # "telefon çalıyor": "the phone is ringing"
    "yeni arama",
    "yeni cagri",
)
#: Words that say it is about a call that is not ringing now; they win over the ring words
#: ("Missed incoming call", "Cevapsız gelen arama").
NOT_RING_WORDS = (
    "missed",
    "voicemail",
    "voice mail",
    "ended",
    "hung up",
    "call back",
    "callback",
    "cevapsiz",
    "kacirilan",
    "sesli mesaj",
    "sona erdi",
    "bitti",
    "kapandi",
    "geri ara",
)
#: "Queue: Destek", "Kuyruk - Satış", "Sıra: Destek", up to the end of the line or a separator.
_QUEUE = re.compile(r"\b(?:queue|kuyruk|s[ıi]ra)\s*[:：\-–]\s*([^\n·•|,;()]+)", re.IGNORECASE)
#: A run that may be a phone number: digits with the separators people write, not part of a word or of a masked
#: number ("0532*****67" names nobody).
_NUMBER_RUN = re.compile(r"(?<![\w*#+])\+?\d[\d ().\-/]*\d(?![\w*#])")
_WORD_EDGE = r"(?<![a-z0-9]){}(?![a-z0-9])"
#: Tags that name a kind of notification, not a call ("incoming-call", "ring"), or are the caller's number.
_NOT_A_KEY = re.compile(r"[A-Za-z_\-. ]*|[+\d\s().\-]*")
_MIN_KEY = 6
_MAX_TEXT = 500  # a notification is short; a long one is read only this far
_MIN_DIGITS = 3  # an internal extension ("1005") is a caller too
_MAX_DIGITS = 15  # E.164's longest


@dataclass(frozen=True)
class PageRing:
    """An incoming call read from the page: `number` in E.164 when it parses (else the digits as written),
    `key` the notification's tag when it looks like a call's id (see `call_key`), else "", and `queue`
    ("" when none)."""

    number: str
    key: str
    queue: str


def fold(text: str) -> str:
    """Lower case without accents, Turkish dotless ı as i: "GELEN ÇAĞRI" and "Gelen çağrı" both read "gelen cagri"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


def _says(folded: str, words: tuple[str, ...]) -> bool:
    return any(re.search(_WORD_EDGE.format(re.escape(word)), folded) for word in words)


def is_ring_text(title: str, message: str) -> bool:
    """True when the words say a call is ringing now (and nothing says it was missed, ended or left a message)."""
    folded = fold(f"{title}\n{message}"[:_MAX_TEXT])
    return _says(folded, RING_WORDS) and not _says(folded, NOT_RING_WORDS)


def find_queue(title: str, message: str) -> str:
    """The queue the notification names after a "Queue:"/"Kuyruk:"/"Sıra:" label, else ""."""
    match = _QUEUE.search(f"{title}\n{message}"[:_MAX_TEXT])
    return " ".join(match.group(1).split()) if match else ""


def find_number(text: str, region: str = "") -> str:
    """The first phone number in `text`, E.164 when it parses; else the first run of 3-15 digits as written
    (an internal extension, a number libphonenumber does not know), digits only; "" when there is none.
    `region` reads national numbers ("" is core.phone's default)."""
    # phonenumbers is imported at the first notification, not with the window (tests/test_layers.py)
    from ccs_desktop.core.phone import DEFAULT_REGION, extract_numbers, try_parse  # noqa: PLC0415

    region = region or DEFAULT_REGION
    text = text[:_MAX_TEXT]
    found = extract_numbers(text, region)
    if found:
        return found[0].e164
    for match in _NUMBER_RUN.finditer(text):
        run = match.group(0)
        digits = re.sub(r"\D", "", run)
        if not _MIN_DIGITS <= len(digits) <= _MAX_DIGITS:
            continue
        parsed = try_parse(run, region, possible=True)
        if parsed is not None:
            return parsed.e164
        return ("+" if run.startswith("+") else "") + digits
    return ""


def call_key(tag: str) -> str:
    """The tag as the call's key, or "" when it cannot be one. Softphones that put the call's id in the tag
    (CCS's live-call key, a SIP Call-ID, a UUID) are the common case; others use one fixed tag for every ring
    ("incoming-call", so a new ring replaces the old on screen) or the caller's number. Taking such a tag for a
    key would make two calls one (no card for the second) or keep the poll's key from joining (two cards),
    while no key only makes the desk join the poll by number."""
    key = tag.strip()
    if len(key) < _MIN_KEY or _NOT_A_KEY.fullmatch(key):
        return ""
    return key


def parse_page_ring(title: str, message: str, tag: str, region: str = "") -> PageRing | None:
    """The ring this notification announces, or None when it is something else (show it to the agent as it is).

    The number is looked for in the title first, then the body, with the queue's label and name left out so a
    queue called "Destek 2" is not read as a caller.
    """
    if not is_ring_text(title, message):
        return None
    queue = find_queue(title, message)
    for text in (title, message):
        number = find_number(_QUEUE.sub(" ", text), region)
        if number:
            return PageRing(number=number, key=call_key(tag), queue=queue)
    return None
