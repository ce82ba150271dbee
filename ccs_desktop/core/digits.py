"""The cheap number key, apart from core/phone.py so that the window's modules can use it without loading
phonenumbers at start-up (tests/test_layers.py keeps that import off the start-up path)."""

from __future__ import annotations

import re

_NON_DIGITS = re.compile(r"\D")


def digits_suffix(text: str, length: int = 10) -> str:
    """The last `length` digits: a cheap key that matches 0532..., 90532... and +90 532... alike."""
    return _NON_DIGITS.sub("", text or "")[-length:]
