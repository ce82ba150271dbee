"""The one spreadsheet guard, and every CSV writer of core using it."""

from __future__ import annotations

import csv

import pytest

from ccs_desktop.core.spreadsheet import spreadsheet_safe, unguard

DANGEROUS = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_leads_are_quoted_and_unguard_undoes_it(value):
    assert spreadsheet_safe(value) == "'" + value
    assert unguard(spreadsheet_safe(value)) == value


@pytest.mark.parametrize("value", ["", "Ahmet", "05321234567", "'quoted already", "a=b", " =1"])
def test_plain_values_pass_unchanged(value):
    assert spreadsheet_safe(value) == value
    assert unguard(value) == value


def test_calls_export_guards_every_cell(tmp_path):
    from ccs_desktop.core.api.records import CallRecord
    from ccs_desktop.core.calls.export import export_calls_csv
    from ccs_desktop.core.calls.rows import CallRow

    row = CallRow(
        callid="c1",
        calldate="2026-12-01 10:00:00",
        inbound=True,
        number="\t=HYPERLINK(1)",
        party="1",
        answered=True,
        duration=None,
        wait=None,
        queue="\r=cmd",
        agent="@agent",
        recording="",
    )
    record = CallRecord.from_api({"callid": "c1", "callerid": "+cmd|x", "called_num": "-1"})
    export_calls_csv(tmp_path / "calls.csv", [row], {"c1": record}, {}, {})
    with (tmp_path / "calls.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for cell in rows[1] if cell]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))], cells
    assert "'\t=HYPERLINK(1)" in cells and "'+cmd|x" in cells
