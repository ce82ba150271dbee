"""Add or edit a contact; numbers are checked as they are typed, one per line, "label: number" or a number."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.phone import shown, try_parse
from ccs_desktop.ui.widgets import error_label, save_cancel_layout


def parse_lines(text: str, region: str) -> tuple[list[ContactNumber], list[str]]:
    """Numbers and the lines that are not numbers (shown to the agent, never silently dropped)."""
    numbers: list[ContactNumber] = []
    bad: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        label, _, number = (
            line.rpartition(":") if ":" in line and not line.lower().startswith("tel:") else ("", "", line)
        )
        parsed = try_parse(number.strip(), region, possible=True)  # a flagged number stays saveable
        if parsed is None:
            bad.append(line)
        else:
            numbers.append(ContactNumber(parsed.e164, label.strip()))
    return numbers, bad


def shown_line(number: ContactNumber, region: str) -> str:
    """A saved number as the agent reads it: "mobile: 0532 123 45 67" at home, international abroad.
    `parse_lines` reads it back to the same E.164; a flagged number (not valid in the metadata) stays E.164, the
    one form that is sure to read back the same."""
    text = number.e164 if number.flagged else shown(number.e164, region, possible=True)
    return f"{number.label}: {text}" if number.label else text


class ContactDialog(QDialog):
    def __init__(
        self, contact: Contact | None, region: str, *, number: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit contact") if contact else self.tr("Add contact"))
        self.original = contact
        self.region = region
        self.name = QLineEdit(contact.name if contact else "")
        self.company = QLineEdit(contact.company if contact else "")
        lines = [shown_line(n, region) for n in contact.numbers] if contact else []
        if number:
            lines.append(number)
        self.numbers = QPlainTextEdit("\n".join(lines))
        self.numbers.setPlaceholderText(self.tr("mobile: 0532 123 45 67\nwork: +90 212 555 12 34"))
        self.email = QLineEdit(contact.email if contact else "")
        self.notes = QPlainTextEdit(contact.notes if contact else "")
        self.favourite = QCheckBox(self.tr("Favourite (listed first)"))
        self.favourite.setChecked(bool(contact and contact.favourite))
        for field, name in (
            (self.name, self.tr("Name")),
            (self.company, self.tr("Company")),
            (self.numbers, self.tr("Numbers")),
            (self.email, self.tr("E-mail")),
            (self.notes, self.tr("Notes")),
            (self.favourite, self.tr("Favourite")),
        ):
            field.setAccessibleName(name)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Company"), self.company)
        form.addRow(self.tr("Numbers"), self.numbers)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow("", self.favourite)
        save_cancel_layout(self, form, self.error, self._save)
        self._result: Contact | None = None

    def _save(self) -> None:
        numbers, bad = parse_lines(self.numbers.toPlainText(), self.region)
        name = self.name.text().strip()
        if bad:
            self.error.setText(self.tr("Not a phone number: {lines}").format(lines="; ".join(bad)))
            return
        if not name and not numbers:
            self.error.setText(self.tr("Give at least a name or a number."))
            return
        base = self.original or Contact(None, "")
        self._result = replace(
            base,
            name=name or numbers[0].e164,
            company=self.company.text().strip(),
            numbers=numbers,
            email=self.email.text().strip(),
            notes=self.notes.toPlainText().strip(),
            favourite=self.favourite.isChecked(),
        )
        self.accept()

    def contact(self) -> Contact:
        assert self._result is not None
        return self._result
