"""The GUI's agent: the core `Agent` driven through the task runner, with call tracking and the agent's state.

Widgets call `dial()`, `hangup()`, ...; the blocking HTTP happens in a worker and the outcome comes back as
signals on the GUI thread. It also keeps the last calls for the tray's "Recent calls" menu.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ccs_desktop.core import startup
from ccs_desktop.core.errors import CallOutcomeUnknown, InvalidInput, user_text
from ccs_desktop.services.call_state import CallTracker, LineState
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:  # requests and phonenumbers load in a worker, off the start-up path
    from ccs_desktop.core.api import Agent, PlacedCall, StoredSession
    from ccs_desktop.core.phone import PhoneNumber
    from ccs_desktop.core.settings import Settings

__all__ = ["AgentService", "LineState", "RecentCall"]

log = logging.getLogger(__name__)

DOUBLE_DIAL_GUARD = 2.0  # seconds in which a second dial of the same number is ignored


@dataclass(frozen=True)
class RecentCall:
    number: PhoneNumber
    placed: PlacedCall


class AgentService(QObject):
    logged_in = Signal(object)  # StoredSession
    login_failed = Signal(str)
    call_placed = Signal(object)  # RecentCall
    call_failed = Signal(str)
    recent_changed = Signal()

    def __init__(
        self,
        agent: Agent,
        settings: Settings,
        runner: TaskRunner,
        tracker: CallTracker,
        bus: MessageBus,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.agent = agent
        self.settings = settings
        self.runner = runner
        self.tracker = tracker
        self.bus = bus
        self.recent: deque[RecentCall] = deque(maxlen=5)
        self._last_dial: tuple[str, float] = ("", 0.0)
        self._logging_in = False
        self.closed = False  # logged out: see close()
        self.hangup_url: Callable[[], str | None] = lambda: None  # where CCS should POST when a call ends

    # --- session ---------------------------------------------------------------------------------------------

    def login(self, *, fresh: bool = False) -> None:
        """Get a usable session (a new one with `fresh`), off the UI thread; `logged_in` or `login_failed`."""
        if self._logging_in:
            return
        self._logging_in = True

        def work() -> StoredSession:
            if fresh:
                return self.agent.login()
            self.agent.ensure_session()
            session = self.agent.session
            assert session is not None
            return session

        self.runner.submit(work, self._login_ok, self._login_err, name="login")

    def close(self) -> None:
        """Logged out: results still in flight arrive after this object is gone. A login's is dropped; a
        click2call's still reaches the call tracker (the app's, alive), so a call placed anyway is followed."""
        self.closed = True

    def _login_ok(self, stored: StoredSession) -> None:
        self._logging_in = False
        startup.mark("session")
        if not self.closed:
            self.logged_in.emit(stored)

    def _login_err(self, exc: BaseException) -> None:
        self._logging_in = False
        if not self.closed:
            self.login_failed.emit(user_text(exc, log, "login failed"))

    # --- calls -----------------------------------------------------------------------------------------------

    def parse(self, text: str) -> PhoneNumber:
        from ccs_desktop.core.phone import parse_number  # noqa: PLC0415

        return parse_number(
            text, self.settings.get_str("region"), letters=self.settings.get_bool("keypad_letters")
        )

    def dial(
        self,
        text: str,
        *,
        dial_format: str | None = None,
        done: Callable[[RecentCall], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> bool:
        """Place a call to what the agent clicked or typed; False (with a message) when nothing was sent."""
        from ccs_desktop.core.phone import prepare_dial  # noqa: PLC0415

        region = self.settings.get_str("region")
        try:
            number, dialed = prepare_dial(text, self.settings, dial_format)
        except InvalidInput as exc:
            self.bus.error(str(exc))
            self.call_failed.emit(str(exc))
            if failed is not None:
                failed(exc)
            return False
        now = time.monotonic()
        if self._last_dial[0] == number.e164 and now - self._last_dial[1] < DOUBLE_DIAL_GUARD:
            log.info("ignored a second dial of the same number within %.0f s", DOUBLE_DIAL_GUARD)
            return False
        self._last_dial = (number.e164, now)
        self.bus.info(self.tr("Calling {number}…").format(number=number.display(region)))

        def ok(placed: PlacedCall) -> None:
            recent = self._placed(number, placed)
            if done is not None:
                done(recent)

        def err(exc: BaseException) -> None:
            self._dial_failed(exc)
            if failed is not None:
                failed(exc)

        hangup_url = self.hangup_url()
        self.runner.submit(
            lambda: self.agent.place_call(dialed, hangup_url=hangup_url), ok, err, name="click2call"
        )
        return True

    def _placed(self, number: PhoneNumber, placed: PlacedCall) -> RecentCall:
        self.tracker.call_placed(placed.call_id, number.e164, placed.transaction_id)
        recent = RecentCall(number, placed)
        if self.closed:
            return recent
        self.recent.appendleft(recent)
        self.recent_changed.emit()
        self.call_placed.emit(recent)
        return recent

    def _dial_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CallOutcomeUnknown):
            # The request may have reached CCS: the line counts as busy until we learn otherwise.
            self.tracker.call_request_failed(exc.transaction_id)
        self.bus.show_error(exc)
        if not self.closed:
            self.call_failed.emit(str(exc))

    def hangup(self) -> None:
        self.runner.submit(
            self.agent.hangup, lambda _msg: self.tracker.hangup_confirmed(), self.bus.show_error
        )

    def hold(self) -> None:
        self.runner.submit(self.agent.hold, lambda _msg: self.tracker.hold_confirmed(True), self.bus.show_error)

    def unhold(self) -> None:
        self.runner.submit(self.agent.unhold, lambda _msg: self.tracker.hold_confirmed(False), self.bus.show_error)
