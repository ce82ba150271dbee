"""Keyboard first, on the real window logged in to the simulator: each shortcut does its job, the menus and the
Help sheet show the keys, and the global shortcuts' two actions reach the same paths as the window's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.test_accessibility_app import focus_chain
from tests.test_app import WAIT, Harness, app_on_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


@pytest.fixture
def harness(qtbot, qapp) -> Iterator[Harness]:
    with app_on_simulator(qtbot, qapp, sim_options={"call_seconds": 30, "ring_seconds": 0.3}) as h:
        yield h


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def active_window(h):
    window = h.app.window
    window.show()
    window.activateWindow()
    h.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    return window


def test_ctrl_f_ctrl_l_and_enter_in_the_number_field_call(harness, qtbot):
    harness.wait_ready()
    window = active_window(harness)
    window.tabs.setCurrentWidget(window.calls)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.contacts
    assert QApplication.focusWidget() is window.contacts.search_edit
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.number_edit
    QTest.keyClicks(window.number_edit, "0532 123 45 61")
    QTest.keyClick(window.number_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "click2call" in harness.sim.functions(), timeout=WAIT)
    assert harness.sim.functions().count("click2call") == 1, "Enter calls once, not twice"


def test_hold_resume_and_hang_up_keys(harness, qtbot):
    harness.wait_ready()
    window = active_window(harness)
    assert not window.hangup_action.isEnabled() and not window.hold_action.isEnabled()
    harness.start_call()
    qtbot.waitUntil(window.hold_action.isEnabled, timeout=WAIT)
    QTest.keyClick(window, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "click2hold" in harness.sim.functions(), timeout=WAIT)
    qtbot.waitUntil(lambda: harness.app.tracker.current().state == "hold", timeout=WAIT)
    QTest.keyClick(window, Qt.Key.Key_S, CTRL_SHIFT)  # on hold: the same keys resume
    qtbot.waitUntil(lambda: "click2unhold" in harness.sim.functions(), timeout=WAIT)
    qtbot.waitUntil(lambda: harness.app.tracker.current().state == "talking", timeout=WAIT)
    # held from elsewhere (the page's own button, `ccs-desktop hold`): the keys go by the call, not the button
    harness.app.service.hold()
    qtbot.waitUntil(lambda: harness.app.tracker.current().state == "hold", timeout=WAIT)
    QTest.keyClick(window, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: harness.sim.functions().count("click2unhold") == 2, timeout=WAIT)
    QTest.keyClick(window, Qt.Key.Key_H, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "click2hang" in harness.sim.functions(), timeout=WAIT)
    assert harness.sim.functions().count("click2hold") == 2


def test_ctrl_comma_opens_settings_and_esc_closes_the_card(harness, qtbot):
    from ccs_desktop.core.phone import parse_number
    from ccs_desktop.ui.dialogs.settings import SettingsDialog

    harness.wait_ready()
    window = active_window(harness)
    QTest.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in window.findChildren(SettingsDialog))
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.shortcut_fields.state_label.text()  # says whether global shortcuts are offered
    dialog.reject()
    popup = harness.app.popup
    assert not window.close_card_action.isEnabled(), "no card: Esc is left alone"
    popup.show_number(parse_number("0532 765 43 21", "TR"), "TR", None, None)
    assert window.close_card_action.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert not window.close_card_action.isEnabled()


def test_the_menus_and_the_help_sheet_show_every_key(harness, qtbot):
    from ccs_desktop.ui.dialogs.shortcuts import ShortcutsSheet

    harness.wait_ready()
    window = active_window(harness)
    native = QKeySequence.SequenceFormat.NativeText
    shown = {a.text().replace("&", ""): a.shortcut().toString(native) for a in window.shortcut_actions()}
    expected = {
        "Call": QKeySequence(Qt.Key.Key_Return).toString(native),
        "Hang up": "Ctrl+Shift+H",
        "Hold / Resume": "Ctrl+Shift+S",
        "Find a contact": "Ctrl+F",
        "Number to call": "Ctrl+L",
        "Close the card": "Esc",
        "Quit": "Ctrl+Q",
    }
    for what, keys in expected.items():
        assert shown[what] == keys, what
    assert "Ctrl+," in [k.toString(native) for k in window.settings_action.shortcuts()]
    QTest.keyClick(window, Qt.Key.Key_F1)
    sheet = window.findChild(ShortcutsSheet)
    qtbot.waitUntil(sheet.isVisible, timeout=WAIT)
    rows = dict(sheet.rows())
    assert rows["Hang up"] == "Ctrl+Shift+H"
    assert rows["Settings…"].endswith("Ctrl+,")
    assert rows["Call"].startswith(QKeySequence(Qt.Key.Key_Return).toString(native))
    globals_ = {what: keys for what, keys in rows.items() if what.startswith("Anywhere: ")}
    assert set(globals_) == {"Anywhere: call the selected or copied number", "Anywhere: hang up"}
    sheet.reject()


def test_the_global_call_shortcut_calls_the_selection_or_else_the_clipboard(harness, qtbot):
    harness.wait_ready()
    clipboard = QGuiApplication.clipboard()
    harness.app.clipboard.set_paused(True)  # no card for this copy: only the shortcut's call is watched
    clipboard.setText("Ayşe: 0532 123 45 61")
    harness.app.keys.activated.emit("call-selection")
    qtbot.waitUntil(lambda: "click2call" in harness.sim.functions(), timeout=WAIT)
    qtbot.waitUntil(harness.app.tracker.is_active, timeout=WAIT)
    harness.app.keys.activated.emit("hang-up")
    qtbot.waitUntil(lambda: "click2hang" in harness.sim.functions(), timeout=WAIT)


def test_tab_goes_from_the_softphone_to_the_number_field_and_its_buttons(harness, qtbot):
    harness.wait_ready()
    window = harness.app.window
    window.show()
    chain = focus_chain(window)
    softphone = window.softphone.focusProxy() or window.softphone
    start = chain.index(softphone)
    chain = chain[start:] + chain[:start]  # Tab goes round: from the softphone page on
    order = [softphone, window.number_edit, window.call_button, window.hangup_button, window.hold_button]
    # hidden or disabled ones are still in the chain, in order; the walk keeps what is shown
    positions = [chain.index(w) for w in order if w in chain]
    assert positions == sorted(positions) and len(positions) >= 3
    assert chain.index(window.number_edit) < chain.index(window.tabs.tabBar())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    window.number_edit.setFocus()
    qtbot.keyClick(window.number_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.call_button
