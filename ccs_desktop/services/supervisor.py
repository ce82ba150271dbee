"""Keeps the agent able to take calls, and never at the cost of a live one.

Trouble (the session ran out, the renderer crashed, the machine woke up, the network came back, the page asked
for a login) makes the line "cannot take calls" (red in the tray). Recovery - a fresh session and a reload of the
softphone - waits until no call is active, then runs by itself; nobody has to click anything.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ccs_desktop.services.agent_service import AgentService
from ccs_desktop.services.call_state import CallTracker, LineState

if TYPE_CHECKING:
    from ccs_desktop.core.api import StoredSession

log = logging.getLogger(__name__)

WAKE_TICK_MS = 5000
WAKE_GAP = 30.0  # seconds of wall-clock time missing between two ticks: the machine slept
RETRY_DELAYS = (2.0, 5.0, 15.0, 30.0, 60.0)


class Supervisor(QObject):
    """Decides when the softphone is (re)loaded; the view only obeys `load_softphone(url)`."""

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
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.tracker = tracker
        self.url_for_session = url_for_session
        self.state = LineState.LOGGED_OUT
        self.reason = ""
        self.page_ready = False
        self.loaded_session: str | None = None
        self._pending: str | None = None  # why a recovery waits
        self._attempt = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._recover_now)
        service.logged_in.connect(self._logged_in)
        service.login_failed.connect(self._login_failed)
        tracker.active_changed.connect(self._line_changed)
        self._wall, self._mono = wall_clock, monotonic
        self._last_tick = (wall_clock(), monotonic())
        self._wake = QTimer(self)
        self._wake.setInterval(WAKE_TICK_MS)
        self._wake.timeout.connect(self._tick)
        self._wake.start()

    # --- inputs ----------------------------------------------------------------------------------------------

    def start(self) -> None:
        self._set_state(LineState.CONNECTING, self.tr("logging in"))
        self.service.login()

    def trouble(self, reason: str) -> None:
        """Something broke the agent's ability to take calls; recover as soon as it is safe."""
        log.warning("softphone trouble: %s", reason)
        self.page_ready = False
        self._pending = reason
        self._set_state(LineState.UNAVAILABLE, reason)
        self._recover_when_safe()

    def session_renewed(self, stored: StoredSession) -> None:
        """The API logged in again on its own (login: false on some request): the page still has the old session."""
        if (
            self.loaded_session is not None
            and stored.session != self.loaded_session
            and self._pending is None
        ):
            self._pending = self.tr("the session was renewed")
            self._recover_when_safe(session=stored)

    def page_loaded(self, ok: bool) -> None:
        if not ok:
            self.trouble(self.tr("the softphone page did not load"))

    def page_message(self, message: dict[str, object]) -> None:
        kind = message.get("type")
        if kind == "ready":
            self.page_ready = True
            self._attempt = 0
            self._set_state(LineState.IN_CALL if self.tracker.is_active() else LineState.READY, "")
        elif kind == "login_required":
            why = str(message.get("message") or self.tr("session rejected"))
            self.trouble(self.tr("the softphone asked for a login ({reason})").format(reason=why))

    def renderer_crashed(self, reason: str) -> None:
        self.trouble(self.tr("the softphone stopped ({reason})").format(reason=reason))

    def network_changed(self, online: bool) -> None:
        if online:
            if self.state is LineState.UNAVAILABLE or not self.page_ready:
                self.trouble(self.tr("the network came back"))
        else:
            self.page_ready = False
            self._set_state(LineState.UNAVAILABLE, self.tr("the network is down"))

    # --- recovery --------------------------------------------------------------------------------------------

    def _recover_when_safe(self, session: StoredSession | None = None) -> None:
        if self.tracker.is_active():
            log.info("recovery (%s) waits for the call to end", self._pending)
            return  # _line_changed resumes it
        if session is not None:
            self._load(session)
        else:
            self._recover_now()

    def _recover_now(self) -> None:
        if self._pending is None:
            return
        if self.tracker.is_active():
            return
        self._set_state(LineState.UNAVAILABLE, self.tr("{reason}; reconnecting").format(reason=self._pending))
        self.service.login(fresh=True)

    def _logged_in(self, stored: StoredSession) -> None:
        if stored.session == self.loaded_session and self._pending is None:
            return  # already loaded (session_renewed got there first)
        if self.tracker.is_active() and self.loaded_session is not None:
            return  # never change the page's session under a live call; _line_changed catches up
        self._load(stored)

    def _load(self, stored: StoredSession) -> None:
        self._pending = None
        self.page_ready = False
        self.loaded_session = stored.session
        self._set_state(LineState.CONNECTING, self.tr("loading the softphone"))
        self.load_softphone.emit(self.url_for_session(stored.session))

    def _login_failed(self, text: str) -> None:
        delay = RETRY_DELAYS[min(self._attempt, len(RETRY_DELAYS) - 1)]
        self._attempt += 1
        self._pending = self._pending or self.tr("login failed")
        self._set_state(LineState.UNAVAILABLE, text)
        log.info("retrying the login in %.0f s", delay)
        self._retry.start(int(delay * 1000))

    def _line_changed(self, active: bool) -> None:
        if active:
            if self.state is LineState.READY:
                self._set_state(LineState.IN_CALL, "")
            return
        if self.state is LineState.IN_CALL:
            self._set_state(LineState.READY, "")
        session = self.service.agent.session
        if self._pending is not None:
            self._recover_now()
        elif session is not None and self.loaded_session not in (None, session.session):
            self._load(session)

    def _tick(self) -> None:
        wall, mono = self._wall(), self._mono()
        last_wall, last_mono = self._last_tick
        self._last_tick = (wall, mono)
        if (wall - last_wall) - (mono - last_mono) > WAKE_GAP:
            self.trouble(self.tr("the computer woke from sleep"))

    def _set_state(self, state: LineState, reason: str) -> None:
        changed = state is not self.state or reason != self.reason
        self.state, self.reason = state, reason
        if changed:
            self.state_changed.emit(state)
