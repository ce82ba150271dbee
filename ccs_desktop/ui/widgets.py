"""Small widgets the dialogs share, so an inline error looks the same everywhere."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

ERROR_STYLE = "color: #cf222e"
OK_STYLE = "color: #1a7f37"


def error_label() -> QLabel:
    """A wrapped red label shown next to what went wrong; empty (and hidden by the caller) when all is well."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
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
