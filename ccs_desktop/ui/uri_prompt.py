"""The question before calling a tel:/callto:/sip: link from another app (the `confirm_uri_calls` setting)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget


class UriPrompt(QObject):
    """`ask(who, number, call)`; `box` and `call_button` are the last question's, for tests."""

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.box: QMessageBox | None = None

    def ask(self, who: str, number: str, call: Callable[[], None]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Call this number?"),
            self.tr("Call {who} at {number}?").format(who=who, number=number),
            parent=self.window,
        )
        self.call_button = box.addButton(self.tr("Call"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(self.call_button)
        button = self.call_button
        box.finished.connect(lambda _r: box.clickedButton() is button and call())
        self.box = box
        box.open()
