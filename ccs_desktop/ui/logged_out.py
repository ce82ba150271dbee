"""What the softphone's side of the window shows while nobody is logged in: what to do, and a Log in button.

A native widget in place of the web view (which then holds a blank page), so the agent never faces an empty pane,
and nothing is loaded into the page to say it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class LoggedOutPane(QWidget):
    """`login_requested()` when the agent presses Log in."""

    login_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logged-out-pane")
        self.title = QLabel(self.tr("You are logged out"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)  # relative: it follows the system's font size
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(
            self.tr(
                "Log in to take and place calls here: the softphone opens in this pane. You need your company's "
                "Call Center Studio address (the tenant), the e-mail you log in to CCS with, and an app_token "
                "from your CCS administrator; the login window says where each one comes from.\n\n"
                "Your contacts and the call records already on this computer stay available on the right."
            )
        )
        for label in (self.title, self.text):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.login_button = QPushButton(self.tr("Log in…"))
        self.login_button.setAccessibleName(self.tr("Log in to Call Center Studio"))
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.login_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(12)
        layout.addWidget(self.text)
        layout.addSpacing(16)
        layout.addWidget(self.login_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
