"""Keeps the agent able to take calls, and never at the cost of a live one.

Trouble (the page did not load, the renderer crashed, the machine woke up, the network came back, the page asked
for a login, a login failed) makes the line "cannot take calls" (red in the tray) and schedules one recovery step
through the one `Backoff` (core/backoff.py): waits of 2, 5, 15, 30, 60 s, then every 5 min, one step per wait,
and at most 6 automatic logins an hour. A step reloads the page with the session it has; it logs in again only
when CCS said `login: false` (the page's `login_required`, or a failed login) or the session outlived its
lifetime: a page that cannot load is a network or proxy problem, and a new session would not fix it.
Nothing is reloaded or renewed during a call: a step that comes due then runs when the call ends.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QObject, Qt, QTimer, Signal

from ccs_desktop.core.backoff import Backoff
from ccs_desktop.services.agent_service import AgentService
from ccs_desktop.services.call_state import CallTracker, LineState

if TYPE_CHECKING:
    from ccs_desktop.core.api import StoredSession

log = logging.getLogger(__name__)

WAKE_TICK_MS = 5000
WAKE_GAP = 30.0  # seconds of wall-clock time missing between two ticks: the machine slept
EARLY = 0.01  # seconds a QTimer may fire before the step is due and still count as on time


class Action(enum.IntEnum):
    """What the next recovery step does; the stronger one wins when troubles pile up."""

    RELOAD = 1  # load the page again with the session we have (a new one only if it outlived its lifetime)
    LOGIN = 2  # get a new session first (CCS said login: false, or the last login failed)


class Supervisor(QObject):
    """Decides when the softphone is (re)loaded; the view only obeys `load_softphone(url)`.

    Attributes:
        problem: what is wrong, in words, while a recovery step waits ("" otherwise).
        next_try: wall-clock seconds of the next automatic step, or None.
        last_failure: (sentence, technical detail, wall-clock seconds) of the last page that did not load.
        page_loads, logins: how many page loads and logins this supervisor asked for (bench, diagnostics).
    """

    load_softphone = Signal(str)
    state_changed = Signal(object)  # LineState

    def __init__(
        self,
        service: AgentService,
        tracker: CallTracker,
        url_for_session: Callable[[str], str],
        parent: QObject | None = None,
        *,
        wall_clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.tracker = tracker
        self.url_for_session = url_for_session
        self.backoff = backoff or Backoff(monotonic)
        self.state = LineState.LOGGED_OUT
        self.reason = ""
        self.problem = ""
        self.page_ready = False
        self.page_connected = True  # the page's own word on its link to CCS (a `connection` message)
        self.loaded_session: str | None = None
        self.next_try: float | None = None
        self.last_failure: tuple[str, str, float] | None = None
        self.page_loads = 0
        self.logins = 0
        self._action: Action | None = None
        self._due: float | None = None  # monotonic time of the next step
        self._want_load = False  # a login we asked for: load the page with its session
        self._load_serial = 0
        self._failed_serial = -1
        self._move_after_call = False  # the address changed during a call
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)
        service.logged_in.connect(self._logged_in)
        service.login_failed.connect(self._login_failed)
        tracker.active_changed.connect(self._line_changed)
        tracker.call_changed.connect(self._call_changed)
        self._wall, self._mono = wall_clock, monotonic
        self._last_tick = (wall_clock(), monotonic())
        self._wake = QTimer(self)
        self._wake.setInterval(WAKE_TICK_MS)
        self._wake.timeout.connect(self._tick)
        self._wake.start()

    def stop(self) -> None:
        """Logged out: a login still in flight, a step coming due or the line going free later must not load a
        softphone for a session nobody has any more."""
        self._stopped = True
        self._timer.stop()
        self._wake.stop()
        self.service.logged_in.disconnect(self._logged_in)
        self.service.login_failed.disconnect(self._login_failed)
        self.tracker.active_changed.disconnect(self._line_changed)
        self.tracker.call_changed.disconnect(self._call_changed)

    # --- inputs ----------------------------------------------------------------------------------------------

    def start(self) -> None:
        self._set_state(LineState.CONNECTING, self.tr("logging in"))
        self._want_load = True
        self.logins += 1
        self.service.login()

    def page_failed(self, text: str, detail: str = "") -> None:
        """The page did not load (`text` names the host and the error): reload on the back-off, no login."""
        self._failed_serial = self._load_serial
        self.last_failure = (text, detail, self._wall())
        log.warning("the softphone page did not load: %s", detail or text)
        self._trouble(text, Action.RELOAD)

    def page_loaded(self, ok: bool) -> None:
        """A load finished; a failure without `page_failed` details (older wiring) still counts as one."""
        if not ok and self._failed_serial != self._load_serial:
            self.page_failed(self.tr("the softphone page did not load"))

    def page_message(self, message: dict[str, object]) -> None:
        kind = message.get("type")
        if kind == "ready":
            self.page_ready = self.page_connected = True
            self.backoff.reset()
            self._cancel()
            self._show_line()
        elif kind == "login_required":
            why = str(message.get("message") or self.tr("session rejected"))
            self.page_ready = False
            self._trouble(
                self.tr("the softphone asked for a login ({reason})").format(reason=why), Action.LOGIN
            )
        elif kind == "connection":
            self.page_connected = message.get("state") == "connected"
            if self._action is None and self.page_ready:
                self._show_line()

    @property
    def on_hold(self) -> bool:
        """The call is on hold: the tracker's word (page, CCS or our own click2hold), not a copy of it."""
        return self.tracker.on_hold()

    def _call_changed(self, _call: object) -> None:
        """Every witness's news of the call (on hold, talking again) reaches the line state."""
        if self._action is None and self.page_ready:
            self._show_line()

    def renderer_crashed(self, reason: str) -> None:
        self.page_ready = False
        self._trouble(self.tr("the softphone stopped ({reason})").format(reason=reason), Action.RELOAD)

    def network_changed(self, online: bool) -> None:
        if online:
            if self.state is LineState.UNAVAILABLE or not self.page_ready:
                self._trouble(self.tr("the network came back"), Action.RELOAD)
        else:
            self.page_ready = False
            self._set_state(LineState.UNAVAILABLE, self.tr("the network is down"))

    def session_renewed(self, stored: StoredSession) -> None:
        """A login happened (ours, or the API's own after `login: false`): the page must use the new session."""
        if self.loaded_session is None or stored.session == self.loaded_session or self._action is not None:
            return
        if self.tracker.is_active():
            log.info("the new session waits for the call to end")
            return  # _line_changed loads it
        self._load(stored)

    def session_refused(self, reason: str) -> None:
        """An API call (the live-call poll) got `login: false`: a new session, on the back-off and the login cap;
        the page, if it loaded, gets the new session too (after the call, if one is up)."""
        self._trouble(self.tr("CCS refused the session ({reason})").format(reason=reason), Action.LOGIN)
        if self.tracker.is_active() and self.page_ready:
            self._show_line()  # the call goes on with the page's session: the line says "in a call", not red

    def retry_now(self) -> None:
        """The agent's "Retry now" (or "Reload softphone"): run the waiting step at once, or reload now.

        It skips one wait; the back-off step is not reset, and a login it runs still counts in the hourly cap.
        """
        if self._action is None:
            self._action = Action.RELOAD  # nothing waits: a plain reload, nothing to explain in the banner
        self._due = self._mono()
        self._timer.stop()
        self.run_due(manual=True)

    def address_changed(self) -> None:
        """The softphone's address changed (a setting): load it from there, now when the line is free, else
        when the call ends. Through `retry_now`, so a step that was waiting runs instead and nothing is
        loaded twice."""
        if self.loaded_session is None and self._action is None:
            return  # nothing loaded yet: the first load asks for the new address anyway
        if self.tracker.is_active():
            log.info("the softphone moves after the call")
            self._move_after_call = True
            return
        self._move_after_call = False
        self.retry_now()

    # --- recovery --------------------------------------------------------------------------------------------

    def _trouble(self, problem: str, action: Action) -> None:
        """Schedule one recovery step on the back-off; a step already waiting takes the stronger action."""
        self.problem = problem
        if self._action is None or action > self._action:
            self._action = action
        if self._due is None:
            delay = self.backoff.next_delay()
            log.info("softphone trouble (%s); next step (%s) in %.0f s", problem, self._action.name, delay)
            self._arm(delay)
        self._show_problem()

    def _arm(self, delay: float) -> None:
        self._due = self._mono() + delay
        self.next_try = self._wall() + delay
        self._timer.start(max(0, round(delay * 1000)))

    def _cancel(self) -> None:
        self._action = self._due = self.next_try = None
        self.problem = ""
        self._timer.stop()

    def _on_timer(self) -> None:
        if self._due is None:
            return
        left = self._due - self._mono()
        if left > EARLY:  # an injected clock that has not got there yet
            self._timer.start(max(1, round(left * 1000)))
            return
        self.run_due()

    def run_due(self, *, manual: bool = False) -> None:
        """Take the waiting step if it is due (the timer calls this; tests and the bench call it too)."""
        if self._due is None or self._action is None or self._mono() < self._due - EARLY:
            return
        if self.tracker.is_active():
            log.info("recovery (%s) waits for the call to end", self.problem)
            self._set_state(
                LineState.UNAVAILABLE,
                self.tr("{problem}; waiting for the call to end").format(problem=self.problem),
            )
            return  # _line_changed runs it
        action = self._action
        session = self.service.agent.session
        lifetime = self.service.agent.lifetime
        if session is None or (self.service.agent.session_age() or 0.0) >= lifetime:
            action = Action.LOGIN
        if action is Action.LOGIN and not manual:
            wait = self.backoff.login_wait()
            if wait > 0:
                log.warning("%d logins in the last hour: the next waits %.0f s", self.backoff.logins_in_window(), wait)
                self._arm(wait)
                self._show_problem()
                return
        self._action = self._due = self.next_try = None
        self._timer.stop()
        if action is Action.LOGIN:
            self.backoff.record_login()
            self.logins += 1
            self._want_load = True
            self._set_state(
                LineState.CONNECTING,
                self.tr("{problem}; logging in").format(problem=self.problem)
                if self.problem
                else self.tr("logging in"),
            )
            self.service.login(fresh=True)
        else:
            assert session is not None
            self._load(session)

    def _logged_in(self, stored: StoredSession) -> None:
        if not self._want_load and stored.session == self.loaded_session:
            return  # already loaded (session_renewed got there first)
        if self.tracker.is_active() and self.loaded_session is not None:
            return  # never change the page's session under a live call; _line_changed catches up
        self._load(stored)

    def _load(self, stored: StoredSession) -> None:
        if self._stopped:
            return
        self._want_load = False
        self.page_ready = False
        self.loaded_session = stored.session
        self.page_loads += 1
        self._load_serial += 1
        self._set_state(LineState.CONNECTING, self.tr("loading the softphone"))
        self.load_softphone.emit(self.url_for_session(stored.session))

    def _login_failed(self, text: str) -> None:
        self._trouble(text, Action.LOGIN)

    def _line_changed(self, active: bool) -> None:
        if active:
            if self.state is LineState.READY:
                self._show_line()
            return
        if self.state is LineState.IN_CALL:
            self._show_line()
        session = self.service.agent.session
        if self._move_after_call:
            self.address_changed()
        elif self._due is not None:
            self.run_due()  # a step that came due during the call runs now; one not due yet waits its time
        elif session is not None and self.loaded_session not in (None, session.session):
            self._load(session)

    def _tick(self) -> None:
        wall, mono = self._wall(), self._mono()
        last_wall, last_mono = self._last_tick
        self._last_tick = (wall, mono)
        if (wall - last_wall) - (mono - last_mono) > WAKE_GAP:
            self.page_ready = False
            self._trouble(self.tr("the computer woke from sleep"), Action.RELOAD)

    # --- what the agent sees ---------------------------------------------------------------------------------

    def next_try_text(self) -> str:
        """The local time of the next automatic step ("14:05:30"), or "" when none waits."""
        if self.next_try is None:
            return ""
        return QDateTime.fromMSecsSinceEpoch(round(self.next_try * 1000)).toString("HH:mm:ss")

    def _show_problem(self) -> None:
        when = self.next_try_text()
        reason = (
            self.tr("{problem}; next try at {time}").format(problem=self.problem, time=when)
            if when
            else self.problem
        )
        self._set_state(LineState.UNAVAILABLE, reason)

    def _show_line(self) -> None:
        """The line as the page reports it: disconnected, on a call (maybe on hold), or ready."""
        if not self.page_connected:
            self._set_state(LineState.UNAVAILABLE, self.tr("the softphone says it is disconnected"))
        elif self.tracker.is_active():
            self._set_state(LineState.IN_CALL, self.tr("on hold") if self.on_hold else "")
        else:
            self._set_state(LineState.READY, "")

    def _set_state(self, state: LineState, reason: str) -> None:
        changed = state is not self.state or reason != self.reason
        self.state, self.reason = state, reason
        if changed:
            self.state_changed.emit(state)
