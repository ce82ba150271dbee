"""The Call Center Studio API: the classic wire client, agent session and call records, and the v1 client.

Names load on first use (PEP 562): importing `ccs_desktop.core.api.tenant` or `.records` must not pull in
requests, which the GUI imports in a worker thread, off its start-up path.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_HOMES = {
    "Agent": "agent",
    "PlacedCall": "agent",
    "SessionStore": "session",
    "StoredSession": "session",
    "make_agent": "agent",
    "CcsClient": "client",
    "CdrQuery": "client",
    "LoginRequired": "client",
    "Timeouts": "client",
    "CallRecord": "records",
    "Tenant": "tenant",
    "resolve_tenant": "tenant",
    "AgentStatus": "v1",
    "LiveCall": "v1",
    "V1Agent": "v1",
    "V1Client": "v1",
    "make_v1_agent": "v1",
}

__all__ = [
    "Agent",
    "AgentStatus",
    "CallRecord",
    "CcsClient",
    "CdrQuery",
    "LiveCall",
    "LoginRequired",
    "PlacedCall",
    "SessionStore",
    "StoredSession",
    "Tenant",
    "Timeouts",
    "V1Agent",
    "V1Client",
    "make_agent",
    "make_v1_agent",
    "resolve_tenant",
]

if TYPE_CHECKING:
    from ccs_desktop.core.api.agent import Agent, PlacedCall, SessionStore, StoredSession, make_agent
    from ccs_desktop.core.api.client import CcsClient, CdrQuery, LoginRequired, Timeouts
    from ccs_desktop.core.api.records import CallRecord
    from ccs_desktop.core.api.tenant import Tenant, resolve_tenant
    from ccs_desktop.core.api.v1 import AgentStatus, LiveCall, V1Agent, V1Client, make_v1_agent


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
