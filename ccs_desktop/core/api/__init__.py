"""The Call Center Studio classic API: wire client, agent session and call records.

Names load on first use (PEP 562): importing `ccs_desktop.core.api.tenant` or `.records` must not pull in
requests, which the GUI imports in a worker thread, off its start-up path.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_HOMES = {
    "Agent": "agent",
    "PlacedCall": "agent",
    "SessionStore": "agent",
    "StoredSession": "agent",
    "make_agent": "agent",
    "CcsClient": "client",
    "CdrQuery": "client",
    "LoginRequired": "client",
    "Timeouts": "client",
    "CallRecord": "records",
    "Tenant": "tenant",
    "resolve_tenant": "tenant",
}

__all__ = [
    "Agent",
    "CallRecord",
    "CcsClient",
    "CdrQuery",
    "LoginRequired",
    "PlacedCall",
    "SessionStore",
    "StoredSession",
    "Tenant",
    "Timeouts",
    "make_agent",
    "resolve_tenant",
]

if TYPE_CHECKING:
    from ccs_desktop.core.api.agent import Agent, PlacedCall, SessionStore, StoredSession, make_agent
    from ccs_desktop.core.api.client import CcsClient, CdrQuery, LoginRequired, Timeouts
    from ccs_desktop.core.api.records import CallRecord
    from ccs_desktop.core.api.tenant import Tenant, resolve_tenant


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
