"""The calls export's separator: `;` (with the BOM Excel needs) where the locale writes decimals with a comma, `,`
elsewhere, chosen in the save dialog's file type and changeable there; every row shown is written."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from ccs_desktop.core.api.records import CallRecord
from ccs_desktop.core.calls.cache import account_key
from ccs_desktop.core.calls.export import export_calls_csv
from ccs_desktop.core.calls.rows import CallRow
from ccs_desktop.core.settings import Settings
from ccs_desktop.core.spreadsheet import excel_delimiter
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.contacts import ContactsController
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.stores import Stores
from ccs_desktop.ui.calls_model import CallRecordsModel
from ccs_desktop.ui.data_files import DataFiles

pytestmark = pytest.mark.gui
ME = account_key("acme.example", "deniz@acme.example")


@pytest.fixture
def files(qapp, qtbot, sync_runner, tmp_path) -> Iterator[DataFiles]:
    bus = MessageBus()
    stores = Stores(demo=False, region=lambda: "TR")
    model = CallRecordsModel()
    history = CallHistory(sync_runner, model, stores.calls, stores.names_for, CallTracker(), bus)
    stores.calls().store(
        ME,
        [
            CallRecord.from_api(
                {
                    "callid": f"c{i}",
                    "calldate": f"2026-12-0{i} 10:00:00",
                    "inbound": True,
                    "answered": True,
                    "callerid": "05321234567",
                    "queue": "Destek; Satış",
                    "duration": 90,
                    "cost": "1,25",
                }
            )
            for i in range(1, 4)
        ],
    )
    history.account = ME
    history.open_period("custom", date(2026, 12, 1), date(2026, 12, 31))
    assert model.rowCount() == 3
    controller = ContactsController(sync_runner, bus, Settings(tmp_path / "c.ini"), stores, history)
    window = QWidget()
    qtbot.addWidget(window)
    before = QLocale()
    yield DataFiles(controller, window)
    QLocale.setDefault(before)
    stores.close()


def export_with(files: DataFiles, path, switch_to: str | None = None) -> list[str]:
    files.choose_calls_export()
    dialog = files.calls_dialog
    assert dialog is not None and dialog.isVisible()
    if switch_to is not None:
        dialog.selectNameFilter(next(f for f in dialog.nameFilters() if f.startswith(switch_to)))
    dialog.selectFile(str(path))
    dialog.accept()
    return path.read_bytes().decode("utf-8").splitlines()


def test_turkish_locale_gets_semicolons_and_a_bom(files, tmp_path):
    QLocale.setDefault(QLocale("tr_TR"))
    lines = export_with(files, tmp_path / "calls.csv")
    assert files.calls_dialog.selectedNameFilter().startswith("CSV for Excel (;)")
    assert lines[0].startswith("\ufeffTime;Direction;Number;")
    rows = list(csv.reader([line.lstrip("\ufeff") for line in lines], delimiter=";"))
    assert len(rows) == 4  # the header and every call shown
    assert {r[rows[0].index("Queue")] for r in rows[1:]} == {"Destek; Satış"}  # quoted, not split
    assert {r[rows[0].index("cost")] for r in rows[1:]} == {"1,25"}


def test_an_english_locale_gets_commas_and_the_agent_can_switch(files, tmp_path):
    QLocale.setDefault(QLocale("en_US"))
    lines = export_with(files, tmp_path / "calls.csv")
    assert files.calls_dialog.selectedNameFilter().startswith("CSV (,)")
    assert lines[0].lstrip("\ufeff").startswith("Time,Direction,Number,")
    lines = export_with(files, tmp_path / "excel.csv", switch_to="CSV for Excel")
    assert lines[0].lstrip("\ufeff").startswith("Time;Direction;Number;")
    assert len(lines) == 4


def test_the_delimiter_follows_the_decimal_separator():
    assert excel_delimiter(QLocale("tr_TR").decimalPoint()) == ";"
    assert excel_delimiter(QLocale("de_DE").decimalPoint()) == ";"
    assert excel_delimiter(QLocale("en_US").decimalPoint()) == ","


def test_every_row_is_written_even_without_its_full_record(tmp_path):
    rows = [
        CallRow("a", "2026-12-01 10:00:00", True, "=cmd", "", False, None, None, "Q", "", ""),
        CallRow("b", "2026-12-01 11:00:00", False, "05321234567", "5321234567", True, 30, 2, "Q", "", ""),
    ]
    out = tmp_path / "x.csv"
    assert export_calls_csv(out, rows, {}, {}, {}, delimiter=";") == 2
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    body = list(csv.reader(text.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert [line[2] for line in body[1:]] == ["'=cmd", "05321234567"]
