"""What the window and the tray show of the line: its state (and why, and the next try), the session's age,
the recent calls, and the message bus's messages."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from ccs_desktop.core.settings import Settings
from ccs_desktop.services.call_state import LineState
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.session import SessionController
from ccs_desktop.ui.main_window import MainWindow
from ccs_desktop.ui.tray import Tray

SESSION_AGE_EVERY_MS = 30_000


class StatusPresenter(QObject):
    """Listens to the session and the message bus itself; made before anything that asks for a login."""

    def __init__(
        self,
        session: SessionController,
        bus: MessageBus,
        settings: Settings,
        window: MainWindow,
        tray: Tray,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.settings, self.window, self.tray = session, settings, window, tray
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(SESSION_AGE_EVERY_MS)
        self._age_timer.timeout.connect(self.show_session_age)
        self._age_timer.start()
        bus.message.connect(self.show_message)
        session.login_needed.connect(lambda: self.show_line(LineState.LOGGED_OUT))  # before the login dialog
        session.line_state.connect(self.show_line)
        session.service_started.connect(lambda service: service.recent_changed.connect(self.show_recent))
        session.logged_in.connect(self.show_session_age)

    def show_line(self, state: LineState) -> None:
        supervisor = self.session.supervisor
        reason = supervisor.reason if supervisor is not None else ""
        self.tray.set_state(state, reason)
        self.window.set_line_state(state, reason)
        self.window.set_recovery(
            supervisor.problem if supervisor else "", supervisor.next_try_text() if supervisor else ""
        )

    def show_recent(self) -> None:
        if self.session.service is not None:
            self.tray.set_recent(self.session.service.recent, self.settings.get_str("region"))

    def show_recent_in(self, _region: str) -> None:
        """The region changed: the tray's recent calls are drawn in it."""
        self.show_recent()

    def show_session_age(self) -> None:
        self.window.set_session_age(self.session.session_age())

    def show_message(self, level: str, text: str) -> None:
        self.window.show_status(text, 8000 if level == "info" else 15000)
        if level != "info" and not self.window.isVisible():
            self.tray.notify("ccs-desktop", text, level)
