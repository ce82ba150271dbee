"""The agent status in the whole app on the simulator: the header's selector and the tray's menu are wired, and
Quit (with "Set Back office when I quit or log out") leaves the agent in Back office at CCS."""

from __future__ import annotations

import pytest

from tests.test_app import WAIT, app_on_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def test_status_in_the_app_and_back_office_at_quit(qtbot, qapp):
    def options(app) -> None:
        app.settings.set("backoffice_on_exit", True)

    with app_on_simulator(qtbot, qapp, before_start=options) as h:
        view, cc = h.app.agent_status, h.sim.sim.cc
        agent = cc.tenant.agent_by_email(h.sim.email)
        qtbot.waitUntil(lambda: view.button.text() == "Available", timeout=WAIT)
        assert h.app.window.dial_bar.itemAt(0).widget() is view.button
        next(a for a in h.app.tray.status_menu.actions() if a.text() == "Short break").trigger()
        qtbot.waitUntil(lambda: view.button.text() == "Short break", timeout=WAIT)
        assert cc.agent_status(agent) == "shortbreak"
        assert "Status: Short break" in h.app.tray.icon.toolTip()
        h.app.request_quit()
        qtbot.waitUntil(lambda: h.app.quit_started, timeout=WAIT)
        assert cc.agent_status(agent) == "backoffice"
