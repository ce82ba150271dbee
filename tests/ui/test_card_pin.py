"""The caller card during its call: pinned while the real call tracker has the call (fed as the softphone page and
CCS's live-call poll feed it), gone a few seconds after it ends, closed at once by ✕; a copied number's card keeps
its timer. And the option that keeps the card above full-screen apps (X11 only), without ever taking the focus.

The card's timer is never waited for: its `timeout` is emitted by hand, as if the seconds had passed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from ccs_desktop.core.api.v1 import LiveCall as CcsLiveCall
from ccs_desktop.core.phone import try_parse
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.contacts import ContactsController
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.stores import Stores
from ccs_desktop.ui.calls_model import CallRecordsModel
from ccs_desktop.ui.dialogs.settings import SettingsDialog
from ccs_desktop.ui.popup import AFTER_CALL_MS, SHOW_MS, NumberPopup, card_window_flags, connect_popup

WAIT = 10_000
NUMBER = "05337751519"
BYPASS = Qt.WindowType.X11BypassWindowManagerHint


class Desk:
    def __init__(
        self, contacts: ContactsController, tracker: CallTracker, popup: NumberPopup, settings: Settings
    ) -> None:
        self.contacts, self.tracker, self.popup, self.settings = contacts, tracker, popup, settings

    def page(self, callid: str, state: str) -> None:
        self.tracker.page_event({"type": "call", "callid": callid, "state": state, "number": NUMBER})

    def poll(self, *rows: tuple[str, str]) -> None:
        self.tracker.ccs_calls(
            [CcsLiveCall(key, key, NUMBER, "", "Destek", True, status, None, None) for key, status in rows]
        )

    def ring(self, callid: str) -> None:
        """The ring desk's pop for this call: the card shows (looked up on the worker)."""
        self.popup.hide()
        self.contacts.look_up_incoming(NUMBER, callid, "Destek")

    def timer_fires(self) -> None:
        self.popup._timer.timeout.emit()


@pytest.fixture
def desk(qapp, qtbot, runner, tmp_path) -> Iterator[Desk]:
    bus = MessageBus()
    stores = Stores(demo=False, region=lambda: "TR")
    tracker = CallTracker()
    history = CallHistory(runner, CallRecordsModel(), stores.calls, stores.names_for, tracker, bus)
    settings = Settings(tmp_path / "c.ini")
    contacts = ContactsController(runner, bus, settings, stores, history, open_url=lambda _url: None)
    popup = NumberPopup()
    qtbot.addWidget(popup)
    connect_popup(popup, contacts)
    yield Desk(contacts, tracker, popup, settings)
    runner.shutdown(wait=True)
    stores.close()


def shown_pinned(desk: Desk, qtbot) -> None:
    qtbot.waitUntil(lambda: desk.popup.isVisible() and desk.popup.pin_label.isVisible(), timeout=WAIT)


def test_the_incoming_card_stays_while_its_call_rings_and_talks_and_goes_after_it_ends(desk, qtbot):
    desk.page("c1", "ringing")
    desk.ring("c1")
    shown_pinned(desk, qtbot)
    assert desk.popup.pin_label.text() == "Pinned during the call"
    desk.timer_fires()
    assert desk.popup.isVisible()
    QApplication.sendEvent(desk.popup, QEvent(QEvent.Type.Leave))  # the mouse passed over it and left
    assert not desk.popup._timer.isActive()
    desk.page("c1", "talking")
    desk.timer_fires()
    assert desk.popup.isVisible() and desk.popup.pin_label.isVisible()
    desk.page("c1", "ended")
    assert desk.popup.isVisible() and not desk.popup.pin_label.isVisible()
    assert desk.popup._timer.isActive() and desk.popup._timer.interval() == AFTER_CALL_MS
    desk.timer_fires()
    assert not desk.popup.isVisible()


def test_a_call_ccs_lists_after_the_card_showed_pins_it_and_its_end_lets_it_go(desk, qtbot):
    desk.ring("k7")
    qtbot.waitUntil(desk.popup.isVisible, timeout=WAIT)
    assert not desk.popup.pin_label.isVisible()  # the tracker does not know the call yet
    desk.poll(("k7", "ringing"))
    assert desk.popup.pin_label.isVisible()
    desk.poll(("k7", "talking"))
    desk.timer_fires()
    assert desk.popup.isVisible()
    desk.poll()  # CCS no longer lists it: over
    desk.timer_fires()
    assert not desk.popup.isVisible()


def test_another_calls_events_do_not_pin_the_card(desk, qtbot):
    desk.page("other", "talking")
    desk.ring("c2")
    qtbot.waitUntil(desk.popup.isVisible, timeout=WAIT)
    desk.page("other", "hold")
    assert not desk.popup.pin_label.isVisible()
    desk.timer_fires()
    assert not desk.popup.isVisible()


def test_the_close_button_closes_a_pinned_card_for_good(desk, qtbot):
    desk.page("c3", "ringing")
    desk.ring("c3")
    shown_pinned(desk, qtbot)
    close = desk.popup.close_button
    assert close.accessibleName() == "Close the card" and close.focusPolicy() == Qt.FocusPolicy.NoFocus
    close.click()
    assert not desk.popup.isVisible()
    desk.page("c3", "talking")  # the call goes on: the card the agent closed stays closed
    assert not desk.popup.isVisible() and not desk.popup.pin_label.isVisible()
    # the CRM names the caller late (ContactsController.card_named): a closed card stays closed
    desk.contacts.card_named.emit(try_parse(NUMBER, "TR").e164, "Acme (CRM)")
    assert not desk.popup.isVisible()


def test_the_card_after_a_closed_pinned_one_is_not_pinned_by_the_old_call(desk, qtbot):
    desk.page("c3", "ringing")
    desk.ring("c3")
    shown_pinned(desk, qtbot)
    desk.popup.close_button.click()
    desk.ring("")  # a ring whose key no witness told yet
    qtbot.waitUntil(desk.popup.isVisible, timeout=WAIT)
    assert not desk.popup.pin_label.isVisible() and desk.popup._timer.isActive()
    desk.page("c3", "talking")
    assert not desk.popup.pin_label.isVisible()
    desk.timer_fires()
    assert not desk.popup.isVisible()


def test_a_new_ring_over_a_pinned_card_is_not_pinned_by_the_first_call(desk, qtbot):
    desk.page("c6", "talking")
    desk.ring("c6")
    shown_pinned(desk, qtbot)
    desk.contacts.look_up_incoming("05321234567", "", "")  # a second call rings; no witness told its key yet
    qtbot.waitUntil(lambda: not desk.popup.pin_label.isVisible(), timeout=WAIT)
    assert desk.popup.isVisible() and desk.popup._timer.isActive()


def test_a_copied_numbers_card_keeps_its_timer_during_a_call(desk, qtbot):
    desk.page("c4", "talking")
    desk.popup.show_number(try_parse(NUMBER, "TR"), "TR", None, None)
    assert desk.popup.isVisible() and not desk.popup.pin_label.isVisible()
    assert desk.popup._timer.isActive() and desk.popup._timer.interval() == SHOW_MS
    desk.timer_fires()
    assert not desk.popup.isVisible()


def test_a_copy_over_a_pinned_card_makes_it_a_copied_card(desk, qtbot):
    desk.page("c5", "ringing")
    desk.ring("c5")
    shown_pinned(desk, qtbot)
    desk.popup.show_number(try_parse("05321234567", "TR"), "TR", None, None)
    assert not desk.popup.pin_label.isVisible()
    desk.timer_fires()
    assert not desk.popup.isVisible()


def test_the_bypass_flag_is_for_x11_only():
    for platform in ("xcb", "offscreen", "windows", "cocoa", "wayland"):
        assert not card_window_flags(platform, False) & BYPASS
    assert card_window_flags("xcb", True) & BYPASS
    for platform in ("offscreen", "windows", "cocoa", "wayland"):
        assert not card_window_flags(platform, True) & BYPASS
    for platform in ("xcb", "windows"):
        flags = card_window_flags(platform, True)
        assert flags & Qt.WindowType.WindowDoesNotAcceptFocus and flags & Qt.WindowType.WindowStaysOnTopHint


def test_the_option_applies_at_once_and_the_card_stays_shown_and_focus_less(desk, qtbot):
    popup = desk.popup
    popup.platform = "xcb"  # as under X11; the offscreen platform takes the flag all the same
    popup.show_number(try_parse(NUMBER, "TR"), "TR", None, None)
    desk.settings.set("card_over_fullscreen", True)
    assert popup.windowFlags() & BYPASS
    assert popup.isVisible() and not popup.isActiveWindow()
    assert popup.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert popup.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    desk.settings.set("card_over_fullscreen", False)
    assert not popup.windowFlags() & BYPASS
    assert popup.isVisible() and not popup.isActiveWindow()


def test_the_option_means_nothing_off_x11(qapp, qtbot):
    popup = NumberPopup()  # this test's real platform: offscreen
    qtbot.addWidget(popup)
    popup.set_over_fullscreen(True)
    assert not popup.windowFlags() & BYPASS


def test_the_settings_dialog_saves_the_option(qapp, qtbot, tmp_path):
    settings = Settings(tmp_path / "c.ini")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert not dialog.over_fullscreen.isChecked()
    assert "full-screen" in dialog.over_fullscreen.toolTip()
    dialog.over_fullscreen.setChecked(True)
    dialog._save()
    assert settings.get_bool("card_over_fullscreen")


def test_a_late_crm_name_goes_only_to_the_card_still_showing_that_number(desk, qtbot):
    """From the review: a CRM answer for number A must not bring A's card over B's, nor come back after Esc."""
    from ccs_desktop.core.phone import try_parse as parse

    first, second = parse("0533 000 00 01", "TR"), parse("0533 000 00 02", "TR")
    desk.popup.show_number(first, "TR", None, None)
    desk.popup.show_number(second, "TR", None, None)
    desk.contacts.card_named.emit(first.e164, "Late (CRM)")
    assert desk.popup.e164 == second.e164 and desk.popup.who_label.text() != "Late (CRM)"
    desk.contacts.card_named.emit(second.e164, "Can Ak (CRM)")
    assert desk.popup.who_label.text() == "Can Ak (CRM)"
