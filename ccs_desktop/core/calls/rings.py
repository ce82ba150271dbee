"""One card per incoming call, whichever witness tells of it first.

A ring can reach the app three ways, each with its own delay and its own idea of the call's identity: the
softphone page's notification (at once, sometimes without the call's key), CCS's live-call poll (up to 2 s late,
always with the key) and the IVR's request to the listener (with the key, where CCS can reach this PC). CCS keeps
`inbound: true` after the answer and only `status` moves, so the call's `key` is the identity; a ring that comes
without one is joined by the caller's number to a ring of the last `join_window` seconds. The page's key is only
a hint (a notification's tag may be a SIP Call-ID or a UUID, not CCS's key), so a ring with CCS's key joins a
page ring of the same number as if the page had given none; two of CCS's keys are two calls.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from ccs_desktop.core.digits import digits_suffix

JOIN_WINDOW = 30.0  # seconds in which a ring without a key and a ring with one are the same call
REMEMBERED = 500  # keys kept: a call that rings again after this many others may pop again


def number_digits(number: str) -> str:
    """The last ten digits: "+90 532 123 45 61" and "05321234561" are one caller."""
    return digits_suffix(number, 10)


@dataclass
class _Ring:
    key: str
    digits: str
    at: float
    hint: bool = False  # the key is the page's, perhaps not CCS's


class RingJoiner:
    """`admit(key, number)` is True for the first ring of a call and False for every later word of it.

    The clock is injected (monotonic seconds), so the join window is tested without waiting.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        join_window: float = JOIN_WINDOW,
        remembered: int = REMEMBERED,
    ) -> None:
        self._clock = clock
        self.join_window = join_window
        self.remembered = remembered
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._recent: list[_Ring] = []  # rings of the last join_window seconds

    def admit(self, key: str, number: str, *, hint: bool = False) -> bool:
        """`hint`: the key is the page's (a notification's tag), which may not be CCS's."""
        now = self._clock()
        self._recent = [ring for ring in self._recent if now - ring.at <= self.join_window]
        if key and key in self._keys:
            return False
        digits = number_digits(number)
        for ring in self._recent:
            # a keyed ring joins a keyless one, or one whose key was only the page's hint (two of CCS's keys are
            # two calls, even from one number)
            firm_both = ring.key and not ring.hint and key and not hint
            hint_both = ring.key and ring.hint and key and hint
            if ring.digits == digits and not firm_both and not hint_both:
                if key and not hint:
                    ring.key, ring.hint = key, False
                    self._remember(key)
                return False
        self._recent.append(_Ring(key, digits, now, hint=bool(key) and hint))
        if key:
            self._remember(key)
        return True

    def seen(self, key: str) -> bool:
        """Whether a card already popped (or was joined) for this key."""
        return key in self._keys

    def _remember(self, key: str) -> None:
        self._keys[key] = None
        while len(self._keys) > self.remembered:
            self._keys.popitem(last=False)
