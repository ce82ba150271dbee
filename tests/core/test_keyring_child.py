"""The keyring child (core/keyring_child.py): its answer's format, a real child on the private Secret Service
(forked, as a start-up runs it, and spawned), and failures that name no secret."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ccs_desktop.core.api.session import StoredSession
from ccs_desktop.core.credentials import CredentialStore
from ccs_desktop.core.errors import CredentialStoreError
from ccs_desktop.core.keyring_child import (
    Answer,
    ChildFailed,
    KeyringChild,
    SavedSecrets,
    _spawned,
    child_command,
    decode,
    encode,
)

TOKEN, SESSION = "tok-" + "7" * 24, "sess-" + "9" * 24
BASE, EMAIL = "https://acme.alo-tech.com", "agent@acme.test"


def answer_of(child: KeyringChild) -> Answer:
    got: list[Answer] = []
    done = threading.Event()
    child.on_answer(lambda answer: (got.append(answer), done.set()))
    assert done.wait(60)
    return got[0]


def test_an_answer_survives_its_encoding():
    for secrets in (
        SavedSecrets(TOKEN, StoredSession(SESSION, 1700000000.5)),
        SavedSecrets(TOKEN, None),
        SavedSecrets(None, None),
    ):
        assert decode(encode(secrets)) == secrets


@pytest.mark.parametrize(
    "text",
    ["", "not json", "[]", json.dumps({"token": 5, "session": None}), json.dumps({"token": TOKEN})],
)
def test_an_unreadable_answer_is_one_error_that_shows_no_secret(text):
    with pytest.raises(ChildFailed) as caught:
        decode(text)
    assert str(caught.value) == "the keyring reader answered something unreadable"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__  # no decoder text, no secret


def test_the_keyrings_refusal_comes_back_as_the_error_the_window_shows():
    refused = decode(json.dumps({"keyring_error": "KeyringLocked"}))
    assert isinstance(refused, CredentialStoreError) and refused.kind == "KeyringLocked"
    assert str(refused).startswith("The system keyring is not available (KeyringLocked).")


def test_a_child_that_dies_says_so_in_one_line():
    child = KeyringChild(*_spawned([sys.executable, "-c", "import sys; print('boom', file=sys.stderr); sys.exit(3)"]))
    answer = answer_of(child)
    assert isinstance(answer, ChildFailed)
    assert str(answer) == "the keyring reader failed: boom"


@pytest.mark.usefixtures("private_keyring")
def test_a_spawned_child_reads_the_token_and_the_session_in_one_trip():
    store = CredentialStore(BASE, EMAIL)
    store.save_app_token(TOKEN)
    store.save_session(StoredSession(SESSION, 1234.5))
    child = KeyringChild(*_spawned([sys.executable, "-m", "ccs_desktop.core.keyring_child", BASE, EMAIL]))
    assert answer_of(child) == SavedSecrets(TOKEN, StoredSession(SESSION, 1234.5))
    other = KeyringChild(*_spawned([sys.executable, "-m", "ccs_desktop.core.keyring_child", BASE, "nobody@acme.test"]))
    assert answer_of(other) == SavedSecrets(None, None)  # no saved token: the window asks for a login


@pytest.mark.usefixtures("private_keyring")
def test_a_start_up_forks_its_child_and_gets_the_same_answer():
    """As at start-up: a process with one thread forks (a fresh Python, not this test's threads)."""
    store = CredentialStore(BASE, EMAIL)
    store.save_app_token(TOKEN)
    store.save_session(StoredSession(SESSION, 1234.5))
    script = f"""
import os, subprocess, sys, threading
from ccs_desktop.core.keyring_child import KeyringChild, encode
assert threading.active_count() == 1
subprocess.Popen = None  # a spawned child would fail here: this start must fork
child = KeyringChild.start({BASE!r}, {EMAIL!r})
got = []
done = threading.Event()
child.on_answer(lambda answer: (got.append(answer), done.set()))
assert done.wait(60)
print(encode(got[0]))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=os.environ)
    assert result.returncode == 0, result.stderr[-2000:]
    assert decode(result.stdout.strip()) == SavedSecrets(TOKEN, StoredSession(SESSION, 1234.5))
    assert TOKEN not in result.stderr and SESSION not in result.stderr


@pytest.mark.usefixtures("private_keyring")
def test_a_keyring_that_fails_is_the_keyrings_message(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    child = KeyringChild(*_spawned([sys.executable, "-m", "ccs_desktop.core.keyring_child", BASE, EMAIL]))
    answer = answer_of(child)
    assert isinstance(answer, CredentialStoreError) and answer.kind == "NoKeyringError"


def test_a_bundle_starts_its_own_executable_as_the_child(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert child_command(BASE, EMAIL) == [sys.executable, "--keyring-child", BASE, EMAIL]
    monkeypatch.delattr(sys, "frozen")
    assert child_command(BASE, EMAIL) == [sys.executable, "-P", "-m", "ccs_desktop.core.keyring_child", BASE, EMAIL]


@pytest.mark.usefixtures("private_keyring")
def test_the_bundles_entry_point_answers_as_the_child():
    """packaging/launcher.py is the bundle's executable: with the flag, it is the keyring child."""
    store = CredentialStore(BASE, EMAIL)
    store.save_app_token(TOKEN)
    store.save_session(StoredSession(SESSION, 99.0))
    launcher = Path(__file__).resolve().parents[2] / "packaging" / "launcher.py"
    child = KeyringChild(*_spawned([sys.executable, str(launcher), "--keyring-child", BASE, EMAIL]))
    assert answer_of(child) == SavedSecrets(TOKEN, StoredSession(SESSION, 99.0))
