"""One question before a call goes over a live one.

CCS answers a click2call placed while the agent's line is busy with CHANUNAVAIL, and the customer on the line
hears nothing of it but the agent loses track; a hand-over from another app, a copied number or a call-back
double-clicked by habit must therefore ask first. The Call buttons are disabled instead (they never ask).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from ccs_desktop.services.call_state import CallTracker


class CallGuard(QObject):
    """`confirm(number, go)` runs `go()` at once when the line is free, else after the agent says yes."""

    def __init__(
        self,
        tracker: CallTracker,
        window: QWidget,
        region: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self.window = window
        self.region = region
        self.box: QMessageBox | None = None  # the open question, for tests and to ask only once at a time

    def confirm(
        self,
        number: str,
        go: Callable[[], None],
        cancelled: Callable[[], None] | None = None,
        *,
        who: str = "",
    ) -> None:
        live = self.tracker.current()
        if live is None:
            go()
            return
        if self.box is not None:  # one question at a time: the newer request replaces the older one
            self.box.done(QMessageBox.StandardButton.Cancel)
        target = self._shown(number)
        if who:
            target = f"{who} ({target})"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("You are on a call"),
            self.tr("You are on a call with {party}. Call {target} anyway?").format(
                party=self._shown(live.number), target=target
            ),
            parent=self.window,
        )
        call = box.addButton(self.tr("Call anyway"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(stay)  # Enter, pressed by habit, keeps the call as it is
        box.setEscapeButton(stay)

        def answered(_result: int) -> None:
            if self.box is box:
                self.box = None
            if box.clickedButton() is call:
                go()
            elif cancelled is not None:
                cancelled()

        box.finished.connect(answered)
        self.box = box
        box.open()

    def _shown(self, number: str) -> str:
        from ccs_desktop.core.phone import try_parse  # noqa: PLC0415 - phonenumbers stays off the start-up path

        parsed = try_parse(number, self.region()) if number else None
        return (
            parsed.display(self.region()) if parsed is not None else (number or self.tr("an unknown number"))
        )
