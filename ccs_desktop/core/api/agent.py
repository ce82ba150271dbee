"""One agent's access to CCS: the session, its lifetime, and the CCS guide's re-login rule.

The guide says: keep the session for its lifetime (8-12 h) and, when an answer carries `login: false`, log in
again and repeat the request. We repeat exactly once. A click2call is repeated only after CCS *answered* that the
session was bad (then no call was placed); after a timeout or a lost connection it is never repeated, because
the first request may already be ringing the customer (CallOutcomeUnknown). A click2call that never left (no
connection, or the login before it failed) is CallNotPlaced: the agent may simply try again.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from ccs_desktop.core.api.client import CcsClient, CdrQuery, LoginRequired, Timeouts
from ccs_desktop.core.api.records import AgentPerf, CallRecord
from ccs_desktop.core.api.session import SessionStore, StoredSession
from ccs_desktop.core.errors import (
    CallNotPlaced,
    CallOutcomeUnknown,
    NetworkError,
    NotConfigured,
    RateLimited,
    RequestTimedOut,
    SessionExpired,
    Unreachable,
)
from ccs_desktop.core.i18n import Core
from ccs_desktop.core.logs import register_secret

if TYPE_CHECKING:
    from ccs_desktop.core.api.tenant import Tenant
    from ccs_desktop.core.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_SESSION_LIFETIME = 10 * 3600.0


@dataclass(frozen=True)
class PlacedCall:
    """What we know of a click2call right after CCS accepted it."""

    transaction_id: str
    dialed: str
    activecallkey: str = ""
    message: str = ""
    placed_at: float = field(default_factory=time.time)
    hangup_url_sent: bool = False  # CCS owes us a hangup POST for this call

    @property
    def call_id(self) -> str:
        """The live-call key when CCS tells it, else our transaction id (CCS echoes it as `uniqueid`)."""
        return self.activecallkey or self.transaction_id


class Agent:
    """Thread-safe: the GUI calls it from worker threads; one re-login at a time."""

    def __init__(
        self,
        client: CcsClient,
        email: str,
        app_token: str | None,
        *,
        store: SessionStore | None = None,
        lifetime: float = DEFAULT_SESSION_LIFETIME,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.client = client
        self.email = email
        self._app_token = app_token
        self._store = store
        self.lifetime = lifetime
        self._clock = clock
        self._lock = threading.Lock()
        self._session: StoredSession | None = store.load_session() if store else None
        register_secret(app_token)  # masked by value in every log line from now on, wherever it shows up
        if self._session is not None:
            register_secret(self._session.session)
        self.logins = 0  # how many times this object logged in; diagnostics and tests read it
        #: Called (from whatever thread logged in) with each new session: the softphone page must follow it.
        self.on_login: Callable[[StoredSession], None] | None = None

    @property
    def session(self) -> StoredSession | None:
        return self._session

    def session_age(self) -> float | None:
        return None if self._session is None else self._session.age(self._clock())

    def _token(self) -> str:
        if not self._app_token:
            raise NotConfigured(Core.tr("No app_token: run `ccs-desktop login` or set CCS_APP_TOKEN."))
        return self._app_token

    # --- session -------------------------------------------------------------------------------------------

    def login(self) -> StoredSession:
        """Log in now, replacing any session we hold."""
        with self._lock:
            return self._login_locked()

    def _login_locked(self) -> StoredSession:
        key = self.client.login(self._token(), self.email)
        register_secret(key)
        self.logins += 1
        stored = StoredSession(key, self._clock())
        self._session = stored
        if self._store is not None:
            self._store.save_session(stored)
        log.info("logged in as %s (login #%d)", self.email, self.logins)
        if self.on_login is not None:
            self.on_login(stored)
        return stored

    def ensure_session(self) -> str:
        """The current session, after logging in if there is none or it outlived its lifetime."""
        with self._lock:
            current = self._session
            if current is None or current.age(self._clock()) >= self.lifetime:
                current = self._login_locked()
            return current.session

    def adopt_session(self, stored: StoredSession) -> None:
        """Use a session kept from an earlier run (read from the keyring off the UI thread)."""
        register_secret(stored.session)
        with self._lock:
            if self._session is None:
                self._session = stored

    def token(self) -> str:
        """The app_token, for the v1 client that sends it in a header; NotConfigured when there is none."""
        return self._token()

    def with_session(self, action: Callable[[str], T]) -> T:
        """Run `action(session)`; when it raises LoginRequired, log in once (unless another thread just did) and
        run it once more. Other clients that take this session (the v1 API) renew it through here."""
        return self._with_session(action)

    def _with_session(self, action: Callable[[str], T]) -> T:
        session = self.ensure_session()
        try:
            return action(session)
        except LoginRequired as first:
            log.info("CCS said login: false (%s); logging in again once", first)
            with self._lock:
                # Another thread may have renewed it meanwhile; then one login is enough for both.
                if self._session is None or self._session.session == session:
                    self._login_locked()
                assert self._session is not None
                renewed = self._session.session
        try:
            return action(renewed)
        except LoginRequired as second:
            raise SessionExpired(
                Core.tr("CCS keeps refusing the session for {email} ({reason}); log in again.").format(
                    email=self.email, reason=second
                )
            ) from None

    def _with_token(self, action: Callable[[str], T]) -> T:
        """app_token functions: a `login: false` there still means "log in again", once."""
        try:
            return action(self._token())
        except LoginRequired:
            self.login()
        try:
            return action(self._token())
        except LoginRequired as second:
            raise SessionExpired(
                Core.tr("CCS keeps refusing the credentials for {email} ({reason}).").format(
                    email=self.email, reason=second
                )
            ) from None

    # --- call control --------------------------------------------------------------------------------------

    def place_call(
        self,
        dialed: str,
        *,
        transaction_id: str | None = None,
        hangup_url: str | None = None,
        masked: bool = False,
        selected_queue: bool = False,
    ) -> PlacedCall:
        """click2call; `dialed` is the number exactly as CCS should dial it (see core.phone.dial_string)."""
        transaction_id = transaction_id or str(uuid.uuid4())

        def attempt(session: str) -> PlacedCall:
            try:
                data = self.client.click2call(
                    session,
                    dialed,
                    transaction_id,
                    hangup_url=hangup_url,
                    masked=masked,
                    selected_queue=selected_queue,
                )
            except (Unreachable, RateLimited):
                raise  # never left, or CCS turned it away unread (429): nothing rings (below)
            except RequestTimedOut:
                raise CallOutcomeUnknown(
                    Core.tr(
                        "CCS did not confirm the call to {number} in time. It may be ringing; it was not "
                        "repeated (transaction {transaction})."
                    ).format(number=dialed, transaction=transaction_id),
                    transaction_id,
                ) from None
            except NetworkError as exc:
                raise CallOutcomeUnknown(
                    Core.tr(
                        "{error} The call to {number} may have been placed; it was not repeated (transaction "
                        "{transaction})."
                    ).format(error=exc, number=dialed, transaction=transaction_id),
                    transaction_id,
                ) from None
            key = data.get("activecallkey") or data.get("callid") or data.get("call_id") or ""
            return PlacedCall(
                transaction_id,
                dialed,
                str(key),
                str(data.get("message") or ""),
                hangup_url_sent=bool(hangup_url),
            )

        try:
            return self._with_session(attempt)
        except CallOutcomeUnknown:
            raise
        except NetworkError as exc:  # CCS unreachable, or the login before the click2call failed
            raise CallNotPlaced(
                Core.tr("{error} The call to {number} was not placed.").format(error=exc, number=dialed)
            ) from None

    def hangup(self) -> str:
        return self._with_session(self.client.click2hang)

    def hold(self) -> str:
        return self._with_session(self.client.click2hold)

    def unhold(self) -> str:
        return self._with_session(self.client.click2unhold)

    # --- call records --------------------------------------------------------------------------------------

    def call_records(self, query: CdrQuery) -> Iterator[CallRecord]:
        """All records of the query; a page refused with `login: false` is asked for again after one login."""
        cursor: str | None = None
        while True:
            page_cursor = cursor
            records, cursor = self._with_token(
                lambda token, c=page_cursor: self.client.cdr_page(token, query, c)  # type: ignore[misc]
            )
            yield from records
            if cursor is None:
                return

    def call_records_page(
        self, query: CdrQuery, cursor: str | None = None
    ) -> tuple[list[CallRecord], str | None]:
        """One page (at most 100 records) and the cursor for the next, None at the end; for paging as you scroll."""
        return self._with_token(lambda token: self.client.cdr_page(token, query, cursor))

    def performance(self, first: date, last: date) -> AgentPerf | None:
        """CCS's own figures for this agent over the days `first`..`last` (reportsAgentPerf); None when CCS has
        no row for the agent."""
        rows = self._with_token(lambda token: self.client.agent_perf(token, first, last, self.email))
        mine = [row for row in rows if str(row.get("email") or "").strip().lower() == self.email.lower()]
        if not mine and len(rows) == 1 and not rows[0].get("email"):
            mine = rows  # filtered by e-mail already; a report that leaves the e-mail out of the row
        return AgentPerf.from_api(mine[0], first, last) if mine else None

    def ping(self) -> None:
        self.client.ping(self._token())


def make_agent(
    tenant: Tenant,
    email: str,
    app_token: str | None,
    settings: Settings,
    *,
    store: SessionStore | None = None,
    clock: Callable[[], float] = time.time,
) -> Agent:
    """The one way the CLI and the window build an agent: timeouts and the session's lifetime come from the
    settings; sessions are read from and kept in `store` (None: not kept); `clock` dates them (UTC seconds)."""
    client = CcsClient(
        tenant, timeouts=Timeouts(settings.get_float("connect_timeout"), settings.get_float("read_timeout"))
    )
    lifetime = settings.get_float("session_lifetime_hours") * 3600
    return Agent(client, email, app_token, store=store, lifetime=lifetime, clock=clock)
