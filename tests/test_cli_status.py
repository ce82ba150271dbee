"""`ccs-desktop status`, `status set` and `live` as scripts use them: real processes, the simulator's v1 API,
the private keyring; and the plain words for a user with "Restrict Manual Calls"."""

from __future__ import annotations

import json
import subprocess
import time

import keyring
import pytest

from ccs_desktop.cli.status import STATUS_NAMES
from ccs_desktop.core.api.statuses import STATUSES
from ccs_desktop.core.credentials import SERVICE, account_name
from tests.helpers import SimHandle, cli_env, run_cli

# Logging in stores the app_token: these tests use the private gnome-keyring (tests/support/keyring.py).
pytestmark = pytest.mark.usefixtures("private_keyring")


def one_line_error(result: subprocess.CompletedProcess, code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ccs-desktop: ")
    return lines[0]


def wait_for(predicate, timeout: float = 5.0) -> object:
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        assert time.monotonic() < deadline, f"condition not met within {timeout} s"
        time.sleep(0.02)
    return value


def env_of(sim: SimHandle) -> dict[str, str]:
    return cli_env(sim, CCS_APP_TOKEN=sim.app_token)


def test_the_cli_offers_the_statuses_the_client_knows():
    assert STATUS_NAMES == STATUSES  # repeated in the CLI so that --help imports nothing


def test_status_prints_the_agents_status(simulator: SimHandle):
    env = env_of(simulator)
    result = run_cli("status", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"status": "available"}
    plain = run_cli("status", env=env)
    assert (plain.returncode, plain.stdout) == (0, "available\n")
    v1 = [e for e in simulator.requests_log() if e["function"].startswith("v1/")]
    assert {e["function"] for e in v1} == {"v1/agent/get_agents_status"}
    assert all(e["headers"] == ["app_token", "tenant"] and e["params"] == {} for e in v1)


def test_status_set_round_trip(simulator: SimHandle):
    env = env_of(simulator)
    result = run_cli("status", "set", "lunch", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Agent status set to lunch"  # CCS's own message
    assert json.loads(run_cli("status", "--json", env=env).stdout) == {"status": "lunch"}
    result = run_cli("status", "--json", "set", "Training", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"status": "training"}
    result = run_cli("status", "set", "meeting", "--json", env=env)
    assert json.loads(result.stdout) == {"status": "meeting"}
    assert run_cli("status", env=env).stdout == "meeting\n"


@pytest.mark.parametrize("status", ["napping", "on-call", "talking"])
def test_status_set_unknown_exits_2_with_nothing_sent(simulator: SimHandle, status):
    line = one_line_error(run_cli("status", "set", status, env=env_of(simulator)), 2)
    assert repr(status) in line
    assert "available, backoffice, aftercallwork" in line
    assert simulator.functions() == []  # not even a login


def test_status_set_refused_during_a_call_exits_4_with_ccs_message(long_calls: SimHandle):
    long_calls.sim.start_inbound_call("05321112233")
    wait_for(lambda: [c for c in long_calls.state()["live_calls"] if c["state"] == "talking"])  # rings 0.2 s
    line = one_line_error(run_cli("status", "set", "lunch", env=env_of(long_calls)), 4)
    assert "Agent status cannot be changed while the agent is talking" in line
    result = run_cli("status", "--json", env=env_of(long_calls))
    assert json.loads(result.stdout) == {"status": "talking"}


def test_live_lists_the_agents_calls_with_their_keys(long_calls: SimHandle):
    env = env_of(long_calls)
    empty = run_cli("live", "--json", env=env)
    assert (empty.returncode, json.loads(empty.stdout)) == (0, [])
    assert run_cli("live", env=env).stdout == "No live calls.\n"
    callid = long_calls.sim.start_inbound_call("0532 111 22 33")
    result = run_cli("live", "--json", env=env)
    assert result.returncode == 0, result.stderr
    [call] = json.loads(result.stdout)
    assert set(call) == {
        "key",
        "callid",
        "callerid",
        "called_num",
        "queue",
        "inbound",
        "status",
        "calldate",
        "talkdate",
    }
    assert call["key"] == callid
    assert call["inbound"] is True
    assert call["callerid"] == "0532 111 22 33"
    assert call["status"] in ("ringing", "talking")
    plain = run_cli("live", env=env).stdout.strip().split("\t")
    assert plain[0] == callid
    assert plain[2:] == ["inbound", "0532 111 22 33", "Destek"]


def test_live_renews_an_expired_session_and_never_prints_secrets(simulator: SimHandle, user_dirs):
    env = cli_env(simulator, CCS_APP_TOKEN=simulator.app_token)
    assert run_cli("login", env=env).returncode == 0
    env = cli_env(simulator)  # the app_token comes from the keyring now
    simulator.control("expire-sessions")
    simulator.clear_log()
    result = run_cli("-v", "live", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert simulator.functions() == ["v1/activecall/user", "login", "v1/activecall/user"]
    account = account_name(simulator.base_url, simulator.email)
    session = json.loads(keyring.get_password(SERVICE, f"session:{account}"))["session"]
    for secret in (simulator.app_token, session):
        assert secret not in result.stdout + result.stderr
    assert "session=***" in result.stderr  # -v logs the URL, masked
    assert user_dirs.find_secret(simulator.app_token, session) == []


def test_a_restricted_user_is_told_plainly(simulator: SimHandle):
    simulator.control("restrict-manual-calls", {"email": simulator.email})
    line = one_line_error(run_cli("call", "05321234561", env=env_of(simulator)), 4)
    assert line == "ccs-desktop: Your CCS user may not place manual calls; ask your CCS administrator."


def test_turkish(simulator: SimHandle):
    env = {**env_of(simulator), "LANG": "tr_TR.UTF-8"}
    simulator.control("restrict-manual-calls", {"email": simulator.email})
    line = one_line_error(run_cli("call", "05321234561", env=env), 4)
    assert "CCS kullanıcınız manuel arama yapamaz" in line
    assert run_cli("live", env=env).stdout == "Canlı çağrı yok.\n"
    assert "canlı çağrılarını" in run_cli("--help", env=env).stdout
