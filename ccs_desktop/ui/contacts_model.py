"""The contact list as a model and a painted row: no widget per contact, so 100,000 rows cost what the visible
ones cost.

A row is an initials avatar, the name (★ for a favourite), the company and the primary number in the region's
format, and on the right the last call's outcome and time. Numbers are formatted when a row is first drawn
(phonenumbers is too slow to format every row of a big list up front) and remembered.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ccs_desktop.core.calls.rows import result_text
from ccs_desktop.core.contacts.model import Contact
from ccs_desktop.ui.theme import AA_TEXT, DARK, LIGHT, colour, contrast

if TYPE_CHECKING:
    from ccs_desktop.core.calls.rows import CallRow

ContactRole = Qt.ItemDataRole.UserRole
NumberRole = Qt.ItemDataRole.UserRole + 1  # the primary number as shown
LastCallRole = Qt.ItemDataRole.UserRole + 2  # "missed · 2026-11-24 14:03", "" for none
MissedRole = Qt.ItemDataRole.UserRole + 3  # the last call was missed
AVATAR_HUES = 12  # avatar colours are this many hues apart, picked by the name

Index = QModelIndex | QPersistentModelIndex


def initials(contact: Contact) -> str:
    """'AD' for Ayşe Demir; a company's initials when the name is a number; '#' when there are no letters."""
    for text in (contact.name, contact.company):
        words = [w for w in text.split() if w[:1].isalpha()]
        if words:
            return "".join(w[0] for w in words[:2]).upper()
    return "#"


def avatar_colours(name: str, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a name's avatar: a hue picked by the name, made dark on a light palette and light on a
    dark one until the text on it (the palette's base colour's opposite) reaches WCAG AA."""
    dark_theme = palette.color(QPalette.ColorRole.Window).lightness() < 128
    text = QColor(
        palette.color(QPalette.ColorRole.Window) if dark_theme else palette.color(QPalette.ColorRole.Base)
    )
    if dark_theme == (text.lightness() >= 128):  # an odd palette: the dark theme's window or the light one's white
        text = QColor(DARK.window if dark_theme else LIGHT.surface)
    hue = (zlib.crc32(name.encode("utf-8")) % AVATAR_HUES) * (360 // AVATAR_HUES)
    lightness = 0.72 if dark_theme else 0.42
    step = 0.03 if dark_theme else -0.03
    background = QColor.fromHslF(hue / 360, 0.55, lightness)
    while contrast(background.name(), text.name()) < AA_TEXT and 0.05 < lightness < 0.95:
        lightness += step
        background = QColor.fromHslF(hue / 360, 0.55, lightness)
    return background, text


def last_call_text(row: CallRow | None) -> str:
    """The outcome and the time of a contact's last call, for the right of its row."""
    if row is None:
        return ""
    return f"{result_text(row)} · {row.calldate[:16]}"


class ContactsModel(QAbstractListModel):
    """The contacts the last search found, in display order (favourites first, as the store sorts them)."""

    def __init__(self, region: str = "TR", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.region = region
        self.contacts: list[Contact] = []
        self.last_calls: dict[int, CallRow] = {}
        self._rows: dict[int, int] = {}  # contact id -> row
        self._shown: dict[str, str] = {}  # E.164 -> as shown in the region

    def set_contacts(self, contacts: list[Contact]) -> None:
        self.beginResetModel()
        self.contacts = list(contacts)
        self._rows = {c.id: row for row, c in enumerate(self.contacts) if c.id is not None}
        self.last_calls = {}
        self.endResetModel()

    def set_last_calls(self, last_calls: dict[int, CallRow]) -> None:
        """The last call of each listed contact, looked up after the list (by the same worker task)."""
        self.last_calls = dict(last_calls)
        if self.contacts:
            self.dataChanged.emit(self.index(0), self.index(len(self.contacts) - 1))

    def set_region(self, region: str) -> None:
        self.region = region
        self._shown.clear()
        if self.contacts:
            self.dataChanged.emit(self.index(0), self.index(len(self.contacts) - 1))

    def row_of(self, contact_id: int | None) -> int:
        """The row of a contact, -1 when it is not listed."""
        return self._rows.get(contact_id, -1) if contact_id is not None else -1

    def contact(self, row: int) -> Contact | None:
        return self.contacts[row] if 0 <= row < len(self.contacts) else None

    def shown_number(self, e164: str) -> str:
        """A number in the region's format (national at home, international abroad), as typed when unparseable."""
        shown = self._shown.get(e164)
        if shown is None:
            from ccs_desktop.core.phone import shown as shown_number  # noqa: PLC0415 - phonenumbers: not at start

            shown = shown_number(e164, self.region, possible=True)
            if len(self._shown) > 10_000:
                self._shown.clear()
            self._shown[e164] = shown
        return shown

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.contacts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        contact = self.contact(index.row()) if index.isValid() else None
        if contact is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return contact.name
        if role == ContactRole:
            return contact
        if role == NumberRole:
            return self.shown_number(contact.numbers[0].e164) if contact.numbers else ""
        if role in (LastCallRole, MissedRole):
            row = self.last_calls.get(contact.id or 0)
            if role == MissedRole:
                return row is not None and not row.answered
            return last_call_text(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [
                ("★ " if contact.favourite else "") + contact.name,
                contact.company,
                self.data(index, NumberRole),
                self.data(index, LastCallRole),
            ]
            return ", ".join(str(p) for p in parts if p)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.data(index, Qt.ItemDataRole.AccessibleTextRole)
        return None


class ContactDelegate(QStyledItemDelegate):
    """Paints a row: avatar, name and favourite star, company · number, and the last call on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()  # type: ignore[attr-defined]
        return QSize(200, 2 * line + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        contact = index.data(ContactRole)
        if not isinstance(contact, Contact):
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        painter.save()
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect  # type: ignore[attr-defined]
        palette: QPalette = opt.palette  # type: ignore[attr-defined]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        metrics = opt.fontMetrics  # type: ignore[attr-defined]
        line = metrics.height()
        size = 2 * line + 4
        avatar = QRect(rect.left() + 8, rect.top() + (rect.height() - size) // 2, size, size)
        background, text = avatar_colours(contact.name or contact.company, palette)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawEllipse(avatar)
        bold = QFont(opt.font)  # type: ignore[attr-defined]
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(avatar, Qt.AlignmentFlag.AlignCenter, initials(contact))

        group = QPalette.ColorGroup.Normal
        main = palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        quiet = main if selected else palette.color(group, QPalette.ColorRole.PlaceholderText)
        last = str(index.data(LastCallRole) or "")
        left = avatar.right() + 10
        name = ("★ " if contact.favourite else "") + contact.name
        second = " · ".join(p for p in (contact.company, str(index.data(NumberRole) or "")) if p)
        room = rect.right() - 8 - left
        # who comes first: the last call shows only where the name and its line still fit beside it (a narrow
        # list, with the contact's card open, shows the names whole)
        needed = max(metrics.horizontalAdvance(name), metrics.horizontalAdvance(second)) + 12
        last_width = metrics.horizontalAdvance(last) + 12 if last else 0
        if last_width and needed + last_width > room:
            last, last_width = "", 0
        width = max(0, room - last_width)
        top = QRect(left, rect.top() + 8, width, line)
        bottom = QRect(left, rect.top() + 8 + line, width, line)
        painter.setPen(main)
        painter.drawText(
            top, Qt.AlignmentFlag.AlignVCenter, metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)
        )
        painter.setFont(opt.font)  # type: ignore[attr-defined]
        painter.setPen(quiet)
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(second, Qt.TextElideMode.ElideRight, width),
        )
        if last:
            area = QRect(rect.right() - 8 - last_width, rect.top(), last_width, rect.height())
            if not selected and index.data(MissedRole):
                painter.setPen(QColor(colour("danger")))  # a missed last call stands out, as on the page
            painter.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, last)
        painter.restore()
