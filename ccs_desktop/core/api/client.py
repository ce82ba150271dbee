"""The CCS classic API (`GET /api/?function=...`) over one keep-alive `requests.Session`.

This layer knows the wire: parameter names, response shapes, how CCS says no, and how a failed request is
reported without leaking the query string (it carries the app_token or the session). It holds no credentials;
`Agent` adds the session and the re-login rule on top.
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import math
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from ccs_desktop import __version__
from ccs_desktop.core.api.records import CCS_DATETIME, CallRecord
from ccs_desktop.core.api.tenant import Tenant
from ccs_desktop.core.errors import (
    ApiRefused,
    AuthenticationFailed,
    InvalidInput,
    ManualCallsRestricted,
    NetworkError,
    RateLimited,
    RequestTimedOut,
    Unreachable,
)
from ccs_desktop.core.i18n import Core

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

#: Functions that change nothing on CCS, so a lost answer may be asked for again once.
IDEMPOTENT = frozenset({"ping", "login", "reportsCDRLogs", "reportsAgentPerf"})
#: The earliest year a date may have: CCS reads 'YYYY-MM-DD', and Python writes year 999 as '999-...'.
EARLIEST_YEAR = 1900
#: Words CCS uses when it refuses a token; such refusals are authentication failures, not API errors.
_TOKEN_WORDS = ("app_token", "token", "unauthori", "not authori", "yetki")
_USER_WORDS = ("user", "e-mail", "email")  # in a refused login: the e-mail, not the app_token, was wrong
#: How a click2call refusal names the "Restrict Manual Calls" permission (the exact text is unknown upstream,
#: ccs-api.md §7b): English and Turkish wordings.
_MANUAL_CALL_WORDS = ("manual call", "manual dial", "restrictmanualcall", "manuel arama")


#: The longest wait a 429 may ask for that we believe; a longer (or absurd) one is cut to this.
MAX_RETRY_AFTER = 300.0
#: The wait assumed when a 429 names none (or one that cannot be read).
DEFAULT_RETRY_AFTER = 5.0


@dataclass(frozen=True)
class Timeouts:
    """Connect and read timeouts in seconds; a request never waits longer than connect + read."""

    connect: float = 5.0
    read: float = 20.0


class LoginRequired(Exception):
    """CCS answered `login: false`: the session is unknown or expired. `Agent` handles it; users never see it."""

    def __init__(self, message: str) -> None:
        super().__init__(message or "Session expired")


def check_year(value: datetime, shown: str) -> datetime:
    """`value`, or InvalidInput (nothing is sent) for a date before EARLIEST_YEAR; `shown` is how the user wrote it."""
    if value.year < EARLIEST_YEAR:
        raise InvalidInput(
            Core.tr("{date} is before {year}: give a date from {year} on.").format(
                date=shown, year=EARLIEST_YEAR
            )
        )
    return value


@dataclass(frozen=True)
class CdrQuery:
    """A reportsCDRLogs question; the lookups (activecallkey, uniqueid, callkey) make CCS ignore the rest."""

    start: datetime | None = None
    finish: datetime | None = None
    agent: str | None = None
    agent_username: str | None = None
    queue: str | None = None
    sorting: str = "desc"
    activecallkey: str | None = None
    uniqueid: str | None = None
    callkey: str | None = None
    untransferred: bool = False
    include_call_history: bool = False
    include_csat: bool = False
    include_call_tags: bool = False
    csat_only: bool = False

    @property
    def is_lookup(self) -> bool:
        return bool(self.activecallkey or self.uniqueid or self.callkey)

    def params(self) -> dict[str, str]:
        if self.sorting not in ("asc", "desc"):
            raise InvalidInput(
                Core.tr("Sorting must be asc or desc, not {value}.").format(value=repr(self.sorting))
            )
        if not self.is_lookup and (self.start is None or self.finish is None):
            raise InvalidInput(Core.tr("Call records need a start and a finish date."))
        for bound in (self.start, self.finish):
            if bound is not None:
                check_year(bound, bound.isoformat(sep=" "))
        if self.start and self.finish and self.start > self.finish:
            raise InvalidInput(Core.tr("The start date is after the finish date."))
        params: dict[str, str] = {}
        if self.start is not None:
            params["startdate"] = self.start.strftime(CCS_DATETIME)
        if self.finish is not None:
            params["finishdate"] = self.finish.strftime(CCS_DATETIME)
        for name in ("agent", "agent_username", "queue", "activecallkey", "uniqueid", "callkey"):
            value = getattr(self, name)
            if value:
                params[name] = value
        if self.sorting != "desc":
            params["sorting"] = self.sorting
        for flag in (
            "untransferred",
            "include_call_history",
            "include_csat",
            "include_call_tags",
            "csat_only",
        ):
            if getattr(self, flag):
                params[flag] = "true"
        return params


class CcsClient:
    """Stateless calls to one tenant; safe to share between threads (requests' pool is thread-safe enough for GETs)."""

    def __init__(
        self,
        tenant: Tenant,
        *,
        timeouts: Timeouts | None = None,
        http: requests.Session | None = None,
    ) -> None:
        self.tenant = tenant
        self.timeouts = timeouts or Timeouts()
        self._http: requests.Session | None = None
        self._http_lock = threading.Lock()
        if http is not None:
            self._adopt(http)

    @property
    def http(self) -> requests.Session:
        """Made on first use: importing requests costs ~0.15 s, which the window's start-up need not wait for."""
        if self._http is None:
            with self._http_lock:
                if self._http is None:
                    import requests  # noqa: PLC0415

                    self._adopt(requests.Session())
        assert self._http is not None
        return self._http

    def _adopt(self, session: requests.Session) -> None:
        session.headers["User-Agent"] = f"ccs-desktop/{__version__}"
        session.headers["Accept"] = "application/json"
        self._http = session

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def __enter__(self) -> CcsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the functions -------------------------------------------------------------------------------------

    def ping(self, app_token: str) -> None:
        self.request("ping", {"app_token": app_token})

    def login(self, app_token: str, email: str) -> str:
        """Return a new session for the agent."""
        data = self.request("login", {"app_token": app_token, "email": email})
        session = data.get("session")
        if not isinstance(session, str) or not session:
            raise NetworkError(
                Core.tr("{host} accepted the login but sent no session.").format(host=self.tenant.host)
            )
        return session

    def click2call(
        self,
        session: str,
        phonenumber: str,
        transactionid: str,
        *,
        hangup_url: str | None = None,
        masked: bool = False,
        selected_queue: bool = False,
    ) -> dict[str, Any]:
        params = {"session": session, "phonenumber": phonenumber, "transactionid": transactionid}
        if hangup_url:
            params["hangup_url"] = hangup_url
        if masked:
            params["masked"] = "1"
        if selected_queue:
            params["selected_queue"] = "on"
        return self.request("click2call", params)

    def click2hang(self, session: str) -> str:
        return str(self.request("click2hang", {"session": session}).get("message") or "")

    def click2hold(self, session: str) -> str:
        return str(self.request("click2hold", {"session": session}).get("message") or "")

    def click2unhold(self, session: str) -> str:
        return str(self.request("click2unhold", {"session": session}).get("message") or "")

    def cdr_page(
        self, app_token: str, query: CdrQuery, cursor: str | None = None
    ) -> tuple[list[CallRecord], str | None]:
        """One page (at most 100 records) and the cursor for the next one, None at the end."""
        params = {"app_token": app_token, **query.params()}
        if cursor:
            params["cursor"] = cursor
        data = self.request("reportsCDRLogs", params)
        items = data.get("CallList")
        if items is None:
            items = []
        if not isinstance(items, list):
            raise NetworkError(
                Core.tr("{host} sent call records in an unexpected shape.").format(host=self.tenant.host)
            )
        records = [CallRecord.from_api(item) for item in items if isinstance(item, Mapping)]
        next_cursor = data.get("cursor")
        if not isinstance(next_cursor, str) or not next_cursor or next_cursor == cursor or not records:
            next_cursor = None
        return records, next_cursor

    def agent_perf(self, app_token: str, first: date, last: date, email: str) -> list[dict[str, Any]]:
        """reportsAgentPerf's rows for the agent with this e-mail over the days `first`..`last` (ccs-api.md §2.8)."""
        params = {
            "app_token": app_token,
            "startdate": first.isoformat(),
            "finishdate": last.isoformat(),
            "email": email,
        }
        rows = self.request("reportsAgentPerf", params).get("AgentPerfList")
        if rows is None:
            return []
        if not isinstance(rows, list):
            raise NetworkError(
                Core.tr("{host} sent the agent report in an unexpected shape.").format(host=self.tenant.host)
            )
        return [row for row in rows if isinstance(row, dict)]

    # --- the wire ------------------------------------------------------------------------------------------

    def request(self, function: str, params: Mapping[str, str]) -> dict[str, Any]:
        """One API call; idempotent functions get a single second chance after a network failure."""
        attempts = 2 if function in IDEMPOTENT else 1
        for attempt in range(1, attempts + 1):
            try:
                return self._request_once(function, params)
            except RateLimited:
                raise  # CCS asked us to wait: asking again at once would be the opposite
            except NetworkError as exc:
                if attempt == attempts:
                    raise
                log.info("%s failed (%s); asking once more", function, exc)
                time.sleep(0.2)
        raise AssertionError("unreachable")

    def _request_once(self, function: str, params: Mapping[str, str]) -> dict[str, Any]:
        query = {"function": function, **params}
        host = self.tenant.host
        started = time.perf_counter()
        http = self.http
        with transport_errors(host, self.timeouts):
            response = http.get(
                self.tenant.api_url, params=query, timeout=(self.timeouts.connect, self.timeouts.read)
            )
        log.debug("%s answered HTTP %s in %.0f ms", function, response.status_code, _ms(started))
        if response.status_code == 429:
            raise rate_limited(host, response.headers.get("Retry-After"))
        if response.status_code != 200:
            if response.status_code >= 500:
                text = Core.tr("{host} answered with HTTP {status} (a server error).")
            else:
                text = Core.tr("{host} answered with HTTP {status} (an unexpected status).")
            raise NetworkError(text.format(host=host, status=response.status_code))
        try:
            data = response.json()
        except ValueError:
            raise NetworkError(
                Core.tr("{host} sent an answer that is not valid JSON.").format(host=host)
            ) from None
        if not isinstance(data, dict):
            raise NetworkError(Core.tr("{host} sent an answer in an unexpected shape.").format(host=host))
        return self._check(function, data)

    def _check(self, function: str, data: dict[str, Any]) -> dict[str, Any]:
        message = str(data.get("message") or "").strip()
        if function == "login":
            if data.get("login") is not True:
                # CCS names the agent ("Unknown user ...") when the e-mail is what it refused, else the token
                about_user = any(word in message.lower() for word in _USER_WORDS)
                raise AuthenticationFailed(
                    Core.tr("Login refused by {host}: {reason}.").format(
                        host=self.tenant.host, reason=message or Core.tr("no reason given")
                    ),
                    field="email" if about_user else "token",
                )
            return data
        if data.get("login") is False:
            raise LoginRequired(message)
        if data.get("success") is False:
            if any(word in message.lower() for word in _TOKEN_WORDS):
                raise AuthenticationFailed(
                    Core.tr("{host} rejected the app_token: {reason}.").format(
                        host=self.tenant.host, reason=message
                    ),
                    field="token",
                )
            if function == "click2call" and any(word in message.lower() for word in _MANUAL_CALL_WORDS):
                raise ManualCallsRestricted(message, function)
            raise ApiRefused(message, function)
        return data


@contextlib.contextmanager
def transport_errors(host: str, timeouts: Timeouts) -> Iterator[None]:
    """Turn requests' failures inside the block into our typed errors, without their text (it holds the URL and
    its query string); shared by the classic and the v1 clients."""
    import requests  # noqa: PLC0415 - loaded already by the caller's session; here for its exception types

    try:
        yield
    except requests.exceptions.ConnectTimeout:
        raise Unreachable(
            Core.tr("Cannot reach {host}: no connection within {seconds:g} s.").format(
                host=host, seconds=timeouts.connect
            )
        ) from None
    except requests.exceptions.ReadTimeout:
        raise RequestTimedOut(
            Core.tr("{host} did not answer within {seconds:g} s.").format(host=host, seconds=timeouts.read)
        ) from None
    except requests.exceptions.RequestException as exc:
        kind = Unreachable if _never_sent(exc) else NetworkError
        raise kind(
            Core.tr("Cannot reach {host}: {reason}.").format(host=host, reason=_describe_failure(exc))
        ) from None


def parse_retry_after(value: str | None, clock: Callable[[], float] = time.time) -> float:
    """Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date), within [0, MAX_RETRY_AFTER];
    DEFAULT_RETRY_AFTER when it is missing or unreadable."""
    text = (value or "").strip()
    if not text:
        return DEFAULT_RETRY_AFTER
    try:
        seconds = float(text)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(text).timestamp() - clock()
        except (TypeError, ValueError, IndexError, OverflowError):
            return DEFAULT_RETRY_AFTER
    if math.isnan(seconds):
        return DEFAULT_RETRY_AFTER
    return min(MAX_RETRY_AFTER, max(0.0, seconds))


def rate_limited(host: str, retry_after: str | None, clock: Callable[[], float] = time.time) -> RateLimited:
    """The error for a 429: CCS's `Retry-After` read and bounded; nobody sleeps on it here (the caller's back-off
    waits), and the request was not carried out, so it is never repeated at once."""
    wait = parse_retry_after(retry_after, clock)
    return RateLimited(
        Core.tr("{host} is busy (too many requests); ask again in {seconds:.0f} s.").format(
            host=host, seconds=wait
        ),
        wait,
    )


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it wraps (urllib3 nests the real cause several levels down)."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for attr in ("reason", "__cause__", "__context__"):
            inner = getattr(current, attr, None)
            if isinstance(inner, BaseException):
                todo.append(inner)
        todo.extend(arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException))


def _never_sent(exc: BaseException) -> bool:
    """True when the failure came before any byte of the request left: no connection was ever made."""
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError  # noqa: PLC0415

    return any(
        isinstance(
            current,
            NewConnectionError
            | ConnectTimeoutError
            | socket.gaierror
            | ConnectionRefusedError
            | ssl.SSLError,
        )
        for current in _chain(exc)
    )


def _describe_failure(exc: BaseException) -> str:
    """A short reason from the exception chain, never its text (which holds the URL and its query string)."""
    for current in _chain(exc):
        if isinstance(current, socket.gaierror) or type(current).__name__ == "NameResolutionError":
            return Core.tr("the host name was not found")
        if isinstance(current, ConnectionRefusedError):
            return Core.tr("connection refused")
        if isinstance(current, ssl.SSLCertVerificationError):
            return Core.tr("its certificate could not be verified")
        if isinstance(current, ssl.SSLError):
            return Core.tr("the secure connection failed")
        if isinstance(
            current, http.client.RemoteDisconnected | ConnectionResetError | ConnectionAbortedError
        ):
            return Core.tr("the connection was lost before it answered")
        if (
            isinstance(current, OSError)
            and current.errno is not None
            and "unreachable" in str(current).lower()
        ):
            return Core.tr("the network is unreachable")
    return Core.tr("the connection failed")
