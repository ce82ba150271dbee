"""CCS's "Public API v1" (ccs-api.md §6.1): the agent's live calls and agent statuses.

Unlike the classic API, v1 takes the app_token and the tenant's full host in the headers `app_token` and
`tenant`, never in the query string; only `activecall/user` carries the agent's session, as `?session=`. The
rules are the classic client's: connect/read timeouts, typed errors (core/errors.py), 401/403 is an
authentication failure, and the token and the session never reach a log line (both are registered secrets).

A 429 becomes RateLimited with the wait CCS asked for (`Retry-After`, seconds or an HTTP date, bounded to
MAX_RETRY_AFTER): the client never sleeps, so a caller on any thread stays responsive and its own back-off
decides. Nothing is retried here except the session: `login: false` or an unknown session on `activecall/user`
logs in once through the Agent (`V1Agent`), as the CCS guide says.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ccs_desktop import __version__
from ccs_desktop.core.api.client import (
    LoginRequired,
    Timeouts,
    rate_limited,
    transport_errors,
)
from ccs_desktop.core.api.records import parse_ccs_datetime
from ccs_desktop.core.api.statuses import LIVE_STATUSES, check_status
from ccs_desktop.core.errors import (
    ApiRefused,
    AuthenticationFailed,
    NetworkError,
)
from ccs_desktop.core.i18n import Core
from ccs_desktop.core.logs import register_secret

if TYPE_CHECKING:
    import requests

    from ccs_desktop.core.api.agent import Agent
    from ccs_desktop.core.api.tenant import Tenant
    from ccs_desktop.core.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.alo-tech.com/v1"
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "http://[::1]")
#: What an agent can set (ccs-api.md §6.1, §7b), in the order a menu shows them.
AGENTS_STATUS_PATH = "agent/get_agents_status"
#: Words of a refusal that mean "this session is unknown or expired", whatever the exact shape.
_SESSION_WORDS = ("session",)


def v1_base_url(settings: Settings, tenant: Tenant) -> str:
    """The `v1_base_url` setting when set; else `<tenant URL>/v1` for a tenant on this computer (the simulator),
    else CCS's public v1 root."""
    if settings.is_set("v1_base_url") and settings.get_str("v1_base_url").strip():
        return settings.get_str("v1_base_url").strip().rstrip("/")
    if tenant.base_url.startswith(LOCAL_PREFIXES):
        return tenant.base_url + "/v1"
    return str(settings.get("v1_base_url")).rstrip("/")


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class LiveCall:
    """One row of `MyActiveCalls`: a call of this agent right now. `key` is the live-call key (the screen pop's
    identity: CCS keeps `inbound` true after the answer and only `status` moves, so de-duplicate on `key`)."""

    key: str
    callid: str
    callerid: str
    called_num: str
    queue: str
    inbound: bool
    status: str  # "ringing" | "talking" | "hold" (others kept as CCS wrote them, lower-cased)
    calldate: datetime | None  # tenant-local, naive, as CCS writes it
    talkdate: datetime | None

    @property
    def number(self) -> str:
        """The other party: the caller of an inbound call, the called number of an outbound one."""
        return self.callerid if self.inbound else self.called_num

    @classmethod
    def from_api(cls, row: Mapping[str, Any]) -> LiveCall:
        """Lenient: only `key` (or, failing it, `callid`) is required; ValueError names what is missing."""
        key = _text(row.get("key")) or _text(row.get("callid"))
        if not key:
            raise ValueError("no key")
        return cls(
            key=key,
            callid=_text(row.get("callid")),
            callerid=_text(row.get("callerid")),
            called_num=_text(row.get("called_num")),
            queue=_text(row.get("queue")),
            inbound=_as_bool(row.get("inbound")),
            status=_text(row.get("status")).lower(),
            calldate=parse_ccs_datetime(row.get("calldate")),
            talkdate=parse_ccs_datetime(row.get("talkdate")),
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, dates as CCS writes them (`YYYY-MM-DD HH:MM:SS`) or None."""
        return {
            "key": self.key,
            "callid": self.callid,
            "callerid": self.callerid,
            "called_num": self.called_num,
            "queue": self.queue,
            "inbound": self.inbound,
            "status": self.status,
            "calldate": self.calldate.isoformat(sep=" ") if self.calldate else None,
            "talkdate": self.talkdate.isoformat(sep=" ") if self.talkdate else None,
        }


@dataclass(frozen=True)
class AgentStatus:
    """One row of `agents_status_list`."""

    email: str
    name: str
    status: str  # one of STATUSES, a live one (LIVE_STATUSES), or whatever else CCS says, lower-cased

    @property
    def on_call(self) -> bool:
        return self.status in LIVE_STATUSES

    @classmethod
    def from_api(cls, row: Mapping[str, Any]) -> AgentStatus:
        email = _text(row.get("email") or row.get("user_name"))
        if not email:
            raise ValueError("no email")
        return cls(email, _text(row.get("agentname") or row.get("name")), _text(row.get("status")).lower())


T = TypeVar("T")


def _rows(data: dict[str, Any], name: str, host: str) -> list[Any]:
    rows = data.get(name)
    if rows is None:
        return []
    if not isinstance(rows, list):
        raise NetworkError(Core.tr("{host} sent an answer in an unexpected shape.").format(host=host))
    return rows


def _parsed(rows: list[Any], parse: Callable[[Mapping[str, Any]], T], what: str) -> list[T]:
    """Each row that reads; a bad one costs only itself, logged (CCS adds and renames fields)."""
    parsed = []
    for row in rows:
        try:
            if not isinstance(row, Mapping):
                raise ValueError(f"a {type(row).__name__}, not an object")
            parsed.append(parse(row))
        except ValueError as exc:
            log.warning("skipped %s CCS sent (%s)", what, exc)
    return parsed


class V1Client:
    """Calls to CCS's v1 API for one tenant and app_token; thread-safe like CcsClient (one keep-alive session)."""

    def __init__(
        self,
        tenant: Tenant,
        app_token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeouts: Timeouts | None = None,
        http: requests.Session | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.tenant = tenant
        self.base_url = base_url.rstrip("/")
        self.timeouts = timeouts or Timeouts()
        self._app_token = app_token
        register_secret(app_token)
        self._clock = clock
        self._http = http
        self._http_lock = threading.Lock()

    @property
    def http(self) -> requests.Session:
        if self._http is None:
            with self._http_lock:
                if self._http is None:
                    import requests  # noqa: PLC0415 - ~0.15 s; not on anyone's start-up path

                    self._http = requests.Session()
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def __enter__(self) -> V1Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the functions -------------------------------------------------------------------------------------

    def my_active_calls(self, session: str) -> list[LiveCall]:
        """The agent's live calls; LoginRequired when CCS does not know the session (V1Agent renews it)."""
        register_secret(session)
        data = self.request("GET", "activecall/user", params={"session": session}, session_call=True)
        return _parsed(_rows(data, "MyActiveCalls", self.tenant.host), LiveCall.from_api, "a live call")

    def agents_status(self) -> list[AgentStatus]:
        data = self.request("GET", AGENTS_STATUS_PATH)
        rows = _rows(data, "agents_status_list", self.tenant.host)
        return _parsed(rows, AgentStatus.from_api, "an agent status")

    def status_of(self, email: str) -> str:
        """The agent's current status; ApiRefused when CCS does not list them."""
        wanted = email.strip().lower()
        for entry in self.agents_status():
            if entry.email.lower() == wanted:
                return entry.status
        raise ApiRefused(
            Core.tr("{email} is not in the tenant's agent list.").format(email=email), AGENTS_STATUS_PATH
        )

    def set_status(self, email: str, status: str, *, timeouts: Timeouts | None = None) -> str:
        """Set the agent's status (InvalidInput, nothing sent, for an unknown one); CCS's message on success,
        ApiRefused with CCS's reason when it says no (e.g. during a call). `timeouts`: shorter ones than the
        client's, for a send that must not hold up a quit."""
        status = check_status(status)
        body = {"user_name": email, "status": status}
        data = self.request("POST", "agent/status", json=body, timeouts=timeouts)
        return _text(data.get("message"))

    # --- the wire ------------------------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Mapping[str, Any] | None = None,
        session_call: bool = False,
        timeouts: Timeouts | None = None,
    ) -> dict[str, Any]:
        """One request, never repeated; the answer's JSON object, or a typed error."""
        host = self.tenant.host
        timeouts = timeouts or self.timeouts
        headers = {
            "app_token": self._app_token,
            "tenant": host,
            "User-Agent": f"ccs-desktop/{__version__}",
            "Accept": "application/json",
        }
        started = time.perf_counter()
        http = self.http
        with transport_errors(host, timeouts):
            response = http.request(
                method,
                f"{self.base_url}/{path}",
                params=params,
                json=json,
                headers=headers,
                timeout=(timeouts.connect, timeouts.read),
                allow_redirects=False,  # requests would carry the app_token header to wherever it points
            )
        status = response.status_code
        if 300 <= status < 400:
            raise NetworkError(
                Core.tr(
                    "{host} redirected the request elsewhere (HTTP {status}); check the v1 address."
                ).format(host=host, status=status)
            )
        log.debug("v1 %s %s answered HTTP %s in %.0f ms", method, path, status, _ms(started))
        if status in (401, 403):
            raise AuthenticationFailed(
                Core.tr("{host} rejected the app_token (HTTP {status}).").format(host=host, status=status),
                field="token",
            )
        if status == 429:
            raise rate_limited(host, response.headers.get("Retry-After"), self._clock)
        try:
            data = response.json()
        except ValueError:
            data = None
        if status >= 500:
            raise NetworkError(
                Core.tr("{host} answered with HTTP {status} (a server error).").format(
                    host=host, status=status
                )
            )
        if not isinstance(data, dict):
            if status != 200:
                raise NetworkError(
                    Core.tr("{host} answered with HTTP {status} (an unexpected status).").format(
                        host=host, status=status
                    )
                )
            raise NetworkError(Core.tr("{host} sent an answer that is not valid JSON.").format(host=host))
        message = _text(data.get("message"))
        if session_call and (
            data.get("login") is False
            or (
                (data.get("success") is False or status != 200)
                and any(word in message.lower() for word in _SESSION_WORDS)
            )
        ):
            raise LoginRequired(message)
        if data.get("success") is False or status != 200:
            raise ApiRefused(message or f"HTTP {status}", path)
        return data


class V1Agent:
    """The v1 API for one agent: the session and its renewal come from the classic Agent."""

    def __init__(self, client: V1Client, agent: Agent) -> None:
        self.client = client
        self.agent = agent

    @property
    def email(self) -> str:
        return self.agent.email

    def live_calls(self) -> list[LiveCall]:
        """MyActiveCalls; an unknown or expired session is renewed once (SessionExpired if that is not enough)."""
        return self.agent.with_session(self.client.my_active_calls)

    def status(self) -> str:
        return self.client.status_of(self.agent.email)

    def set_status(self, status: str, *, timeouts: Timeouts | None = None) -> str:
        return self.client.set_status(self.agent.email, status, timeouts=timeouts)

    def close(self) -> None:
        self.client.close()


def make_v1_agent(agent: Agent, settings: Settings, *, clock: Callable[[], float] = time.time) -> V1Agent:
    """The one way the CLI and the window reach v1: the agent's tenant and app_token, the settings' timeouts and
    `v1_base_url`."""
    tenant = agent.client.tenant
    client = V1Client(
        tenant,
        agent.token(),
        base_url=v1_base_url(settings, tenant),
        timeouts=agent.client.timeouts,
        clock=clock,
    )
    return V1Agent(client, agent)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
