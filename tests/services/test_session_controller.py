"""The session's start and end without the window: which credentials lead to a login question, and a logout
that would drop a call is refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ccs_desktop.core.credentials import unavailable
from ccs_desktop.core.keyring_child import ChildFailed, SavedSecrets
from ccs_desktop.core.softphone import DEMO_TEMPLATE
from ccs_desktop.services import session as session_module
from ccs_desktop.services.session import Identity
from tests.services.session_parts import WAIT, Parts, logged_in, parts_for


@pytest.fixture
def parts(qapp, runner, tmp_path) -> Iterator[Parts]:
    yield from parts_for(runner, tmp_path)


def test_no_saved_tenant_asks_for_a_login(parts, qtbot):
    with qtbot.waitSignal(parts.session.login_needed, timeout=1000):
        parts.session.start_from_settings()
    assert parts.shown == []


def test_a_saved_tenant_that_names_no_tenant_says_so_and_asks(parts, qtbot):
    parts.settings.set("tenant", "https://acme.example/?x=1")
    parts.settings.set("email", "agent@acme.example")
    with qtbot.waitSignal(parts.session.login_needed, timeout=1000):
        parts.session.start_from_settings()
    assert parts.shown == [("error", "Tenant URL must not carry a query, a fragment or a password.")]


@pytest.fixture
def saved_account(parts, monkeypatch) -> list[str]:
    """An account in the settings; the in-process keyring reads it would make, recorded (none answers a token)."""
    parts.settings.set("tenant", "acme")
    parts.settings.set("email", "agent@acme.example")
    reads: list[str] = []
    monkeypatch.setattr(session_module, "read_secrets", lambda _base, email: reads.append(email) or SavedSecrets(None, None))
    return reads


def test_the_keyring_childs_refusal_is_shown_once_and_the_keyring_not_asked_again(parts, qtbot, saved_account):
    """A dismissed unlock prompt in the child: asking again here would open the prompt a second time."""
    with qtbot.waitSignal(parts.session.login_needed, timeout=1000):
        parts.session.start_from_settings(lambda answered: answered(unavailable("KeyringLocked")))
    assert saved_account == []
    assert len(parts.shown) == 1 and parts.shown[0][0] == "error" and "(KeyringLocked)" in parts.shown[0][1]


def test_a_child_that_gave_no_answer_has_the_keyring_read_here(parts, qtbot, saved_account):
    with qtbot.waitSignal(parts.session.login_needed, timeout=WAIT):  # (the recorded read has no token)
        parts.session.start_from_settings(lambda answered: answered(ChildFailed("the keyring reader failed: x")))
    assert saved_account == ["agent@acme.example"]
    assert parts.shown == []


def test_the_tenant_is_resolved_once_per_identity():
    identity = Identity("acme", "agent@acme.example", "agT", None, DEMO_TEMPLATE, "demo")
    assert identity.tenant is identity.tenant
    assert identity.tenant.host == "acme.callcenterstudio.com"


def test_a_logout_during_a_call_is_refused_and_after_it_unloads_the_softphone(parts, qtbot, simulator):
    logged_in(parts, qtbot, simulator)
    assert parts.session.service is not None
    parts.tracker.call_placed("k1", "+905321234561")
    parts.session.logout()
    assert parts.session.service is not None, "a call is up: logging out would drop it"
    assert parts.shown[-1] == ("warning", "Hang up before logging out: logging out would drop the call.")
    parts.tracker.hangup_confirmed()
    loads: list[str] = []
    parts.session.load_softphone.connect(loads.append)
    with qtbot.waitSignal(parts.session.login_needed, timeout=WAIT):
        parts.session.logout()
    assert parts.session.service is None and parts.session.identity is None
    assert loads == ["about:blank"]
