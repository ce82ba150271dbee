"""Lifecycle: run() as the CLI uses it, start/stop, and a big seed."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

from ccs_desktop.simulator import Simulator, SimulatorConfig, run
from tests.simulator.conftest import WIDE, Client, fast_config

REPO = Path(__file__).resolve().parents[2]
SCRIPT = (
    "import sys; from ccs_desktop.simulator import SimulatorConfig, run; "
    "sys.exit(run(SimulatorConfig(port=0, seed_calls=50)))"
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_run_prints_one_json_line_and_exits_cleanly_on_signal(sig: signal.Signals):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with subprocess.Popen(
        [sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        line = proc.stdout.readline()
        creds = json.loads(line)
        assert set(creds) == {"base_url", "app_token", "email"}
        with requests.get(
            creds["base_url"] + "/api/",
            params={"function": "ping", "app_token": creds["app_token"]},
            timeout=5,
        ) as response:
            assert response.json() == {"success": True, "message": "pong"}
        proc.send_signal(sig)
        assert proc.wait(timeout=10) == 0
        assert proc.stdout.read() == ""
        errors = proc.stderr.read()
    assert creds["app_token"] not in errors
    assert "Traceback" not in errors


def test_run_in_a_thread_until_stopped():
    out, stop, result = io.StringIO(), threading.Event(), []
    thread = threading.Thread(target=lambda: result.append(run(fast_config(seed_calls=5), out, stop)))
    thread.start()
    try:
        for _ in range(500):
            if out.getvalue().endswith("\n"):
                break
            thread.join(0.01)
        lines = out.getvalue().splitlines()
        assert len(lines) == 1
        creds = json.loads(lines[0])
        with requests.get(creds["base_url"] + "/api/", params={"function": "ping"}, timeout=5) as response:
            assert response.json()["message"] == "Invalid app_token"
    finally:
        stop.set()
        thread.join(5)
    assert result == [0]
    with pytest.raises(requests.ConnectionError):
        requests.get(creds["base_url"] + "/api/", timeout=2)


def test_stop_is_idempotent_and_cuts_kept_alive_connections():
    sim = Simulator(fast_config(seed_calls=0))
    assert sim.start() == sim.base_url
    assert sim.start() == sim.base_url  # already running: same server
    client = Client(sim)
    try:
        assert client.api("ping", app_token=sim.app_token)["success"] is True
        sim.stop()
        sim.stop()
        with pytest.raises(requests.ConnectionError):
            client.api("ping", app_token=sim.app_token)
    finally:
        client.close()
    with pytest.raises(RuntimeError):
        sim.start()


def test_context_manager_and_defaults():
    config = SimulatorConfig(port=0, seed_calls=3)
    assert (config.host, config.session_ttl, config.page_size, config.paging_end) == (
        "127.0.0.1",
        36000,
        100,
        "empty-page",
    )
    with Simulator(config) as sim:
        with requests.get(sim.base_url + "/_sim/state", timeout=5) as response:
            assert response.status_code == 404  # no test controls by default
        assert len(sim.cc.store) == 3
    with pytest.raises(ValueError):
        SimulatorConfig(paging_end="never")


def test_twenty_thousand_seeded_calls():
    """Startup must stay fast at this size (a benchmark seeds 10,000); no timing assertion here."""
    with Simulator(fast_config(seed_calls=20_000)) as sim:
        client = Client(sim)
        try:
            assert client.state()["records"] == 20_000
            page = client.cdr(**WIDE)
            assert len(page["CallList"]) == 100
            assert len(client.cdr(**WIDE, cursor=page["cursor"])["CallList"]) == 100
        finally:
            client.close()


def test_imports_only_the_standard_library():
    """The simulator runs anywhere Python does: no Qt, no requests, nothing else from ccs_desktop."""
    code = (
        "import sys; import ccs_desktop.simulator; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'requests', 'urllib3') "
        "or (m.startswith('ccs_desktop.') and not m.startswith('ccs_desktop.simulator'))))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "[]"
