"""People the agent talks to; double-click calls them.

Until the contacts store arrives (next issue), it lists the numbers from the agent's call records, most
frequent first, so the panel is useful from the first start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


class ContactsPanel(QWidget):
    dial_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel("Frequent numbers from your calls")
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)

    def row_count(self) -> int:
        return self.list.count()

    def show_numbers(self, numbers: list[tuple[str, str, int]]) -> None:
        """(E.164, display form, count) rows, as `core.api.records.frequent_numbers` makes them."""
        self.list.clear()
        for e164, shown, count in numbers:
            item = QListWidgetItem(f"{shown}    ({count} call{'s' if count > 1 else ''})")
            item.setData(Qt.ItemDataRole.UserRole, e164)
            item.setToolTip("Double-click to call")
            self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.dial_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
