"""Call notifications CCS sends to the app: the IVR Web-URL request and the click2call hangup_url POST.

Pure parsing and de-duplication (ccs-api.md §3.1, §3.3), so the HTTP listener only moves bytes and the rules
can be tested without a socket. CCS lets admins choose the query-parameter names of the IVR request, hence
`ParamNames`; a macro CCS left unexpanded (`{{call_duration}}`) counts as missing, never as a value.
"""

from __future__ import annotations

import math
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import parse_qsl

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core

RING, END, HANGUP = "ring", "end", "hangup"
KINDS = (RING, END, HANGUP)
DEDUPE_SIZE = 2000
_UNEXPANDED = re.compile(r"\{\{.*\}\}")


def new_token() -> str:
    """A secret for the listener's URL path: URL-safe, 32 characters, unguessable."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class ParamNames:
    """The query-parameter names of the IVR request; the defaults are CCS's macro names."""

    callerid: str = "call_callerid"
    activecallkey: str = "call_activecallkey"
    agent_email: str = "call_agent_email"
    duration: str = "call_duration"
    queue: str = "queue"


DEFAULT_NAMES = ParamNames()


@dataclass(frozen=True)
class CallNotification:
    """One notification as received; `fields` keeps everything (first value per name) for tenant variables."""

    kind: str  # RING: IVR request without duration; END: IVR request with one; HANGUP: hangup_url POST
    key: str  # the activecallkey (IVR) or call_id (hangup): the CDR lookup key
    callerid: str = ""
    agent_email: str = ""
    duration: int | None = None
    queue: str = ""
    transaction_id: str = ""
    disposition: str = ""
    called_num: str = ""
    call_date: str = ""
    fields: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    received: float = field(default_factory=time.time, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    @property
    def dedupe_key(self) -> tuple[str, str]:
        """Two rings of one call are one event; its ring and its end are two."""
        return (self.kind, self.key)


def _fields(text: str) -> dict[str, str]:
    """First value per name; values that are unexpanded `{{macros}}` become blank."""
    found: dict[str, str] = {}
    for name, value in parse_qsl(text, keep_blank_values=True):
        if name not in found:
            found[name] = "" if _UNEXPANDED.fullmatch(value.strip()) else value.strip()
    return found


def _seconds(text: str) -> int | None:
    """Whole seconds, or None for anything that is not a finite non-negative number."""
    try:
        value = float(text)
    except ValueError:
        return None
    return round(value) if math.isfinite(value) and value >= 0 else None


def parse_ivr(query: str, names: ParamNames = DEFAULT_NAMES) -> CallNotification:
    """The IVR Web-URL request (query string, or query and form body joined with '&').

    A blank or absent duration means the call is ringing; any duration means it ended.
    """
    fields = _fields(query)
    key = fields.get(names.activecallkey, "")
    if not key:
        raise InvalidInput(Core.tr("call notification without {name}").format(name=names.activecallkey))
    duration_text = fields.get(names.duration, "")
    return CallNotification(
        kind=END if duration_text else RING,
        key=key,
        callerid=fields.get(names.callerid, ""),
        agent_email=fields.get(names.agent_email, ""),
        duration=_seconds(duration_text) if duration_text else None,
        queue=fields.get(names.queue, ""),
        fields=fields,
    )


def parse_hangup(body: str) -> CallNotification:
    """The hangup_url POST body of a click2call (form-urlencoded, ccs-api.md §3.1)."""
    fields = _fields(body)
    key = fields.get("call_id", "")
    if not key:
        raise InvalidInput(Core.tr("hangup notification without {name}").format(name="call_id"))
    return CallNotification(
        kind=HANGUP,
        key=key,
        callerid=fields.get("caller_id", ""),
        agent_email=fields.get("agent_username", ""),
        duration=_seconds(fields.get("duration", "")),
        transaction_id=fields.get("transaction_id", ""),
        disposition=fields.get("disposition", ""),
        called_num=fields.get("called_num", ""),
        call_date=fields.get("call_date", ""),
        fields=fields,
    )


class Deduper:
    """Remembers the last `size` events (LRU), so a retried or repeated notification pops only once."""

    def __init__(self, size: int = DEDUPE_SIZE) -> None:
        if size < 1:
            raise ValueError("size must be at least 1")
        self._size = size
        self._seen: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, notification: CallNotification) -> bool:
        """True the first time an event is seen; thread-safe (the listener serves from several threads)."""
        key = notification.dedupe_key
        with self._lock:
            if key in self._seen:
                self._seen.move_to_end(key)
                return False
            self._seen[key] = None
            if len(self._seen) > self._size:
                self._seen.popitem(last=False)
            return True

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)
