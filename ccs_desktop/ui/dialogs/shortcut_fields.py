"""The settings dialog's global-shortcut row: whether the desktop offers them, on/off, and the keys of each."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QFormLayout, QKeySequenceEdit, QLabel, QWidget

from ccs_desktop.core.hotkeys import GLOBAL_ACTIONS
from ccs_desktop.core.settings import Settings


class GlobalShortcutFields(QWidget):
    """`state`: the global shortcuts' state in words (services/global_shortcuts.py availability_text)."""

    def __init__(self, settings: Settings, state: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_label = QLabel(state)
        self.state_label.setWordWrap(True)
        self.enabled = QCheckBox(
            self.tr("Use global shortcuts (they work while another program is in front)")
        )
        self.enabled.setChecked(settings.get_bool("global_shortcuts"))
        labels = {
            "call-selection": self.tr("Call the selected or copied number"),
            "hang-up": self.tr("Hang up"),
        }
        self.edits: dict[str, QKeySequenceEdit] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.state_label)
        form.addRow(self.enabled)
        for name, option in GLOBAL_ACTIONS.items():
            edit = QKeySequenceEdit(QKeySequence(settings.get_str(option)))
            edit.setMaximumSequenceLength(1)  # one chord: no platform registers "Ctrl+K, Ctrl+D"
            edit.setClearButtonEnabled(True)  # empty: this one is off
            edit.setAccessibleName(labels[name])
            edit.setToolTip(self.tr("Press the keys; clear to turn this one off."))
            self.edits[name] = edit
            form.addRow(labels[name], edit)
        self.enabled.toggled.connect(self._enable)
        self._enable(self.enabled.isChecked())

    def _enable(self, on: bool) -> None:
        for edit in self.edits.values():
            edit.setEnabled(on)

    def values(self) -> dict[str, object]:
        """The settings these fields stand for (checked when the dialog saves them)."""
        values: dict[str, object] = {"global_shortcuts": self.enabled.isChecked()}
        for name, option in GLOBAL_ACTIONS.items():
            values[option] = self.edits[name].keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        return values
