"""The CLI's inputs and outputs that reach other programs: numbers with letters, and CSV opened in spreadsheets."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest

from ccs_desktop.core.paths import config_file
from ccs_desktop.core.settings import OPTIONS, Settings
from tests.helpers import cli_env, run_cli
from tests.test_cli import assert_one_line_error

# Some of these log in, which stores the app_token: the private gnome-keyring (tests/support/keyring.py).
pytestmark = pytest.mark.usefixtures("private_keyring")

FORMULAS = ['=HYPERLINK("http://evil.example/","click")', "+cmd|' /C calc'!A0", "-2+3+cmd|x", "@SUM(1+1)"]


def test_calls_csv_guards_formula_caller_ids(simulator):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    callids = [simulator.control("incoming", {"callerid": caller})["callid"] for caller in FORMULAS]
    deadline = time.monotonic() + 20
    rows: list[dict[str, str]] = []
    while len(rows) < len(callids) and time.monotonic() < deadline:
        rows = []
        for callid in callids:
            result = run_cli("calls", "--call-id", callid, "--format", "csv", env=env)
            assert result.returncode == 0, result.stderr
            rows += list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(row["callerid"] for row in rows) == sorted("'" + caller for caller in FORMULAS)
    for row in rows:
        assert not [v for v in row.values() if v.startswith(("=", "+", "-", "@", "\t", "\r"))], row
    # JSON is for programs, not spreadsheets: it keeps the value as CCS sent it
    found = json.loads(run_cli("calls", "--call-id", callids[0], "--format", "json", env=env).stdout)
    assert found[0]["callerid"] == FORMULAS[0]


def test_letters_in_a_number_exit_2_and_nothing_is_dialled(simulator):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    message = assert_one_line_error(run_cli("call", "0532 ABC 45 67", env=env), 2)
    assert "letters" in message and "keypad_letters" in message
    assert "click2call" not in simulator.functions()


def test_keypad_letters_setting_dials_letters_as_digits(simulator):
    assert OPTIONS["keypad_letters"].default is False
    settings = Settings(config_file())
    settings.set("keypad_letters", True)
    settings.save()
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    result = run_cli("call", "0532 ABC 45 67", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["number"] == "+905322224567"
    sent = [e["params"] for e in simulator.requests_log() if e["function"] == "click2call"]
    assert [p["phonenumber"] for p in sent] == ["05322224567"]
