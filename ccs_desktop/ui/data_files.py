"""The file questions of import and export (contacts, calls) and the report of an import that left rows out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ccs_desktop.core.spreadsheet import excel_delimiter
from ccs_desktop.services.contacts import ContactsController


class DataFiles(QObject):
    """`import_box` is the last import report shown, `calls_dialog` the last calls export's file dialog (tests)."""

    def __init__(self, contacts: ContactsController, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.contacts, self.window = contacts, window
        self.import_box: QMessageBox | None = None
        self.calls_dialog: QFileDialog | None = None
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
        """Where to save the calls shown, and which separator: "CSV for Excel (;)" is chosen already where the
        locale's decimal separator is a comma (Turkish Excel reads `;`), "CSV (,)" elsewhere; the agent may switch."""
        excel, plain = self.tr("CSV for Excel (;) (*.csv)"), self.tr("CSV (,) (*.csv)")
        dialog = QFileDialog(self.window, self.tr("Export calls"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([excel, plain])
        dialog.selectNameFilter(excel if excel_delimiter(QLocale().decimalPoint()) == ";" else plain)
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(self.tr("calls.csv"))

        def chosen(path: str) -> None:
            self.contacts.export_calls(Path(path), ";" if dialog.selectedNameFilter() == excel else ",")

        dialog.fileSelected.connect(chosen)
        self.calls_dialog = dialog
        dialog.open()

    def show_import_report(self, title: str, summary: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, summary, parent=self.window)
        box.setDetailedText(details)
        self.import_box = box
        box.open()
