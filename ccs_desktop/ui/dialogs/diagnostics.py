"""Diagnostics: what works and what does not, in one table an agent can read (or copy) to their IT desk."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ccs_desktop.core.logs import redact
from ccs_desktop.services.diagnostics import Check, softphone_checks  # noqa: F401 - re-exported
from ccs_desktop.services.tasks import TaskRunner


class DiagnosticsDialog(QDialog):
    def __init__(
        self,
        runner: TaskRunner,
        slow_checks: Callable[[], list[Check]],
        quick_checks: Callable[[], list[Check]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ccs-desktop diagnostics"))
        self.resize(620, 320)
        self.runner = runner
        self.slow_checks = slow_checks
        self.quick_checks = quick_checks
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Check"), self.tr("Result")])
        self.table.setAccessibleName(self.tr("Diagnostics"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        again = QPushButton(self.tr("Run again"))
        again.clicked.connect(self.refresh)
        copy = QPushButton(self.tr("Copy report"))
        copy.clicked.connect(self.copy_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(again, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.rows: list[Check] = []
        self.refresh()

    def refresh(self) -> None:
        self.rows = [*self.quick_checks(), (self.tr("API reachable"), self.tr("checking…"), None)]
        self._fill()
        self.runner.submit(self.slow_checks, self._slow_done, self._slow_failed, name="diagnostics")

    def _slow_done(self, checks: list[Check]) -> None:
        self.rows = [*self.quick_checks(), *checks]
        self._fill()

    def _slow_failed(self, exc: BaseException) -> None:
        self.rows = [*self.quick_checks(), (self.tr("API reachable"), str(exc), False)]
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for row, (what, text, ok) in enumerate(self.rows):
            mark = {True: "✔ ", False: "✘ ", None: ""}[ok]
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(mark + text))
        self.table.resizeColumnToContents(0)

    def result_text(self) -> str:
        """The table as text, with anything secret-looking masked (it goes to the clipboard and to IT desks)."""
        return redact("\n".join(f"{what}: {text}" for what, text, _ in self.rows))

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.result_text())
