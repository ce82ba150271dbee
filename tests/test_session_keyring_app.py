"""The window keeps its CCS session in the keyring the way the CLI does: through the agent's SessionStore."""

from __future__ import annotations

import threading

import pytest

from ccs_desktop.app import App, Identity
from ccs_desktop.core.api import CcsClient, StoredSession, resolve_tenant
from ccs_desktop.core.credentials import CredentialStore
from ccs_desktop.core.softphone import DEMO_TEMPLATE
from tests.helpers import SimHandle, close_app, start_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine, pytest.mark.usefixtures("private_keyring")]
WAIT = 20_000


class WatchedKeyring(CredentialStore):
    """The real keyring store, noting which thread reads and writes the session."""

    def __init__(self, base_url: str, email: str) -> None:
        super().__init__(base_url, email)
        self.threads: list[str] = []

    def load_session(self) -> StoredSession | None:
        self.threads.append(threading.current_thread().name)
        return super().load_session()

    def save_session(self, stored: StoredSession) -> None:
        self.threads.append(threading.current_thread().name)
        super().save_session(stored)


def keyring_work_done(app: App) -> None:
    """Wait until the serial worker has done what was given to it so far (the keyring's work goes there)."""
    app.runner.submit(lambda: None, pool="serial").result(timeout=WAIT / 1000)


def test_the_window_reuses_the_kept_session_keeps_a_new_one_and_forgets_it_at_logout(qtbot, qapp):
    sim = start_simulator()
    handle = SimHandle(sim)
    keyring = WatchedKeyring(sim.base_url, sim.email)
    with CcsClient(resolve_tenant(sim.base_url)) as client:
        kept = client.login(sim.app_token, sim.email)
    keyring.save_session(StoredSession(kept, 1.0))  # as an earlier run left it
    keyring.threads.clear()
    app = App(qapp, owns_loop=False)
    app.settings.set("session_lifetime_hours", 10**9)  # a session from 1970 is still young: no clock needed
    try:
        assert app.start(Identity(sim.base_url, sim.email, sim.app_token, keyring, DEMO_TEMPLATE, "demo"))
        qtbot.waitUntil(lambda: f"session={kept}" in app.view.softphone_url().toString(), timeout=WAIT)
        agent = app.service.agent
        assert agent.logins == 0  # the kept session was read through the store, no new login

        with qtbot.waitSignal(app.service.logged_in, timeout=WAIT) as fresh:
            app.service.login(fresh=True)
        renewed = fresh.args[0]
        assert agent.logins == 1 and renewed.session != kept
        keyring_work_done(app)
        assert keyring.threads and all(name.startswith("ccs-serial") for name in keyring.threads), (
            keyring.threads
        )
        assert keyring.load_session() == renewed  # kept through the store

        app.logout()
        keyring_work_done(app)
        assert keyring.load_session() is None
        assert keyring.load_app_token() is None
    finally:
        close_app(app, qapp)
        handle.http.close()
        sim.stop()
