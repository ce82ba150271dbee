"""Small widgets the dialogs share, so an inline error looks the same everywhere."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_STYLE = "color: #cf222e"
OK_STYLE = "color: #1a7f37"


def error_label() -> QLabel:
    """A wrapped red label shown next to what went wrong; empty (and hidden by the caller) when all is well."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label
