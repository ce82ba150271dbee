"""Call records, newest first; double-click calls the other party back.

The full viewer (paging as you scroll, cache, filters, details) replaces this list in a later issue.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ccs_desktop.core.api import CallRecord

COLUMNS = ("Time", "Dir", "Number", "Result", "Talk", "Queue")


class CallsPanel(QWidget):
    dial_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel("Loading call records…")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemDoubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)

    def row_count(self) -> int:
        return self.tree.topLevelItemCount()

    def show_records(self, records: Iterable[CallRecord]) -> None:
        items = []
        for record in records:
            direction = {True: "in", False: "out", None: ""}[record.inbound]
            duration = record.duration
            talk = f"{duration // 60}:{duration % 60:02d}" if duration else ""
            item = QTreeWidgetItem(
                [
                    str(record.get("calldate") or ""),
                    direction,
                    record.other_party,
                    "answered" if record.answered else "missed",
                    talk,
                    record.queue,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, record.other_party)
            item.setToolTip(2, "Double-click to call back")
            items.append(item)
        self.tree.clear()
        self.tree.addTopLevelItems(items)
        for column in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        self.status.setText(
            f"{len(items):,} calls in the last 7 days" if items else "No calls in the last 7 days"
        )

    def show_error(self, text: str) -> None:
        self.status.setText(text)

    def _activated(self, item: QTreeWidgetItem) -> None:
        number = item.data(0, Qt.ItemDataRole.UserRole)
        if number:
            self.dial_requested.emit(str(number))
