"""The agent's CCS status (v1 `get_agents_status` / `agent/status`): read while logged in, set on request, and
the two options around calls and leaving.

- The read runs at most every POLL_SECONDS in the runner's `net` pool, only while the session's v1 API exists;
  a failing read keeps the status shown and waits as core/backoff.py says (never less than POLL_SECONDS).
- A change CCS refuses (it does during a call) is said in CCS's own words and the old status stays shown.
- `after_call_work_seconds`: when the line goes free, After-call work with a countdown (`countdown(int)`, seconds
  left, 0 when none) that the agent may end early (`end_after_call_work`), then Available. A new call cancels it.
- `backoffice_on_exit`: Back office at logout (`session.logging_out`) and before a quit (`before_quit(go)`, which
  waits at most QUIT_WAIT_MS for CCS and then lets the quit go on whatever happened).

Sends go one at a time, in order: a later choice never lands before an earlier one (the agent who clicks Lunch
then Available ends up Available), and only the newest waiting choice is kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ccs_desktop.core.api.statuses import check_status
from ccs_desktop.core.backoff import Backoff
from ccs_desktop.core.errors import ApiRefused, InvalidInput, RateLimited, user_text
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.call_state import CallTracker, LiveCall
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.api.client import Timeouts
    from ccs_desktop.core.api.v1 import V1Agent
    from ccs_desktop.services.session import SessionController

log = logging.getLogger(__name__)

POLL_SECONDS = 10.0
TICK_MS = 1000  # the after-call-work countdown's step
QUIT_WAIT_MS = 2000  # a quit waits this long for Back office at most
QUIT_TIMEOUTS = (1.5, 1.5)  # connect, read (s); and the request itself gives up soon after
AVAILABLE, BACKOFFICE, AFTER_CALL_WORK = "available", "backoffice", "aftercallwork"
LIVE_STATUSES = ("ringing", "dialing", "talking", "hold")  # what CCS shows during a call (core/api/v1.py)


class AgentStatusController(QObject):
    """Signals: `status_changed(str)` CCS's status name ("" unknown; also re-sent after a refused change, so a
    selector that moved goes back), `countdown(int)` seconds of after-call work left (0: none)."""

    status_changed = Signal(str)
    countdown = Signal(int)

    def __init__(
        self,
        runner: TaskRunner,
        bus: MessageBus,
        settings: Settings,
        tracker: CallTracker,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.bus, self.settings, self.tracker = runner, bus, settings, tracker
        self.clock = clock
        self.v1: V1Agent | None = None
        self.status = ""
        self._before_call = ""  # CCS's status when the line went busy (CCS shows the call itself meanwhile)
        self.backoff = Backoff(clock)
        self.quit_wait_ms = QUIT_WAIT_MS
        self.reading = False  # a read is in flight
        self._next_read = 0.0  # clock time before which no read starts
        self._changes = 0  # bumped by every send: a read that started before it is stale
        self._sending = False
        # the newest choice waiting for the one in flight, with the v1 API of when it was made (a logout's Back
        # office still goes after the session ended)
        self._waiting: tuple[str, Callable[[bool], None] | None, Timeouts | None, V1Agent] | None = None
        self.acw_until: float | None = None  # the end of the after-call-work countdown, None when none
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(int(POLL_SECONDS * 1000))
        self.poll_timer.timeout.connect(self.poll)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self.tick)
        tracker.call_ended.connect(self._call_ended)
        tracker.active_changed.connect(self._line_busy)

    def follow(self, session: SessionController) -> None:
        """Read while the session's v1 API exists; Back office at logout when the option says so."""
        session.v1_started.connect(self.start)
        session.v1_stopped.connect(self.stop)
        session.logging_out.connect(self._logging_out)

    # --- reading ---------------------------------------------------------------------------------------------

    def start(self, v1: V1Agent) -> None:
        self.v1 = v1
        self.backoff.reset()
        self._next_read = 0.0
        self.poll_timer.start()
        self._show(self.status)  # logged in: the selector works even before CCS answers
        self.poll()

    def stop(self) -> None:
        """Logged out: no reads, no countdown, nothing shown."""
        self.v1 = None
        self.poll_timer.stop()
        self._cancel_countdown()
        self._changes += 1  # a read in flight answers into nothing
        self._show("")

    def poll(self) -> None:
        """One read of CCS's status, unless logged out, one is in flight, or the back-off says not yet."""
        v1 = self.v1
        if v1 is None or self.reading or self.clock() < self._next_read:
            return
        self.reading = True
        self._next_read = self.clock() + POLL_SECONDS
        changes = self._changes

        def read(status: str) -> None:
            self.reading = False
            self.backoff.reset()
            if changes == self._changes and v1 is self.v1:
                self._show(status)

        def failed(exc: BaseException) -> None:
            self.reading = False
            wait = max(POLL_SECONDS, self.backoff.next_delay())
            if isinstance(exc, RateLimited):
                wait = max(wait, exc.retry_after)
            self._next_read = self.clock() + wait
            log.warning("the agent status was not read (%s); next read in %.0f s", user_text(exc, log), wait)

        self.runner.submit(v1.status, read, failed, pool="net", name="read agent status")

    def _show(self, status: str) -> None:
        self.status = status
        self.status_changed.emit(status)

    # --- setting ---------------------------------------------------------------------------------------------

    def set_status(self, name: str) -> None:
        """The agent chose a status (the selector, the tray): it replaces any after-call-work countdown."""
        self._cancel_countdown()
        self._send(name)

    def _send(
        self,
        name: str,
        done: Callable[[bool], None] | None = None,
        timeouts: Timeouts | None = None,
        v1: V1Agent | None = None,
    ) -> None:
        try:
            status = check_status(name)
        except InvalidInput as exc:
            self.bus.error(str(exc))
            if done is not None:
                done(False)
            return
        agent = v1 or self.v1
        if agent is None:
            self.bus.warning(self.tr("Log in to change your CCS status."))
            if done is not None:
                done(False)
            return
        if self._sending:  # after the one in flight; a newer choice replaces an older waiting one
            if self._waiting is not None and self._waiting[1] is not None:
                self._waiting[1](False)
            self._waiting = (status, done, timeouts, agent)
            return
        self._sending = True
        self._changes += 1

        def sent(_message: str) -> None:
            if agent is self.v1:
                self._show(status)
            self._finish(done, True)

        def refused(exc: BaseException) -> None:
            reason = exc.reason if isinstance(exc, ApiRefused) else user_text(exc, log)
            self.bus.error(self.tr("CCS did not change your status: {reason}").format(reason=reason))
            if agent is self.v1:
                self._show(self.status)  # the old one stays shown (a selector that moved goes back)
            if status == AFTER_CALL_WORK:
                self._cancel_countdown()
            self._finish(done, False)

        self.runner.submit(
            lambda: agent.set_status(status, timeouts=timeouts), sent, refused, pool="net", name="set agent status"
        )

    def _finish(self, done: Callable[[bool], None] | None, ok: bool) -> None:
        self._sending = False
        if done is not None:
            done(ok)
        if self._waiting is not None:
            (status, then, timeouts, v1), self._waiting = self._waiting, None
            self._send(status, then, timeouts, v1)

    # --- after-call work -------------------------------------------------------------------------------------

    def _call_ended(self, call: LiveCall) -> None:
        """After a call that was talked on (or one we placed whose answer nobody reported), for an agent who was
        taking calls: an agent in Back office or at lunch who rang a customer back stays where they were."""
        seconds = self.settings.get_int("after_call_work_seconds")
        if seconds <= 0 or self.v1 is None or self.tracker.is_active():
            return
        if self._before_call not in ("", AVAILABLE, AFTER_CALL_WORK):
            return
        if not (call.talked or call.source == "app"):
            return  # rang and was not answered: no work after it
        self.acw_until = self.clock() + seconds
        self.tick_timer.start()
        self.countdown.emit(seconds)
        self._send(AFTER_CALL_WORK)

    def _line_busy(self, busy: bool) -> None:
        if busy:
            self._before_call = "" if self.status in LIVE_STATUSES else self.status
        if busy and self.acw_until is not None:
            self._cancel_countdown()  # a new call: after-call work ends with it, CCS shows the call

    def tick(self) -> None:
        """One step of the countdown (the timer's, or a test's after moving the clock)."""
        if self.acw_until is None:
            return
        left = self.acw_until - self.clock()
        if left <= 0:
            self.end_after_call_work()
            return
        self.countdown.emit(int(left + 0.999))

    def end_after_call_work(self) -> None:
        """Available now: the countdown ends (early, or by itself)."""
        if self.acw_until is None:
            return
        self._cancel_countdown()
        self._send(AVAILABLE)

    def _cancel_countdown(self) -> None:
        if self.acw_until is None:
            return
        self.acw_until = None
        self.tick_timer.stop()
        self.countdown.emit(0)

    # --- leaving ---------------------------------------------------------------------------------------------

    def _logging_out(self) -> None:
        """Before the session closes (its v1 API still here); the send itself needs no session."""
        self._cancel_countdown()
        if self.settings.get_bool("backoffice_on_exit") and self.v1 is not None:
            self._send(BACKOFFICE)

    def before_quit(self, go: Callable[[], None]) -> None:
        """Back office, then `go()`; without the option, or logged out, `go()` at once. A dead or slow CCS
        costs the quit at most `quit_wait_ms`: the event loop runs meanwhile and the send is left behind."""
        self._cancel_countdown()
        self.poll_timer.stop()
        if not self.settings.get_bool("backoffice_on_exit") or self.v1 is None:
            go()
            return
        went = False

        def once(_ok: object = None) -> None:
            nonlocal went
            if not went:
                went = True
                go()

        QTimer.singleShot(self.quit_wait_ms, self, once)
        from ccs_desktop.core.api.client import Timeouts  # noqa: PLC0415 - http.client: not at start-up

        self._send(BACKOFFICE, once, Timeouts(*QUIT_TIMEOUTS))
