"""The calls model on its own: rows in and out without re-sorting, in every sort order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ccs_desktop.core.calls.rows import CallRow
from ccs_desktop.ui.calls_model import QUEUE, CallRecordsModel

pytestmark = pytest.mark.gui


def row(callid: str, calldate: str, queue: str) -> CallRow:
    return CallRow(callid, calldate, True, "05321234567", "5321234567", True, 60, 5, queue, "Ali", "")


@pytest.mark.parametrize("column", [0, QUEUE])
def test_a_provisional_row_leaves_without_disturbing_the_others(qapp, qtbot, column):
    model = CallRecordsModel()
    model.reset_rows(
        [
            row("a", "2026-11-25 10:00:00", "Satış"),
            row("tx", "2026-11-25 11:00:00", "Destek"),
            row("c", "2026-11-25 12:00:00", "Bilgi"),
            row("d", "2026-11-25 13:00:00", "Satış"),
        ],
        {},
        {},
    )
    model.sort(column, Qt.SortOrder.DescendingOrder)
    before = [r.callid for r in model.visible_rows()]
    with qtbot.waitSignal(model.rowsRemoved, timeout=1000):
        model.remove("tx")
    assert [r.callid for r in model.visible_rows()] == [c for c in before if c != "tx"]
    assert model.find("tx") is None and model.find("d").queue == "Satış" and model.total() == 3
    model.merge([row("e", "2026-11-25 14:00:00", "Destek")])  # positions after the removal still line up
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [r.callid for r in model.visible_rows()] == ["e", "d", "c", "a"]
