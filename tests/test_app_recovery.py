"""The whole app with a softphone host that never answers: the agent sees why, when the next try is, and can
retry; the tray is red; diagnostics tell the IT desk the rest, and its copied report holds no secret."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtGui import QGuiApplication

from ccs_desktop.app import App, Identity
from ccs_desktop.services.call_state import LineState
from ccs_desktop.ui.dialogs.diagnostics import DiagnosticsDialog
from tests.helpers import SimHandle, close_app, start_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]
WAIT = 20_000


def test_a_dead_softphone_host_is_explained_with_a_retry_button(qtbot, qapp):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    sim = start_simulator()
    handle = SimHandle(sim)
    app = App(qapp, owns_loop=False)
    loads: list[bool] = []
    app.view.loaded.connect(loads.append)
    template = f"http://127.0.0.1:{port}/{{build}}/sso/?tenant={{tenant_host}}&session={{session}}"
    try:
        assert app.start(Identity(sim.base_url, sim.email, sim.app_token, None, template, "demo"))
        banner = app.window.banner
        qtbot.waitUntil(lambda: not banner.isHidden() and "Next try at" in banner.label.text(), timeout=WAIT)
        text = banner.label.text()
        assert text.startswith("The softphone at 127.0.0.1 cannot be reached: connection refused.")
        assert app.tray.state is LineState.UNAVAILABLE
        assert "connection refused" in app.window.state_label.text()

        before, asked = len(loads), app.supervisor.page_loads
        banner.retry_button.click()
        assert app.supervisor.page_loads == asked + 1, "at once, not at the next try"
        qtbot.waitUntil(lambda: len(loads) == before + 1, timeout=WAIT)
        assert handle.functions().count("login") == 1, "a page that does not load is no reason to log in"

        app.open_diagnostics()
        dialog = app.window.findChild(DiagnosticsDialog)
        qtbot.waitUntil(lambda: "API reachable: yes" in dialog.result_text(), timeout=WAIT)
        report = dialog.result_text()
        session = app.service.agent.session.session
        assert f"Softphone address: http://127.0.0.1:{port}/demo/sso/?tenant=127.0.0.1&session=***" in report
        assert (
            "Last softphone load error: the softphone at 127.0.0.1 cannot be reached: connection refused"
            in report
        )
        assert "ConnectionErrorDomain -102" in report
        assert "Chromium " in report and "Qt 6." in report and "ccs-desktop " in report
        dialog.copy_report()
        copied = QGuiApplication.clipboard().text()
        assert copied == report
        assert session not in copied and sim.app_token not in copied
    finally:
        close_app(app, qapp)
        handle.http.close()
        sim.stop()
