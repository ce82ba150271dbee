"""The window's dial refuses letters with one clear message, unless keypad_letters is on (issue 10)."""

from __future__ import annotations

import pytest

from tests.test_app import WAIT, app_on_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def test_dialling_letters_shows_one_message_and_sends_nothing_unless_keypad_letters(qtbot, qapp):
    with app_on_simulator(qtbot, qapp, sim_options={"call_seconds": 30, "ring_seconds": 0.3}) as harness:
        harness.wait_ready()
        app = harness.app
        errors: list[str] = []
        app.service.call_failed.connect(errors.append)
        app.dial("0532 ABC 45 67")
        qtbot.waitUntil(lambda: "letters" in app.window.statusBar().currentMessage(), timeout=WAIT)
        assert len(errors) == 1 and "keypad_letters" in errors[0]
        assert "click2call" not in harness.sim.functions()

        app.settings.set("keypad_letters", True)
        harness.messages.clear()
        app.dial("0532 ABC 45 67")
        harness.wait_message(lambda m: m.get("type") == "call" and m.get("state") == "talking")
        sent = [e["params"] for e in harness.sim.requests_log() if e["function"] == "click2call"]
        assert [p["phonenumber"] for p in sent] == ["05322224567"]
