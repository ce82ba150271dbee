"""Logic tells the agent things through this bus, never through a widget; the tray and status bar listen."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class MessageBus(QObject):
    """`message(level, text)` with level "info", "warning" or "error"."""

    message = Signal(str, str)

    def info(self, text: str) -> None:
        log.info("%s", text)
        self.message.emit("info", text)

    def warning(self, text: str) -> None:
        log.warning("%s", text)
        self.message.emit("warning", text)

    def error(self, text: str) -> None:
        log.error("%s", text)
        self.message.emit("error", text)

    def show_error(self, exc: BaseException) -> None:
        """Expected errors show their own text; anything else is a bug: logged with its traceback."""
        from ccs_desktop.core.errors import user_text  # noqa: PLC0415 - tiny, avoids an import cycle in tests

        self.error(user_text(exc, log))
