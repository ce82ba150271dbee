"""The Contacts tab as an agent uses it: the painted list, Enter and the row menu, the side card, delete with Undo,
the empty state and the caller card's Open. Real SQLite (the test's data dir), the real task runner and real
widgets offscreen; the call cache is filled with records shaped as CCS's reportsCDRLogs returns them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLabel, QLineEdit, QWidget

from ccs_desktop.core.api.records import CallRecord
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.contacts import ContactsController
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.stores import Stores
from ccs_desktop.ui.calls_model import CallRecordsModel
from ccs_desktop.ui.contacts_model import ContactsModel, avatar_colours
from ccs_desktop.ui.contacts_panel import UNDO_SECONDS, ContactsPanel, connect_contacts_panel
from ccs_desktop.ui.theme import AA_TEXT, contrast

WAIT = 10_000


class Clock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Tab:
    def __init__(self, panel: ContactsPanel, controller: ContactsController, clock: Clock) -> None:
        self.panel, self.controller, self.clock = panel, controller, clock
        self.dialled: list[str] = []
        panel.dial_requested.connect(self.dialled.append)

    def save(self, qtbot, contact: Contact) -> Contact:
        with qtbot.waitSignal(self.controller.card, timeout=WAIT) as shown:
            self.controller.save(contact)
        return shown.args[0]

    def listed(self, qtbot, rows: int) -> None:
        self.panel.refresh()
        qtbot.waitUntil(lambda: self.panel.row_count() == rows, timeout=WAIT)


@pytest.fixture
def tab(qapp, qtbot, runner, tmp_path) -> Iterator[Tab]:
    bus = MessageBus()
    stores = Stores(demo=False, region=lambda: "TR")
    history = CallHistory(runner, CallRecordsModel(), stores.calls, stores.names_for, CallTracker(), bus)
    settings = Settings(tmp_path / "c.ini")
    settings.update({"crm_url_template": "https://crm.example/?n={e164}"})
    controller = ContactsController(runner, bus, settings, stores, history, open_url=lambda _url: None)
    clock = Clock()
    panel = ContactsPanel(clock=clock)
    panel.resize(900, 600)
    qtbot.addWidget(panel)
    connect_contacts_panel(panel, controller)
    yield Tab(panel, controller, clock)
    runner.shutdown(wait=True)
    stores.close()


def ayse() -> Contact:
    return Contact(
        None,
        "Ayşe Demir",
        "Demir Lojistik",
        [ContactNumber("+905337751519", "mobile"), ContactNumber("+902125551234", "work")],
        email="ayse@demir.example",
        notes="Prefers mornings",
    )


def cdr(callid: str, calldate: str, number: str, answered: bool) -> CallRecord:
    """A record as reportsCDRLogs returns it for an incoming call."""
    return CallRecord.from_api(
        {
            "callid": callid,
            "calldate": calldate,
            "inbound": True,
            "callerid": number,
            "answered": answered,
            "duration": 95 if answered else 0,
            "queue": "Destek",
        }
    )


def test_rows_show_avatar_data_number_in_the_regions_format_and_the_last_call(qtbot, tab):
    tab.save(qtbot, ayse())
    tab.save(qtbot, Contact(None, "Zeki Ak", numbers=[ContactNumber("+905321234567")], favourite=True))
    tab.controller.stores.calls().store("", [cdr("c1", "2026-12-01 09:15:00", "05337751519", False)])
    tab.listed(qtbot, 2)
    qtbot.waitUntil(lambda: "missed" in tab.panel.row_text(1), timeout=WAIT)
    assert tab.panel.row_text(0) == "★ Zeki Ak, 0532 123 45 67"  # favourites first, national format at home
    assert tab.panel.row_text(1) == "Ayşe Demir, Demir Lojistik, 0533 775 15 19, missed · 2026-12-01 09:15"
    tab.panel.show()
    tab.panel.list.viewport().grab()  # the delegate paints every visible row without complaint


def test_enter_and_double_click_call_the_first_number_and_the_menu_has_the_others(qtbot, tab):
    tab.save(qtbot, ayse())
    tab.listed(qtbot, 1)
    tab.panel.show()
    tab.panel.activateWindow()
    tab.panel.search_edit.setFocus()
    qtbot.waitUntil(tab.panel.search_edit.hasFocus, timeout=WAIT)
    QTest.keyClick(tab.panel.search_edit, Qt.Key.Key_Down)  # from the search field to the first row
    assert tab.panel.list.hasFocus() and tab.panel.list.currentIndex().row() == 0
    QTest.keyClick(tab.panel.list, Qt.Key.Key_Return)
    assert tab.dialled == ["+905337751519"]
    centre = tab.panel.list.visualRect(tab.panel.model.index(0)).center()
    QTest.mouseClick(tab.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert len(tab.dialled) == 1  # a click selects, never dials
    QTest.mouseDClick(tab.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert tab.dialled == ["+905337751519"] * 2
    menu = tab.panel.row_menu(tab.panel.model.contact(0))
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == [
        "Call 0533 775 15 19 mobile",
        "Call (0212) 555 12 34 work",
        "Edit…",
        "Favourite",
        "Delete",
        "Open in CRM",
    ]
    next(a for a in menu.actions() if a.text().startswith("Call (0212)")).trigger()
    assert tab.dialled[-1] == "+902125551234"


def test_the_side_card_calls_each_number_and_lists_the_last_three_calls_with_notes(qtbot, tab):
    saved = tab.save(qtbot, ayse())
    cache = tab.controller.stores.calls()
    cache.store(
        "",
        [
            cdr(f"c{i}", f"2026-12-0{i} 10:00:00", "05337751519" if i % 2 else "02125551234", i != 2)
            for i in range(1, 6)
        ],
    )
    cache.save_note("", "c5", "5337751519", "Kargo gecikmesi\nyarın ara", "Call back", "2026-12-05 10:05:00")
    tab.listed(qtbot, 1)
    with qtbot.waitSignal(tab.controller.card, timeout=WAIT):
        tab.panel.select_row(0)
    card = tab.panel.card
    assert tab.panel.contact is not None and tab.panel.contact.id == saved.id and card.isVisibleTo(tab.panel)
    assert [b.text() for b in card.number_buttons] == [
        "0533 775 15 19  ·  mobile",
        "(0212) 555 12 34  ·  work",
    ]
    card.number_buttons[1].click()
    assert tab.dialled == ["+902125551234"]
    assert "ayse@demir.example" in card.email_label.text()
    lines = tab.panel.call_lines()
    assert len(lines) == 3 and lines[0].startswith("2026-12-05 10:00")  # newest first, the last three only
    assert "Call back" in lines[0] and "Kargo gecikmesi yarın ara" in lines[0]
    assert not tab.panel.crm_button.isHidden()
    # Esc closes the card and leaves the list with the keyboard
    tab.panel.show()
    tab.panel.list.setFocus()
    QTest.keyClick(tab.panel.list, Qt.Key.Key_Escape)
    assert tab.panel.contact is None and not card.isVisibleTo(tab.panel)


def test_delete_is_at_once_and_undo_restores_numbers_notes_and_favourite(qtbot, tab):
    saved = tab.save(qtbot, Contact(**{**ayse().__dict__, "favourite": True}))
    tab.save(qtbot, Contact(None, "Zeki Ak", numbers=[ContactNumber("+905321234567")]))  # a higher id
    tab.listed(qtbot, 2)
    tab.panel.select_row(0)
    qtbot.waitUntil(lambda: tab.panel.contact is not None and tab.panel.contact.id == saved.id, timeout=WAIT)
    tab.panel.show()
    tab.panel.activateWindow()
    tab.panel.delete_button.setFocus()
    qtbot.waitUntil(tab.panel.delete_button.hasFocus, timeout=WAIT)
    with qtbot.waitSignal(tab.controller.deleted, timeout=WAIT):
        tab.panel.delete_button.click()
    qtbot.waitUntil(lambda: tab.panel.row_count() == 1, timeout=WAIT)
    bar = tab.panel.undo_bar
    assert bar.isVisibleTo(tab.panel) and "Ayşe Demir" in bar.label.text()
    tab.clock.now += UNDO_SECONDS - 1
    bar.tick()
    assert bar.isVisibleTo(tab.panel)  # still on offer
    assert tab.panel.list.hasFocus()  # the card's Delete had it: the keyboard stays in the tab
    with qtbot.waitSignal(tab.controller.card, timeout=WAIT) as shown:
        QTest.keyClick(tab.panel.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = shown.args[0]
    assert (back.id, back.numbers, back.notes, back.favourite) == (saved.id, saved.numbers, saved.notes, True)
    qtbot.waitUntil(lambda: tab.panel.row_count() == 2, timeout=WAIT)
    assert not bar.isVisibleTo(tab.panel)
    # a second delete, left alone: the offer ends when the clock passes UNDO_SECONDS
    with qtbot.waitSignal(tab.controller.deleted, timeout=WAIT):
        tab.panel.delete_contact(back)
    tab.clock.now += UNDO_SECONDS
    bar.timer.timeout.emit()
    assert not bar.isVisibleTo(tab.panel)
    bar.undo()  # too late: nothing comes back
    tab.listed(qtbot, 1)
    assert tab.panel.model.contact(0).name == "Zeki Ak"


def test_no_contacts_offers_import_and_add_and_no_command_line(qtbot, tab):
    tab.listed(qtbot, 0)
    qtbot.waitUntil(lambda: tab.panel.pages.currentWidget() is tab.panel.empty, timeout=WAIT)
    texts = " ".join(label.text() for label in tab.panel.findChildren(QLabel) if label.isVisibleTo(tab.panel))
    assert "ccs-desktop" not in texts and "`" not in texts
    assert tab.panel.import_button.isVisibleTo(tab.panel) and tab.panel.empty_add_button.isVisibleTo(
        tab.panel
    )
    with qtbot.waitSignal(tab.panel.import_requested, timeout=WAIT):
        tab.panel.import_button.click()
    tab.panel.empty_add_button.click()
    assert tab.panel.dialog.windowTitle() == "Add contact"
    tab.panel.dialog.reject()
    tab.save(qtbot, ayse())
    tab.listed(qtbot, 1)
    assert tab.panel.pages.currentWidget() is not tab.panel.empty


def test_open_selects_the_contact_and_clears_the_filter(qtbot, tab):
    """A caller card's Open: the contact selected with its card (even past the first page of a big list), the
    search field empty, so a contact saved afterwards is listed too."""
    tab.save(qtbot, ayse())
    tab.save(qtbot, Contact(None, "Emre Koç", numbers=[ContactNumber("+905369199520")]))
    tab.panel.search_for("emre")
    qtbot.waitUntil(lambda: tab.panel.row_count() == 1, timeout=WAIT)
    with qtbot.waitSignal(tab.controller.card, timeout=WAIT):
        tab.panel.open_number("+905337751519")
    assert tab.panel.search_edit.text() == ""
    assert tab.panel.contact is not None and tab.panel.contact.name == "Ayşe Demir"
    current = tab.panel.list.currentIndex()
    assert tab.panel.model.contact(current.row()).name == "Ayşe Demir"
    assert tab.panel.list.selectionModel().isSelected(current)
    tab.save(qtbot, Contact(None, "Gül Kurt", numbers=[ContactNumber("+905417654321")]))
    qtbot.waitUntil(lambda: tab.panel.row_count() == 3, timeout=WAIT)


def test_open_finds_a_contact_beyond_the_first_page(qtbot, tab):
    with tab.controller.stores.contacts().transaction() as store:
        for i in range(210):
            store.add(Contact(None, f"Aa {i:03d}", numbers=[ContactNumber(f"+9021255{i:05d}")]))
    far = tab.save(qtbot, Contact(None, "Zübeyde Zor", numbers=[ContactNumber("+905417654321")]))
    with qtbot.waitSignal(tab.controller.card, timeout=WAIT):
        tab.panel.open_number("+905417654321")
    assert tab.panel.model.row_of(far.id) == tab.panel.row_count() - 1  # in its place: after every "Aa"
    assert tab.panel.contact.id == far.id


def test_a_hundred_thousand_rows_format_only_what_is_drawn(qtbot):
    """No widget per row, and numbers are formatted as rows are drawn: a big list costs its visible rows."""
    model = ContactsModel("TR")
    contacts = [Contact(i, f"Kişi {i}", numbers=[ContactNumber(f"+90212{i:07d}")]) for i in range(100_000)]
    model.set_contacts(contacts)
    assert model._shown == {}  # nothing formatted before it is drawn
    panel = ContactsPanel()
    qtbot.addWidget(panel)
    panel.list.setModel(model)
    panel.resize(800, 600)
    panel.show()
    panel.list.viewport().grab()
    assert model.rowCount() == 100_000 and 0 < len(model._shown) < 100
    assert len(panel.list.findChildren(QWidget)) < 20
    assert model.row_of(99_999) == 99_999


def dark_palette() -> QPalette:
    palette = QPalette(QColor("#3c3c3c"), QColor("#202124"))  # button, window
    palette.setColor(QPalette.ColorRole.Base, QColor("#171717"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    return palette


@pytest.mark.parametrize("palette", [QPalette, dark_palette], ids=["light", "dark"])
def test_avatars_are_readable_in_light_and_dark(qapp, palette):
    chosen = QApplication.style().standardPalette() if palette is QPalette else palette()
    names = [
        "Ayşe Demir",
        "Emre Koç",
        "Gül Kurt",
        "Zeki Ak",
        "Ali Can",
        "Deniz Yılmaz",
        "Acme",
        "Ö",
        "x" * 40,
    ]
    colours = {avatar_colours(name, chosen)[0].name() for name in names}
    assert len(colours) > 3  # a hue per name, not one fixed colour
    for name in names:
        background, text = avatar_colours(name, chosen)
        assert contrast(background.name(), text.name()) >= AA_TEXT, name


def spoken(widget: QWidget) -> str:
    """The name a screen reader says for a control (its accessible name, else its text or its label's)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def test_every_control_of_the_tab_has_an_accessible_name(qtbot, tab):
    tab.save(qtbot, ayse())
    tab.listed(qtbot, 1)
    with qtbot.waitSignal(tab.controller.card, timeout=WAIT):
        tab.panel.select_row(0)
    tab.panel.undo_bar.offer(ayse())
    tab.panel.edit_contact(tab.panel.contact)
    controls = [
        w
        for root in (tab.panel, tab.panel.dialog)
        for w in root.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit | QAbstractItemView)
        and not w.objectName().startswith("qt_")
        and w.parent() is not None
        and not isinstance(w.parent(), QLineEdit)  # a line edit's own clear button
    ]
    unnamed = [(type(w).__name__, getattr(w, "text", lambda: "")()) for w in controls if not spoken(w)]
    assert len(controls) > 15 and unnamed == []
    assert spoken(tab.panel.card.close_button) == "Close card"  # a symbol is not a name
    assert spoken(tab.panel.card.number_buttons[0]) == "Call 0533 775 15 19 mobile"
    tab.panel.dialog.reject()


def test_the_row_menu_is_where_the_mouse_is(qtbot, tab):
    tab.save(qtbot, ayse())
    tab.listed(qtbot, 1)
    tab.panel.show()
    centre = tab.panel.list.visualRect(tab.panel.model.index(0)).center()
    tab.panel._context_menu(centre)
    assert tab.panel.menu.isVisible()
    tab.panel.menu.close()
    tab.panel._context_menu(QPoint(5, 590))  # below the rows: no menu
    assert not tab.panel.menu.isVisible()


def test_the_caller_card_lists_the_last_three_calls_with_notes(qtbot, tab):
    from ccs_desktop.core.phone import try_parse
    from ccs_desktop.ui.popup import NumberPopup

    tab.save(qtbot, ayse())
    cache = tab.controller.stores.calls()
    cache.store("", [cdr(f"c{i}", f"2026-12-0{i} 10:00:00", "05337751519", i != 3) for i in range(1, 5)])
    cache.save_note("", "c4", "5337751519", "Fatura sorusu", "Resolved", "2026-12-04 10:05:00")
    popup = NumberPopup()
    qtbot.addWidget(popup)
    tab.controller.copied_card.connect(popup.show_number)
    tab.controller.look_up_copied(try_parse("0533 775 15 19", "TR"))
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    lines = popup.last_label.text().splitlines()
    assert len(lines) == 3 and lines[0].startswith("Last call 2026-12-04 10:00")
    assert (
        "Resolved — Fatura sorusu" in lines[0] and "missed" in lines[1] and lines[2].startswith("2026-12-02")
    )
    popup.hide()
    tab.controller.incoming_card.connect(popup.show_incoming)
    tab.controller.look_up_incoming("05337751519", "call-9", "Destek")
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert popup.title_label.text() == "Incoming call · queue Destek"
    assert len(popup.last_label.text().splitlines()) == 3
