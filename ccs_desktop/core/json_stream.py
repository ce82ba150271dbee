"""JSON decoded a value at a time, so that a worker decoding a big file lets the GUI thread in between.

`json.loads` is one C call that holds the interpreter lock from start to end: 36 ms for a 5 MB directory file of
50,000 entries (bench_frames), during which the window cannot paint. `loads` here gives the same result (or the
same kind of error) but decodes the top-level array, and every array directly inside a top-level object, one
item at a time with `JSONDecoder.raw_decode`, so no single call lasts longer than one item.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def loads(text: str) -> Any:
    """As `json.loads(text)`; json.JSONDecodeError (a ValueError) where it would raise one."""
    value, end = _value(text, _skip(text, 0), 0)
    if _skip(text, end) != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


def _skip(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    return match.end() if match else at


def _value(text: str, at: int, depth: int) -> tuple[Any, int]:
    first = text[at : at + 1]
    if first == "[" and depth <= 1:
        return _array(text, at)
    if first == "{" and depth == 0:
        return _object(text, at)
    return _DECODER.raw_decode(text, at)


def _array(text: str, at: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    at = _skip(text, at + 1)
    if text[at : at + 1] == "]":
        return items, at + 1
    while True:
        item, at = _value(text, at, 2)  # the items themselves (a directory's entries) in one piece each
        items.append(item)
        closed, at = _next(text, at, "]", "array")
        if closed:
            return items, at


def _object(text: str, at: int) -> tuple[dict[str, Any], int]:
    found: dict[str, Any] = {}
    at = _skip(text, at + 1)
    if text[at : at + 1] == "}":
        return found, at + 1
    while True:
        if text[at : at + 1] != '"':
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, at)
        key, at = _DECODER.raw_decode(text, at)
        at = _skip(text, at)
        if text[at : at + 1] != ":":
            raise json.JSONDecodeError("Expecting ':' delimiter", text, at)
        found[key], at = _value(text, _skip(text, at + 1), 1)
        closed, at = _next(text, at, "}", "object")
        if closed:
            return found, at


def _next(text: str, at: int, close: str, what: str) -> tuple[bool, int]:
    """After a member: (True, past `close`) at the end, else (False, at the next member), with json's errors."""
    at = _skip(text, at)
    separator = text[at : at + 1]
    if separator == close:
        return True, at + 1
    if separator != ",":
        raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
    at = _skip(text, at + 1)
    if text[at : at + 1] == close:
        raise json.JSONDecodeError(f"Illegal trailing comma before end of {what}", text, at)
    return False, at
