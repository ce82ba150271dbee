"""Open in CRM on every card: the copied-number and incoming-call cards, the contact card and a call row's menu
open the exact URL through the contacts controller's one door to the browser (`open_url`, injected here), and
none of them shows the button while no CRM template is set."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from ccs_desktop.core.calls.rows import CallRow
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.phone import try_parse
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.contacts import ContactsController
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.stores import Stores
from ccs_desktop.ui.calls_model import CallRecordsModel
from ccs_desktop.ui.calls_panel import CallsPanel, connect_calls_panel
from ccs_desktop.ui.contacts_panel import ContactsPanel, connect_contacts_panel
from ccs_desktop.ui.popup import NumberPopup, connect_popup

WAIT = 10_000
TEMPLATE = "https://crm.example/musteri?n={number}&e={e164}&l={national}&k={callkey}&a={agent}&q={queue}"
AGENT = "deniz.yilmaz@acme.com"


def url(callkey: str = "", queue: str = "") -> str:
    return (
        "https://crm.example/musteri?n=05337751519&e=%2B905337751519&l=0533%20775%2015%2019"
        f"&k={quote(callkey, safe='')}&a=deniz.yilmaz%40acme.com&q={quote(queue, safe='')}"
    )


@pytest.fixture
def crm(qapp, qtbot, runner, tmp_path) -> Iterator[tuple[ContactsController, NumberPopup, list[str]]]:
    bus = MessageBus()
    stores = Stores(demo=False, region=lambda: "TR")
    history = CallHistory(runner, CallRecordsModel(), stores.calls, stores.names_for, CallTracker(), bus)
    settings = Settings(tmp_path / "c.ini")
    settings.update({"email": AGENT, "crm_url_template": TEMPLATE})
    opened: list[str] = []
    controller = ContactsController(runner, bus, settings, stores, history, open_url=opened.append)
    popup = NumberPopup()
    qtbot.addWidget(popup)
    connect_popup(popup, controller)
    controller.copied_card.connect(popup.show_number)
    yield controller, popup, opened
    runner.shutdown(wait=True)
    stores.close()


def test_the_copied_number_card_opens_the_exact_crm_url(qtbot, crm):
    contacts, popup, opened = crm
    contacts.look_up_copied(try_parse("0533 775 15 19", "TR"))
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert popup.crm_button.isVisible()
    popup.crm_button.click()
    assert opened == [url()] and not popup.isVisible()


def test_the_incoming_call_card_opens_the_exact_crm_url(qtbot, crm):
    contacts, popup, opened = crm
    contacts.look_up_incoming("05337751519", "call/7 &x", "Satış & Destek")
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert opened == []  # crm_auto_open is off by default: only the button opens it
    popup.crm_button.click()
    assert opened == [url("call/7 &x", "Satış & Destek")]
    assert "q=Sat%C4%B1%C5%9F%20%26%20Destek" in opened[0]


def test_no_template_no_button_and_nothing_opens(qtbot, crm):
    contacts, popup, opened = crm
    contacts.settings.update({"crm_url_template": "", "crm_auto_open": "ring"})
    contacts.look_up_incoming("05337751519", "call-9", "Satış")
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert not popup.crm_button.isVisible() and opened == []
    popup.hide()
    contacts.look_up_copied(try_parse("0533 775 15 19", "TR"))
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert not popup.crm_button.isVisible()


def test_the_contact_card_and_a_call_rows_menu_open_the_record(qtbot, crm):
    contacts, _popup, opened = crm
    panel, calls = ContactsPanel(), CallsPanel()
    qtbot.addWidget(panel)
    qtbot.addWidget(calls)
    connect_contacts_panel(panel, contacts)
    connect_calls_panel(calls, contacts.history, contacts)
    saved = Contact(None, "Ayşe Demir", "", [ContactNumber("+905337751519", "mobile")])
    with qtbot.waitSignal(contacts.card, timeout=WAIT) as card:
        contacts.save(saved)
    with qtbot.waitSignal(contacts.results, timeout=WAIT):
        contacts.search("")
    with qtbot.waitSignal(contacts.card, timeout=WAIT):
        contacts.show_card(card.args[0].id)
    assert panel.contact is not None and not panel.crm_button.isHidden()
    panel.crm_button.click()
    assert opened == [url()]
    contacts.settings.set("crm_url_template", "")  # applies at once: the open card loses the button
    assert panel.crm_button.isHidden()
    contacts.settings.set("crm_url_template", TEMPLATE)
    assert not panel.crm_button.isHidden()

    row = CallRow(
        "call-3", "2026-12-01 10:00:00", True, "05337751519", "5337751519", True, 30, 2, "Destek", "", ""
    )
    menu = calls.row_menu(row)
    action = next(a for a in menu.actions() if a.text() == "Open in CRM")
    action.trigger()
    assert opened[-1] == url("call-3", "Destek")
    contacts.settings.set("crm_url_template", "")
    assert "Open in CRM" not in [a.text() for a in calls.row_menu(row).actions()]


def test_the_settings_dialog_sets_the_template_and_refuses_a_bad_one(qtbot, tmp_path):
    from ccs_desktop.ui.dialogs.settings import SettingsDialog

    settings = Settings(tmp_path / "c.ini")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.crm_template.setText("ftp://crm.example/{e164}")
    dialog._save()
    assert "http:// or https://" in dialog.error.text() and settings.get_str("crm_url_template") == ""
    dialog.crm_template.setText(TEMPLATE)
    dialog.crm_auto_open.setCurrentIndex(dialog.crm_auto_open.findData("answer"))
    dialog._save()
    assert settings.get_str("crm_url_template") == TEMPLATE and settings.get_str("crm_auto_open") == "answer"
