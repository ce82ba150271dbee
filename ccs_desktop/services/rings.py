"""Where every witness of an incoming call reports it, so the caller's card pops once, from the fastest one.

Witnesses: the softphone page (its Web Notification, or our bridge's `call` event on the simulator's page),
CCS's live-call poll (services/live_calls.py) and the listener's IVR request (through the call follower). The
join itself is core/calls/rings.py's `RingJoiner`.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ccs_desktop.core.calls.rings import RingJoiner, number_digits

log = logging.getLogger(__name__)


class RingDesk(QObject):
    """`pop(number, key, queue)` once per incoming call; `completed(number, key, queue)` when a later witness of
    it tells what the first did not (the key after a notification without one, the queue); `popped[source]`
    and `joined[source]` count what each witness contributed (Diagnostics and the bench read them)."""

    pop = Signal(str, str, str)
    completed = Signal(str, str, str)

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.joiner = RingJoiner(clock)
        self.popped: Counter[str] = Counter()
        self.joined: Counter[str] = Counter()
        self._cards: deque[list[Any]] = deque(maxlen=50)  # [digits, key, queue, key is the page's hint]

    def ring(self, source: str, key: str, number: str, queue: str = "") -> None:
        hint = source == "page"
        if not self.joiner.admit(key, number, hint=hint):
            self.joined[source] += 1
            log.debug("ring of %s from %s joined its call", key or "a call without a key", source)
            self._complete(key, number, queue, hint)
            return
        self._cards.append([number_digits(number), key, queue, hint])
        self.popped[source] += 1
        log.info("incoming call %s: card from %s", key or "(no key yet)", source)
        self.pop.emit(number, key, queue)

    def _complete(self, key: str, number: str, queue: str, hint: bool) -> None:
        """CCS's key replaces a missing key or the page's hint; a queue fills a missing one."""
        digits = number_digits(number)
        card = next(
            (c for c in reversed(self._cards) if (key and c[1] == key) or (c[0] == digits and (not c[1] or c[3]))),
            None,
        )
        if card is None:
            return
        better_key = bool(key) and not hint and (not card[1] or card[3]) and key != card[1]
        if not (better_key or (queue and not card[2])):
            return
        if better_key:
            card[1], card[3] = key, False
        card[2] = card[2] or queue
        self.completed.emit(number, card[1], card[2])

    def page_call(self, message: dict[str, object]) -> None:
        """A bridge `call` message (the simulator's page, or an adapter for the real one): an inbound ring."""
        if message.get("type") == "call" and message.get("state") == "ringing" and message.get("direction") == "in":
            key, number = str(message.get("callid") or ""), str(message.get("number") or "")
            self.ring("page", key, number, str(message.get("queue") or ""))
