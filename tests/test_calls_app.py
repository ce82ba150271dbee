"""Calls followed end to end in the whole window: click2call → hangup POST → record; the IVR notification →
the caller's card. Real QtWebEngine (offscreen), real HTTP both ways: the app calls the simulator, the simulator
calls the app's listener."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
import requests

from ccs_desktop.app import App
from ccs_desktop.core.calls.timeline import DONE
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore
from ccs_desktop.core.paths import database_file
from tests.test_app import Harness, app_on_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]
WAIT = 20_000
CALLER = "05337751519"
OTHER_CALLER = "05321234567"  # a second call, to show that what came before it has been delivered


@pytest.fixture
def harness(qtbot, qapp) -> Iterator[Harness]:
    database_file().parent.mkdir(parents=True, exist_ok=True)
    with ContactStore(database_file()) as store:
        store.add(Contact(None, "Ayşe Demir", "Demir Lojistik", [ContactNumber(CALLER, "mobile")]))

    def listen(app: App) -> None:
        app.settings.set("notification_listener", True)
        app.settings.set("listener_port", free_port())

    sim_options = {"call_seconds": 1.0, "ring_seconds": 0.3}
    with app_on_simulator(qtbot, qapp, sim_options=sim_options, before_start=listen) as h:
        qtbot.waitUntil(lambda: h.app.listener is not None, timeout=WAIT)
        # what a CCS admin sets in the IVR's Web-URL step
        h.sim.sim.config.notify_url = h.app.listener.ivr_url
        yield h


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_click2call_is_followed_to_its_final_record_and_outcome(harness, qtbot):
    app = harness.app
    harness.wait_ready()
    finished: list[tuple[str, str]] = []
    app.bus.message.connect(lambda level, text: finished.append((level, text)))
    app.dial("0532 123 45 61")
    qtbot.waitUntil(lambda: bool(app.service.recent), timeout=WAIT)
    placed = app.service.recent[0].placed
    request = next(e for e in harness.sim.requests_log() if e["function"] == "click2call")
    assert request["params"]["hangup_url"] == app.listener.hangup_url  # CCS on this computer can reach it

    def timeline():
        return app.history.follower.timeline_of(placed.call_id, placed.transaction_id)

    qtbot.waitUntil(lambda: timeline() is not None and timeline().state == DONE, timeout=WAIT)
    line = timeline()
    kinds = [e.kind for e in line.events]
    assert kinds[:2] == ["click2call", "accepted"] and "hangup" in kinds and kinds[-1] == "record"
    assert line.outcome == "answered, 0:01"
    assert line.gaps == []  # every witness spoke
    assert not app.tracker.is_active()
    row = app.window.calls.model.find(line.callid)
    assert row is not None and not row.status and row.answered  # the provisional row became the record
    assert any("answered, 0:01" in text for _level, text in finished)  # the agent is told


def test_an_inbound_call_pops_the_right_contact(harness, qtbot):
    app = harness.app
    harness.wait_ready()
    harness.sim.control("incoming", {"callerid": CALLER})
    popup = app.popup
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert popup.title_label.text() == "Incoming call · queue Destek"  # the queue from the notification
    assert popup.who_label.text() == "Ayşe Demir (Demir Lojistik)"
    assert not popup.call_button.isVisible() and popup.open_button.isVisible()
    key = next(t.callid for t in app.history.follower._timelines.values() if t.direction == "in")
    qtbot.waitUntil(lambda: app.history.follower.timeline_of(key).state == DONE, timeout=WAIT)  # end GET → record
    assert [e.kind for e in app.history.follower.timeline_of(key).events][:1] == ["ring"]
    assert "end" in [e.kind for e in app.history.follower.timeline_of(key).events]


def test_an_unknown_caller_offers_add_contact(harness, qtbot):
    harness.wait_ready()
    harness.sim.control("incoming", {"callerid": "05441112233"})
    popup = harness.app.popup
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert popup.who_label.text() == "Unknown caller"
    assert popup.add_button.isVisible()


def test_a_notification_without_the_token_gets_403_and_changes_nothing(harness, qtbot):
    app = harness.app
    harness.wait_ready()
    pops: list[str] = []
    app.history.incoming.connect(lambda number, _key: pops.append(number))
    port = app.listener.port
    query = {"call_callerid": CALLER, "call_activecallkey": "k-forged", "call_agent_email": harness.sim.email}
    for path in ("/call", "/wrong-token-0123456789abcdef/call", f"/{'x' * 32}/call"):
        answer = requests.get(f"http://127.0.0.1:{port}{path}", params=query, timeout=5)
        assert answer.status_code == 403
    assert app.listener.counters.delivered == 0 and app.listener.counters.refused == 3
    # deliveries reach the window in order: once a real one after them has popped, the forged ones never will
    real = {**query, "call_callerid": OTHER_CALLER, "call_activecallkey": "k-real"}
    assert requests.get(app.listener.ivr_url, params=real, timeout=5).status_code == 200
    qtbot.waitUntil(lambda: bool(pops), timeout=WAIT)
    assert pops == [OTHER_CALLER]
    assert app.history.follower.timeline_of("k-forged") is None


def test_a_repeated_notification_pops_once(harness, qtbot):
    app = harness.app
    harness.wait_ready()
    pops: list[str] = []
    app.history.incoming.connect(lambda number, _key: pops.append(number))
    query = {"call_callerid": CALLER, "call_activecallkey": "k-repeat", "call_agent_email": harness.sim.email}
    for _ in range(3):  # CCS retries, an admin presses "Test" twice
        assert requests.get(app.listener.ivr_url, params=query, timeout=5).status_code == 200
    qtbot.waitUntil(app.popup.isVisible, timeout=WAIT)
    # deliveries reach the window in order: once a later call has popped, no repeat of the first is on its way
    later = {**query, "call_callerid": OTHER_CALLER, "call_activecallkey": "k-later"}
    assert requests.get(app.listener.ivr_url, params=later, timeout=5).status_code == 200
    qtbot.waitUntil(lambda: len(pops) >= 2, timeout=WAIT)
    assert pops == [CALLER, OTHER_CALLER]
    assert app.listener.counters.duplicates == 2
    assert [e.kind for e in app.history.follower.timeline_of("k-repeat").events] == ["ring"]


def test_the_contact_card_shows_the_full_history_with_notes(harness, qtbot):
    app = harness.app
    harness.wait_ready()
    harness.sim.control("incoming", {"callerid": CALLER})  # one call with Ayşe on her mobile…
    qtbot.waitUntil(lambda: any(t.state == DONE for t in app.history.follower._timelines.values()), timeout=WAIT)
    callid = next(t.callid for t in app.history.follower._timelines.values() if t.state == DONE)
    app.history.save_note(callid, "Kargo gecikmesi\nyarın aranacak", "Call back")
    qtbot.waitUntil(lambda: app.history.model.note_of(callid) is not None, timeout=WAIT)
    contacts = app.window.contacts
    contacts.search_edit.setText("ayşe")
    qtbot.waitUntil(lambda: contacts.row_count() == 1, timeout=WAIT)
    contacts.select_row(0)
    qtbot.waitUntil(
        lambda: len(contacts.call_lines()) >= 1 and "incoming" in contacts.call_lines()[0], timeout=WAIT
    )
    first = contacts.call_lines()[0]
    assert "answered" in first and "Call back" in first and "Kargo gecikmesi yarın aranacak" in first


def test_diagnostics_and_settings_show_the_listener_without_its_secret(harness, qtbot):
    from PySide6.QtGui import QGuiApplication

    from ccs_desktop.ui.dialogs.diagnostics import DiagnosticsDialog
    from ccs_desktop.ui.dialogs.settings import SettingsDialog

    app = harness.app
    harness.wait_ready()
    secret = app.listener.ivr_url.split("/")[3]
    app.open_diagnostics()
    dialog = app.window.findChild(DiagnosticsDialog)
    qtbot.waitUntil(lambda: "Call notifications: listening" in dialog.result_text(), timeout=WAIT)
    assert secret not in dialog.result_text()
    dialog.close()

    app.open_settings()
    settings = app.window.findChild(SettingsDialog)
    fields = settings.listener_fields
    assert secret not in fields.url_label.text() and fields.url_label.text().endswith("/call")
    fields.copy.click()
    assert QGuiApplication.clipboard().text() == app.listener.ivr_url
    old_port = app.listener.port
    new_port = free_port()
    fields.port.setValue(new_port)
    settings._save()
    qtbot.waitUntil(lambda: app.listener is not None and app.listener.port == new_port, timeout=WAIT)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{old_port}/", timeout=2)
    assert old_port != new_port


def test_a_call_answered_in_the_softphone_appears_after_it_ends(harness, qtbot):
    """No notification configured: the page's own events say the call ended, and a refresh brings its record."""
    app = harness.app
    harness.wait_ready()
    harness.sim.sim.config.notify_url = ""
    app.history._after_call.setInterval(300)
    model = app.window.calls.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.paging.fetching, timeout=WAIT)
    before = model.total()
    callid = harness.sim.control("incoming", {"callerid": "05441112233"})["callid"]
    qtbot.waitUntil(lambda: model.find(callid) is not None, timeout=WAIT)
    assert model.total() == before + 1 and not model.find(callid).status
    assert model.name_of(model.find(callid).party) == ""


def test_a_taken_port_is_retried_and_diagnostics_says_so(qtbot, qapp):
    """Another program (or the last run) holds the port: the app keeps trying, and Diagnostics says why."""
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]

    def listen(app: App) -> None:
        app.settings.set("notification_listener", True)
        app.settings.set("listener_port", port)

    try:
        with app_on_simulator(qtbot, qapp, before_start=listen) as h:
            app = h.app
            qtbot.waitUntil(lambda: app.listener is not None, timeout=WAIT)
            assert not app.listener.running
            _name, text, ok = app.diagnostics.listener_check()
            assert f"127.0.0.1:{port}: the port is already in use; trying again in" in text
            assert ok is False
            assert app.session.hangup_url() is None  # CCS is not given an address nobody answers
            taken.close()
            qtbot.waitUntil(lambda: app.listener.running, timeout=WAIT)  # the first retry is 2 s later
            assert app.diagnostics.listener_check()[1].startswith("listening on")
            assert requests.get(app.listener.ivr_url, params={"call_activecallkey": "k"}, timeout=5).ok
    finally:
        taken.close()


CRM = "https://crm.example/musteri?n={number}&e={e164}&k={callkey}&q={queue}"


def crm_url(key: str) -> str:
    return f"https://crm.example/musteri?n=05337751519&e=%2B905337751519&k={quote(key, safe='')}&q=Sat%C4%B1%C5%9F"


def test_the_crm_record_opens_by_itself_once_when_an_inbound_call_rings(harness, qtbot):
    app = harness.app
    opened: list[str] = []
    app.contacts.open_url = opened.append  # the one door to the browser
    app.settings.update({"crm_url_template": CRM, "crm_auto_open": "ring"})
    harness.wait_ready()
    key = harness.sim.control("incoming", {"callerid": CALLER, "queue": "Satış"})["callid"]
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    assert opened == [crm_url(key)]
    popup = app.popup
    assert popup.isVisible() and popup.crm_button.isVisible()
    popup.crm_button.click()  # the card's button opens it again, as asked
    assert opened == [crm_url(key)] * 2 and not popup.isVisible()
    app.contacts.look_up_incoming(CALLER, key, "Satış")  # the same call rings again: its card, not its record
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert len(opened) == 2


def test_the_crm_record_opens_by_itself_once_when_an_inbound_call_is_answered(harness, qtbot):
    app = harness.app
    opened: list[str] = []
    app.contacts.open_url = opened.append
    # no {queue}: only the ring notification tells it, and it may come after the softphone's "talking"
    app.settings.update({"crm_url_template": CRM.removesuffix("&q={queue}"), "crm_auto_open": "answer"})
    harness.wait_ready()
    key = harness.sim.control("incoming", {"callerid": CALLER, "queue": "Satış"})["callid"]
    expected = crm_url(key).removesuffix("&q=Sat%C4%B1%C5%9F")
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)  # the softphone says "talking"
    assert opened == [expected]
    qtbot.waitUntil(lambda: app.history.follower.timeline_of(key).state == DONE, timeout=WAIT)
    assert opened == [expected]  # once, however often the call's state changed
