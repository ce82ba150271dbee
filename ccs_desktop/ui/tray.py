"""The tray icon: the agent's line state at a glance, and the app's menu when the window is hidden."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ccs_desktop.services.agent_service import LineState, RecentCall
from ccs_desktop.ui.icons import icon
from ccs_desktop.ui.theme import LIGHT

if TYPE_CHECKING:
    from ccs_desktop.services.call_state import CallTracker
    from ccs_desktop.services.clipboard import ClipboardWatcher
    from ccs_desktop.services.handoff import Handoff
    from ccs_desktop.ui.calls_panel import CallsPanel
    from ccs_desktop.ui.main_window import MainWindow
    from ccs_desktop.ui.popup import NumberPopup

STATE_ICON = {
    LineState.LOGGED_OUT: "logged-out",
    LineState.CONNECTING: "connecting",
    LineState.READY: "ready",
    LineState.IN_CALL: "in-call",
    LineState.UNAVAILABLE: "unavailable",
}


BADGE_SIZE = 64  # the icon's pixels the badge is painted on; the tray scales it down
# the light theme's red and white whatever the theme: the tray's own background is the desktop's, not ours
BADGE_COLOUR, BADGE_TEXT = QColor(LIGHT.danger), QColor(LIGHT.on_accent)


def with_badge(base: QIcon, count: int) -> QIcon:
    """`base` with `count` in a red disc in its top-right corner ("9+" above 9); `base` itself for 0."""
    if count <= 0:
        return base
    pixmap = base.pixmap(BADGE_SIZE, BADGE_SIZE)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    disc = QRectF(BADGE_SIZE * 0.42, 0, BADGE_SIZE * 0.58, BADGE_SIZE * 0.58)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BADGE_COLOUR)
    painter.drawEllipse(disc)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(round(BADGE_SIZE * 0.36))
    painter.setFont(font)
    painter.setPen(BADGE_TEXT)
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, str(count) if count < 10 else "9+")
    painter.end()
    return QIcon(pixmap)


def state_tip(state: LineState) -> str:
    return {
        LineState.LOGGED_OUT: QCoreApplication.translate("Tray", "logged out"),
        LineState.CONNECTING: QCoreApplication.translate("Tray", "connecting…"),
        LineState.READY: QCoreApplication.translate("Tray", "ready for calls"),
        LineState.IN_CALL: QCoreApplication.translate("Tray", "in a call"),
        LineState.UNAVAILABLE: QCoreApplication.translate("Tray", "cannot take calls"),
    }[state]


class Tray(QObject):
    toggle_window = Signal()
    show_window = Signal()
    call_clipboard = Signal()
    call_back = Signal(str)  # E.164
    pause_toggled = Signal(bool)
    hangup_requested = Signal()
    hold_or_resume = Signal()
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = LineState.LOGGED_OUT
        self.agent_status = ""  # the CCS status in words (ui/agent_status.py), a line of the tooltip
        self.missed = 0  # the Calls tab's "Missed, not returned" count, painted on the icon
        self._reason = ""
        self.icon = QSystemTrayIcon(icon(STATE_ICON[self.state]), self)
        self.menu = QMenu()
        self._add(self.tr("Show"), self.show_window)
        # while a call is up only (`set_call`): what the agent needs most then, first
        self.hangup_action = self._add(self.tr("Hang up"), self.hangup_requested)
        self.hold_action = self._add(self.tr("Hold"), self.hold_or_resume)
        self._add(self.tr("Call number from clipboard"), self.call_clipboard)
        self.recent_menu = self.menu.addMenu(self.tr("Recent calls"))
        self.recent_menu.setEnabled(False)
        self.status_menu = self.menu.addMenu(self.tr("Status"))  # filled by ui/agent_status.py
        self.status_menu.setEnabled(False)
        self.pause_action = self._add(self.tr("Pause clipboard lookup"), None)
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self.pause_toggled)
        self.menu.addSeparator()
        self._add(self.tr("Settings…"), self.settings_requested)
        self._add(self.tr("Quit"), self.quit_requested)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.set_call(False, False)
        self.set_state(self.state, "")

    def _add(self, text: str, signal: Signal | None) -> QAction:
        action = self.menu.addAction(text)
        if signal is not None:
            action.triggered.connect(signal)
        return action

    def show(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon.show()

    def set_state(self, state: LineState, reason: str) -> None:
        self.state = state
        self._reason = reason
        self._show_icon()

    def set_call(self, active: bool, on_hold: bool) -> None:
        """Hang up and Hold/Resume are in the menu only while a call is up; the label follows the call."""
        self.hangup_action.setVisible(active)
        self.hold_action.setVisible(active)
        self.hold_action.setText(self.tr("Resume") if on_hold else self.tr("Hold"))

    def set_missed(self, count: int) -> None:
        """The missed calls not returned yet: a badge on the icon and a line of the tooltip (none at 0)."""
        if count != self.missed:
            self.missed = count
            self._show_icon()

    def _show_icon(self) -> None:
        self.icon.setIcon(with_badge(icon(STATE_ICON[self.state]), self.missed))
        self._show_tip()

    def set_agent_status(self, text: str) -> None:
        """The agent's CCS status in words ("" when unknown), shown in the tooltip."""
        self.agent_status = text
        self._show_tip()

    def _show_tip(self) -> None:
        missed = self.tr("%n missed call(s) not returned", "", self.missed) if self.missed else ""
        lines = [f"ccs-desktop: {state_tip(self.state)}", self.agent_status, self._reason, missed]
        self.icon.setToolTip("\n".join(line for line in lines if line))

    def set_recent(self, calls: Iterable[RecentCall], region: str) -> None:
        self.recent_menu.clear()
        for call in calls:
            action = self.recent_menu.addAction(call.number.display(region))
            action.triggered.connect(lambda _=False, e164=call.number.e164: self.call_back.emit(e164))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    def notify(self, title: str, text: str, level: str = "info") -> None:
        if not self.icon.isVisible():
            return
        kind = {
            "error": QSystemTrayIcon.MessageIcon.Critical,
            "warning": QSystemTrayIcon.MessageIcon.Warning,
        }.get(level, QSystemTrayIcon.MessageIcon.Information)
        self.icon.showMessage(title, text, kind, 5000)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_window.emit()


def connect_tray(
    tray: Tray,
    window: MainWindow,
    handoff: Handoff,
    open_settings: Callable[[], None],
    request_quit: Callable[[], None],
    clipboard: ClipboardWatcher,
    popup: NumberPopup,
) -> None:
    """What the tray menu's entries do; its call entries and badge follow the call and the Calls tab."""
    follow_call(handoff.tracker, window, tray)
    tray.hangup_requested.connect(window.hangup_requested)
    tray.hold_or_resume.connect(window.hold_or_resume)
    show_missed(tray, window.calls)
    tray.toggle_window.connect(window.toggle)
    tray.show_window.connect(window.bring_up)
    tray.call_clipboard.connect(handoff.call_clipboard)
    tray.call_back.connect(handoff.dial)
    tray.settings_requested.connect(open_settings)
    tray.quit_requested.connect(request_quit)
    tray.pause_toggled.connect(clipboard.set_paused)
    tray.pause_toggled.connect(lambda paused: paused and popup.hide())


def follow_call(tracker: CallTracker, window: MainWindow, tray: Tray) -> None:
    """Hold turns into Resume (in the window and the tray) whenever the call is on hold, whoever held it."""

    def changed(_call: object) -> None:
        on_hold = tracker.on_hold()
        window.set_on_hold(on_hold)
        tray.set_call(tracker.is_active(), on_hold)

    tracker.call_changed.connect(changed)
    changed(None)


def show_missed(tray: Tray, calls: CallsPanel) -> None:
    """The Calls tab's "Missed, not returned" count on the tray icon, recounted whenever the tab recounts."""
    calls.worklist_count_changed.connect(tray.set_missed)
    tray.set_missed(calls.worklist_count())
