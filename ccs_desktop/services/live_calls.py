"""The agent's live calls from CCS (v1 `activecall/user`): the screen pop that needs no listener.

CCS's cloud cannot reach an office PC behind NAT, so the IVR's request to the listener never comes there; the app
asks CCS instead, every 2 s, and every 1 s while a call rings (ccs-api.md §4.4). What it learns goes three ways:
an inbound ringing call to the ring desk (one card per `key`) and to the call follower (its timeline records the
live key), and every answer to the call tracker (the line state).

Rate: one request in flight at most. Errors wait on the one recovery policy (core/backoff.py), a 429 at least
its `Retry-After`. The poll never logs in by itself: a refused session goes to the supervisor, whose logins are
capped, and the poll waits for the new session. Nothing is asked while logged out, and the first tick after a
sleep is skipped (the network takes a moment to come back).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ccs_desktop.core.backoff import Backoff
from ccs_desktop.core.logs import redact
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.contacts import ContactsController
from ccs_desktop.services.rings import RingDesk
from ccs_desktop.services.session import SessionController
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.api.agent import Agent
    from ccs_desktop.core.api.v1 import LiveCall, V1Agent

log = logging.getLogger(__name__)

EVERY_MS = 2000
RINGING_EVERY_MS = 1000
WAKE_GAP = 30.0  # seconds of wall-clock time missing between two ticks: the machine slept
AFTER_WAKE_MS = 5000
REMEMBERED = 500  # ringing keys remembered, so each is told once


class LiveCallPoller(QObject):
    """Signals: `calls(list[LiveCall])` after every answer, `ring(key, number, queue)` for each inbound call seen
    ringing (once per key), `failed(str)` with the reason of a failed poll in words,
    `session_refused(str)` when CCS refused the session (the supervisor renews it)."""

    calls = Signal(list)
    stopped = Signal()  # no more answers: what only CCS told of cannot be known to end
    ring = Signal(str, str, str)
    failed = Signal(str)
    session_refused = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backoff = backoff or Backoff(monotonic)
        self._mono, self._wall = monotonic, wall_clock
        self.v1: V1Agent | None = None
        self.polls = self.failures = 0  # requests sent, and how many failed (bench, diagnostics)
        self.last_error = ""
        self.next_delay_ms: int | None = None  # the wait before the next poll, while one is scheduled
        self._generation = 0
        self._in_flight = False
        self._refused: str | None = None  # the session CCS refused: wait for another
        self._ringing = False
        self._reported: OrderedDict[str, None] = OrderedDict()  # keys whose ring was told
        self._last_tick: tuple[float, float] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.poll)

    @property
    def running(self) -> bool:
        return self.v1 is not None

    def start(self, v1: V1Agent) -> None:
        """Logged in: poll this agent's calls from now on."""
        self.stop()
        self.v1 = v1
        self._refused = None
        self.backoff.reset()
        self._last_tick = (self._wall(), self._mono())
        self._schedule(0)

    def stop(self) -> None:
        """Logged out (or CCS keeps refusing the session): an answer still in flight is dropped."""
        was_running = self.v1 is not None
        self._generation += 1
        self._in_flight = False
        self.v1 = None
        self._ringing = False
        self.next_delay_ms = None
        self._timer.stop()
        if was_running:
            self.stopped.emit()

    def _schedule(self, ms: int) -> None:
        self.next_delay_ms = ms
        self._timer.start(ms)

    def poll(self) -> None:
        """One request (the timer calls it; tests and the bench call it too)."""
        v1 = self.v1
        if v1 is None or self._in_flight:
            return
        self.next_delay_ms = None
        if self._woke():
            log.info("the computer woke from sleep: live calls are asked again in %d s", AFTER_WAKE_MS // 1000)
            self._schedule(AFTER_WAKE_MS)
            return
        agent: Agent = v1.agent
        stored = agent.session
        if stored is None or stored.session == self._refused:
            self._schedule(EVERY_MS)  # no session yet, or the supervisor is renewing it
            return
        self._in_flight = True
        self.polls += 1
        generation, session = self._generation, stored.session
        self.runner.submit(
            lambda: v1.client.my_active_calls(session),
            lambda rows: self._answered(generation, rows),
            lambda exc: self._failed(generation, session, exc),
            name="live calls",
        )

    def _woke(self) -> bool:
        wall, mono = self._wall(), self._mono()
        last = self._last_tick
        self._last_tick = (wall, mono)
        return last is not None and (wall - last[0]) - (mono - last[1]) > WAKE_GAP

    def _answered(self, generation: int, rows: list[LiveCall]) -> None:
        if generation != self._generation:
            return
        self._in_flight = False
        self._refused = None
        self.backoff.reset()
        self.last_error = ""
        self._ringing = any(row.status == "ringing" for row in rows)
        self._schedule(RINGING_EVERY_MS if self._ringing else EVERY_MS)
        self.calls.emit(rows)
        for row in rows:
            if row.inbound and row.status == "ringing" and row.key not in self._reported:
                self._reported[row.key] = None
                while len(self._reported) > REMEMBERED:
                    self._reported.popitem(last=False)
                self.ring.emit(row.key, row.callerid, row.queue)

    def _failed(self, generation: int, session: str, exc: BaseException) -> None:
        if generation != self._generation:
            return
        from ccs_desktop.core.api.client import LoginRequired  # noqa: PLC0415
        from ccs_desktop.core.errors import RateLimited, user_text  # noqa: PLC0415

        self._in_flight = False
        self.failures += 1
        delay = self.backoff.next_delay()
        if isinstance(exc, RateLimited):
            delay = max(delay, exc.retry_after)
        if isinstance(exc, LoginRequired) and self._refused is not None:
            # the renewed session is refused too: v1 does not take this tenant's sessions; asking again would
            # only reload the softphone on every renewal
            self.last_error = self.tr("CCS's live-call API refuses the session ({reason})").format(reason=exc)
            log.warning("%s; live calls are off until the next login", self.last_error)
            self.failed.emit(self.last_error)
            self.stop()
            return
        if isinstance(exc, LoginRequired):
            self._refused = session
            self.last_error = str(exc)
            log.info("CCS refused the session on activecall/user (%s): the supervisor renews it", exc)
            self.session_refused.emit(str(exc))
        else:
            self.last_error = user_text(exc)
            log.warning("live calls: %s; next try in %.0f s", redact(self.last_error), delay)
            self.failed.emit(self.last_error)
        self._schedule(max(0, round(delay * 1000)))



class LiveCalls(QObject):
    """The poll and the ring desk of the window, wired to the session (start, stop, renewal), the call tracker
    (line state), the call history (timelines) and the contacts (the card). Every witness of a ring reports to
    `desk`: the poll and the listener here, the page's through `desk.page_call` / `desk.ring("page", ...)`."""

    def __init__(
        self,
        runner: TaskRunner,
        session: SessionController,
        history: CallHistory,
        tracker: CallTracker,
        contacts: ContactsController,
        parent: QObject | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.poller = poller = LiveCallPoller(runner, self, monotonic=monotonic, wall_clock=wall_clock)
        self.desk = desk = RingDesk(self, clock=monotonic)
        session.v1_started.connect(poller.start)
        session.v1_stopped.connect(poller.stop)
        poller.calls.connect(tracker.ccs_calls)
        poller.stopped.connect(lambda: tracker.ccs_calls([]))  # a call only CCS told of must not stay up for ever
        poller.ring.connect(lambda key, number, queue: desk.ring("poll", key, number, queue))
        poller.ring.connect(history.live_ring)
        poller.session_refused.connect(self._session_refused)
        history.ringing.connect(lambda number, key, queue: desk.ring("listener", key, number, queue))
        desk.pop.connect(contacts.look_up_incoming)
        desk.completed.connect(contacts.ring_completed)

    def _session_refused(self, reason: str) -> None:
        if self.session.supervisor is not None:
            self.session.supervisor.session_refused(reason)
