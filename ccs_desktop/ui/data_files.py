"""The file questions of import and export (contacts, calls) and the report of an import that left rows out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ccs_desktop.services.contacts import ContactsController


class DataFiles(QObject):
    """`import_box` is the last import report shown, for tests."""

    def __init__(self, contacts: ContactsController, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.contacts, self.window = contacts, window
        self.import_box: QMessageBox | None = None
        contacts.import_report.connect(self.show_import_report)

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import contacts"),
            "",
            self.tr("Contacts (*.csv *.vcf *.vcard *.txt);;All files (*)"),
        )
        if path:
            self.contacts.import_contacts(Path(path))

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export contacts"),
            self.tr("contacts.csv"),
            self.tr("CSV (*.csv);;vCard (*.vcf)"),
        )
        if path:
            self.contacts.export_contacts(Path(path))

    def choose_calls_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export calls"), self.tr("calls.csv"), self.tr("CSV (*.csv)")
        )
        if path:
            self.contacts.export_calls(Path(path))

    def show_import_report(self, title: str, summary: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, summary, parent=self.window)
        box.setDetailedText(details)
        self.import_box = box
        box.open()
