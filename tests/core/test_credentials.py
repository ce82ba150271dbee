"""The keyring store and the window's way to it: keyring work on one worker thread, never the caller's."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from ccs_desktop.core.api import StoredSession, make_agent, resolve_tenant
from ccs_desktop.core.credentials import BackgroundSessionStore, CredentialStore
from ccs_desktop.core.errors import CredentialStoreError
from ccs_desktop.core.settings import Settings


class ThreadRecordingStore:
    """A SessionStore that notes the thread of every call (and can fail like a locked keyring)."""

    def __init__(self, stored: StoredSession | None = None, *, broken: bool = False) -> None:
        self.stored = stored
        self.broken = broken
        self.threads: list[str] = []

    def _call(self) -> None:
        self.threads.append(threading.current_thread().name)
        if self.broken:
            raise CredentialStoreError("The system keyring is not available (locked).")

    def load_session(self) -> StoredSession | None:
        self._call()
        return self.stored

    def save_session(self, stored: StoredSession) -> None:
        self._call()
        self.stored = stored

    def delete_session(self) -> None:
        self._call()
        self.stored = None


@pytest.fixture
def serial():
    pool = ThreadPoolExecutor(1, thread_name_prefix="serial")
    yield pool
    pool.shutdown(wait=True)


def test_keyring_work_runs_on_the_given_worker_and_keeps_its_order(serial):
    inner = ThreadRecordingStore(StoredSession("s-1", 100.0))
    store = BackgroundSessionStore(inner, serial.submit)
    assert store.load_session() == StoredSession("s-1", 100.0)
    store.save_session(StoredSession("s-2", 200.0))
    store.delete_session()
    store.save_session(StoredSession("s-3", 300.0))
    serial.submit(lambda: None).result()  # everything before it has run
    assert inner.stored == StoredSession("s-3", 300.0)
    assert len(inner.threads) == 4
    assert all(name.startswith("serial") for name in inner.threads)


@pytest.mark.parametrize("read_before", [StoredSession("early", 50.0), None])
def test_a_session_read_with_the_token_answers_the_first_load_without_a_second_trip(serial, read_before):
    inner = ThreadRecordingStore(StoredSession("in-keyring", 100.0))
    store = BackgroundSessionStore(inner, serial.submit, first=(read_before,))
    assert store.load_session() == read_before  # "none kept" read earlier is an answer too
    assert inner.threads == []
    assert store.load_session() == StoredSession("in-keyring", 100.0)  # later loads go to the keyring
    assert len(inner.threads) == 1


def test_a_failing_keyring_is_logged_and_the_agent_just_logs_in(serial, caplog):
    store = BackgroundSessionStore(ThreadRecordingStore(broken=True), serial.submit)
    with caplog.at_level(logging.WARNING, logger="ccs_desktop.core.credentials"):
        assert store.load_session() is None
        store.save_session(StoredSession("s-1", 1.0))
        store.delete_session()
        serial.submit(lambda: None).result()
    assert [r.levelname for r in caplog.records] == ["WARNING"] * 3
    assert all("locked" in r.getMessage() for r in caplog.records)


def test_nothing_is_kept_once_logged_out(serial):
    inner = ThreadRecordingStore()
    logged_in = True
    store = BackgroundSessionStore(inner, serial.submit, lambda: logged_in)
    store.save_session(StoredSession("s-1", 1.0))
    serial.submit(lambda: None).result()
    logged_out_at = inner.stored
    logged_in = False
    store.save_session(StoredSession("s-2", 2.0))  # a login that finished after the logout
    serial.submit(lambda: None).result()
    assert logged_out_at == inner.stored == StoredSession("s-1", 1.0)


def test_a_shut_down_worker_means_no_stored_session():
    pool = ThreadPoolExecutor(1)
    gate = threading.Event()
    pool.submit(gate.wait)
    pending: list = []

    def submit(work):
        future = pool.submit(work)
        pending.append(future)
        return future

    store = BackgroundSessionStore(ThreadRecordingStore(StoredSession("s", 1.0)), submit)
    with ThreadPoolExecutor(1) as caller:
        loader = caller.submit(store.load_session)
        while not pending:
            gate.wait(0.01)
        pool.shutdown(wait=False, cancel_futures=True)  # the load still waits behind `gate`: it is cancelled
        gate.set()
        assert loader.result(timeout=10) is None


@pytest.mark.usefixtures("private_keyring")  # the real Secret Service: the store is the one the window uses
def test_make_agent_takes_timeouts_lifetime_and_store_from_the_settings(tmp_path, simulator, serial):
    settings = Settings(tmp_path / "config.ini")
    settings.set("connect_timeout", 1.5)
    settings.set("read_timeout", 7)
    settings.set("session_lifetime_hours", 2)
    keyring = CredentialStore(simulator.base_url, simulator.email)
    keyring.save_session(StoredSession("kept-session", 50.0))
    store = BackgroundSessionStore(keyring, serial.submit)
    agent = make_agent(
        resolve_tenant(simulator.base_url), simulator.email, simulator.app_token, settings, store=store
    )
    assert (agent.client.timeouts.connect, agent.client.timeouts.read) == (1.5, 7.0)
    assert agent.lifetime == 2 * 3600
    assert agent.session == StoredSession("kept-session", 50.0)  # read through the store
    fresh = agent.login()
    serial.submit(lambda: None).result()
    assert keyring.load_session() == fresh  # kept through the store
