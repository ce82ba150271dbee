"""The settings dialog's phone-links row: the real xdg-mime, asked from the task runner, on a temporary home."""

from __future__ import annotations

import pytest

from ccs_desktop import APP_ID
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.ui.dialogs.settings import SettingsDialog
from tests.core.test_desktop import isolate_desktop, other_dialer, query, set_default

pytestmark = pytest.mark.gui


def test_the_row_names_the_other_app_and_takes_the_links(qtbot, tmp_path, monkeypatch, user_dirs):
    isolate_desktop(tmp_path, monkeypatch)
    set_default(other_dialer(user_dirs), "tel")
    runner = TaskRunner()
    dialog = SettingsDialog(Settings(tmp_path / "config.ini"), runner=runner)
    qtbot.addWidget(dialog)
    row = dialog.phone_links
    assert row is not None
    qtbot.waitUntil(lambda: "other-dialer" in row.status.text(), timeout=10_000)
    assert row.button.isEnabled()

    row.button.click()
    assert not row.button.isEnabled()  # no second click while xdg-mime runs
    qtbot.waitUntil(lambda: "ccs-desktop opens phone links" in row.status.text(), timeout=30_000)
    assert not row.button.isEnabled()
    assert query("tel") == query("callto") == query("sip") == f"{APP_ID}.desktop"
    runner.shutdown(wait=True)


def test_without_a_runner_there_is_no_row(qtbot, tmp_path):
    dialog = SettingsDialog(Settings(tmp_path / "config.ini"))
    qtbot.addWidget(dialog)
    assert dialog.phone_links is None
