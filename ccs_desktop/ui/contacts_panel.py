"""Contacts: search as you type, a card with numbers and the last calls, add/edit/delete; double-click calls.

The panel holds no database: it asks through signals (`search_requested`, `save_requested`, ...) and the app
answers from a worker with `show_results` / `show_card`. A search waits for a short pause in typing, so a fast
typist causes one query, not ten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ccs_desktop.core.contacts.model import Contact

if TYPE_CHECKING:
    from ccs_desktop.services.contacts import ContactsController

SEARCH_DELAY_MS = 60


class ContactsPanel(QWidget):
    dial_requested = Signal(str)
    search_requested = Signal(str)
    card_requested = Signal(int)
    save_requested = Signal(object)  # Contact
    delete_requested = Signal(int)
    favourite_requested = Signal(int, bool)
    crm_requested = Signal(str)  # a CRM URL

    def __init__(self, region: str = "TR", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.region = region
        self.search_edit = QLineEdit(placeholderText=self.tr("Search name, company or number"))
        self.search_edit.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("Add…"))
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.add_button)
        self.status = QLabel()
        self.list = QListWidget()
        self.list.currentItemChanged.connect(self._selected)
        self.list.itemDoubleClicked.connect(self._list_activated)

        self.card = QWidget()
        self.name_label = QLabel()
        self.name_label.setStyleSheet("font-size: 13pt; font-weight: 600")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.numbers = QListWidget()
        self.numbers.setToolTip(self.tr("Double-click a number to call it"))
        self.numbers.itemDoubleClicked.connect(self._number_activated)
        self.calls = QListWidget()
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.favourite_button = QPushButton("☆ " + self.tr("Favourite"))
        self.favourite_button.setCheckable(True)
        self.crm_button = QPushButton(self.tr("Open in CRM"))
        # a number's CRM URL, "" for none (the contacts controller's, see connect_contacts_panel)
        self.crm_link: Callable[[str], str] = lambda _number: ""
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.delete_button, self.favourite_button, self.crm_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addWidget(self.name_label)
        card_layout.addWidget(self.details_label)
        card_layout.addWidget(QLabel(self.tr("Numbers")))
        card_layout.addWidget(self.numbers, 1)
        card_layout.addWidget(QLabel(self.tr("Last calls")))
        card_layout.addWidget(self.calls, 1)
        card_layout.addLayout(buttons)
        self.card.hide()

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.card)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.search_requested.emit(self.search_edit.text().strip()))
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.add_button.clicked.connect(lambda: self.edit_contact(None))
        self.edit_button.clicked.connect(lambda: self.edit_contact(self.contact))
        self.delete_button.clicked.connect(self._delete)
        self.favourite_button.toggled.connect(self._favourite)
        self.crm_button.clicked.connect(lambda: self.crm_requested.emit(self.crm_url()))
        self.contact: Contact | None = None
        self.results: list[Contact] = []

    # --- shown state -----------------------------------------------------------------------------------------

    def row_count(self) -> int:
        return self.list.count()

    def set_region(self, region: str) -> None:
        """Numbers are shown, and read in the contact dialog, for `region` from now on: the list and the open
        card are asked for again and drawn in it."""
        self.region = region
        self.refresh()
        if self.contact is not None and self.contact.id is not None:
            self.card_requested.emit(self.contact.id)

    def refresh(self) -> None:
        self.search_requested.emit(self.search_edit.text().strip())

    def search_for(self, text: str) -> None:
        """Show the contacts that match `text` (the search field says what was searched)."""
        self.search_edit.setText(text)

    def show_results(self, contacts: list[Contact], total: int) -> None:
        from ccs_desktop.core.phone import try_parse  # noqa: PLC0415 - phonenumbers stays off start-up

        current = self.contact.id if self.contact else None
        self.results = contacts
        self.list.clear()
        for contact in contacts:
            first = try_parse(contact.numbers[0].e164, self.region) if contact.numbers else None
            text = ("★ " if contact.favourite else "") + contact.display_name
            if first is not None:
                text += f"    {first.display(self.region)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            self.list.addItem(item)
            if contact.id == current:
                self.list.setCurrentItem(item)
        if current is not None and current not in {c.id for c in contacts}:
            self.clear_card()  # deleted, or no longer among what the agent is looking at
        query = self.search_edit.text().strip()
        if not total:
            self.status.setText(
                self.tr("No contacts yet: add one, or import a CSV/vCard (`ccs-desktop contacts import`).")
            )
        elif query:
            self.status.setText(self.tr("%n found for “{query}”", "", len(contacts)).format(query=query))
        else:
            self.status.setText(self.tr("%Ln contact(s)", "", total))

    def show_card(self, contact: Contact, last_calls: list[str]) -> None:
        if contact.id not in {c.id for c in self.results}:
            return  # an answer that arrived after the list moved on
        from ccs_desktop.core.phone import try_parse  # noqa: PLC0415

        self.contact = contact
        self.name_label.setText(("★ " if contact.favourite else "") + contact.name)
        details = [d for d in (contact.company, contact.email, contact.notes) if d]
        self.details_label.setText("\n".join(details))
        self.numbers.clear()
        for number in contact.numbers:
            parsed = try_parse(number.e164, self.region)
            shown = parsed.display(self.region) if parsed else number.e164
            item = QListWidgetItem(f"{shown}    {number.label}".rstrip())
            item.setData(Qt.ItemDataRole.UserRole, number.e164)
            self.numbers.addItem(item)
        self.calls.clear()
        self.calls.addItems(last_calls or [self.tr("No saved calls with this contact")])
        self.favourite_button.blockSignals(True)
        self.favourite_button.setChecked(contact.favourite)
        self.favourite_button.setText(("★ " if contact.favourite else "☆ ") + self.tr("Favourite"))
        self.favourite_button.blockSignals(False)
        self.show_crm()
        self.card.show()

    def crm_url(self) -> str:
        """The CRM record of the chosen number (the first when none is chosen), "" when there is none."""
        item = self.numbers.currentItem() or self.numbers.item(0)
        return self.crm_link(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def show_crm(self) -> None:
        """Open in CRM only when a CRM template is set (again when the setting changes)."""
        self.crm_button.setVisible(bool(self.crm_url()))

    def clear_card(self) -> None:
        self.contact = None
        self.card.hide()

    # --- actions ---------------------------------------------------------------------------------------------

    def edit_contact(self, contact: Contact | None, number: str = "") -> None:
        from ccs_desktop.ui.dialogs.contact import ContactDialog  # noqa: PLC0415 - only when editing

        dialog = ContactDialog(contact, self.region, number=number, parent=self)
        dialog.accepted.connect(lambda: self.save_requested.emit(dialog.contact()))
        dialog.open()
        self.dialog = dialog

    def _selected(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.card_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _list_activated(self, item: QListWidgetItem) -> None:
        contact = next((c for c in self.results if c.id == item.data(Qt.ItemDataRole.UserRole)), None)
        if contact is not None and contact.numbers:
            self.dial_requested.emit(contact.numbers[0].e164)

    def _number_activated(self, item: QListWidgetItem) -> None:
        self.dial_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def _delete(self) -> None:
        contact = self.contact
        if contact is None or contact.id is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete contact"),
            self.tr("Delete {name}?").format(name=contact.name),
            parent=self,
        )
        yes = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _r: box.clickedButton() is yes and self._confirmed_delete(contact))
        box.open()
        self.delete_box = box

    def _confirmed_delete(self, contact: Contact) -> None:
        assert contact.id is not None
        self.delete_requested.emit(contact.id)
        self.clear_card()

    def _favourite(self, on: bool) -> None:
        if self.contact is not None and self.contact.id is not None:
            self.favourite_requested.emit(self.contact.id, on)


def connect_contacts_panel(panel: ContactsPanel, contacts: ContactsController) -> None:
    """What the Contacts tab asks of the contacts controller, and what it shows of its answers."""
    panel.search_requested.connect(contacts.search)
    panel.card_requested.connect(contacts.show_card)
    panel.save_requested.connect(contacts.save)
    panel.delete_requested.connect(contacts.delete)
    panel.favourite_requested.connect(contacts.set_favourite)
    contacts.results.connect(panel.show_results)
    contacts.card.connect(panel.show_card)
    contacts.changed.connect(panel.refresh)
    panel.crm_link = contacts.crm_url_of
    panel.crm_requested.connect(contacts.open_crm)
    contacts.settings.on_change(lambda _c: panel.show_crm(), "crm_url_template")
