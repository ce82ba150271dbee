"""The quit rule without the whole app: quitting never silently drops a live call."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget

from ccs_desktop.services.operations import run_op
from ccs_desktop.ui.main_window import MainWindow
from ccs_desktop.ui.quit_guard import QuitGuard
from tests.services.session_parts import WAIT, Parts, logged_in, parts_for


@pytest.fixture
def parts(qapp, runner, tmp_path) -> Iterator[Parts]:
    yield from parts_for(runner, tmp_path)


@pytest.fixture
def guard(parts, runner, tmp_path, qtbot) -> QuitGuard:
    window = MainWindow(QWidget(), parts.settings)
    qtbot.addWidget(window)
    guard = QuitGuard(parts.tracker, parts.session, runner, parts.bus, window)
    guard.quits = []  # type: ignore[attr-defined]
    guard.quit_confirmed.connect(lambda: guard.quits.append(True))  # type: ignore[attr-defined]
    return guard


def test_with_the_line_free_quit_goes_at_once(guard):
    guard.request_quit()
    assert guard.quits == [True] and guard.box is None


def test_during_a_call_it_asks_once_and_stay_keeps_the_app(guard, parts, qtbot):
    parts.tracker.call_placed("k1", "+905321234561")
    guard.request_quit()
    box = guard.box
    assert box is not None and box.isVisible() and guard.window.isVisible()
    guard.request_quit()  # asked again from the tray: the same question, raised
    assert guard.box is box
    guard.stay_button.click()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT)
    assert guard.quits == []


def test_hang_up_and_quit_hangs_up_first(guard, parts, qtbot, long_calls, runner):
    logged_in(parts, qtbot, long_calls)
    service = parts.session.service
    with qtbot.waitCallback(timeout=WAIT) as placed:
        run_op(runner, parts.bus, lambda: service.agent.place_call("905321234561"), placed)
    parts.tracker.call_placed("k1", "+905321234561")
    guard.request_quit()
    guard.hangup_quit_button.click()
    qtbot.waitUntil(lambda: guard.quits == [True], timeout=WAIT)
    assert "click2hang" in long_calls.functions()
    assert not parts.tracker.is_active()
