"""The `ccs-desktop` command as scripts and agents use it: real processes, the simulator, the private keyring."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys

import keyring
import pytest

from ccs_desktop.core.credentials import SERVICE, account_name
from tests.helpers import REPO, cli_env, run_cli

WIDE = ("--from", "2020-01-01 00:00:00", "--to", "2099-12-31 23:59:59")
# Logging in stores the app_token: these tests use the private gnome-keyring (tests/support/keyring.py).
pytestmark = pytest.mark.usefixtures("private_keyring")


def assert_one_line_error(result: subprocess.CompletedProcess, code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("ccs-desktop: ")
    return lines[0]


def login(sim, **extra) -> subprocess.CompletedProcess:
    env = cli_env(sim, CCS_APP_TOKEN=sim.app_token, **extra)
    return run_cli("login", env=env)


def test_login_keeps_secrets_only_in_the_keyring(simulator, user_dirs):
    result = login(simulator)
    assert result.returncode == 0, result.stderr
    assert f"as {simulator.email}" in result.stdout
    account = account_name(simulator.base_url, simulator.email)
    assert keyring.get_password(SERVICE, f"app_token:{account}") == simulator.app_token
    stored = json.loads(keyring.get_password(SERVICE, f"session:{account}"))
    assert stored["session"].startswith(("ag", "ah"))
    assert stored["issued_at"] > 0
    config = (user_dirs.config / "ccs-desktop" / "config.ini").read_text()
    assert simulator.email in config
    assert user_dirs.find_secret(simulator.app_token, stored["session"]) == []
    assert simulator.app_token not in result.stdout + result.stderr
    assert simulator.functions() == ["ping", "login"]


def test_commands_log_in_by_themselves_and_never_print_secrets(simulator, user_dirs):
    assert login(simulator).returncode == 0
    env = cli_env(simulator)  # no CCS_APP_TOKEN: it comes from the keyring now
    simulator.control("expire-sessions")
    result = run_cli("-v", "call", "0532 123 45 61", "--json", env=env)
    assert result.returncode == 0, result.stderr
    account = account_name(simulator.base_url, simulator.email)
    session = json.loads(keyring.get_password(SERVICE, f"session:{account}"))["session"]
    for secret in (simulator.app_token, session):
        assert secret not in result.stdout
        assert secret not in result.stderr  # -v logs every URL, masked
    assert "app_token=***" in result.stderr or "session=***" in result.stderr
    assert user_dirs.find_secret(simulator.app_token, session) == []
    # the expired session was renewed once and stored again
    assert simulator.functions()[-3:] == ["click2call", "login", "click2call"]


def test_call_json_contract(simulator):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    result = run_cli("call", "+90 (532) 123-4561", "--json", env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"call_id", "number", "transaction_id"}
    assert data["number"] == "+905321234561"
    sent = [e["params"] for e in simulator.requests_log() if e["function"] == "click2call"]
    assert len(sent) == 1
    assert sent[0]["phonenumber"] == "05321234561"  # national is the default dial format
    assert sent[0]["transactionid"] == data["transaction_id"]
    # plain output is the call id alone, usable in scripts
    result = run_cli("call", "5321234562", "--dial-format", "e164", env=env)
    assert result.returncode == 0
    assert result.stdout.strip()
    assert "\n" not in result.stdout.strip()
    assert simulator.requests_log()[-1]["params"]["phonenumber"] == "+905321234562"


@pytest.mark.parametrize("number", ["12", "not a number", "0532 123"])
def test_bad_number_exits_2_with_nothing_sent(simulator, number):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    result = run_cli("call", number, env=env)
    assert "phone number" in assert_one_line_error(result, 2)
    assert simulator.functions() == []


@pytest.mark.parametrize(
    "args",
    [
        ("--from", "yesterday", "--to", "2026-01-01 00:00:00"),
        ("--from", "2026-13-01 00:00:00", "--to", "2026-12-01 00:00:00"),
        ("--from", "2026-02-01", "--to", "2026-01-01"),
        ("--to", "2026-01-01"),
        ("--from", "0999-01-01", "--to", "2026-01-01"),
        ("--from", "1899-12-31 23:59:59", "--to", "2026-01-01"),
        ("--call-id", "abc", "--to", "0001-01-01"),
        ("--call-id", "abc", "--from", "1899-12-31"),
    ],
)
def test_bad_dates_exit_2_with_nothing_sent(simulator, args):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    line = assert_one_line_error(run_cli("calls", *args, env=env), 2)
    if any(a.startswith(("0", "18")) for a in args):
        assert "before 1900" in line
    assert simulator.functions() == []


@pytest.mark.parametrize(
    "link",
    [
        "tel:+905321234561",
        "TEL:+90-532-123-45-61",
        "callto:05321234561",
        "sip:+905321234561@pbx.example;user=phone",
    ],
)
def test_call_takes_the_links_the_window_takes(simulator, link):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    result = run_cli("call", link, "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["number"] == "+905321234561"
    sent = [e["params"] for e in simulator.requests_log() if e["function"] == "click2call"]
    assert [p["phonenumber"] for p in sent] == ["05321234561"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_tenant_exits_4():
    env = cli_env(
        None, CCS_TENANT=f"http://127.0.0.1:{free_port()}", CCS_EMAIL="a@b.c", CCS_APP_TOKEN="agTOKEN123"
    )
    line = assert_one_line_error(run_cli("login", env=env), 4)
    assert "agTOKEN123" not in line
    assert_one_line_error(run_cli("calls", *WIDE, env=env), 4)


def test_call_to_an_unreachable_tenant_says_it_was_not_placed():
    env = cli_env(
        None, CCS_TENANT=f"http://127.0.0.1:{free_port()}", CCS_EMAIL="a@b.c", CCS_APP_TOKEN="agTOKEN123"
    )
    line = assert_one_line_error(run_cli("call", "05321234561", env=env), 4)
    assert "connection refused" in line and "was not placed" in line
    assert "may have been placed" not in line


def test_wrong_token_exits_3(simulator, user_dirs):
    env = cli_env(simulator, CCS_APP_TOKEN="agWRONGTOKEN")
    line = assert_one_line_error(run_cli("login", env=env), 3)
    assert "agWRONGTOKEN" not in line
    assert not (user_dirs.config / "ccs-desktop" / "config.ini").exists()
    assert_one_line_error(run_cli("calls", *WIDE, env=env), 3)


def test_unknown_agent_exits_3(simulator):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token, CCS_EMAIL="nobody@example.com")
    assert "nobody@example.com" in assert_one_line_error(run_cli("login", env=env), 3)


def test_not_logged_in_exits_2(simulator):
    env = cli_env(None)
    assert "login" in assert_one_line_error(run_cli("call", "05321234561", env=env), 2)
    assert "login" in assert_one_line_error(run_cli("hangup", env=env), 2)
    assert simulator.functions() == []


def test_login_without_a_token_refuses_argv_and_asks_nothing(simulator):
    env = cli_env(simulator)
    assert "CCS_APP_TOKEN" in assert_one_line_error(run_cli("login", env=env, stdin=""), 2)
    result = run_cli("login", "--app-token", "x", env=env)
    assert result.returncode == 2  # there is no such option: tokens never go on the command line


def test_logout_deletes_token_and_session(simulator):
    assert login(simulator).returncode == 0
    env = cli_env(simulator)
    result = run_cli("logout", env=env)
    assert result.returncode == 0, result.stderr
    account = account_name(simulator.base_url, simulator.email)
    assert keyring.get_password(SERVICE, f"app_token:{account}") is None
    assert keyring.get_password(SERVICE, f"session:{account}") is None
    assert "app_token" in assert_one_line_error(run_cli("call", "05321234561", env=env), 2)
    assert run_cli("logout", env=env).returncode == 0  # twice is fine


def test_calls_formats(simulator):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    as_json = run_cli("calls", *WIDE, "--format", "json", env=env)
    assert as_json.returncode == 0, as_json.stderr
    records = json.loads(as_json.stdout)
    assert len(records) == 200  # the fixture's seed_calls
    assert {"callid", "calldate", "callerid", "called_num", "answered"} <= set(records[0])
    assert [r["calldate"] for r in records] == sorted((r["calldate"] for r in records), reverse=True)

    as_csv = run_cli("calls", *WIDE, "--format", "csv", "--sort", "asc", env=env)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 200
    assert rows[0]["callid"] == records[-1]["callid"]
    assert set(records[0]) <= set(rows[0])

    table = run_cli("calls", *WIDE, env=env)
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["Date", "Dir", "From"]
    assert len(lines) == 201


def test_calls_number_filter_matches_any_format(simulator):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    records = json.loads(run_cli("calls", *WIDE, "--format", "json", env=env).stdout)
    target = next(r for r in records if r["callerid"].replace("+", "").startswith(("05", "905")))
    digits = "".join(ch for ch in target["callerid"] if ch.isdigit())[-10:]
    expected = {
        r["callid"]
        for r in records
        if any("".join(c for c in r[k] if c.isdigit()).endswith(digits) for k in ("callerid", "called_num"))
    }
    for written in (f"0{digits}", f"+90 {digits[:3]} {digits[3:6]} {digits[6:]}", f"90{digits}"):
        found = json.loads(run_cli("calls", *WIDE, "--number", written, "--format", "json", env=env).stdout)
        assert {r["callid"] for r in found} == expected


def test_calls_by_call_id_follows_a_placed_call(simulator):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    placed = json.loads(run_cli("call", "05321234561", "--json", env=env).stdout)
    import time

    deadline = time.monotonic() + 10
    found: list = []
    while not found and time.monotonic() < deadline:
        result = run_cli("calls", "--call-id", placed["call_id"], "--format", "json", env=env)
        assert result.returncode == 0, result.stderr
        found = json.loads(result.stdout)
    assert len(found) == 1
    assert found[0]["uniqueid"] == placed["transaction_id"]
    assert found[0]["answered"] is True


def test_hangup_hold_unhold(long_calls):
    simulator = long_calls
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    result = run_cli("hangup", env=env)
    assert "No active call" in assert_one_line_error(result, 4)
    assert run_cli("call", "05321234561", env=env).returncode == 0
    import time

    deadline = time.monotonic() + 5
    while simulator.state()["live_calls"][0]["state"] != "talking" and time.monotonic() < deadline:
        time.sleep(0.02)
    for command in ("hold", "unhold", "hangup"):
        result = run_cli(command, env=env)
        assert result.returncode == 0, (command, result.stderr)
    assert simulator.functions()[-3:] == ["click2hold", "click2unhold", "click2hang"]


def test_help_and_version():
    env = cli_env(None)
    result = run_cli("--help", env=env)
    assert result.returncode == 0
    for command in (
        "login",
        "logout",
        "call",
        "hangup",
        "hold",
        "unhold",
        "calls",
        "simulator",
        "install-desktop-integration",
        "--minimized",
    ):
        assert command in result.stdout
    version = run_cli("--version", env=env)
    assert version.stdout.startswith("ccs-desktop ")


def test_non_gui_commands_import_no_qt(simulator):
    code = (
        "import sys\n"
        "from ccs_desktop.cli import main\n"
        "codes = [main(['call', '05321234561', '--json']), main(['hangup']),"
        " main(['calls', '--from', '2020-01-01', '--to', '2099-01-01', '--format', 'csv']), main(['logout']),"
        " main(['install-desktop-integration']), main(['install-desktop-integration', '--uninstall'])]\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print('RESULT', codes, qt, file=sys.stderr)\n"
    )
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.stderr.strip().splitlines()[-1] == "RESULT [0, 0, 0, 0, 0, 0] []", result.stderr


def test_slow_listings_show_progress_on_stderr(simulator):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    simulator.fault("delay", count=3, function="reportsCDRLogs", seconds=0.6)
    result = run_cli("calls", *WIDE, "--format", "csv", env=env)
    assert result.returncode == 0, result.stderr
    assert "Fetched 200 call records in" in result.stderr
    assert result.stdout.count("\n") == 201  # header + rows: progress never mixes into the data
    quick = run_cli("calls", *WIDE, "--format", "csv", env=env)
    assert quick.stderr == ""
