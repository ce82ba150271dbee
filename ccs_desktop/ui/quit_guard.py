"""The quit rule: never silently drop a live call. Quit (menu, tray, the OS session ending) asks first when a
call is up, and offers to hang up before quitting; `quit_confirmed()` when the app may go.

`before_quit(go)` runs between the decision and `quit_confirmed()` (a last CCS status, bounded): it calls `go()`
once, when it is done or gave up waiting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QSessionManager
from PySide6.QtWidgets import QApplication, QMessageBox

from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op
from ccs_desktop.services.session import SessionController
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.ui.main_window import MainWindow


class QuitGuard(QObject):
    """`box` is the open question (with `hangup_quit_button` and `stay_button`), for tests and to ask once."""

    quit_confirmed = Signal()

    def __init__(
        self,
        tracker: CallTracker,
        session: SessionController,
        runner: TaskRunner,
        bus: MessageBus,
        window: MainWindow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tracker, self.session, self.runner, self.bus, self.window = tracker, session, runner, bus, window
        self.box: QMessageBox | None = None
        self._qapp: QApplication | None = None
        self.before_quit: Callable[[Callable[[], None]], None] | None = None
        self._leaving = False

    def attach(self, qapp: QApplication) -> None:
        """Hear the OS session end (logout, shutdown)."""
        self._qapp = qapp
        qapp.commitDataRequest.connect(self._session_ending)

    def detach(self) -> None:
        """The QApplication outlives us: a connection to it would keep this object (and everything it holds)
        alive until the interpreter shuts down."""
        if self._qapp is not None:
            self._qapp.commitDataRequest.disconnect(self._session_ending)
            self._qapp = None

    def request_quit(self) -> None:
        """Quit, but never silently drop a live call: ask, and offer to hang up first."""
        if not self.tracker.is_active():
            self._confirm()
            return
        if self.box is not None and self.box.isVisible():
            self.box.raise_()
            return
        self.window.bring_up()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("A call is in progress"),
            self.tr("You are on a call. Quitting now would leave the call hanging on Call Center Studio."),
            parent=self.window,
        )
        box.setInformativeText(self.tr("Hang up and quit, or stay on the call?"))
        self.hangup_quit_button = box.addButton(
            self.tr("Hang up and quit"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.stay_button = box.addButton(self.tr("Stay on the call"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.stay_button)
        box.finished.connect(lambda _r: self._answered(box))
        self.box = box
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        service = self.session.service
        if box.clickedButton() is not self.hangup_quit_button or service is None:
            return

        def hung_up(_msg: object) -> None:
            self.tracker.hangup_confirmed()
            self._confirm()

        def failed(exc: BaseException) -> None:
            self.bus.error(self.tr("Could not hang up, so ccs-desktop stays open: {error}").format(error=exc))

        run_op(self.runner, self.bus, service.agent.hangup, hung_up, fail=failed, name="hang up to quit")

    def _confirm(self) -> None:
        """The app may go: after `before_quit`, if any (asked once, however often Quit is chosen meanwhile)."""
        if self.before_quit is None:
            self.quit_confirmed.emit()
            return
        if self._leaving:
            return
        self._leaving = True
        self.before_quit(self.quit_confirmed.emit)

    def _session_ending(self, manager: QSessionManager) -> None:
        """The OS session ends (logout/shutdown): refuse while a call is up, if the OS lets us ask."""
        if self.tracker.is_active() and manager.allowsInteraction():
            manager.cancel()
            self.request_quit()
            manager.release()
