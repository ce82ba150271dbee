"""Whether the agent is on a call, from three witnesses: our own click2call/hangup/hold, the softphone page and
CCS's live-call poll (v1 `activecall/user`, the only one that knows of calls when the page does not report them).
The call's state (on hold or not) lives here too, so the window, the tray and the line state read one answer.

Everything that could drop a call (reload, navigation, session change, quit) asks `is_active()` first. When the
witnesses disagree we believe the one that says "a call is up": a wrongly refused reload costs a retry later,
a wrongly allowed one costs a customer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ccs_desktop.core.digits import digits_suffix

log = logging.getLogger(__name__)


class LineState(Enum):
    """What the tray shows: can the agent take calls right now?"""

    LOGGED_OUT = "logged out"
    CONNECTING = "connecting"
    READY = "ready"
    IN_CALL = "in call"
    UNAVAILABLE = "cannot take calls"


def state_text(state: LineState) -> str:
    """The line state in words; a function, so it is translated when shown, not when imported."""
    return {
        LineState.LOGGED_OUT: QCoreApplication.translate("LineState", "Logged out"),
        LineState.CONNECTING: QCoreApplication.translate("LineState", "Connecting…"),
        LineState.READY: QCoreApplication.translate("LineState", "Ready"),
        LineState.IN_CALL: QCoreApplication.translate("LineState", "In a call"),
        LineState.UNAVAILABLE: QCoreApplication.translate("LineState", "Cannot take calls"),
    }[state]


@dataclass
class LiveCall:
    key: str  # callid/activecallkey, or our transaction id until CCS tells the key
    number: str
    direction: str  # "in" | "out"
    state: str
    started: float = field(default_factory=time.monotonic)
    transaction_id: str = ""
    source: str = "app"  # which witness saw it first
    talked: bool = False  # it was answered (talking or on hold) at some point
    held_here: bool = False  # our own click2hold put it on hold (CCS's list may still say "talking")


class CcsCall(Protocol):
    """A row of CCS's live calls (core/api/v1.py's LiveCall)."""

    key: str
    inbound: bool
    status: str

    @property
    def number(self) -> str: ...


#: CCS's live statuses as the tracker's states (an unknown one is a call that is up).
STALE_AFTER_END = 10.0  # seconds in which CCS's list may still show a call that ended
CCS_STATES = {"ringing": "ringing", "dialing": "dialing", "talking": "talking", "hold": "hold"}


class CallTracker(QObject):
    """`active_changed(bool)` when the agent's line goes busy or free; `call_changed(LiveCall | None)`."""

    active_changed = Signal(bool)
    call_changed = Signal(object)
    call_ended = Signal(object)  # the LiveCall that ended

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        unconfirmed_timeout: float = 45.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._calls: dict[str, LiveCall] = {}
        self._ended: dict[str, float] = {}  # key -> when it ended, for STALE_AFTER_END
        self._clock = clock
        self.unconfirmed_timeout = unconfirmed_timeout
        self._was_active = False
        self.page_speaks = False
        # A click2call that a speaking page never confirms did not start (CCS ended it at once: busy agent,
        # bad number); it is let go after `unconfirmed_timeout`. With a silent page (no adapter for its events)
        # nothing is let go by time: only a hangup or the call's record (see `record_seen`) ends it.
        self._sweeper = QTimer(self)
        self._sweeper.setInterval(5000)
        self._sweeper.timeout.connect(self._sweep)
        self._sweeper.start()

    # --- witnesses -------------------------------------------------------------------------------------------

    def call_placed(self, key: str, number: str, transaction_id: str = "") -> None:
        """Our click2call was accepted: the line is busy from now on."""
        self._calls[key] = LiveCall(key, number, "out", "dialing", self._clock(), transaction_id, "app")
        self._changed(self._calls[key])

    def call_request_failed(self, transaction_id: str) -> None:
        """A click2call whose fate is unknown (timeout, lost connection) may be ringing: treat it as live."""
        key = transaction_id
        self._calls[key] = LiveCall(key, "", "out", "dialing", self._clock(), transaction_id, "app")
        self._changed(self._calls[key])

    def hangup_confirmed(self) -> None:
        """CCS accepted our click2hang: every call we know of is over."""
        for call in list(self._calls.values()):
            self._end(call)

    def hold_confirmed(self, on: bool) -> None:
        """CCS accepted our click2hold (`on`) or click2unhold: the current call is on hold, or talking again.

        A witness of its own, so "On hold" shows whichever page runs (one that reports nothing included)."""
        call = self.current()
        if call is None:
            return
        call.state = "hold" if on else "talking"
        call.held_here = on
        self._changed(call)

    def page_event(self, message: dict[str, object]) -> None:
        """A `call` message from the softphone bridge."""
        key = str(message.get("callid") or "")
        state = str(message.get("state") or "")
        if not key or not state:
            return
        number = str(message.get("number") or "")
        existing = self._calls.get(key) or self._match_unconfirmed(number)
        if state == "ended":
            if existing is not None:
                self._end(existing)
            return
        if existing is None:
            direction = str(message.get("direction") or "in")
            existing = LiveCall(key, number, direction, state, self._clock(), source="page")
        elif existing.key != key:
            self._calls.pop(existing.key, None)
            existing.key = key
        existing.state = state
        existing.source = "page"
        existing.held_here = False  # the page's word replaces ours
        self._calls[key] = existing
        self._changed(existing)

    def ccs_calls(self, calls: list[CcsCall]) -> None:
        """CCS's answer to the live-call poll: its calls are up, and a call only CCS told of is over when CCS no
        longer lists it. A call the page reports keeps the page's state (the page knows first); a call we placed
        takes CCS's key when CCS lists a call to its number."""
        listed: set[str] = set()
        now = self._clock()
        self._ended = {key: at for key, at in self._ended.items() if now - at < STALE_AFTER_END}
        for row in calls:
            if row.key in self._ended:
                continue  # a poll answered just before the call ended: stale, not a new call
            state = CCS_STATES.get(row.status, "talking")
            existing = self._calls.get(row.key)
            if existing is None and not row.inbound:
                existing = self._match_unconfirmed(row.number)
            if existing is None:
                existing = LiveCall(
                    row.key, row.number, "in" if row.inbound else "out", state, self._clock(), source="ccs"
                )
            elif existing.key != row.key:
                self._calls.pop(existing.key, None)
                existing.key = row.key
            if existing.source == "app":
                existing.source = "ccs"  # CCS confirms our click2call: from now on its list says when it ends
            listed.add(row.key)
            if existing.held_here and state == "talking":
                state = "hold"  # CCS's lists were only seen saying ringing/dialing/talking (ccs-api.md §7)
            changed = row.key not in self._calls or (existing.source == "ccs" and existing.state != state)
            if existing.source == "ccs":
                existing.state = state
            self._calls[row.key] = existing
            if changed:
                self._changed(existing)
        for call in list(self._calls.values()):
            if call.source == "ccs" and call.key not in listed:
                self._end(call)

    def page_spoke(self) -> None:
        """Any bridge message: this page reports its calls, so a call it never confirms never started."""
        self.page_speaks = True

    # --- state -----------------------------------------------------------------------------------------------

    def is_active(self) -> bool:
        return bool(self._calls)

    def is_up(self, key: str) -> bool:
        """This call (by its key) is ringing, talking or on hold: the caller card stays while it is."""
        return key in self._calls

    def current(self) -> LiveCall | None:
        return max(self._calls.values(), key=lambda c: c.started, default=None)

    def on_hold(self) -> bool:
        """The current call is on hold (by the page's word, CCS's, or our own accepted click2hold)."""
        call = self.current()
        return call is not None and call.state == "hold"

    def _match_unconfirmed(self, number: str) -> LiveCall | None:
        """The page's first event for a call we placed: same number, not yet confirmed by the page."""
        digits = digits_suffix(number)
        for call in self._calls.values():
            if call.source == "app":
                theirs = digits_suffix(call.number)
                if not digits or not theirs or theirs == digits:
                    return call
        return None

    def _end(self, call: LiveCall) -> None:
        self._calls.pop(call.key, None)
        self._ended[call.key] = self._clock()
        while len(self._ended) > 100:  # without a poll nobody prunes it by time
            del self._ended[next(iter(self._ended))]
        call.state = "ended"
        log.info("call %s ended", call.key)
        self.call_ended.emit(call)
        self._changed(self.current())

    def _changed(self, call: LiveCall | None) -> None:
        if call is not None and call.state in ("talking", "hold"):
            call.talked = True
        self.call_changed.emit(call)
        active = self.is_active()
        if active != self._was_active:
            self._was_active = active
            log.info("line %s", "busy" if active else "free")
            self.active_changed.emit(active)

    def record_seen(self, key: str) -> None:
        """CCS has a call record for this call (by activecallkey or transaction id): it is over."""
        for call in list(self._calls.values()):
            if key in (call.key, call.transaction_id):
                self._end(call)

    def _sweep(self) -> None:
        if not self.page_speaks:
            return
        now = self._clock()
        for call in list(self._calls.values()):
            if call.source == "app" and now - call.started > self.unconfirmed_timeout:
                log.warning(
                    "no softphone event for call %s in %.0f s; assuming it ended",
                    call.key,
                    now - call.started,
                )
                self._end(call)
