"""No call over a live call: the Call buttons are disabled, every other way in asks first (real window, real
QtWebEngine, the simulator over HTTP)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.helpers import cli_env
from tests.test_app import WAIT, app_on_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


@pytest.fixture
def on_a_call(qtbot, qapp):
    with app_on_simulator(qtbot, qapp, sim_options={"call_seconds": 60, "ring_seconds": 0.3}) as h:
        h.wait_ready()
        h.start_call("0532 123 45 61")
        h.sim.clear_log()
        yield h


def _question(app, qtbot) -> QMessageBox:
    qtbot.waitUntil(lambda: app.call_guard.box is not None and app.call_guard.box.isVisible(), timeout=WAIT)
    return app.call_guard.box


def _placed_once(harness, qtbot) -> list[str]:
    """The numbers click2call was sent for, once the runner has sent everything it was given."""
    qtbot.waitUntil(
        lambda: "click2call" in harness.sim.functions() and harness.app.runner.pending == 0, timeout=WAIT
    )
    return [e["params"]["phonenumber"] for e in harness.sim.requests_log() if e["function"] == "click2call"]


def test_call_buttons_are_disabled_during_a_call_and_come_back_after(on_a_call, qtbot):
    app = on_a_call.app
    assert not app.window.call_button.isEnabled()
    assert not app.popup.call_button.isEnabled()
    app.service.hangup()
    qtbot.waitUntil(lambda: not app.tracker.is_active(), timeout=WAIT)
    assert app.window.call_button.isEnabled()
    assert app.popup.call_button.isEnabled()


def test_a_call_back_during_a_call_asks_and_cancel_is_the_default(on_a_call, qtbot):
    app = on_a_call.app
    app.window.calls.dial_requested.emit("05321234562")  # a double-clicked call record
    box = _question(app, qtbot)
    assert "0532 123 45 61" in box.text() and "0532 123 45 62" in box.text()
    assert box.defaultButton() is box.escapeButton()
    assert box.defaultButton().text() != "Call anyway"
    box.defaultButton().click()
    app.window.contacts.dial_requested.emit("05321234563")  # a double-clicked contact
    box = _question(app, qtbot)
    next(b for b in box.buttons() if b.text() == "Call anyway").click()
    # the answer is acted on as it is given: the one call placed is the one the agent said yes to
    assert _placed_once(on_a_call, qtbot) == ["05321234563"]


def test_a_link_handed_over_during_a_call_asks_once(on_a_call, qtbot):
    app = on_a_call.app
    app.open_uri("tel:+905321234562")
    box = _question(app, qtbot)
    assert "0532 123 45 62" in box.text()
    assert app.uri_prompt.box is None, "one question, not the link's confirmation on top of it"
    box.reject()
    # a call the agent then does want (asked too, as a call is live) proves the link's answer has been acted on
    app.window.calls.dial_requested.emit("05321234563")
    next(b for b in _question(app, qtbot).buttons() if b.text() == "Call anyway").click()
    assert _placed_once(on_a_call, qtbot) == ["05321234563"]


def test_the_command_line_call_during_a_call_is_refused_when_the_agent_says_no(on_a_call, qtbot):
    app = on_a_call.app
    proc = subprocess.Popen(
        [sys.executable, "-m", "ccs_desktop", "call", "0532 123 45 62"],
        env=cli_env(None),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        box = _question(app, qtbot)
        box.reject()
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    finally:
        if proc.poll() is None:
            proc.kill()
    _out, err = proc.communicate()
    assert proc.returncode == 2
    assert "on a call" in err and "Traceback" not in err
    assert "click2call" not in on_a_call.sim.functions()
