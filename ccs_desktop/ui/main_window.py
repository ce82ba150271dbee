"""The agent's window: the softphone on the left, contacts and call records on the right, state below.

Closing it hides it (the softphone page keeps running, and so does any call); only Quit leaves, and Quit asks
first when a call is up.
"""

from __future__ import annotations

import base64
import itertools
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
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
from ccs_desktop.ui.logged_out import LoggedOutPane
from ccs_desktop.ui.my_day import MyDayView
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
    login_requested = Signal()  # the menu's Log in… or the logged-out pane's button
    reload_requested = Signal()
    retry_requested = Signal()  # the banner's Retry now
    import_requested = Signal()
    export_requested = Signal()
    close_card_requested = Signal()  # Esc while the caller card shows

    def __init__(self, softphone: QWidget, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ccs-desktop")  # the program's name, the same in every language
        self.setWindowIcon(icon("app"))
        self._settings = settings  # the layout is kept in its [window] section
        # (what, keys in words) of each global shortcut, for the shortcuts sheet; the app's GlobalShortcuts tells
        self.global_shortcuts: Callable[[], list[tuple[str, str]]] = list
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
        self.hold_button.clicked.connect(self.hold_or_resume)
        self.on_hold = False  # the call's state as the tracker tells it (`set_on_hold`), not the button's own
        self.dial_bar = dial_bar = QHBoxLayout()  # the header; the agent-status selector goes first in it
        dial_bar.addWidget(self.number_edit, 1)
        for button in (self.call_button, self.hangup_button, self.hold_button):
            dial_bar.addWidget(button)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        self.tabs.addTab(self.calls, self.tr("Calls"))
        self.my_day = MyDayView()
        self.tabs.addTab(self.my_day, self.tr("My day"))
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
        self.logged_out_pane = LoggedOutPane()  # in the softphone's place while logged out (`set_logged_in`)
        self.logged_out_pane.login_requested.connect(self.login_requested)
        self.logged_out_pane.hide()
        left_layout.addWidget(self.logged_out_pane, 1)
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
        self._name_controls()
        self.quitting = False
        self.persist = True  # smoke runs (offscreen, tiny screens) must not overwrite the agent's layout
        self.setMinimumSize(760, 480)
        self._restore()

    def _build_menu(self) -> None:
        """The menus, with every keyboard shortcut of the window shown beside its entry (Help → Keyboard shortcuts
        lists them again)."""
        menu = self.menuBar().addMenu("&ccs-desktop")
        self.settings_action = self._action(menu, self.tr("&Settings…"), self.settings_requested, "Ctrl+,")
        self.settings_action.setShortcuts(_with_standard(QKeySequence.StandardKey.Preferences, "Ctrl+,"))
        self._action(menu, self.tr("&Import contacts…"), self.import_requested)
        self._action(menu, self.tr("&Export contacts…"), self.export_requested)
        self._action(menu, self.tr("&Diagnostics…"), self.diagnostics_requested)
        self._action(menu, self.tr("Reload softphone"), self.reload_requested)
        self.login_action = self._action(menu, self.tr("Log &in…"), self.login_requested)
        self.login_action.setVisible(False)  # until the session says nobody is logged in (`set_logged_in`)
        self.logout_action = self._action(menu, self.tr("Log &out"), self.logout_requested)
        self.quit_action = self._action(menu, self.tr("&Quit"), self.quit_requested)
        self.quit_action.setShortcuts(_with_standard(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

        calls = self.menuBar().addMenu(self.tr("C&all"))
        # Enter calls from the number field; in the lists Enter activates the chosen row (the panels' own keys),
        # so the action takes Enter only in the number field and never from the softphone page.
        self.call_action = self._action(calls, self.tr("&Call"), self.call_chosen)
        self.call_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.call_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.number_edit.addAction(self.call_action)
        self.hangup_action = self._action(calls, self.tr("&Hang up"), self.hangup_requested, "Ctrl+Shift+H")
        self.hold_action = self._action(calls, self.tr("H&old / Resume"), self.hold_or_resume, "Ctrl+Shift+S")
        calls.addSeparator()
        find = self._action(calls, self.tr("&Find a contact"), self.focus_search)
        find.setShortcuts(_with_standard(QKeySequence.StandardKey.Find, "Ctrl+F"))
        self.find_action = find
        self.number_action = self._action(calls, self.tr("&Number to call"), self.focus_number, "Ctrl+L")
        # Esc hides the caller card; enabled only while one shows, so Esc means nothing new elsewhere
        self.close_card_action = self._action(
            calls, self.tr("Close the &card"), self.close_card_requested, "Esc"
        )
        self.close_card_action.setEnabled(False)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = self._action(
            help_menu,
            self.tr("&Keyboard shortcuts"),
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object] | SignalInstance,
        key: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(
            lambda _checked=False: slot.emit() if isinstance(slot, SignalInstance) else slot()
        )
        menu.addAction(action)
        return action

    def shortcut_actions(self) -> list[QAction]:
        """Every menu entry that has a key, in menu order (the shortcuts sheet lists these)."""
        return [
            a for m in self.menuBar().findChildren(QMenu) for a in m.actions() if not a.shortcut().isEmpty()
        ]

    # --- what the keys do ------------------------------------------------------------------------------------

    def call_chosen(self) -> None:
        """Enter in the number field, or Call in the menu: the typed number, else the chosen contact or call row
        (activated as a double-click would, so each panel calls what its rows mean)."""
        focus = QApplication.focusWidget()
        if focus is self.number_edit or (self.number_edit.text().strip() and not _is_view(focus)):
            self._dial_typed()
            return
        views = [focus] if _is_view(focus) else []
        views += self.tabs.currentWidget().findChildren(QAbstractItemView)
        for view in views:
            assert isinstance(view, QAbstractItemView)
            index = view.currentIndex()
            if index.isValid() and view.isVisible():
                view.doubleClicked.emit(index.siblingAtColumn(0))
                return
        self.show_status(self.tr("Type a number or choose a contact or a call first."), 5000)

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.contacts)
        self.contacts.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.contacts.search_edit.selectAll()

    def focus_number(self) -> None:
        self.number_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.number_edit.selectAll()

    def show_shortcuts(self) -> None:
        from ccs_desktop.ui.dialogs.shortcuts import ShortcutsSheet  # noqa: PLC0415 - only when asked

        self.shortcuts_sheet = ShortcutsSheet(self.shortcut_actions(), self.global_shortcuts(), self)
        self.shortcuts_sheet.open()

    def _name_controls(self) -> None:
        """Names for what has no text of its own (screen readers say them), and Tab in the order they are seen:
        the softphone on the left, then the number field and its buttons, then the tabs."""
        self.softphone.setAccessibleName(self.tr("Softphone"))
        self.number_edit.setAccessibleName(self.tr("Number to call"))
        self.tabs.setAccessibleName(self.tr("Contacts and calls"))
        # the Contacts tab's own names win where it gives them (ui/contacts_panel.py)
        for widget, name in (
            (self.contacts.search_edit, self.tr("Search contacts")),
            (self.contacts.list, self.tr("Contacts")),
        ):
            if not widget.accessibleName():
                widget.setAccessibleName(name)
        chain = [
            self.softphone,
            self.number_edit,
            self.call_button,
            self.hangup_button,
            self.hold_button,
            self.tabs,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

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

    def set_logged_in(self, logged_in: bool) -> None:
        """Logged out: Log in… in the menu (not Log out), and the pane that says what to do instead of the
        softphone's blank page. Only a logged-out window changes what the left side shows, so no call is hidden."""
        self.login_action.setVisible(not logged_in)
        self.logout_action.setVisible(logged_in)
        self.logged_out_pane.setVisible(not logged_in)
        self.softphone.setVisible(logged_in)

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
        self.hangup_action.setEnabled(active)
        self.hold_action.setEnabled(active)
        if not active:
            self.set_on_hold(False)

    def set_on_hold(self, on: bool) -> None:
        """The call is on hold (by any witness: the page, CCS, our own click2hold): the button offers Resume."""
        self.on_hold = on
        self.hold_button.setText(self.tr("Resume") if on else self.tr("Hold"))

    def hold_or_resume(self) -> None:
        """Hold, or Resume a held call: decided by the call's state, so a hold made elsewhere (the page, the tray,
        `ccs-desktop hold`) is resumed here, never held twice."""
        (self.unhold_requested if self.on_hold else self.hold_requested).emit()

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


def _with_standard(key: QKeySequence.StandardKey, ours: str) -> list[QKeySequence]:
    """The platform's keys for `key` (none on some desktops), then ours if it is not among them."""
    keys = QKeySequence.keyBindings(key)
    return [*keys, QKeySequence(ours)] if QKeySequence(ours) not in keys else keys


def _is_view(widget: QWidget | None) -> bool:
    return isinstance(widget, QAbstractItemView)


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
