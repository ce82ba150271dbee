"""Qt's compiled translation format (.qm), written and read in pure Python.

Why our own: the CLI and the core must speak Turkish without loading Qt (the CLI's non-GUI commands never import
it, and `--help` has to stay fast), and building a wheel must not need PySide6 just to run `lrelease`. The format
is small: a 16-byte magic, then tagged blocks (tag byte, big-endian u32 length, data). `compile_ts` writes what
`pyside6-lrelease` writes for our catalogues, byte for byte (tests/core/test_i18n.py compares them), so the GUI's
QTranslator loads the very same file that `Catalogue` reads.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import NamedTuple

MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")

# block tags
_LANGUAGE, _HASHES, _MESSAGES, _NUMERUS_RULES, _CONTEXTS, _DEPENDENCIES = 0xA7, 0x42, 0x69, 0x88, 0x2F, 0x96
# message tags
_END, _SOURCE16, _TRANSLATION, _CONTEXT16, _OBSOLETE1, _SOURCE, _CONTEXT, _COMMENT, _OBSOLETE2 = range(1, 10)

# Qt's plural rules as lrelease encodes them, for the languages we ship: (n == 1) -> form 0, else form 1 for
# English; Turkish has a single form (no rules block at all).
NUMERUS_RULES: dict[str, bytes] = {"en": b"\x01\x01", "tr": b""}

_Q_EQ, _Q_LT, _Q_LEQ, _Q_BETWEEN = 1, 2, 3, 4
_Q_OP_MASK, _Q_NOT, _Q_MOD_10, _Q_MOD_100, _Q_LEAD_1000 = 0x07, 0x08, 0x10, 0x20, 0x40
_Q_AND, _Q_OR, _Q_NEWRULE = 0xFD, 0xFE, 0xFF


class QmError(ValueError):
    """A file that is not a .qm (or a .ts we cannot compile)."""


def elf_hash(data: bytes) -> int:
    """The hash QTranslator looks messages up by (source text + disambiguation, UTF-8)."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


class TsMessage(NamedTuple):  # (not a dataclass: importing dataclasses costs the CLI ~10 ms)
    context: str
    source: str
    comment: str
    numerus: bool
    translations: tuple[str, ...]  # one, or one per plural form
    finished: bool


def read_ts(data: bytes) -> tuple[str, list[TsMessage]]:
    """The language and every message of a .ts file (obsolete and vanished ones left out)."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415 - only when compiling

    root = ET.fromstring(data)
    if root.tag != "TS":
        raise QmError("not a Qt .ts file")
    messages: list[TsMessage] = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            numerus = message.get("numerus") == "yes"
            if translation is None:
                forms: tuple[str, ...] = ()
            elif numerus:
                forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            messages.append(
                TsMessage(
                    name,
                    message.findtext("source") or "",
                    message.findtext("comment") or "",
                    numerus,
                    forms,
                    kind != "unfinished",
                )
            )
    return root.get("language", ""), messages


def compile_ts(data: bytes) -> bytes:
    """What `lrelease` makes of a .ts: finished translations only, sorted, with the lookup hash table."""
    language, messages = read_ts(data)
    base = language.split("_")[0]
    if base not in NUMERUS_RULES:
        raise QmError(f"no plural rules known for language {language!r}")
    kept = sorted(
        (m for m in messages if m.finished and m.translations and any(m.translations)),
        key=lambda m: (m.context.encode(), m.source.encode(), m.comment.encode()),
    )
    body = bytearray()
    hashes: list[tuple[int, int]] = []
    for message in kept:
        # lrelease (6.11) drops the disambiguation from the hash too, so QTranslator finds the message by
        # context and source text alone; we do the same (and our code uses no disambiguations).
        hashes.append((elf_hash(message.source.encode()), len(body)))
        for text in message.translations:
            encoded = text.encode("utf-16-be")
            body += struct.pack(">BI", _TRANSLATION, len(encoded)) + encoded
        # lrelease stores no disambiguation (the hash carries it), then the source text and the context
        body += struct.pack(">BI", _COMMENT, 0)
        source, context = message.source.encode(), message.context.encode()
        body += struct.pack(">BI", _SOURCE, len(source)) + source
        body += struct.pack(">BI", _CONTEXT, len(context)) + context
        body += bytes([_END])
    out = bytearray(MAGIC)
    out += _block(_LANGUAGE, language.encode())
    out += _block(_HASHES, b"".join(struct.pack(">II", h, o) for h, o in sorted(hashes)))
    out += _block(_MESSAGES, bytes(body))
    if NUMERUS_RULES[base]:
        out += _block(_NUMERUS_RULES, NUMERUS_RULES[base])
    return bytes(out)


def _block(tag: int, data: bytes) -> bytes:
    return struct.pack(">BI", tag, len(data)) + data


class Catalogue:
    """Look-ups in a .qm the way QTranslator does them: by hash, then context and source text compared."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(MAGIC):
            raise QmError("not a .qm file")
        self.language = ""
        self._hashes: dict[int, list[int]] = {}
        self._messages = b""
        self._rules = b""
        for tag, block in _blocks(data):
            if tag == _LANGUAGE:
                self.language = block.decode("utf-8", "replace")
            elif tag == _HASHES:
                for h, offset in struct.iter_unpack(">II", block):
                    self._hashes.setdefault(h, []).append(offset)
            elif tag == _MESSAGES:
                self._messages = block
            elif tag == _NUMERUS_RULES:
                self._rules = block

    def lookup(self, context: str, source: str, comment: str = "", n: int = -1) -> str | None:
        """The translation, or None; like QTranslator, a miss with a disambiguation retries without it."""
        for disambiguation in dict.fromkeys((comment, "")):
            for offset in self._hashes.get(elf_hash((source + disambiguation).encode()), ()):
                found = self._message(offset, context, source)
                if found:
                    index = plural_form(n, self._rules) if n >= 0 else 0
                    return found[min(index, len(found) - 1)]
        return None

    def _message(self, offset: int, context: str, source: str) -> list[str] | None:
        translations: list[str] = []
        data, pos = self._messages, offset
        while pos < len(data):
            tag = data[pos]
            pos += 1
            if tag == _END:
                return translations
            if tag in (_OBSOLETE1, _OBSOLETE2):
                continue
            (length,) = struct.unpack_from(">I", data, pos)
            pos += 4
            if tag == _TRANSLATION:
                if length != 0xFFFFFFFF:
                    translations.append(data[pos : pos + length].decode("utf-16-be"))
                    pos += length
                continue
            value = data[pos : pos + length]
            pos += length
            if tag == _SOURCE and value != source.encode():
                return None
            if tag == _CONTEXT and value != context.encode():
                return None
        return None


def _blocks(data: bytes) -> Iterator[tuple[int, bytes]]:
    pos = len(MAGIC)
    while pos + 5 <= len(data):
        tag, length = struct.unpack_from(">BI", data, pos)
        pos += 5
        yield tag, data[pos : pos + length]
        pos += length


def plural_form(n: int, rules: bytes) -> int:
    """Which plural form `n` takes under lrelease's rule program: the first rule that holds, else the last form."""
    form, i = 0, 0
    while i < len(rules):
        any_true = False
        while True:
            all_true = True
            while True:
                opcode, right = rules[i], rules[i + 1]
                i += 2
                left = n
                if opcode & _Q_MOD_10:
                    left %= 10
                elif opcode & _Q_MOD_100:
                    left %= 100
                elif opcode & _Q_LEAD_1000:
                    while left >= 1000:
                        left //= 1000
                op = opcode & _Q_OP_MASK
                if op == _Q_EQ:
                    truth = left == right
                elif op == _Q_LT:
                    truth = left < right
                elif op == _Q_LEQ:
                    truth = left <= right
                else:  # between
                    truth = right <= left <= rules[i]
                    i += 1
                if opcode & _Q_NOT:
                    truth = not truth
                all_true = all_true and truth
                if i >= len(rules) or rules[i] != _Q_AND:
                    break
                i += 1
            any_true = any_true or all_true
            if i >= len(rules) or rules[i] != _Q_OR:
                break
            i += 1
        if any_true:
            return form
        form += 1
        i += 1  # Q_NEWRULE
    return form
