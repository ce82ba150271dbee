"""A changed setting applies at once in the running window: no dialog to reopen, no restart.

The whole app on the simulator (real QtWebEngine offscreen, real HTTP, real SQLite); each test changes the setting
the way any code does (`app.settings.set`), not through the settings dialog, which only calls the same thing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ccs_desktop.app import App
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.phone import try_parse
from ccs_desktop.ui.calls_model import NUMBER
from tests.test_app import Harness, app_on_simulator
from tests.test_calls_app import free_port

pytestmark = [pytest.mark.gui, pytest.mark.webengine]
WAIT = 20_000


def in_region(number: str, region: str) -> str:
    parsed = try_parse(number, region)
    return parsed.display(region) if parsed is not None else number


@pytest.fixture
def harness(qtbot, qapp) -> Iterator[Harness]:
    sim_options = {"call_seconds": 30, "ring_seconds": 0.3}
    with app_on_simulator(qtbot, qapp, sim_options=sim_options) as h:
        h.wait_ready()
        yield h


def test_a_new_region_shows_in_contacts_and_call_records_at_once(harness, qtbot):
    app, panel = harness.app, harness.app.window.contacts
    panel.save_requested.emit(Contact(None, "Ahmet Yılmaz", "", [ContactNumber("+905321234567")]))
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=WAIT)
    panel.select_row(0)
    qtbot.waitUntil(lambda: panel.card.isVisible() and len(panel.card.number_buttons) == 1, timeout=WAIT)
    assert "0532 123 45 67" in panel.row_text(0)  # at home, national
    model = app.window.calls.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.paging.fetching, timeout=WAIT)
    call = next(r for r in model.visible_rows() if in_region(r.number, "TR") != in_region(r.number, "DE"))

    def shown(role: Qt.ItemDataRole) -> object:
        """The call's number cell, found again each time: rows above it come and go (the call dialled below)."""
        return model.index(model.visible_row_of(call.callid), NUMBER).data(role)

    assert shown(Qt.ItemDataRole.DisplayRole) == in_region(call.number, "TR")
    app.dial("0532 123 45 61")
    qtbot.waitUntil(lambda: bool(app.tray.recent_menu.actions()), timeout=WAIT)
    assert app.tray.recent_menu.actions()[0].text() == "0532 123 45 61"

    app.settings.set("region", "DE")

    assert app.tray.recent_menu.actions()[0].text() == "+90 532 123 45 61"
    qtbot.waitUntil(lambda: "+90 532 123 45 67" in panel.row_text(0), timeout=WAIT)
    qtbot.waitUntil(lambda: panel.card.number_buttons[0].text().startswith("+90 532 123 45 67"), timeout=WAIT)
    assert shown(Qt.ItemDataRole.DisplayRole) == in_region(call.number, "DE")
    # a number typed without a country code is now read as German
    panel.save_requested.emit(Contact(None, "Hans Becker", "", [ContactNumber("030 1234567")]))
    panel.search_edit.setText("Hans")
    qtbot.waitUntil(lambda: panel.row_count() == 1 and "Hans" in panel.row_text(0), timeout=WAIT)
    panel.select_row(0)
    qtbot.waitUntil(lambda: panel.contact is not None and panel.contact.name == "Hans Becker", timeout=WAIT)
    assert [n.e164 for n in panel.contact.numbers] == ["+49301234567"]


def test_clipboard_lookup_switched_off_pops_nothing_at_once(harness, qtbot):
    app, popup = harness.app, harness.app.popup
    copied: list[str] = []
    app.clipboard.number_copied.connect(lambda number: copied.append(number.e164))
    app.settings.set("clipboard_lookup", False)
    QGuiApplication.clipboard().setText("0532 765 43 21")
    app.settings.set("clipboard_lookup", True)
    QGuiApplication.clipboard().setText("0532 765 43 22")
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    # the second copy's card is up: a lookup of the first, had it started, would have finished by now too
    qtbot.waitUntil(lambda: app.runner.pending == 0, timeout=WAIT)
    assert copied == ["+905327654322"]


def test_a_new_softphone_address_loads_when_idle_and_waits_for_a_call_to_end(harness, qtbot):
    app = harness.app
    app.settings.set("softphone_build", "beta")
    qtbot.waitUntil(lambda: "/beta/sso/" in app.view.softphone_url().toString(), timeout=WAIT)
    harness.messages.clear()
    harness.wait_ready()
    harness.start_call()
    loads = len(harness.loads)
    app.settings.set("softphone_build", "next")
    app.supervisor.run_due()  # a step due now would reload here; none may be due under a live call
    assert len(harness.loads) == loads and "/beta/sso/" in app.view.softphone_url().toString()
    assert app.tracker.is_active(), "the call goes on in the page it started in"
    harness.messages.clear()
    app.service.hangup()
    qtbot.waitUntil(lambda: "/next/sso/" in app.view.softphone_url().toString(), timeout=WAIT)
    harness.wait_ready()


def test_a_failing_consumer_is_reported_and_the_others_still_apply(harness, qtbot):
    app = harness.app
    shown: list[str] = []
    app.bus.message.connect(lambda _level, text: shown.append(text))

    def broken(_changed: frozenset[str]) -> None:
        raise RuntimeError("a consumer's bug")

    app.settings.on_change(broken, "region")
    app.settings.set("region", "DE")
    assert app.window.contacts.region == app.window.calls.model.region == "DE"
    assert app.faults.count == 1
    assert any("applying the region setting" in text for text in shown)


@pytest.fixture
def listening(qtbot, qapp) -> Iterator[Harness]:
    def listen(app: App) -> None:
        app.settings.set("notification_listener", True)
        app.settings.set("listener_port", free_port())

    with app_on_simulator(qtbot, qapp, before_start=listen) as h:
        qtbot.waitUntil(lambda: h.app.listener is not None and h.app.listener.running, timeout=WAIT)
        yield h


def test_the_listener_moves_when_its_port_changes(listening, qtbot):
    app = listening.app
    old_port, new_port = app.listener.port, free_port()
    app.settings.set("listener_port", new_port)
    qtbot.waitUntil(lambda: app.listener is not None and app.listener.running, timeout=WAIT)
    assert app.listener.port == new_port
    assert requests.get(app.listener.ivr_url, params={"call_activecallkey": "k"}, timeout=5).ok
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{old_port}/", timeout=2)
    app.settings.set("notification_listener", False)
    assert app.listener is None
