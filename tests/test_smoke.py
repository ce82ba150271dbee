"""`ccs-desktop --demo --smoke` end to end: the real app in a subprocess, offscreen, with its own simulator."""

from __future__ import annotations

import json
import os

import pytest

from ccs_desktop.core.api import CcsClient, StoredSession, resolve_tenant
from ccs_desktop.core.credentials import CredentialStore
from ccs_desktop.core.paths import config_file
from ccs_desktop.core.settings import Settings
from ccs_desktop.core.softphone import DEMO_TEMPLATE
from ccs_desktop.services.instance import InstanceServer
from ccs_desktop.simulator import Simulator
from tests.helpers import cli_env, run_cli, start_simulator

pytestmark = [pytest.mark.e2e, pytest.mark.webengine]


def test_demo_smoke_prints_its_figures_and_exits_0(user_dirs):
    env = cli_env(None, QT_QPA_PLATFORM="offscreen")
    result = run_cli("--demo", "--smoke", "--verbose", env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    # requested before the window was built, with the simulator's first session, which the session then used:
    # loaded once (web/early_page.py)
    assert result.stderr.count("loading the softphone from") == 1, result.stderr[-3000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert 0 < figures["softphone_loaded_s"] <= figures["ready_s"] < 60
    assert figures["calls"] > 0
    assert figures["contacts"] == 18  # the demo's named customers
    assert {"imports", "window_built", "page_requested", "page_loaded", "panels_filled"} <= set(figures["marks"])
    if os.path.exists("/proc/self/smaps_rollup"):
        assert 100 < figures["pss_mib"] < 2000
    # the smoke run never overwrites the agent's window layout, and the demo never touches the real contacts
    config = user_dirs.config / "ccs-desktop" / "config.ini"
    assert not config.exists() or "[window]" not in config.read_text()
    assert not (user_dirs.data / "ccs-desktop" / "ccs-desktop.sqlite3").exists()


def test_smoke_without_a_saved_login_says_so_and_exits_1(user_dirs):
    result = run_cli("--smoke", env=cli_env(None, QT_QPA_PLATFORM="offscreen"), timeout=120)
    assert result.returncode == 1, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"error": "not logged in"}


def save_account(sim: Simulator, lifetime_hours: float = 10**9) -> None:
    """An agent's saved login: the token and a session in the keyring, the tenant in the settings. The session was
    issued in 1970: with the default lifetime it is still young (no clock needed); with a real one it is too old."""
    store = CredentialStore(sim.base_url, sim.email)
    store.save_app_token(sim.app_token)
    with CcsClient(resolve_tenant(sim.base_url)) as client:
        kept = client.login(sim.app_token, sim.email)
    store.save_session(StoredSession(kept, 1.0))
    settings = Settings(config_file())
    settings.update(
        {
            "tenant": sim.base_url,
            "email": sim.email,
            "softphone_url_template": DEMO_TEMPLATE,
            "softphone_build": "demo",
            "session_lifetime_hours": lifetime_hours,
        }
    )
    settings.save()


@pytest.mark.usefixtures("private_keyring")
def test_a_start_whose_kept_session_is_too_old_logs_in_first_and_loads_the_page_once(user_dirs):
    """The morning after a long shift: the early start must not open the page with the expired session (CCS would
    show its login, then the supervisor would load it again); the supervisor logs in and loads it once."""
    sim = start_simulator()
    try:
        save_account(sim, lifetime_hours=10)
        logins_before = sim.cc.snapshot()["sessions"]
        result = run_cli("--smoke", env=cli_env(None, QT_QPA_PLATFORM="offscreen"), timeout=120)
        assert result.returncode == 0, result.stdout[-3000:]
        assert sim.cc.snapshot()["sessions"] == logins_before + 1  # a new session
        assert sim.softphone.pages_served == 1
    finally:
        sim.stop()


@pytest.mark.usefixtures("private_keyring")
def test_a_start_while_another_instance_runs_requests_no_page(user_dirs, qapp):
    """The early page (web/early_page.py) waits for this user's one instance to be claimed: a second start must
    not open the softphone a second time (a second registration of the agent's line)."""
    sim = start_simulator()
    try:
        save_account(sim)
        other = InstanceServer()  # another window of this user
        assert other.listen()
        try:
            result = run_cli("--smoke", env=cli_env(None, QT_QPA_PLATFORM="offscreen"), timeout=120)
        finally:
            other.close()
        assert result.returncode == 1, result.stderr[-3000:]
        assert json.loads(result.stdout.strip().splitlines()[-1]) == {"error": "another instance is running"}
        assert sim.softphone.pages_served == 0
    finally:
        sim.stop()


@pytest.mark.usefixtures("private_keyring")
def test_smoke_of_a_real_start_reuses_the_kept_session_and_prints_each_milestone(user_dirs):
    """As an agent's login-time start: the token and a session in the keyring, CCS in another place (here a
    simulator thread of the test, over HTTP); the window reuses the session, no login, and says where time went."""
    sim = start_simulator()
    try:
        save_account(sim)
        sessions_before = sim.cc.snapshot()["sessions"]
        result = run_cli("--smoke", env=cli_env(None, QT_QPA_PLATFORM="offscreen"), timeout=120)
        assert result.returncode == 0, result.stdout[-3000:]
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        assert sim.cc.snapshot()["sessions"] == sessions_before  # the kept session was used: no new login
        # requested before the window was built (web/early_page.py), and adopted by the session: not loaded twice
        assert sim.softphone.pages_served == 1
    finally:
        sim.stop()
    marks = figures["marks"]
    for order in (
        ["keyring_asked", "keyring", "page_requested", "page_loaded", "panels_filled"],
        ["keyring_asked", "imports", "window_built", "session", "panels_filled"],
    ):
        assert [name for name in marks if name in order] == order, marks
    assert marks["panels_filled"] == figures["ready_s"]
    assert figures["contacts"] == 0 and figures["calls"] > 0  # a real agent's empty list, CCS's records
