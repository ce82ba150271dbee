"""The tray: Hang up and Hold/Resume only while a call is up, and the missed calls not returned as a badge on the
icon, the same count as the Calls tab's worklist (real SQLite cache, synchronous runner, injected clock)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from ccs_desktop.ui.icons import icon
from ccs_desktop.ui.tray import BADGE_SIZE, Tray, show_missed, with_badge
from tests.ui.test_calls_worklist import tab  # noqa: F401 - the worklist fixture, by name

pytestmark = pytest.mark.gui


def corner(tray: Tray) -> QColor:
    """The colour at the badge's centre (top-right) of the icon the tray shows."""
    image = tray.icon.icon().pixmap(BADGE_SIZE, BADGE_SIZE).toImage()
    return image.pixelColor(round(BADGE_SIZE * 0.71), round(BADGE_SIZE * 0.12))


def visible_texts(tray: Tray) -> list[str]:
    return [a.text() for a in tray.menu.actions() if a.text() and a.isVisible()]


def test_call_entries_show_only_during_a_call_and_follow_hold(qtbot):
    tray = Tray()
    assert "Hang up" not in visible_texts(tray) and "Hold" not in visible_texts(tray)
    tray.set_call(True, False)
    assert visible_texts(tray)[:3] == ["Show", "Hang up", "Hold"]
    tray.set_call(True, True)
    assert visible_texts(tray)[:3] == ["Show", "Hang up", "Resume"]
    with qtbot.waitSignal(tray.hold_or_resume):
        tray.hold_action.trigger()
    with qtbot.waitSignal(tray.hangup_requested):
        tray.hangup_action.trigger()
    tray.set_call(False, False)
    assert "Hang up" not in visible_texts(tray) and "Resume" not in visible_texts(tray)


def test_the_badge_is_painted_and_cleared_with_a_tooltip_line(qtbot):
    tray = Tray()
    plain = corner(tray)
    tray.set_missed(3)
    assert corner(tray).red() > 150 and corner(tray).green() < 80, "a red disc in the corner"
    assert corner(tray) != plain
    assert tray.icon.toolTip().splitlines()[-1].startswith("3 missed call")  # the plural is the catalogue's
    tray.set_missed(0)
    assert corner(tray) == plain
    assert "missed" not in tray.icon.toolTip()
    assert with_badge(icon("ready"), 0).cacheKey() == icon("ready").cacheKey()


def test_the_badge_counts_the_calls_tabs_worklist_and_follows_it(qtbot, tab):  # noqa: F811
    tray = Tray()
    panel = tab.panel
    show_missed(tray, panel)
    qtbot.waitUntil(lambda: tray.missed == 2, timeout=1000)  # today: Ayşe and Zeynep
    assert tray.missed == panel.worklist_count()
    panel.worklist_scope.setCurrentIndex(panel.worklist_scope.findData("7 days"))
    qtbot.waitUntil(lambda: tray.missed == 3, timeout=1000)
    assert tray.icon.toolTip().splitlines()[-1].startswith("3 missed call")
    panel.worklist_scope.setCurrentIndex(panel.worklist_scope.findData("today"))
    qtbot.waitUntil(lambda: tray.missed == 2, timeout=1000)
    panel.worklist_button.click()
    for _ in range(2):  # the agent ticks both off
        panel.table.selectRow(0)
        panel.done_button.click()
    qtbot.waitUntil(lambda: tray.missed == 0, timeout=1000)
    assert "missed" not in tray.icon.toolTip()
