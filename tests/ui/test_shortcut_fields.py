"""The settings dialog's global shortcuts: the state in words, the keys as Qt's portable text, off, and a key no
platform could take refused in place."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from ccs_desktop.core.settings import Settings
from ccs_desktop.ui.dialogs.settings import SettingsDialog


def dialog(qtbot, settings: Settings) -> SettingsDialog:
    shown = SettingsDialog(settings, shortcuts_state="Not offered by this desktop")
    qtbot.addWidget(shown)
    return shown


def test_keys_are_saved_and_an_empty_one_is_off(qtbot, tmp_path):
    settings = Settings(tmp_path / "c.ini")
    shown = dialog(qtbot, settings)
    assert shown.shortcut_fields.state_label.text() == "Not offered by this desktop"
    assert shown.shortcut_fields.edits["hang-up"].keySequence().toString() == "Ctrl+Alt+Shift+H"
    shown.shortcut_fields.edits["call-selection"].setKeySequence(QKeySequence("Meta+Alt+K"))
    shown.shortcut_fields.edits["hang-up"].clear()
    shown._save()
    assert shown.result() == SettingsDialog.DialogCode.Accepted
    assert settings.get_str("shortcut_call_selection") == "Alt+Meta+K"
    assert settings.get_str("shortcut_hang_up") == ""


def test_turning_them_off_disables_the_keys(qtbot, tmp_path):
    settings = Settings(tmp_path / "c.ini")
    shown = dialog(qtbot, settings)
    shown.shortcut_fields.enabled.setChecked(False)
    assert not shown.shortcut_fields.edits["hang-up"].isEnabled()
    shown._save()
    assert settings.get_bool("global_shortcuts") is False


def test_a_key_without_ctrl_alt_or_logo_is_refused_in_place(qtbot, tmp_path):
    settings = Settings(tmp_path / "c.ini")
    shown = dialog(qtbot, settings)
    shown.shortcut_fields.edits["hang-up"].setKeySequence(QKeySequence("Shift+H"))
    shown._save()
    assert "cannot be a global shortcut" in shown.error.text()
    assert settings.get_str("shortcut_hang_up") == "Ctrl+Alt+Shift+H"
