"""The caller card and the Contacts tab in the whole app on the simulator: Open opens the contact, a copy made
again later shows the card again, Esc closes the card, and the card never takes the keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ccs_desktop.core.contacts.model import Contact, ContactNumber
from tests.support.clocks import Clock
from tests.test_app import WAIT, Harness, app_on_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]



@pytest.fixture
def harness(qtbot, qapp) -> Iterator[Harness]:
    with app_on_simulator(qtbot, qapp, sim_options={"call_seconds": 30, "ring_seconds": 0.3}) as h:
        yield h


def saved(harness: Harness, qtbot, *contacts: Contact) -> None:
    panel = harness.app.window.contacts
    for contact in contacts:
        panel.save_requested.emit(contact)
    qtbot.waitUntil(lambda: panel.row_count() >= len(contacts), timeout=WAIT)


def test_open_on_a_copied_numbers_card_opens_the_contact_and_clears_the_filter(harness, qtbot):
    harness.wait_ready()
    app, panel = harness.app, harness.app.window.contacts
    saved(
        harness,
        qtbot,
        Contact(None, "Ayşe Demir", "Demir Lojistik", [ContactNumber("+905337751519", "mobile")]),
        Contact(None, "Emre Koç", "", [ContactNumber("+905369199520")]),
    )
    panel.search_for("emre")
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=WAIT)
    QGuiApplication.clipboard().setText("Müşteri: 0533 775 15 19")
    qtbot.waitUntil(app.popup.isVisible, timeout=WAIT)
    app.popup.open_button.click()
    qtbot.waitUntil(lambda: panel.contact is not None and panel.contact.name == "Ayşe Demir", timeout=WAIT)
    assert app.window.tabs.currentWidget() is panel and panel.search_edit.text() == ""
    assert panel.model.contact(panel.list.currentIndex().row()).name == "Ayşe Demir"
    assert panel.card.isVisible() and panel.row_count() == 2
    # saved afterwards: listed, not hidden by a filter the card left behind
    panel.save_requested.emit(Contact(None, "Gül Kurt", "", [ContactNumber("+905417654321")]))
    qtbot.waitUntil(lambda: panel.row_count() == 3, timeout=WAIT)


def test_a_copy_made_again_after_the_card_closed_shows_it_again(harness, qtbot):
    harness.wait_ready()
    app = harness.app
    clock = Clock(50.0)
    app.clipboard.clock = clock
    shown: list[str] = []
    app.contacts.copied_card.connect(lambda number, *_: shown.append(number.e164))
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("0533 775 15 19")
    qtbot.waitUntil(lambda: len(shown) == 1 and app.popup.isVisible(), timeout=WAIT)
    clipboard.setText("0533 775 15 19")  # the desktop announcing the same copy again: no second card
    app.popup.hide()
    clock.now += 5  # the agent copies the same number again, a little later
    clipboard.setText("0533 775 15 19")
    qtbot.waitUntil(lambda: len(shown) == 2 and app.popup.isVisible(), timeout=WAIT)
    assert shown == ["+905337751519"] * 2


def test_esc_closes_the_card_which_never_takes_the_keyboard(harness, qtbot):
    harness.wait_ready()
    app, window = harness.app, harness.app.window
    window.activateWindow()
    window.number_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.number_edit, timeout=WAIT)
    QGuiApplication.clipboard().setText("0533 775 15 19")
    qtbot.waitUntil(app.popup.isVisible, timeout=WAIT)
    assert QApplication.focusWidget() is window.number_edit and not app.popup.isActiveWindow()
    QTest.keyClicks(window.number_edit, "0212")
    assert window.number_edit.text() == "0212"  # typing still goes where it went
    QTest.keyClick(window.number_edit, Qt.Key.Key_Escape)
    assert not app.popup.isVisible()
    # with the card gone, Esc is the window's again: nothing else happens to the field
    QTest.keyClick(window.number_edit, Qt.Key.Key_Escape)
    assert window.number_edit.text() == "0212"
