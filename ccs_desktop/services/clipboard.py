"""Clipboard lookup: a phone number copied anywhere becomes a `number_copied` signal.

Only the first 2,000 characters are read and the search runs in a worker, so copying a long e-mail thread never
stalls the window. The clipboard's text is never logged: it can hold anything (passwords, customer data).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.phone import PhoneNumber

log = logging.getLogger(__name__)
REPEAT_SECONDS = 1.0  # the same text announced again within this is the same copy
SCAN_LIMIT = 2000  # as core.phone.SCAN_LIMIT; not imported from there to keep phonenumbers off start-up


class ClipboardWatcher(QObject):
    number_copied = Signal(object)  # PhoneNumber, emitted on the GUI thread

    def __init__(
        self,
        runner: TaskRunner,
        region: Callable[[], str],
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.region = region
        self.clock = clock
        self._last_at = 0.0
        self.paused = False
        self.enabled = True
        self._own: str | None = None
        self._last = ""
        self._clipboard: QClipboard = QGuiApplication.clipboard()
        self._clipboard.dataChanged.connect(self._changed)

    def set_enabled(self, on: bool) -> None:
        """The clipboard_lookup setting: off, a copied number pops nothing."""
        self.enabled = on

    def set_paused(self, paused: bool) -> None:
        """The tray's Pause: copied numbers are not looked up meanwhile."""
        self.paused = paused

    def copy(self, text: str) -> None:
        """Put text on the clipboard without looking it up (the app's own copies are not news)."""
        self._own = text
        self._clipboard.setText(text)

    def _changed(self) -> None:
        if self.paused or not self.enabled:
            return
        mime = self._clipboard.mimeData()
        if mime is None or not mime.hasText():
            return
        text = mime.text()[:SCAN_LIMIT]
        if self._own is not None and text == self._own[:SCAN_LIMIT]:
            self._own = None
            return
        now = self.clock()
        if text == self._last and now - self._last_at < REPEAT_SECONDS:
            return  # some desktops announce one copy several times; a copy made again later is news
        self._last, self._last_at = text, now
        region = self.region()
        self.runner.submit(lambda: _extract(text, region), self._found, self._failed, name="clipboard")

    def _found(self, numbers: list[PhoneNumber]) -> None:
        if numbers and not self.paused:
            log.info("a phone number was copied")  # never the text itself
            self.number_copied.emit(numbers[0])

    def _failed(self, exc: BaseException) -> None:
        log.warning("clipboard lookup failed (%s)", type(exc).__name__)

    def detach(self) -> None:
        self._clipboard.dataChanged.disconnect(self._changed)


def _extract(text: str, region: str) -> list[PhoneNumber]:
    from ccs_desktop.core.phone import extract_numbers  # noqa: PLC0415 - in the worker

    return extract_numbers(text, region)
