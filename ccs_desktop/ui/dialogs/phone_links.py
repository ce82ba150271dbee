"""The settings row for phone links on Linux: who opens tel: now, and a button to make it ccs-desktop.

Both the query and the install run `xdg-mime` (a process), so they go through the task runner; the row
only ever shows results. Its own module so that the settings dialog needs three lines for it.
"""

from __future__ import annotations

import shutil
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ccs_desktop.core import desktop
from ccs_desktop.services.tasks import TaskRunner


def available() -> bool:
    """Only where xdg-mime decides the default apps (Linux desktops); the installers do it elsewhere."""
    return sys.platform.startswith("linux") and shutil.which("xdg-mime") is not None


class PhoneLinksRow(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.status = QLabel(self.tr("Checking which app opens phone links…"))
        self.status.setWordWrap(True)
        self.button = QPushButton(self.tr("Make ccs-desktop the handler for phone links"))
        self.button.clicked.connect(self.take_links)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.refresh()

    def refresh(self) -> None:
        self.runner.submit(
            lambda: desktop.default_handler("tel"), self._show, self._failed, name="tel handler"
        )

    def take_links(self) -> None:
        self.button.setEnabled(False)
        self.status.setText(self.tr("Registering ccs-desktop for tel:, callto: and sip: links…"))
        self.runner.submit(desktop.install, lambda _report: self.refresh(), self._failed, name="take links")

    def _show(self, handler: str | None) -> None:
        ours = handler == desktop.DESKTOP_FILE
        if ours:
            self.status.setText(self.tr("ccs-desktop opens phone links (tel:, callto:, sip:)."))
        elif handler:
            self.status.setText(
                self.tr("Phone links (tel:) open in another app: {app}.").format(
                    app=handler.removesuffix(".desktop")
                )
            )
        else:
            self.status.setText(self.tr("No app is set to open phone links (tel:)."))
        self.button.setEnabled(not ours)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(str(exc))
        self.button.setEnabled(True)
