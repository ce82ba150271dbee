"""The contacts controller without the window: real SQLite in the test's data dir, the real task runner, and
what it tells the panels and the popup as signals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.phone import try_parse
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.contacts import ContactsController
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.stores import Stores
from ccs_desktop.ui.calls_model import CallRecordsModel

WAIT = 10_000


@pytest.fixture
def contacts(qapp, runner, tmp_path) -> Iterator[ContactsController]:
    bus = MessageBus()
    stores = Stores(demo=False, region=lambda: "TR")
    history = CallHistory(runner, CallRecordsModel(), stores.calls, stores.names_for, CallTracker(), bus)
    controller = ContactsController(runner, bus, Settings(tmp_path / "c.ini"), stores, history)
    controller.shown = []  # type: ignore[attr-defined]
    bus.message.connect(lambda level, text: controller.shown.append((level, text)))  # type: ignore[attr-defined]
    yield controller
    runner.shutdown(wait=True)
    stores.close()


def ayse() -> Contact:
    return Contact(None, "Ayşe Demir", "Demir Lojistik", [ContactNumber("+905337751519", "mobile")])


def test_a_saved_contact_is_listed_shown_and_found(qtbot, contacts):
    changed: list[bool] = []
    contacts.changed.connect(lambda: changed.append(True))
    with qtbot.waitSignal(contacts.card, timeout=WAIT) as shown:
        contacts.save(ayse())
    card = shown.args
    assert changed == [True]  # the list reads itself again
    assert card[0].name == "Ayşe Demir" and card[0].id is not None and card[1] == []  # no calls yet
    assert ("info", "Saved Ayşe Demir.") in contacts.shown
    with qtbot.waitSignal(contacts.results, timeout=WAIT) as found:
        contacts.search("demir")
    listed, total = found.args
    assert [c.name for c in listed] == ["Ayşe Demir"] and total == 1

    with qtbot.waitSignal(contacts.changed, timeout=WAIT):
        contacts.delete(card[0].id)
    with qtbot.waitSignal(contacts.results, timeout=WAIT) as found:
        contacts.search("")
    assert found.args == [[], 0]


def test_a_copied_and_a_ringing_number_get_the_contacts_name(qtbot, contacts):
    with qtbot.waitSignal(contacts.card, timeout=WAIT):
        contacts.save(ayse())
    number = try_parse("0533 775 15 19", "TR")
    with qtbot.waitSignal(contacts.copied_card, timeout=WAIT) as copied:
        contacts.look_up_copied(number)
    assert copied.args == [number, "TR", "Ayşe Demir (Demir Lojistik)", None]
    selected: list[str] = []
    contacts.incoming_selected.connect(selected.append)
    with qtbot.waitSignal(contacts.incoming_card, timeout=WAIT) as rang:
        contacts.look_up_incoming("05337751519", "call-7", "Destek")
    parsed, raw, region, who, last, queue = rang.args
    assert queue == "Destek"
    assert parsed.e164 == "+905337751519" and (raw, region, last) == ("05337751519", "TR", None)
    assert who == "Ayşe Demir (Demir Lojistik)"
    assert selected == ["call-7"]  # the calls panel selects the ringing call
    with qtbot.waitSignal(contacts.incoming_card, timeout=WAIT) as unknown:
        contacts.look_up_incoming("05320000000", "call-8")
    assert unknown.args[3] is None  # "unknown caller", with Add contact


def test_an_import_with_bad_rows_reports_them_by_line(qtbot, contacts, tmp_path):
    source = tmp_path / "kisiler.csv"
    source.write_text("Ad;Telefon\nAyşe Demir;0533 775 15 19\nBozuk;12\n", encoding="utf-8-sig")
    with qtbot.waitSignal(contacts.import_report, timeout=WAIT) as report:
        contacts.import_contacts(source)
    title, summary, details = report.args
    assert title == "Some numbers need a look"
    assert summary.startswith("kisiler.csv: 2 added")
    assert "line 3" in details and "'12'" in details
    assert ("info", summary) in contacts.shown


def test_an_export_that_cannot_write_says_why(qtbot, contacts, tmp_path):
    with qtbot.waitSignal(contacts.card, timeout=WAIT):
        contacts.save(ayse())
    contacts.shown.clear()
    contacts.export_contacts(tmp_path / "no-such-folder" / "out.csv")
    qtbot.waitUntil(lambda: bool(contacts.shown), timeout=WAIT)
    level, text = contacts.shown[0]
    assert level == "error" and "out.csv" in text and "Traceback" not in text


def test_the_list_is_read_again_after_the_calls_change(qtbot, contacts):
    """The rows show each contact's last call: when the records change (the first time, when the agent's account
    becomes known after the list was first read), the list asks again, once for a burst of changes."""
    changed: list[bool] = []
    contacts.changed.connect(lambda: changed.append(True))
    for _ in range(5):
        contacts.history.records_changed.emit()
    with qtbot.waitSignal(contacts.changed, timeout=WAIT):
        pass
    assert changed == [True]
