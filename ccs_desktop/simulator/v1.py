"""CCS's "Public API v1" (ccs-api.md §6.1), served under `/v1` on the simulator's base URL.

Authentication is by headers: `app_token` and `tenant` (the tenant's full host). Credentials in the query string
are not read, as on the real service. The simulator takes as its full host both `tenant_host` from its config and
the host name a client reached it by (127.0.0.1 for a local tenant URL), so an app configured with the simulator's
URL sends what it would send to CCS. Error statuses are the simulator's choice (unknown upstream): 401 for bad
credentials, 404 for an unknown path, 200 with `success: false` when CCS says no.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ccs_desktop.simulator.seed import Agent
from ccs_desktop.simulator.state import CallCenter

Answer = tuple[int, Any]  # (HTTP status, JSON-ready body, or a str sent as text/plain)
PREFIX = "/v1"


def _fail(message: str, status: int = 200) -> Answer:
    return status, {"success": False, "message": message}


def authenticate(cc: CallCenter, headers: Mapping[str, str], reached_as: str) -> str:
    """Empty when the headers carry the app_token and a full host of this tenant, else the refusal's message."""
    if not cc.check_app_token(headers.get("app_token")):
        return "Invalid app_token"
    tenant = (headers.get("tenant") or "").strip().lower()
    if tenant not in (cc.tenant.host.lower(), reached_as.lower()):
        return "Invalid tenant"
    return ""


def handle(
    cc: CallCenter,
    method: str,
    path: str,
    query: Mapping[str, str],
    body: bytes,
    headers: Mapping[str, str],
    reached_as: str,
) -> Answer:
    """Answer one v1 request; `path` is relative to /v1, without a leading slash."""
    route = ROUTES.get((method, path))
    if route is None:
        if any(p == path for _, p in ROUTES):
            return _fail("Method not allowed", 405)
        return _fail("Not found", 404)
    refused = authenticate(cc, headers, reached_as)
    if refused:
        return _fail(refused, 401)
    data: Any = {}
    if method == "POST":
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return _fail("Body must be JSON", 400)
        if not isinstance(data, dict):
            return _fail("Body must be a JSON object", 400)
    return route(cc, query, data)


def _ping(cc: CallCenter, query: Mapping[str, str], data: dict[str, Any]) -> Answer:
    return 200, "pong"


def _session_agent(cc: CallCenter, session: str) -> tuple[Agent | None, Answer]:
    """The session's agent; an expired one answers `login: false` like the classic API, a never-issued one a
    plain refusal that names the session (both renew the session in clients)."""
    agent, reason = cc.session_agent(session)
    if agent is not None:
        return agent, (200, {})
    if reason == "Session expired":
        return None, (200, {"success": False, "login": False, "message": reason})
    return None, _fail("Unknown session")


def _active_calls(cc: CallCenter, query: Mapping[str, str], data: dict[str, Any]) -> Answer:
    agent, refusal = _session_agent(cc, query.get("session", "").strip())
    if agent is None:
        return refusal
    return 200, {"success": True, "MyActiveCalls": cc.active_calls(agent)}


def _click2hang(cc: CallCenter, query: Mapping[str, str], data: dict[str, Any]) -> Answer:
    agent, refusal = _session_agent(cc, str(data.get("session") or "").strip())
    if agent is None:
        return refusal
    ok, message = cc.hangup(agent)
    return 200, {"success": ok, "message": message}


def _agents_status(cc: CallCenter, query: Mapping[str, str], data: dict[str, Any]) -> Answer:
    return 200, {"success": True, "agents_status_list": cc.agents_status()}


def _set_status(cc: CallCenter, query: Mapping[str, str], data: dict[str, Any]) -> Answer:
    user_name = str(data.get("user_name") or "").strip()
    status = str(data.get("status") or "").strip()
    if not user_name or not status:
        return _fail("user_name and status are required")
    agent = cc.tenant.agent_by_email(user_name)
    if agent is None:
        return _fail(f"Unknown user {user_name}")
    ok, message = cc.set_status(agent, status)
    return 200, {"success": ok, "message": message}


Route = Callable[[CallCenter, Mapping[str, str], dict[str, Any]], Answer]
ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "system/ping"): _ping,
    ("GET", "activecall/user"): _active_calls,
    ("POST", "activecall/click2hang"): _click2hang,
    ("GET", "agent/get_agents_status"): _agents_status,
    ("POST", "agent/status"): _set_status,
}
