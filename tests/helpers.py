"""Helpers shared by the tests: the simulator handle, CLI subprocesses, isolated user dirs."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

from ccs_desktop.simulator import Simulator, SimulatorConfig

REPO = Path(__file__).resolve().parent.parent


@dataclass
class UserDirs:
    root: Path
    config: Path
    data: Path
    state: Path
    cache: Path

    def all_files(self) -> list[Path]:
        return [p for p in self.root.rglob("*") if p.is_file()]

    def find_secret(self, *secrets: str) -> list[str]:
        """Files under the user's dirs that contain any of the secrets (should be none)."""
        hits = []
        for path in self.all_files():
            content = path.read_bytes()
            hits += [f"{path}" for s in secrets if s and s.encode() in content]
        return hits


def clock_at(instant: datetime) -> Callable[[], float]:
    """A UTC epoch clock that reads `instant` now and then moves on in real time, so timers still fire: run the
    simulator (its `clock`) or the app "at" Dec 31 23:30 without waiting for it. `instant` must be aware."""
    shift = instant.timestamp() - time.time()
    return lambda: time.time() + shift


FAST = SimulatorConfig(
    port=0,
    seed_calls=200,
    test_controls=True,
    ring_seconds=0.2,
    no_answer_seconds=0.4,
    call_seconds=0.4,
)


class SimHandle:
    """The running simulator plus shortcuts to its test controls."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.base_url = sim.base_url
        self.app_token = sim.app_token
        self.email = sim.email
        self.http = requests.Session()

    def control(self, path: str, body: dict | None = None) -> object:
        response = self.http.post(f"{self.base_url}/_sim/{path}", json=body or {}, timeout=5)
        response.raise_for_status()
        return response.json()

    def fault(self, mode: str, count: int = 1, function: str | None = None, seconds: float = 0) -> None:
        body: dict[str, object] = {"mode": mode, "count": count, "seconds": seconds}
        if function:
            body["function"] = function
        self.control("faults", body)

    def requests_log(self) -> list[dict]:
        response = self.http.get(f"{self.base_url}/_sim/requests", timeout=5)
        response.raise_for_status()
        return response.json()

    def functions(self) -> list[str]:
        return [entry["function"] for entry in self.requests_log()]

    def clear_log(self) -> None:
        self.control("requests/clear")

    def state(self) -> dict:
        response = self.http.get(f"{self.base_url}/_sim/state", timeout=5)
        response.raise_for_status()
        return response.json()


def start_simulator(**overrides: object) -> Simulator:
    config = SimulatorConfig(**{**FAST.__dict__, **overrides})
    sim = Simulator(config)
    sim.start()
    return sim


KEYRING_PASSWORD = "ccs-desktop-tests"
KEYRING_SCRIPT = (
    'echo "$DBUS_SESSION_BUS_ADDRESS"; exec gnome-keyring-daemon --foreground --components=secrets --unlock'
)


def start_private_keyring(home: Path) -> tuple[subprocess.Popen, str]:
    """A private D-Bus session bus with an unlocked gnome-keyring, living in `home`: (process, bus address).

    They run in a process group of their own under tests/orphan_guard.py, which ends the group when this
    process is gone, so a run killed with -9 leaves no daemons behind; `stop_private_keyring` ends it at once.
    """
    runtime = home / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    guard = [sys.executable, str(REPO / "tests" / "orphan_guard.py"), str(os.getpid())]
    proc = subprocess.Popen(
        [*guard, "dbus-run-session", "--", "sh", "-c", KEYRING_SCRIPT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
        start_new_session=True,  # its own process group: the guard or teardown ends bus and keyring together
    )
    assert proc.stdin is not None and proc.stdout is not None
    address = proc.stdout.readline().strip()
    proc.stdin.write(KEYRING_PASSWORD + "\n")  # the new login keyring's password; --unlock reads it
    proc.stdin.close()
    return proc, address


def stop_process_group(proc: subprocess.Popen, timeout: float = 5) -> None:
    """End a server a test started in its own process group (gnome-keyring, slapd, Radicale): TERM, then KILL."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    if proc.stdout is not None:
        proc.stdout.close()


def stop_private_keyring(proc: subprocess.Popen) -> None:
    stop_process_group(proc)


def cli_env(sim: SimHandle | None = None, **extra: str) -> dict[str, str]:
    """The environment a CLI subprocess sees: this test's dirs and keyring, and optionally the simulator's agent."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCS_")}
    env["PYTHONPATH"] = str(REPO)
    if sim is not None:
        env.update(CCS_TENANT=sim.base_url, CCS_EMAIL=sim.email)
    env.update(extra)
    return env


def run_cli(
    *args: str, env: dict[str, str], stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ccs_desktop", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def close_app(app: Any, qapp: Any) -> None:
    """End an App the way a test leaves it: hang up what may still ring, quit, and let Qt delete the page before
    its profile (each goes on a later turn of the loop), so the next test starts clean."""
    import contextlib
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    if app.tracker.is_active():
        with contextlib.suppress(Exception):
            app.service.agent.hangup()
    app.tracker.hangup_confirmed()
    app.quit_now()
    app.deleteLater()
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()
    gc.collect()
