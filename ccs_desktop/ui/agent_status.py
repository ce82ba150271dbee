"""The agent's CCS status on screen: a selector first in the window's header, a Status submenu in the tray, a
line in the status bar and the tray's tooltip, and the after-call-work countdown with "Available now".

One set of checkable actions serves both menus, so they cannot disagree; choosing one asks CCS
(services/agent_status.py), and what is checked is always what CCS last said.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QToolButton, QWidget

from ccs_desktop.core.api.statuses import LIVE_STATUSES, STATUSES
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.agent_status import AgentStatusController
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.session import SessionController
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.ui.main_window import MainWindow
from ccs_desktop.ui.quit_guard import QuitGuard
from ccs_desktop.ui.tray import Tray


def status_text(status: str) -> str:
    """A CCS status in the agent's words; a function, so it is translated when shown."""
    names = {
        "available": QCoreApplication.translate("AgentStatus", "Available"),
        "backoffice": QCoreApplication.translate("AgentStatus", "Back office"),
        "shortbreak": QCoreApplication.translate("AgentStatus", "Short break"),
        "lunch": QCoreApplication.translate("AgentStatus", "Lunch"),
        "training": QCoreApplication.translate("AgentStatus", "Training"),
        "meeting": QCoreApplication.translate("AgentStatus", "Meeting"),
        "aftercallwork": QCoreApplication.translate("AgentStatus", "After-call work"),
        "": QCoreApplication.translate("AgentStatus", "Status unknown"),
    }
    if status == "ringing":
        return QCoreApplication.translate("AgentStatus", "Ringing")
    if status in LIVE_STATUSES:
        return QCoreApplication.translate("AgentStatus", "On a call")
    return names.get(status, status.capitalize())


#: The selector's order: the way back to work first, then the ways away from it.
MENU_ORDER = ("available", "backoffice", "shortbreak", "lunch", "training", "meeting", "aftercallwork")
assert sorted(MENU_ORDER) == sorted(STATUSES)


class AgentStatusView(QObject):
    """The widgets and actions; `show_status` and `show_countdown` follow the controller."""

    def __init__(self, controller: AgentStatusController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.status = ""
        self.seconds_left = 0
        self.group = QActionGroup(self)
        self.group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)  # none during a call
        self.actions: dict[str, QAction] = {}
        for name in MENU_ORDER:
            action = QAction(status_text(name), self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, name=name: self._chosen(name))
            self.group.addAction(action)
            self.actions[name] = action
        self.available_now_action = QAction(self.tr("Available now"), self)
        self.available_now_action.triggered.connect(controller.end_after_call_work)
        self.available_now_action.setVisible(False)

        self.menu = QMenu()  # the selector's (a tray menu is built by `fill`)
        self.fill(self.menu)
        self.button = QToolButton()
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(self.menu)
        self.button.setAccessibleName(self.tr("Agent status"))
        self.countdown_label = QLabel()
        self.countdown_label.setAccessibleName(self.tr("After-call work time left"))
        self.available_now_button = QPushButton(self.tr("Available now"))
        self.available_now_button.setAccessibleName(self.tr("End after-call work: Available now"))
        self.available_now_button.clicked.connect(controller.end_after_call_work)
        self.bar_label = QLabel()
        self.bar_label.setAccessibleName(self.tr("Agent status"))
        self.trays: list[Tray] = []
        self.show_status("")
        self.show_countdown(0)
        controller.status_changed.connect(self.show_status)
        controller.countdown.connect(self.show_countdown)

    def fill(self, menu: QMenu) -> None:
        for action in self.actions.values():
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.available_now_action)

    def header_widgets(self) -> list[QWidget]:
        return [self.button, self.countdown_label, self.available_now_button]

    def _chosen(self, name: str) -> None:
        self.show_status(self.status)  # what CCS says stays checked until CCS says otherwise
        self.controller.set_status(name)

    def text(self) -> str:
        """The status in words, with the countdown while after-call work counts down."""
        words = status_text(self.status)
        if self.seconds_left > 0:
            return self.tr("{status} ({time} left)").format(status=words, time=_clock_text(self.seconds_left))
        return words

    def show_status(self, status: str) -> None:
        self.status = status
        for name, action in self.actions.items():
            action.setChecked(name == status)
        self._show_text()

    def show_countdown(self, seconds: int) -> None:
        self.seconds_left = seconds
        counting = seconds > 0
        self.countdown_label.setText(
            self.tr("After-call work: {time}").format(time=_clock_text(seconds)) if counting else ""
        )
        self.countdown_label.setVisible(counting)
        self.available_now_button.setVisible(counting)
        self.available_now_action.setVisible(counting)
        self._show_text()

    def _show_text(self) -> None:
        text = self.text()
        logged_in = self.controller.v1 is not None
        self.button.setText(text)
        self.button.setToolTip(self.tr("Your status in CCS; choose another here."))
        self.button.setEnabled(logged_in)
        self.bar_label.setText(self.tr("Status: {status}").format(status=text) if logged_in else "")
        for tray in self.trays:
            tray.status_menu.setEnabled(logged_in)
            tray.set_agent_status(self.tr("Status: {status}").format(status=text) if logged_in else "")


def _clock_text(seconds: int) -> str:
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes}:{rest:02d}"


def connect_agent_status(
    runner: TaskRunner,
    bus: MessageBus,
    settings: Settings,
    tracker: CallTracker,
    session: SessionController,
    window: MainWindow,
    tray: Tray,
    quit_guard: QuitGuard,
    parent: QObject,
) -> AgentStatusView:
    """Everything the status needs, wired: the controller (`.controller`) follows the session, the selector goes
    first in the window's header and into the status bar, the tray gets the same entries, and a quit sends Back
    office first when the option says so."""
    controller = AgentStatusController(runner, bus, settings, tracker, parent=parent)
    controller.follow(session)
    view = AgentStatusView(controller, parent)
    for index, widget in enumerate(view.header_widgets()):
        window.dial_bar.insertWidget(index, widget)
    window.statusBar().insertPermanentWidget(2, view.bar_label)  # after the tenant and the agent
    view.fill(tray.status_menu)
    view.trays.append(tray)
    view.show_status(controller.status)
    quit_guard.before_quit = controller.before_quit
    return view
