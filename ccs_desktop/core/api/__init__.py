"""The Call Center Studio classic API: wire client, agent session and call records."""

from ccs_desktop.core.api.agent import Agent, PlacedCall, SessionStore, StoredSession
from ccs_desktop.core.api.client import CcsClient, CdrQuery, LoginRequired, Timeouts
from ccs_desktop.core.api.records import CallRecord
from ccs_desktop.core.api.tenant import Tenant, resolve_tenant

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
    "resolve_tenant",
]
