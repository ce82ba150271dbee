"""What every test needs: isolated user dirs, English, no display, and the CCS simulator over real HTTP.

Tests never touch the developer's real config or keyring: each test gets its own XDG dirs, and keyring's fail
backend unless it asks for the private gnome-keyring (`private_keyring`, tests/support/keyring.py). Nothing here
imports PySide6, so `python -m pytest tests/core` runs without Qt, a display, D-Bus or gnome-keyring. Qt fixtures
live in the folders that use them (tests/support/runners.py, tests/web/conftest.py); `qapp_args` stays here because
there is one QApplication per run, and whichever test makes it first must make it ready for QtWebEngine.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ccs_desktop.core import i18n
from tests.helpers import SimHandle, UserDirs, start_simulator

# The private keyring's fixtures, and the directory tests' servers: the loopback HTTP server (`file_server`),
# slapd and Radicale (the modules import nothing heavy; a server starts only when a test asks for it).
pytest_plugins = (
    "tests.support.keyring",
    "tests.support.http_files",
    "tests.support.ldap_server",
    "tests.support.carddav_server",
)

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


def pytest_addoption(parser: pytest.Parser) -> None:
    """Without pytest-qt (a venv for the core tests alone), its settings in pyproject.toml are declared here, so
    --strict-config accepts them and `python -m pytest tests/core` needs neither Qt nor pytest-qt."""
    if importlib.util.find_spec("pytestqt") is None:
        parser.addini("qt_api", "pytest-qt's; unused: it is not installed")
        parser.addini("qt_log_level_fail", "pytest-qt's; unused: it is not installed")
        parser.addini("qt_log_ignore", "pytest-qt's; unused: it is not installed", type="linelist")


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> UserDirs:
    """Every test starts as a new user: empty config/data/state dirs, no usable keyring, no CCS_* variables."""
    root = tmp_path / "user"
    dirs = UserDirs(root, root / "config", root / "data", root / "state", root / "cache")
    for path in (dirs.config, dirs.data, dirs.state, dirs.cache):
        path.mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs.config))
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs.data))
    monkeypatch.setenv("XDG_STATE_HOME", str(dirs.state))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs.cache))
    # No keyring until a test asks for the private one: never the developer's, and a loud failure if forgotten.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
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
