"""The settings rows of the notification listener: where it listens, how CCS reaches it, and the URL (with its
secret) to paste into the IVR's Web-URL step. The URL is shown masked and only ever copied, never displayed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.settings import Settings


class ListenerFields(QWidget):
    """`values()` for Settings.set; `ivr_url` is the running listener's full URL (None when it is off)."""

    def __init__(
        self, settings: Settings, ivr_url: str | None, shown_url: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.address = QLineEdit(settings.get_str("listener_address"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(settings.get_int("listener_port"))
        self.public_url = QLineEdit(settings.get_str("listener_public_url"))
        self.address.setAccessibleName(self.tr("Listener address"))
        self.port.setAccessibleName(self.tr("Listener port"))
        self.public_url.setAccessibleName(self.tr("Listener public URL"))
        self.public_url.setPlaceholderText(
            self.tr("https://… if CCS reaches this computer through a proxy (optional)")
        )
        self.ivr_url = ivr_url
        route = shown_url + "call"  # the masked IVR URL: never the secret itself
        self.url_label = QLabel(route if ivr_url else self.tr("The listener is off."))
        self.url_label.setToolTip(
            self.tr("The secret part is hidden; Copy puts the whole URL on the clipboard.")
        )
        self.copy = QPushButton(self.tr("Copy URL for CCS"))
        self.copy.setEnabled(ivr_url is not None)
        self.copy.clicked.connect(self._copy)
        where = QHBoxLayout()
        where.addWidget(self.address, 1)
        where.addWidget(QLabel(self.tr("port")))
        where.addWidget(self.port)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_label, 1)
        url_row.addWidget(self.copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(where)
        layout.addWidget(self.public_url)
        layout.addLayout(url_row)

    def values(self) -> dict[str, object]:
        address = self.address.text().strip() or "127.0.0.1"
        public = self.public_url.text().strip().rstrip("/")
        if public and (urlsplit(public).scheme not in ("http", "https") or not urlsplit(public).netloc):
            raise InvalidInput(
                self.tr("The public listener URL must start with http:// or https:// and name a host.")
            )
        return {
            "listener_address": address,
            "listener_port": self.port.value(),
            "listener_public_url": public,
        }

    def _copy(self) -> None:
        if self.ivr_url:
            QGuiApplication.clipboard().setText(self.ivr_url)
            self.copy.setText(self.tr("Copied"))
