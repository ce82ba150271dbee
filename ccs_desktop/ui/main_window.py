"""The agent's window: the softphone on the left, contacts and call records on the right, state below.

Closing it hides it (the softphone page keeps running, and so does any call); only Quit leaves, and Quit asks
first when a call is up.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ccs_desktop.core.calls.rows import hours_minutes
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.call_state import LineState, state_text
from ccs_desktop.ui.calls_panel import CallsPanel
from ccs_desktop.ui.contacts_panel import ContactsPanel
from ccs_desktop.ui.icons import icon
from ccs_desktop.ui.theme import STATE_TONES, set_tone

log = logging.getLogger(__name__)


class RecoveryBanner(QFrame):
    """Above the softphone while it cannot take calls: why, when the next try is, and Retry now."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery-banner")  # drawn by the theme's stylesheet (ui/theme.py)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.retry_button = QPushButton(self.tr("Retry now"))
        self.retry_button.clicked.connect(self.retry_requested)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self.hide()

    def show_problem(self, problem: str, next_try: str) -> None:
        """Show `problem` (hide the banner when it is ""), with the time of the next automatic try if any."""
        if not problem:
            self.hide()
            return
        problem = problem[:1].upper() + problem[1:]
        text = (
            self.tr("{problem}. Next try at {time}.").format(problem=problem, time=next_try)
            if next_try
            else self.tr("{problem}. Trying again…").format(problem=problem)
        )
        self.label.setText(text)
        self.show()


class MainWindow(QMainWindow):
    dial_requested = Signal(str)
    hangup_requested = Signal()
    hold_requested = Signal()
    unhold_requested = Signal()
    quit_requested = Signal()
    settings_requested = Signal()
    diagnostics_requested = Signal()
    logout_requested = Signal()
    reload_requested = Signal()
    retry_requested = Signal()  # the banner's Retry now
    import_requested = Signal()
    export_requested = Signal()

    def __init__(self, softphone: QWidget, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ccs-desktop")  # the program's name, the same in every language
        self.setWindowIcon(icon("app"))
        self._settings = settings  # the layout is kept in its [window] section
        self.softphone = softphone
        self.contacts = ContactsPanel()
        self.contacts.import_requested.connect(self.import_requested)
        self.calls = CallsPanel()

        self.number_edit = QLineEdit(placeholderText=self.tr("Number to call (any format)"))
        self.number_edit.setClearButtonEnabled(True)
        self.number_edit.returnPressed.connect(self._dial_typed)
        self.call_button = QPushButton(icon("ready"), self.tr("Call"))
        self.call_button.clicked.connect(self._dial_typed)
        self.hangup_button = QPushButton(self.tr("Hang up"))
        self.hangup_button.clicked.connect(self.hangup_requested)
        self.hold_button = QPushButton(self.tr("Hold"))
        self.hold_button.setCheckable(True)
        self.hold_button.toggled.connect(
            lambda on: (self.hold_requested if on else self.unhold_requested).emit()
        )
        self.dial_bar = dial_bar = QHBoxLayout()  # the header; the agent-status selector goes first in it
        dial_bar.addWidget(self.number_edit, 1)
        for button in (self.call_button, self.hangup_button, self.hold_button):
            dial_bar.addWidget(button)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        self.tabs.addTab(self.calls, self.tr("Calls"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(dial_bar)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.banner = RecoveryBanner()
        self.banner.retry_requested.connect(self.retry_requested)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.banner)
        left_layout.addWidget(softphone, 1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        softphone.setMinimumWidth(320)
        self.setCentralWidget(self.splitter)

        self.tenant_label = QLabel()
        self.agent_label = QLabel()
        self.state_label = QLabel()
        self.session_label = QLabel()
        for label in (self.tenant_label, self.agent_label, self.state_label, self.session_label):
            self.statusBar().addPermanentWidget(label)
        self.contacts.dial_requested.connect(self.dial_requested)
        self.calls.dial_requested.connect(self.dial_requested)
        self._build_menu()
        self.set_line_state(LineState.LOGGED_OUT, "")
        self.set_call_active(False)
        self.quitting = False
        self.persist = True  # smoke runs (offscreen, tiny screens) must not overwrite the agent's layout
        self.setMinimumSize(760, 480)
        self._restore()

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("&ccs-desktop")
        for text, signal, shortcut in (
            (self.tr("&Settings…"), self.settings_requested, QKeySequence.StandardKey.Preferences),
            (self.tr("&Import contacts…"), self.import_requested, None),
            (self.tr("&Export contacts…"), self.export_requested, None),
            (self.tr("&Diagnostics…"), self.diagnostics_requested, None),
            (self.tr("Reload softphone"), self.reload_requested, None),
            (self.tr("Log &out"), self.logout_requested, None),
            (self.tr("&Quit"), self.quit_requested, QKeySequence.StandardKey.Quit),
        ):
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(signal)
            menu.addAction(action)
        self.quit_action = menu.actions()[-1]
        if not self.quit_action.shortcut().toString():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))

    def _dial_typed(self) -> None:
        text = self.number_edit.text().strip()
        if text:
            self.dial_requested.emit(text)

    # --- shown state -----------------------------------------------------------------------------------------

    def bring_up(self) -> None:
        """Shown, on top and focused (from the tray, a link, a second process)."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def toggle(self) -> None:
        if self.isVisible() and not self.isMinimized():
            self.hide()
        else:
            self.bring_up()

    def add_contact(self, e164: str) -> None:
        """The popup's Add contact: a new contact with this number, in the editor."""
        self.bring_up()
        self.tabs.setCurrentWidget(self.contacts)
        self.contacts.edit_contact(None, number=e164)

    def find_contact(self, e164: str) -> None:
        """The popup's Open: the contacts tab, with the number's contact selected and its card open."""
        self.bring_up()
        self.tabs.setCurrentWidget(self.contacts)
        self.contacts.open_number(e164)

    def show_status(self, text: str, timeout_ms: int) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def set_identity(self, tenant: str, agent: str) -> None:
        self.tenant_label.setText(self.tr("Tenant: {tenant}").format(tenant=tenant))
        self.agent_label.setText(self.tr("Agent: {agent}").format(agent=agent))

    def set_line_state(self, state: LineState, reason: str) -> None:
        text = state_text(state) + (f" — {reason}" if reason else "")
        self.state_label.setText(text)
        set_tone(self.state_label, STATE_TONES.get(state, ""))

    def set_recovery(self, problem: str, next_try: str) -> None:
        """The banner above the softphone: what is wrong and when the next try is ("" hides it)."""
        self.banner.show_problem(problem, next_try)

    def set_call_active(self, active: bool) -> None:
        """Hang up works whenever a call may be up, even while the softphone itself is down; Call does not,
        since a second click2call over a live call fails at CCS (CHANUNAVAIL) and leaves a false "missed"."""
        self.call_button.setEnabled(not active)
        self.call_button.setToolTip(self.tr("Hang up first: you are on a call.") if active else "")
        self.hangup_button.setEnabled(active)
        self.hold_button.setEnabled(active)
        if not active and self.hold_button.isChecked():
            self.hold_button.blockSignals(True)
            self.hold_button.setChecked(False)
            self.hold_button.blockSignals(False)

    def set_session_age(self, seconds: float | None) -> None:
        if seconds is None:
            self.session_label.setText(self.tr("No session"))
            return
        self.session_label.setText(self.tr("Session: {age}").format(age=hours_minutes(seconds)))

    # --- geometry --------------------------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = _blob(self._settings.get_str("window_geometry"))
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        splitter = _blob(self._settings.get_str("window_splitter"))
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([520, 680])

    def save_state(self) -> None:
        """Into the settings file, at once: a quit is the moment it changes, and nothing comes after it."""
        if not self.persist:
            return
        changed = self._settings.update(
            {
                "window_geometry": self.saveGeometry().toBase64().data().decode("ascii"),
                "window_splitter": self.splitter.saveState().toBase64().data().decode("ascii"),
            }
        )
        if changed:
            try:
                self._settings.save()
            except OSError as exc:  # a full disk costs the layout, not the quit
                log.warning("the window layout was not saved (%s)", exc.strerror or type(exc).__name__)

    # --- closing ---------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close hides: the softphone page (and any call) lives on. Only `quitting` really closes."""
        self.save_state()
        if self.quitting:
            event.accept()
            return
        event.ignore()
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.hide()
        else:
            self.showMinimized()  # no tray to come back from: keep it reachable


def _blob(text: str) -> QByteArray:
    """What `save_state` wrote (base64), or empty for nothing or a damaged value."""
    try:
        return QByteArray(base64.b64decode(text.encode("ascii"), validate=True))
    except (ValueError, UnicodeEncodeError):
        return QByteArray()


def adopt_old_layout(settings: Settings, old: Path) -> None:
    """Before the layout was a setting it lived in its own QSettings file: take it over once, then delete it."""
    if not old.is_file():
        return
    if not settings.is_set("window_geometry"):
        state = QSettings(str(old), QSettings.Format.IniFormat)
        for key, name in (("window/geometry", "window_geometry"), ("window/splitter", "window_splitter")):
            value = state.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                settings.set(name, value.toBase64().data().decode("ascii"))
        try:
            settings.save()
        except OSError as exc:
            log.warning("the old window layout was not taken over (%s)", exc.strerror or type(exc).__name__)
            return
    old.unlink(missing_ok=True)
