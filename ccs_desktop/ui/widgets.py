"""Small widgets the dialogs share, so an inline error looks the same everywhere."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ccs_desktop.ui.theme import colour, set_tone

# Kept for callers that still set a label's own stylesheet: the colours of the theme in use when this module was
# imported. `set_tone(label, "danger" | "success")` follows a later light/dark switch; prefer it.
ERROR_STYLE = f"color: {colour('danger')}"
OK_STYLE = f"color: {colour('success')}"


def error_label() -> QLabel:
    """A wrapped red label shown next to what went wrong; empty (and hidden by the caller) when all is well."""
    label = QLabel()
    set_tone(label, "danger")
    label.setWordWrap(True)
    return label


def save_cancel_layout(dialog: QDialog, form: QFormLayout, error: QLabel, save: Callable[[], None]) -> None:
    """Form, inline error, then Save/Cancel: Save runs `save`, which accepts the dialog only when all is valid."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)


def name_from_labels(form: QFormLayout) -> None:
    """Each field of `form` named by its row's label, unless named already: a screen reader otherwise says a
    combo box's current value ("TR") instead of what it is for ("Default region")."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None:
            continue
        text, widget = label.widget(), field.widget()
        if (
            isinstance(text, QLabel)
            and isinstance(widget, QWidget)
            and text.text()
            and not widget.accessibleName()
        ):
            widget.setAccessibleName(text.text().replace("&", ""))
