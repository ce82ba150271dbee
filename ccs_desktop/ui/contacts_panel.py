"""Contacts: search as you type, a painted list (ui.contacts_model), a compact side card, add/edit/delete with Undo.

The panel holds no database: it asks through signals (`search_requested`, `save_requested`, ...) and the app
answers from a worker with `show_results` / `show_card`. A search waits for a short pause in typing, so a fast
typist causes one query, not ten. Enter or a double-click on a row calls the contact's first number; the row's
menu has the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ccs_desktop.core.contacts.model import Contact
from ccs_desktop.ui.contacts_model import ContactDelegate, ContactsModel
from ccs_desktop.ui.icons import icon
from ccs_desktop.ui.theme import set_role

if TYPE_CHECKING:
    from ccs_desktop.core.calls.rows import CallRow
    from ccs_desktop.services.contacts import ContactsController

SEARCH_DELAY_MS = 60
UNDO_SECONDS = 10  # how long a deleted contact can be brought back
CARD_CALLS = 3  # calls the side card lists


def named(widget: QWidget, name: str) -> QWidget:
    """Give a control the name a screen reader says (a button's text may be a symbol, a label's may change)."""
    widget.setAccessibleName(name)
    return widget


class UndoBar(QFrame):
    """ "Ayşe Demir deleted — Undo" for UNDO_SECONDS after a delete. `clock` (monotonic seconds) decides when the
    offer ends; the timer only looks at it, so a test moves the clock instead of waiting."""

    undo_requested = Signal(object)  # the deleted Contact, with its numbers, notes and favourite

    def __init__(self, clock: Callable[[], float] = time.monotonic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.contact: Contact | None = None
        self.deadline = 0.0
        self.setObjectName("undo-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.undo_button = named(QPushButton(self.tr("Undo")), self.tr("Undo delete"))
        self.undo_button.clicked.connect(self.undo)  # type: ignore[attr-defined]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self.tick)
        # Ctrl+Z anywhere in the tab while the offer is on (a line edit with focus keeps its own Ctrl+Z)
        self.key = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), parent or self)
        self.key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.key.setEnabled(False)
        self.key.activated.connect(self.undo)
        self.hide()

    def offer(self, contact: Contact) -> None:
        self.contact = contact
        self.key.setEnabled(True)
        self.deadline = self.clock() + UNDO_SECONDS
        self.label.setText(self.tr("Contact deleted: {name}").format(name=contact.name))
        self.setAccessibleName(self.label.text())
        self.show()
        self.timer.start()

    def tick(self) -> None:
        if self.contact is not None and self.clock() >= self.deadline:
            self.dismiss()

    def undo(self) -> None:
        contact = self.contact
        if contact is not None and self.clock() < self.deadline:
            self.undo_requested.emit(contact)
        self.dismiss()

    def dismiss(self) -> None:
        self.contact = None
        self.key.setEnabled(False)
        self.timer.stop()
        self.hide()


class ContactCard(QFrame):
    """The open contact beside the list: each number a button that calls it, e-mail, notes, the last calls with
    their notes, and Edit / Favourite / Delete / Open in CRM."""

    dial_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contact-card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # no fixed minimum width: the layout's (its buttons at the theme's type size) keeps them unclipped
        self.setMaximumWidth(380)
        self.name_label = set_role(QLabel(), "title")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.company_label = set_role(QLabel(), "muted")
        self.company_label.setWordWrap(True)
        self.numbers_box = QVBoxLayout()
        self.numbers_box.setSpacing(0)
        self.number_buttons: list[QPushButton] = []
        self.email_label = QLabel()
        self.email_label.setOpenExternalLinks(True)
        self.email_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        named(self.email_label, self.tr("E-mail"))
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.calls_title = set_role(QLabel(self.tr("Last calls")), "heading")
        self.calls_label = QLabel()
        self.calls_label.setWordWrap(True)
        self.calls_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.calls: list[str] = []
        self.edit_button = named(QPushButton(self.tr("Edit…")), self.tr("Edit contact"))
        self.favourite_button = named(QPushButton("☆ " + self.tr("Favourite")), self.tr("Favourite"))
        self.favourite_button.setCheckable(True)  # type: ignore[attr-defined]
        self.delete_button = named(QPushButton(self.tr("Delete")), self.tr("Delete contact"))
        self.crm_button = named(QPushButton(self.tr("Open in CRM")), self.tr("Open in CRM"))
        self.close_button = named(QPushButton("✕"), self.tr("Close card"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.close_button.setFlat(True)  # type: ignore[attr-defined]
        head = QHBoxLayout()
        head.addWidget(self.name_label, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.favourite_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.company_label)
        layout.addLayout(self.numbers_box)
        layout.addWidget(self.email_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.calls_title)
        layout.addWidget(self.calls_label)
        layout.addWidget(self.crm_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def show_contact(self, contact: Contact, calls: list[str], shown: Callable[[str], str]) -> None:
        """Fill the card; `shown(e164)` is the number in the region's format."""
        self.name_label.setText(("★ " if contact.favourite else "") + contact.name)
        self.company_label.setText(contact.company)
        self.company_label.setVisible(bool(contact.company))
        for button in self.number_buttons:
            self.numbers_box.removeWidget(button)
            button.deleteLater()
        self.number_buttons = []
        for number in contact.numbers:
            text = shown(number.e164)
            button = QPushButton(icon("ready"), f"{text}  ·  {number.label}" if number.label else text)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setProperty("align", "left")  # the theme's stylesheet puts the text at the left
            button.setToolTip(self.tr("Call {number}").format(number=text))
            named(button, self.tr("Call {number}").format(number=f"{text} {number.label}".strip()))
            button.clicked.connect(lambda _c=False, e164=number.e164: self.dial_requested.emit(e164))
            self.numbers_box.addWidget(button)
            self.number_buttons.append(button)
        email = contact.email
        self.email_label.setText(mailto_link(email))
        self.email_label.setVisible(bool(email))
        self.notes_label.setText(contact.notes)
        self.notes_label.setVisible(bool(contact.notes))
        self.calls = calls[:CARD_CALLS]
        self.calls_label.setText("\n".join(self.calls) or self.tr("No saved calls with this contact"))
        self.favourite_button.blockSignals(True)
        self.favourite_button.setChecked(contact.favourite)  # type: ignore[attr-defined]
        self.favourite_button.setText(("★ " if contact.favourite else "☆ ") + self.tr("Favourite"))  # type: ignore[attr-defined]
        self.favourite_button.blockSignals(False)


def mailto_link(email: str) -> str:
    """A clickable address (rich text, escaped), "" for none."""
    if not email:
        return ""
    escaped = email.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return f'<a href="mailto:{escaped}">{escaped}</a>'


class ContactsPanel(QWidget):
    dial_requested = Signal(str)
    search_requested = Signal(str)
    card_requested = Signal(int)
    save_requested = Signal(object)  # Contact
    delete_requested = Signal(int)
    restore_requested = Signal(object)  # a deleted Contact, from Undo
    favourite_requested = Signal(int, bool)
    crm_requested = Signal(str)  # a CRM URL
    open_requested = Signal(str)  # an E.164: show its contact in the unfiltered list
    import_requested = Signal()

    def __init__(
        self,
        region: str = "TR",
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.region = region
        self.search_edit = QLineEdit(placeholderText=self.tr("Search name, company or number"))
        self.search_edit.setClearButtonEnabled(True)
        named(self.search_edit, self.tr("Search contacts"))
        self.add_button = named(QPushButton(self.tr("Add…")), self.tr("Add contact"))
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.add_button)
        self.status = QLabel()
        self.undo_bar = UndoBar(clock, self)
        self.undo_bar.undo_requested.connect(self.restore_requested)

        self.model = ContactsModel(region, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(ContactDelegate(self.list))
        self.list.setUniformItemSizes(True)  # one size for every row: no per-row measuring of 100,000
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        named(self.list, self.tr("Contacts"))
        self.list.setAccessibleDescription(self.tr("Enter calls the first number; the menu has the others"))
        self.list.selectionModel().currentChanged.connect(self._selected)
        self.list.doubleClicked.connect(self._activated)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.installEventFilter(self)
        self.search_edit.installEventFilter(self)

        self.card = ContactCard()
        self.card.dial_requested.connect(self.dial_requested)
        self.name_label = self.card.name_label
        self.edit_button = self.card.edit_button
        self.delete_button = self.card.delete_button
        self.favourite_button = self.card.favourite_button
        self.crm_button = self.card.crm_button
        self.card.hide()
        # a number's CRM URL, "" for none (the contacts controller's, see connect_contacts_panel)
        self.crm_link: Callable[[str], str] = lambda _number: ""

        self.empty = QWidget()
        empty_text = QLabel(self.tr("No contacts yet. Add one, or import a CSV or vCard file from your CRM."))
        empty_text.setWordWrap(True)
        empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.import_button = named(QPushButton(self.tr("Import…")), self.tr("Import contacts"))
        self.empty_add_button = named(QPushButton(self.tr("Add contact")), self.tr("Add contact"))
        empty_buttons = QHBoxLayout()
        empty_buttons.addStretch(1)
        empty_buttons.addWidget(self.import_button)
        empty_buttons.addWidget(self.empty_add_button)
        empty_buttons.addStretch(1)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(empty_text)
        empty_layout.addLayout(empty_buttons)
        empty_layout.addStretch(2)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(self.card)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.pages = QStackedWidget()
        self.pages.addWidget(split)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.pages, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.search_requested.emit(self.search_edit.text().strip()))
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.add_button.clicked.connect(lambda: self.edit_contact(None))  # type: ignore[attr-defined]
        self.empty_add_button.clicked.connect(lambda: self.edit_contact(None))  # type: ignore[attr-defined]
        self.import_button.clicked.connect(self.import_requested)  # type: ignore[attr-defined]
        self.edit_button.clicked.connect(lambda: self.edit_contact(self.contact))  # type: ignore[attr-defined]
        self.delete_button.clicked.connect(lambda: self.delete_contact(self.contact))  # type: ignore[attr-defined]
        self.favourite_button.toggled.connect(self._favourite)  # type: ignore[attr-defined]
        self.crm_button.clicked.connect(lambda: self.crm_requested.emit(self.crm_url()))  # type: ignore[attr-defined]
        self.card.close_button.clicked.connect(self.close_card)  # type: ignore[attr-defined]
        self.contact: Contact | None = None
        self.results: list[Contact] = []

    # --- shown state -----------------------------------------------------------------------------------------

    def row_count(self) -> int:
        return self.model.rowCount()

    def row_text(self, row: int) -> str:
        """What a row says (its accessible text): name, company, number as shown, last call."""
        return str(self.model.data(self.model.index(row), Qt.ItemDataRole.AccessibleTextRole) or "")

    def select_row(self, row: int) -> None:
        """Select a row as a click does; its card is asked for (again, when it is already the current row)."""
        index = self.model.index(row)
        if index == self.list.currentIndex():
            self._selected(index, index)
        else:
            self.list.setCurrentIndex(index)

    def call_lines(self) -> list[str]:
        """The open card's last calls, as shown."""
        return list(self.card.calls)

    def set_region(self, region: str) -> None:
        """Numbers are shown, and read in the contact dialog, for `region` from now on: the list and the open
        card are asked for again and drawn in it."""
        self.region = region
        self.model.set_region(region)
        self.refresh()
        if self.contact is not None and self.contact.id is not None:
            self.card_requested.emit(self.contact.id)

    def refresh(self) -> None:
        self.search_requested.emit(self.search_edit.text().strip())

    def search_for(self, text: str) -> None:
        """Show the contacts that match `text` (the search field says what was searched)."""
        self.search_edit.setText(text)

    def open_number(self, e164: str) -> None:
        """A card's Open: the contact holding `e164`, selected in the whole list with its card; the filter is
        cleared so that nothing saved afterwards is hidden by it."""
        self._timer.stop()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.open_requested.emit(e164)

    def show_results(self, contacts: list[Contact], total: int) -> None:
        current = self.contact.id if self.contact else None
        self.results = contacts
        self.model.set_contacts(contacts)
        self._select(current)
        if current is not None and self.model.row_of(current) < 0:
            self.clear_card()  # deleted, or no longer among what the agent is looking at
        query = self.search_edit.text().strip()
        self.pages.setCurrentWidget(self.empty if not total else self.pages.widget(0))
        if not total:
            self.status.setText("")
        elif query:
            self.status.setText(self.tr("%n found for “{query}”", "", len(contacts)).format(query=query))
        else:
            self.status.setText(self.tr("%Ln contact(s)", "", total))
        self.status.setVisible(bool(total))

    def show_last_calls(self, last_calls: dict[int, CallRow]) -> None:
        self.model.set_last_calls(last_calls)

    def show_card(self, contact: Contact, last_calls: list[str]) -> None:
        if self.model.row_of(contact.id) < 0:
            return  # an answer that arrived after the list moved on
        self.contact = contact
        self._select(contact.id)
        self.card.show_contact(contact, last_calls, self.model.shown_number)
        self.show_crm()
        self.card.show()

    def crm_url(self) -> str:
        """The CRM record of the open contact's first number, "" when there is none."""
        if self.contact is None or not self.contact.numbers:
            return ""
        return self.crm_link(self.contact.numbers[0].e164)

    def show_crm(self) -> None:
        """Open in CRM only when a CRM template is set (again when the setting changes)."""
        self.crm_button.setVisible(bool(self.crm_url()))

    def clear_card(self) -> None:
        """Hide the card; if the keyboard was in it, it goes to the list rather than wherever Qt sends it."""
        had_focus = self.card.isAncestorOf(QApplication.focusWidget())
        self.contact = None
        self.card.hide()
        if had_focus:
            self.list.setFocus()

    def close_card(self) -> None:
        """Esc or the card's ✕: the card goes, the list keeps the keyboard."""
        if self.contact is None:
            return
        self.clear_card()
        self.list.selectionModel().clearSelection()

    def offer_undo(self, contact: Contact) -> None:
        """A contact was deleted: Undo brings it back for UNDO_SECONDS."""
        self.undo_bar.offer(contact)

    def _select(self, contact_id: int | None) -> None:
        """Select a contact's row without asking for its card again."""
        row = self.model.row_of(contact_id)
        selection = self.list.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            index = self.model.index(row)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index)
        else:
            selection.clear()
        selection.blockSignals(False)
        self.list.viewport().update()

    # --- actions ---------------------------------------------------------------------------------------------

    def edit_contact(self, contact: Contact | None, number: str = "") -> None:
        from ccs_desktop.ui.dialogs.contact import ContactDialog  # noqa: PLC0415 - only when editing

        dialog = ContactDialog(contact, self.region, number=number, parent=self)
        dialog.accepted.connect(lambda: self.save_requested.emit(dialog.contact()))
        dialog.open()
        self.dialog = dialog

    def delete_contact(self, contact: Contact | None) -> None:
        """Delete at once: Undo (UNDO_SECONDS) brings it back, so there is nothing to confirm."""
        if contact is None or contact.id is None:
            return
        self.delete_requested.emit(contact.id)
        if self.contact is not None and self.contact.id == contact.id:
            self.clear_card()

    def row_menu(self, contact: Contact) -> QMenu:
        """A row's menu: Call for each number, then Edit, Favourite, Delete and Open in CRM."""
        menu = QMenu(self)
        for number in contact.numbers:
            shown = self.model.shown_number(number.e164)
            text = self.tr("Call {number}").format(number=f"{shown} {number.label}".strip())
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, e164=number.e164: self.dial_requested.emit(e164))
        menu.addSeparator()
        menu.addAction(self.tr("Edit…")).triggered.connect(lambda: self.edit_contact(contact))
        favourite = QAction(self.tr("Favourite"), menu, checkable=True, checked=contact.favourite)
        favourite.toggled.connect(lambda on: self.favourite_requested.emit(contact.id, on))
        menu.addAction(favourite)
        menu.addAction(self.tr("Delete")).triggered.connect(lambda: self.delete_contact(contact))
        url = self.crm_link(contact.numbers[0].e164) if contact.numbers else ""
        if url:
            menu.addAction(self.tr("Open in CRM")).triggered.connect(lambda: self.crm_requested.emit(url))
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        contact = self.model.contact(self.list.indexAt(pos).row())
        if contact is not None:
            self.menu = self.row_menu(contact)
            self.menu.popup(self.list.viewport().mapToGlobal(pos))

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        contact = self.model.contact(current.row())
        if contact is not None and contact.id is not None:
            self.card_requested.emit(contact.id)

    def _activated(self, index: QModelIndex) -> None:
        contact = self.model.contact(index.row())
        if contact is not None and contact.numbers:
            self.dial_requested.emit(contact.numbers[0].e164)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a row calls its first number (QListView's own `activated` also fires on a single click on
        some desktops, which must never dial); Down in the search field goes to the list."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.model.rowCount() > 0:
                if not self.list.currentIndex().isValid():
                    self.list.setCurrentIndex(self.model.index(0, 0))
                self.list.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.currentIndex().isValid():
                self._activated(self.list.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc anywhere in the tab (the list, the search field, the card) closes the card. A key event, not a
        shortcut: the caller card's Esc shortcut goes first while that card is up."""
        if event.key() == Qt.Key.Key_Escape and self.contact is not None:
            self.close_card()
            event.accept()
            return
        super().keyPressEvent(event)

    def _favourite(self, on: bool) -> None:
        if self.contact is not None and self.contact.id is not None:
            self.favourite_requested.emit(self.contact.id, on)


def connect_contacts_panel(panel: ContactsPanel, contacts: ContactsController) -> None:
    """What the Contacts tab asks of the contacts controller, and what it shows of its answers."""
    panel.search_requested.connect(contacts.search)
    panel.card_requested.connect(contacts.show_card)
    panel.save_requested.connect(contacts.save)
    panel.delete_requested.connect(contacts.delete)
    panel.restore_requested.connect(contacts.restore)
    panel.favourite_requested.connect(contacts.set_favourite)
    panel.open_requested.connect(contacts.open_number)
    contacts.results.connect(panel.show_results)
    contacts.last_calls.connect(panel.show_last_calls)
    contacts.card.connect(panel.show_card)
    contacts.changed.connect(panel.refresh)
    contacts.deleted.connect(panel.offer_undo)
    panel.crm_link = contacts.crm_url_of
    panel.crm_requested.connect(contacts.open_crm)
    contacts.settings.on_change(lambda _c: panel.show_crm(), "crm_url_template")
