"""The QApplication of the window: on macOS a `tel:`/`callto:`/`sip:` link opened in another app reaches a running
app as a FileOpen event (the Info.plist's URL types), not as a command-line argument."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

SCHEMES = ("tel", "callto", "sip")


class CcsApplication(QApplication):
    """`uri_opened(str)` for every phone link the system hands over."""

    uri_opened = Signal(str)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            if url.scheme().lower() in SCHEMES:
                self.uri_opened.emit(url.toString())
                return True
        return super().event(event)
