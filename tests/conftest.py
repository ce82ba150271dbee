"""Shared fixtures: a private Secret Service keyring, isolated user dirs, and the CCS simulator over real HTTP.

Tests never touch the developer's real keyring or config: each test gets its own XDG dirs, and the whole run
gets its own D-Bus session with its own gnome-keyring (`dbus-run-session`), the same service agents use.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ccs_desktop.core import i18n
from ccs_desktop.services.tasks import TaskRunner
from tests.helpers import SimHandle, UserDirs, start_private_keyring, start_simulator, stop_private_keyring

NEEDED = ("dbus-run-session", "gnome-keyring-daemon")

# Headless by themselves: Qt finds no display on a server or in CI, and then aborts the whole run ("Fatal Python
# error: Aborted"). Set before any QApplication exists (pytest-qt builds it after conftest is imported) and so
# inherited by the CLI and GUI subprocesses the tests start. A developer who wants to watch sets it to xcb.
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

# The tests speak English whatever the developer's locale: before Qt reads it (QLocale.system() is read once),
# and for every CLI subprocess. Tests of Turkish ask for it explicitly (language setting or LANG).
os.environ["LANG"] = "C.UTF-8"
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private D-Bus session bus with an unlocked gnome-keyring; yields the bus address."""
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        pytest.exit(
            f"missing {', '.join(missing)}: install the Debian packages dbus and gnome-keyring "
            "(see .ci/run); the tests use a real Secret Service keyring",
            returncode=3,
        )
    proc, address = start_private_keyring(tmp_path_factory.mktemp("keyring-home"))
    previous = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        yield address
    finally:
        stop_private_keyring(proc)
        if previous is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = previous


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, secret_service: str) -> UserDirs:
    """Every test starts as a new user: empty config/data/state dirs, the private keyring, no CCS_* variables."""
    root = tmp_path / "user"
    dirs = UserDirs(root, root / "config", root / "data", root / "state", root / "cache")
    for path in (dirs.config, dirs.data, dirs.state, dirs.cache):
        path.mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs.config))
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs.data))
    monkeypatch.setenv("XDG_STATE_HOME", str(dirs.state))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs.cache))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    for name in ("CCS_TENANT", "CCS_EMAIL", "CCS_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(i18n, "_language", None)  # the next text follows the (English) locale again
    return dirs


def _running(**overrides: object) -> Iterator[SimHandle]:
    sim = start_simulator(**overrides)
    handle = SimHandle(sim)
    try:
        yield handle
    finally:
        handle.http.close()
        sim.stop()


@pytest.fixture
def simulator() -> Iterator[SimHandle]:
    yield from _running()


@pytest.fixture
def long_calls() -> Iterator[SimHandle]:
    """Calls that last a minute unless hung up: for tests that act on a live call from another process."""
    yield from _running(call_seconds=60)


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    """pytest-qt builds the QApplication from this: Chromium's environment must be ready before it exists."""
    from ccs_desktop.web.engine import ENV_FLAGS, prepare_environment

    # A fake microphone, so getUserMedia reaches our permission decision (test machines have no audio device).
    # It only fakes the device (unlike --use-fake-ui-for-media-stream); Chromium reads it once per process.
    os.environ[ENV_FLAGS] = f"{os.environ.get(ENV_FLAGS, '')} --use-fake-device-for-media-stream".strip()
    prepare_environment()
    return [sys.argv[0]]


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """A test's Qt objects caught in reference cycles die at the next garbage collection, which may run on a
    worker thread of a later test ("Timers cannot be stopped from another thread", or a crash): collect them
    here, on the thread that made them."""
    yield
    gc.collect()


@pytest.fixture
def runner(qapp: Any) -> Iterator[TaskRunner]:
    """A task runner of the test's own, shut down (waiting for its workers) after the test."""
    r = TaskRunner()
    yield r
    r.shutdown(wait=True)
