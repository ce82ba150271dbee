"""SIGTERM, SIGINT and SIGHUP end the real window cleanly (exit 0, listener stopped, database closed), as the end
of the OS session does; and what it leaves on disk is owner-only."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import UserDirs, cli_env, run_cli

pytestmark = [pytest.mark.e2e, pytest.mark.webengine]

READY = ("loaded http://127.0.0.1", "listening for call notifications")


def wait_for(log: Path, needles: tuple[str, ...], proc: subprocess.Popen, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        if all(needle in text for needle in needles):
            return text
        assert proc.poll() is None, f"exited early with {proc.returncode}: {text[-2000:]}"
        time.sleep(0.1)
    raise AssertionError(f"not ready in {timeout} s: {needles}")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_stop_signal_quits_the_demo_cleanly(user_dirs: UserDirs, stop: signal.Signals):
    log = user_dirs.state / "ccs-desktop" / "log" / "ccs-desktop.log"
    env = cli_env(None, QT_QPA_PLATFORM="offscreen")
    old_umask = os.umask(0o022)  # the usual desktop umask: our files must be private despite it
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ccs_desktop", "--demo"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.umask(old_umask)
    try:
        wait_for(log, READY, proc)
        started = time.monotonic()
        proc.send_signal(stop)
        _, stderr = proc.communicate(timeout=30)
        took = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr[-3000:]
    assert "Traceback" not in stderr
    text = log.read_text(encoding="utf-8")
    tail = text[text.index(f"{stop.name}: quitting") :]  # the clean shutdown, in the log, after the signal
    assert "notification listener stopped" in tail
    assert tail.count("closed the database demo.sqlite3") == 2  # the contacts and the call cache
    assert took < 10, took

    data = user_dirs.data / "ccs-desktop"
    for folder in (
        data,
        data / "webengine-demo",
        data / "webengine-demo" / "storage",
        log.parent,
        log.parent.parent,
    ):
        assert mode(folder) == 0o700, folder
    for path in (data / "demo.sqlite3", log):
        assert mode(path) == 0o600, path


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_a_call_quits_as_the_session_end_does(user_dirs: UserDirs):
    """The OS session end cannot ask the agent when it may not interact; neither can a signal: quit cleanly, and
    leave the call to CCS (it is not hung up), saying so in the log."""
    log = user_dirs.state / "ccs-desktop" / "log" / "ccs-desktop.log"
    env = cli_env(None, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ccs_desktop", "--demo"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(log, READY, proc)
        placed = run_cli("call", "0532 123 45 61", env=env)  # the running window places it and tracks it
        assert placed.returncode == 0, placed.stderr
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr[-3000:]
    text = log.read_text(encoding="utf-8")
    assert "WARNING ccs_desktop.services.stop_signals: SIGTERM during a call" in text
    tail = text[text.index("SIGTERM during a call") :]
    assert "notification listener stopped" in tail and "closed the database demo.sqlite3" in tail
