"""The app_token and the session live in the OS keyring, and nowhere else.

`keyring` picks the backend the way the user configured it (PYTHON_KEYRING_BACKEND, keyringrc.cfg), so a site
that uses KWallet, the Secret Service, the macOS Keychain or the Windows Credential Manager gets what it chose.
Entries use the service name `ccs-desktop`; the account names tenant and agent so two tenants never collide.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from typing import Any

from ccs_desktop.core.api.session import SessionStore, StoredSession
from ccs_desktop.core.errors import CcsError, CredentialStoreError
from ccs_desktop.core.i18n import Core

log = logging.getLogger(__name__)

SERVICE = "ccs-desktop"


def account_name(base_url: str, email: str) -> str:
    return f"{email.strip().lower()} on {base_url}"


def _backend() -> Any:
    try:
        import keyring  # noqa: PLC0415 - 0.1-0.3 s; only commands that need secrets pay for it

        return keyring.get_keyring()
    except Exception as exc:
        raise unavailable(type(exc).__name__) from None


def unavailable(kind: str) -> CredentialStoreError:
    """The agent's message for a keyring that raised an exception of this type (`kind`, also what the keyring
    child at start-up sends back: its parent words it in the agent's language)."""
    error = CredentialStoreError(
        Core.tr(
            "The system keyring is not available ({error}). ccs-desktop keeps the app_token only "
            "there: unlock or install a keyring (GNOME Keyring, KWallet, ...), or set PYTHON_KEYRING_BACKEND."
        ).format(error=kind)
    )
    error.kind = kind
    return error


class CredentialStore:
    """One agent's secrets in the keyring; implements `SessionStore` for `Agent`."""

    def __init__(self, base_url: str, email: str, backend: Any = None) -> None:
        self.account = account_name(base_url, email)
        self._backend = backend

    def _kr(self) -> Any:
        if self._backend is None:
            self._backend = _backend()
        return self._backend

    def _get(self, kind: str) -> str | None:
        try:
            return self._kr().get_password(SERVICE, f"{kind}:{self.account}")
        except CredentialStoreError:
            raise
        except Exception as exc:
            raise unavailable(type(exc).__name__) from None

    def _set(self, kind: str, value: str) -> None:
        try:
            self._kr().set_password(SERVICE, f"{kind}:{self.account}", value)
        except CredentialStoreError:
            raise
        except Exception as exc:
            raise unavailable(type(exc).__name__) from None

    def _delete(self, kind: str) -> bool:
        try:
            self._kr().delete_password(SERVICE, f"{kind}:{self.account}")
        except CredentialStoreError:
            raise
        except Exception as exc:
            if type(exc).__name__ == "PasswordDeleteError":  # nothing stored: already as we want it
                return False
            raise unavailable(type(exc).__name__) from None
        return True

    # app_token
    def load_app_token(self) -> str | None:
        return self._get("app_token")

    def save_app_token(self, token: str) -> None:
        self._set("app_token", token)

    # the notification listener's URL secret: kept across logouts, since a CCS admin configured it once
    def listener_token(self) -> str:
        token = self._get("listener_token")
        if not token:
            from ccs_desktop.core.notifications import new_token  # noqa: PLC0415

            token = new_token()
            self._set("listener_token", token)
        return token

    # SessionStore
    def load_session(self) -> StoredSession | None:
        raw = self._get("session")
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return StoredSession(str(data["session"]), float(data["issued_at"]))
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring an unreadable session entry in the keyring")
            return None

    def save_session(self, stored: StoredSession) -> None:
        self._set("session", json.dumps({"session": stored.session, "issued_at": stored.issued_at}))

    def delete_session(self) -> None:
        self._delete("session")

    def delete_all(self) -> int:
        """Remove the token and the session; return how many entries there were."""
        return int(self._delete("session")) + int(self._delete("app_token"))


class DirectorySecret(CredentialStore):
    """A directory source's password (LDAP bind, CardDAV, the directory URL) or CRM header secret, under the
    account `directory NAME`: the settings file names the source, the keyring alone holds its secret."""

    def __init__(self, name: str, backend: Any = None) -> None:
        self.account = f"directory {name.strip()}"
        self._backend = backend

    def load(self) -> str | None:
        return self._get("password")

    def save(self, secret: str) -> None:
        self._set("password", secret)

    def delete(self) -> bool:
        """Forget the secret; False if there was none."""
        return self._delete("password")


class BackgroundSessionStore:
    """A `SessionStore` whose keyring work runs where `submit` puts it (the window's serial worker), never on the
    caller's thread: loading waits for it, saving and deleting do not. A keyring that fails is logged, not
    raised: the agent then simply logs in. While `active()` is false (logged out meanwhile) nothing is saved.
    `first=(session,)` answers the first load with a session read earlier."""

    def __init__(
        self,
        store: SessionStore,
        submit: Callable[[Callable[[], Any]], Future[Any]],
        active: Callable[[], bool] = lambda: True,
        first: tuple[StoredSession | None] | None = None,
    ) -> None:
        self._store = store
        self._submit = submit
        self._active = active
        self._first = first  # (session,): already read with the app_token, the first load needs no trip

    def load_session(self) -> StoredSession | None:
        if self._first is not None:
            (stored,), self._first = self._first, None
            return stored
        try:
            return self._submit(self._load).result()
        except CancelledError:  # shutting down
            return None

    def save_session(self, stored: StoredSession) -> None:
        self._submit(lambda: self._save(stored))

    def delete_session(self) -> None:
        self._submit(self._delete)

    def _load(self) -> StoredSession | None:
        try:
            return self._store.load_session()
        except CcsError as exc:
            log.warning("%s", exc)
            return None

    def _save(self, stored: StoredSession) -> None:
        if not self._active():
            return
        try:
            self._store.save_session(stored)
        except CcsError as exc:
            log.warning("%s", exc)

    def _delete(self) -> None:
        try:
            self._store.delete_session()
        except CcsError as exc:
            log.warning("%s", exc)
