"""`ccs-desktop --demo --screenshots DIR`: every main view drawn offscreen, as `{view}-{theme}-{lang}.png`.

The README's pictures come from here, so they show what the code draws today. A language needs a process of its
own (every text is translated when its widget is made), and so does a theme (the softphone page's Chromium takes
its colour scheme from a start-up flag), so the command runs one child per language and theme, each with its own
settings and data directories; each child walks the views on the demo's simulator and quits.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ccs_desktop.core.screenshots import VIEWS

if TYPE_CHECKING:
    from ccs_desktop.app import App

log = logging.getLogger(__name__)

WINDOW_SIZE = (1200, 760)
READY_TIMEOUT = 90.0  # seconds for the demo to log in, load the page and fill both panels
SETTLE_MS = 400  # after a view changes: the page and the widgets repaint


class ScreenshotTour(QObject):
    """Waits for the demo to be ready, then draws each view in `theme` and quits the app (exit 1 when a view could
    not be drawn or the demo was not ready in time)."""

    def __init__(
        self, app: App, out_dir: Path, language: str, theme: str, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(app)
        self.app, self.out_dir, self.language, self.theme, self._clock = app, out_dir, language, theme, clock
        self.written: list[Path] = []
        self.failures: list[str] = []
        self._page_ready = False
        self._started = clock()
        self._steps: list[Callable[[], None]] = []
        app.view.bridge.message.connect(self._page_message)
        self._poll = QTimer(self)
        self._poll.setInterval(200)
        self._poll.timeout.connect(self._check_ready)

    def start(self) -> None:
        from ccs_desktop.ui.theme import apply_theme  # noqa: PLC0415

        apply_theme(QApplication.instance(), self.theme)  # type: ignore[arg-type]
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.app.window.persist = False  # the agent's own layout is not this window's
        self.app.window.resize(*WINDOW_SIZE)
        self._poll.start()

    def _page_message(self, message: dict[str, object]) -> None:
        if message.get("type") == "ready":
            self._page_ready = True

    def _check_ready(self) -> None:
        w = self.app.window
        if self._page_ready and w.calls.row_count() and w.contacts.row_count() and self._last_calls_shown():
            self._poll.stop()
            self._plan()
            QTimer.singleShot(SETTLE_MS, self._next)
        elif self._clock() - self._started > READY_TIMEOUT:
            self._poll.stop()
            self.failures.append(f"the demo was not ready after {READY_TIMEOUT:.0f} s")
            self._finish()

    def _last_calls_shown(self) -> bool:
        """The contact rows carry their last call once the call records are read (the list is read again then)."""
        rows = self.app.window.contacts
        return any(" · " in rows.row_text(row) for row in range(min(rows.row_count(), 10)))

    def _plan(self) -> None:
        for view in VIEWS:
            self._steps.append(lambda view=view: self._show(view, self.theme))

    def _next(self) -> None:
        if not self._steps:
            self._finish()
            return
        step = self._steps.pop(0)
        try:
            step()
        except Exception as exc:  # one view that cannot be drawn costs that picture only
            log.exception("screenshot step failed")
            self.failures.append(f"{exc}")
        QTimer.singleShot(SETTLE_MS, self._next)

    def _show(self, view: str, theme: str) -> None:
        """Make `view` current; the grab comes after SETTLE_MS, as the next step."""
        self._close_extras()
        target = getattr(self, "_view_" + view.replace("-", "_"))()
        self._steps.insert(0, lambda: self._grab(target, f"{view}-{theme}-{self.language}.png"))

    def _grab(self, widget: QWidget, name: str) -> None:
        path = self.out_dir / name
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.written.append(path)
        log.info("wrote %s", path)

    def _close_extras(self) -> None:
        self.app.popup.hide()
        for dialog in self.app.window.findChildren(QDialog):
            dialog.close()
            dialog.deleteLater()

    # --- the views: each returns the widget to draw --------------------------------------------------------

    def _view_contacts(self) -> QWidget:
        w = self.app.window
        w.tabs.setCurrentWidget(w.contacts)
        w.contacts.select_row(0)  # its card opens beside the list
        return w

    def _view_calls(self) -> QWidget:
        w = self.app.window
        if w.calls.worklist_button.isChecked():
            w.calls.worklist_button.setChecked(False)
        w.tabs.setCurrentWidget(w.calls)
        w.calls.table.selectRow(0)  # its details: the sentence, the timeline, every field
        return w

    def _view_caller_card(self) -> QWidget:
        popup = self.app.popup
        self.app.contacts.look_up_incoming(self._known_number(), "demo-screenshot", "Destek")
        return popup

    def _view_worklist(self) -> QWidget:
        w = self.app.window
        w.tabs.setCurrentWidget(w.calls)
        w.calls.worklist_scope.setCurrentIndex(w.calls.worklist_scope.count() - 1)  # the last 7 days
        w.calls.worklist_button.setChecked(True)
        w.calls.table.selectRow(0)
        return w

    def _view_my_day(self) -> QWidget:
        w = self.app.window
        w.calls.worklist_button.setChecked(False)
        w.tabs.setCurrentWidget(w.my_day)
        return w

    def _view_settings(self) -> QWidget:
        self.app.settings_flow.open()
        from ccs_desktop.ui.dialogs.settings import SettingsDialog  # noqa: PLC0415

        dialog = self.app.window.findChild(SettingsDialog)
        if dialog is None:
            raise RuntimeError("the settings dialog did not open")
        return dialog

    def _view_diagnostics(self) -> QWidget:
        self.app.open_diagnostics()
        from ccs_desktop.ui.dialogs.diagnostics import DiagnosticsDialog  # noqa: PLC0415

        dialog = self.app.window.findChild(DiagnosticsDialog)
        if dialog is None:
            raise RuntimeError("the diagnostics dialog did not open")
        dialog.resize(900, 600)  # every check's whole line
        return dialog

    def _known_number(self) -> str:
        contact = self.app.window.contacts.model.contact(0)
        return contact.numbers[0].e164 if contact is not None and contact.numbers else "+905321234567"

    def _finish(self) -> None:
        self._close_extras()
        wanted = [f"{view}-{self.theme}-{self.language}.png" for view in VIEWS]
        missing = [name for name in wanted if not (self.out_dir / name).exists()]
        for problem in self.failures:
            print(f"screenshots ({self.theme}, {self.language}): {problem}", flush=True)
        if missing:
            print(f"screenshots ({self.theme}, {self.language}): missing {', '.join(missing)}", flush=True)
        self.app.quit_now(1 if (self.failures or missing) else 0)
