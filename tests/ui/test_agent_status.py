"""The status selector in the window's header and the tray's Status menu, on the simulator's v1 API: a choice
goes to CCS and comes back checked, in the button, the status bar and the tray's tooltip; a refusal puts the
selector back; the after-call-work countdown and "Available now"; Quit sends Back office first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget

from ccs_desktop.ui.agent_status import MENU_ORDER, AgentStatusView, connect_agent_status, status_text
from ccs_desktop.ui.dialogs.settings import SettingsDialog
from ccs_desktop.ui.main_window import MainWindow
from ccs_desktop.ui.quit_guard import QuitGuard
from ccs_desktop.ui.tray import Tray
from tests.helpers import SimHandle
from tests.services.session_parts import WAIT, Parts, logged_in, parts_for

pytestmark = pytest.mark.gui


@pytest.fixture
def parts(qapp, runner, tmp_path) -> Iterator[Parts]:
    yield from parts_for(runner, tmp_path)


class Screen:
    def __init__(self, parts: Parts, qtbot) -> None:
        self.parts, self.qtbot = parts, qtbot
        self.window = MainWindow(QWidget(), parts.settings)
        qtbot.addWidget(self.window)
        self.tray = Tray()
        self.guard = QuitGuard(parts.tracker, parts.session, parts.session.runner, parts.bus, self.window)
        self.quits: list[bool] = []
        self.guard.quit_confirmed.connect(lambda: self.quits.append(True))
        s = parts.session
        self.view: AgentStatusView = connect_agent_status(
            s.runner, parts.bus, parts.settings, parts.tracker, s, self.window, self.tray, self.guard, s
        )
        self.ctl = self.view.controller

    def log_in(self, sim: SimHandle) -> None:
        logged_in(self.parts, self.qtbot, sim)
        self.qtbot.waitUntil(lambda: self.ctl.status == "available", timeout=WAIT)

    def settled(self) -> None:
        self.qtbot.waitUntil(lambda: not self.ctl.reading and not self.ctl._sending, timeout=WAIT)

    def checked(self) -> list[str]:
        return [name for name, action in self.view.actions.items() if action.isChecked()]


@pytest.fixture
def screen(parts, qtbot) -> Screen:
    return Screen(parts, qtbot)


def ccs_status(sim: SimHandle) -> str:
    return next(a["status"] for a in sim.sim.cc.agents_status() if a["email"] == sim.email)


def test_the_selector_and_the_tray_offer_the_same_statuses_with_names(screen):
    titles = [action.text() for action in screen.view.menu.actions() if action.isCheckable()]
    assert titles == [
        "Available",
        "Back office",
        "Short break",
        "Lunch",
        "Training",
        "Meeting",
        "After-call work",
    ]
    tray_titles = [a.text() for a in screen.tray.status_menu.actions() if a.isCheckable()]
    assert tray_titles == titles
    assert list(MENU_ORDER) == [
        "available",
        "backoffice",
        "shortbreak",
        "lunch",
        "training",
        "meeting",
        "aftercallwork",
    ]
    assert screen.window.dial_bar.itemAt(0).widget() is screen.view.button
    for widget in (
        screen.view.button,
        screen.view.countdown_label,
        screen.view.available_now_button,
        screen.view.bar_label,
    ):
        assert widget.accessibleName()
    assert not screen.view.button.isEnabled() and not screen.tray.status_menu.isEnabled()  # logged out


def test_choosing_in_the_tray_sets_ccs_and_shows_it_everywhere(screen, simulator):
    screen.log_in(simulator)
    assert screen.checked() == ["available"] and screen.view.button.text() == "Available"
    assert screen.view.button.isEnabled() and screen.tray.status_menu.isEnabled()
    lunch = next(a for a in screen.tray.status_menu.actions() if a.text() == "Lunch")
    lunch.trigger()
    assert screen.checked() == ["available"], "checked is what CCS said, until it says otherwise"
    screen.settled()
    assert ccs_status(simulator) == "lunch"
    assert screen.checked() == ["lunch"]
    assert screen.view.button.text() == "Lunch"
    assert screen.view.bar_label.text() == "Status: Lunch"
    assert "Status: Lunch" in screen.tray.icon.toolTip().splitlines()


def test_a_refusal_during_a_call_is_said_and_the_selector_stays(screen, long_calls, qtbot):
    screen.log_in(long_calls)
    long_calls.sim.start_inbound_call("05321112233")
    qtbot.waitUntil(lambda: ccs_status(long_calls) == "talking", timeout=WAIT)
    screen.view.actions["training"].trigger()
    screen.settled()
    assert (
        "error",
        "CCS did not change your status: Agent status cannot be changed while the agent is talking",
    ) in screen.parts.shown
    assert screen.checked() == ["available"] and screen.view.button.text() == "Available"
    screen.ctl.status_changed.emit("talking")  # what the next read says
    assert screen.checked() == [] and screen.view.button.text() == "On a call"
    assert status_text("ringing") == "Ringing"


def test_the_countdown_shows_and_available_now_ends_it(screen, simulator):
    screen.parts.settings.set("after_call_work_seconds", 90)
    screen.log_in(simulator)
    assert screen.view.available_now_button.isHidden()
    screen.parts.tracker.call_placed("k1", "+905321234561")
    screen.parts.tracker.hangup_confirmed()
    screen.settled()
    assert not screen.view.available_now_button.isHidden() and screen.view.available_now_action.isVisible()
    assert screen.view.countdown_label.text() == "After-call work: 1:30"
    assert screen.view.button.text() == "After-call work (1:30 left)"
    assert screen.checked() == ["aftercallwork"]
    screen.view.available_now_button.click()
    screen.settled()
    assert ccs_status(simulator) == "available" and screen.checked() == ["available"]
    assert screen.view.available_now_button.isHidden() and screen.view.button.text() == "Available"


def test_quit_sends_back_office_first_when_asked(screen, simulator, qtbot):
    screen.parts.settings.set("backoffice_on_exit", True)
    screen.log_in(simulator)
    screen.guard.request_quit()
    qtbot.waitUntil(lambda: screen.quits == [True], timeout=WAIT)
    assert ccs_status(simulator) == "backoffice"
    screen.guard.request_quit()  # asked again: no second send, no second quit
    screen.settled()
    assert screen.quits == [True] and simulator.functions().count("v1/agent/status") == 1


def test_the_settings_dialog_offers_both_options_off_by_default(parts, qtbot):
    dialog = SettingsDialog(parts.settings)
    qtbot.addWidget(dialog)
    assert dialog.after_call_work.value() == 0 and dialog.after_call_work.text() == "Off"
    assert not dialog.backoffice_on_exit.isChecked()
    assert dialog.after_call_work.accessibleName()
    dialog.after_call_work.setValue(45)
    dialog.backoffice_on_exit.setChecked(True)
    dialog._save()
    assert parts.settings.get_int("after_call_work_seconds") == 45
    assert parts.settings.get_bool("backoffice_on_exit") is True
