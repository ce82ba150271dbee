"""Hold turns into Resume and "On hold" shows, in the window and the tray, in the whole app on the simulator (real
QtWebEngine offscreen, the simulator's softphone page, real HTTP)."""

from __future__ import annotations

import pytest

from tests.test_app import WAIT, harness  # noqa: F401 - the fixture, by name

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def call_state(harness, state: str) -> dict:  # noqa: F811
    return harness.wait_message(lambda m: m.get("type") == "call" and m.get("state") == state)


def test_hold_from_the_window_turns_into_resume_and_shows_on_hold(harness, qtbot):  # noqa: F811
    window, tray = harness.app.window, harness.app.tray
    harness.wait_ready()
    assert not tray.hangup_action.isVisible() and not tray.hold_action.isVisible()
    harness.start_call()
    assert tray.hangup_action.isVisible() and tray.hold_action.text() == "Hold"
    harness.messages.clear()
    window.hold_button.click()
    call_state(harness, "hold")  # the simulator's page reports it
    qtbot.waitUntil(lambda: window.hold_button.text() == "Resume", timeout=WAIT)
    assert "on hold" in window.state_label.text().lower()
    assert tray.hold_action.text() == "Resume" and "on hold" in tray.icon.toolTip()
    assert harness.sim.state()["live_calls"][0]["state"] == "hold"
    harness.messages.clear()
    window.hold_button.click()  # Resume: click2unhold, not a second click2hold
    call_state(harness, "talking")
    qtbot.waitUntil(lambda: window.hold_button.text() == "Hold", timeout=WAIT)
    assert "on hold" not in window.state_label.text().lower()
    assert harness.sim.functions().count("click2hold") == 1 and "click2unhold" in harness.sim.functions()
    tray.hold_action.trigger()  # the tray holds too, and the window follows
    qtbot.waitUntil(lambda: window.hold_button.text() == "Resume", timeout=WAIT)
    tray.hangup_action.trigger()
    qtbot.waitUntil(lambda: not harness.app.tracker.is_active(), timeout=WAIT)
    assert not tray.hangup_action.isVisible() and not tray.hold_action.isVisible()
    assert window.hold_button.text() == "Hold"


def test_the_tray_badge_is_wired_to_the_calls_tabs_worklist(harness, qtbot):  # noqa: F811
    """The count itself is tests/ui/test_tray.py's (on a cache with missed calls); here: the app wires it."""
    calls, tray = harness.app.window.calls, harness.app.tray
    assert tray.missed == calls.worklist_count()
    calls.worklist_count_changed.emit(4)
    assert tray.missed == 4
    calls.update_worklist_count()
    assert tray.missed == calls.worklist_count()
