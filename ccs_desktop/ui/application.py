"""The QApplication of the window: themed from the start (ui/theme.py: light or dark as the system is, text as big as
the system's), and on macOS a `tel:`/`callto:`/`sip:` link opened in another app reaches a running app as a
FileOpen event (the Info.plist's URL types), not as a command-line argument."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from ccs_desktop.ui.theme import Mode, apply_theme

SCHEMES = ("tel", "callto", "sip")


class CcsApplication(QApplication):
    """`uri_opened(str)` for every phone link the system hands over; the links that come before anyone listens
    (the event loop turns while an early start loads the page) are kept for `hand_links_to`."""

    uri_opened = Signal(str)

    def __init__(self, argv: list[str], theme: Mode = "system") -> None:
        super().__init__(argv)
        self.theme = apply_theme(self, theme)
        self._kept_links: list[str] | None = []

    def hand_links_to(self, receiver: Callable[[str], None]) -> None:
        self.uri_opened.connect(receiver)
        kept, self._kept_links = self._kept_links or [], None
        for link in kept:
            self.uri_opened.emit(link)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange and hasattr(self, "theme"):
            self.theme.font_changed()  # the type scale follows the font
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            if url.scheme().lower() in SCHEMES:
                if self._kept_links is not None:
                    self._kept_links.append(url.toString())
                else:
                    self.uri_opened.emit(url.toString())
                return True
        return super().event(event)


def make_application(argv: list[str]) -> CcsApplication:
    """The one QApplication: Chromium's flags set first, the GUI thread favoured, and living on in the tray."""
    from ccs_desktop import APP_ID  # noqa: PLC0415
    from ccs_desktop.services.tasks import favour_the_gui_thread  # noqa: PLC0415
    from ccs_desktop.web.engine import prepare_environment  # noqa: PLC0415

    prepare_environment()
    favour_the_gui_thread()
    qapp = CcsApplication(argv)
    qapp.setApplicationName("ccs-desktop")
    qapp.setDesktopFileName(APP_ID)  # Wayland matches the window to <APP_ID>.desktop (its name and icon)
    qapp.setQuitOnLastWindowClosed(False)
    return qapp
