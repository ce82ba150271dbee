"""The private Secret Service keyring, for the tests that store an app_token (the app and the CLI).

Tests ask for it (`private_keyring`: a folder's autouse fixture, or `pytestmark = pytest.mark.usefixtures(...)`);
every other test runs with keyring's fail backend (set by the root conftest's `user_dirs`), so core tests need no
D-Bus or gnome-keyring, and a test that forgot to ask fails loudly instead of reaching the developer's keyring.
Only the standard library is imported here: the root conftest loads this module for every run.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.helpers import UserDirs, start_private_keyring, stop_private_keyring

NEEDED = ("dbus-run-session", "gnome-keyring-daemon")
BACKEND = "keyring.backends.SecretService.Keyring"


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private D-Bus session bus with an unlocked gnome-keyring, started once per run; yields the bus address."""
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        pytest.exit(
            f"missing {', '.join(missing)}: install the Debian packages dbus and gnome-keyring "
            "(see .ci/run); the tests use a real Secret Service keyring",
            returncode=3,
        )
    proc, address = start_private_keyring(tmp_path_factory.mktemp("keyring-home"))
    try:
        yield address
    finally:
        stop_private_keyring(proc)


@pytest.fixture
def private_keyring(user_dirs: UserDirs, secret_service: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """This test (and the CLI and GUI subprocesses it starts) uses the private keyring: the real Secret Service
    backend on the private bus. keyring caches its backend per process, so the cache is cleared for this test and
    restored after it."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", BACKEND)
    try:
        import keyring.core  # only tests that use it pay for it

        monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    except ImportError:
        pass
    return secret_service
