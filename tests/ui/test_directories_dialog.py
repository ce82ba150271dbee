"""Settings → Directories with the real controller (synchronous runner), real SQLite and a real HTTP server: add a
source, see its count and last sync, see a failure in words with the copy kept, test, sync and remove it."""

from __future__ import annotations

import json

import pytest

from ccs_desktop.core.directories.config import DirectoryConfig, save_config
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.directories import DirectoriesController
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.stores import Stores
from ccs_desktop.ui.dialogs.directories import DirectoriesDialog
from ccs_desktop.ui.dialogs.settings import SettingsDialog
from tests.support.http_files import Reply

DIRECTORY = {
    "items": [{"name": "Ayşe Demir", "number": "0532 123 45 67"}, {"name": "Santral", "number": "2145"}]
}


@pytest.fixture
def controller(qapp, sync_runner, tmp_path):
    stores = Stores(demo=False, region=lambda: "TR")
    secrets: dict[str, str] = {}
    directories = DirectoriesController(
        sync_runner,
        MessageBus(),
        Settings(tmp_path / "config.ini"),
        stores,
        clock=lambda: 1_800_000_000.0,
        secret=lambda c: secrets.get(c.name, ""),
        keep_secret=lambda name, s: secrets.__setitem__(name, s) if s else secrets.pop(name, None),
    )
    directories.secrets = secrets  # type: ignore[attr-defined]
    yield directories
    stores.close()


def cells(dialog: DirectoriesDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_add_sync_fail_and_remove_from_the_page(qtbot, controller, file_server):
    file_server.routes["/dir.json"] = Reply(200, json.dumps(DIRECTORY), {"Content-Type": "application/json"})
    dialog = DirectoriesDialog(controller)
    qtbot.addWidget(dialog)
    assert cells(dialog) == []
    form = dialog.edit(None)
    form.name.setText("Rehber")
    form.kind.setCurrentIndex(form.kind.findData("url"))
    form.url.setText(file_server.url("/dir.json"))
    form.user.setText("it")
    form.password.setText("s3cret")
    assert not form.form.isRowVisible(form.base)  # LDAP-only fields are hidden for a URL
    form.test_button.click()
    assert form.result.text() == "The directory file answered with 2 entries."
    form.save()
    assert controller.secrets == {"Rehber": "s3cret"}
    row = cells(dialog)[0]
    assert row[:4] == ["Rehber", "Directory URL", "10", "2"] and row[4] and row[5] == "OK"

    file_server.stop()
    dialog.table.selectRow(0)
    dialog.sync_button.click()
    row = cells(dialog)[0]
    assert row[3] == "2" and "failed: Cannot reach 127.0.0.1: connection refused." in row[5]
    assert (
        dialog.message.text()
        == "Rehber: Cannot reach 127.0.0.1: connection refused. The last good copy is kept."
    )

    dialog.table.selectRow(0)
    dialog.remove_button.click()
    assert cells(dialog) == [] and controller.secrets == {}


def test_a_crm_look_up_is_listed_as_asked_per_number(qtbot, controller):
    save_config(
        controller.settings, DirectoryConfig("CRM", "crm", "https://crm.example.com/api/lookup?phone={e164}")
    )
    dialog = DirectoriesDialog(controller)
    qtbot.addWidget(dialog)
    assert cells(dialog) == [["CRM", "CRM look-up", "10", "", "", "asked per unknown number"]]
    dialog.table.selectRow(0)
    assert not dialog.sync_button.isEnabled()  # nothing to sync
    form = dialog.edit(dialog.selected())
    assert form.form.isRowVisible(form.name_key) and not form.form.isRowVisible(form.user)


def test_the_settings_dialog_opens_the_page(qtbot, controller):
    settings = SettingsDialog(controller.settings, directories=controller)
    qtbot.addWidget(settings)
    assert settings.directories_button.isVisibleTo(settings)
    page = settings.open_directories(controller)
    assert isinstance(page, DirectoriesDialog)
    without = SettingsDialog(controller.settings)
    qtbot.addWidget(without)
    assert not without.directories_button.isVisibleTo(without)
