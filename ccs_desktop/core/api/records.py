"""Call records as CCS sends them: known fields typed, everything else kept untouched.

CCS adds fields over time (the v1 API already has `status`, `hangupcause`, `inbound`, `click2call`), and tenants get
extra ones from `include_*` flags. A record therefore keeps the raw mapping it came from, so exports and the
details pane show every field, and typed properties read the ones the app understands.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core

CCS_DATETIME = "%Y-%m-%d %H:%M:%S"

#: The documented reportsCDRLogs fields, in the order exports show them; unknown fields follow.
KNOWN_FIELDS: tuple[str, ...] = (
    "callid",
    "calldate",
    "callerid",
    "called_num",
    "inbound",
    "click2call",
    "answered",
    "status",
    "duration",
    "waitduration",
    "queue",
    "queuekey",
    "agent",
    "agentid",
    "answeredby",
    "queued",
    "assigned",
    "abandon",
    "queuedate",
    "talkdate",
    "hangupdate",
    "hangupcause",
    "sl",
    "shortcall",
    "around",
    "hold",
    "holdduration",
    "voicemail",
    "recordingurl",
    "localrelease",
    "transferred",
    "uniqueid",
    "callkey",
)


_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def parse_utc_offset(text: str) -> timedelta | None:
    """'+03:00', '+3', 'UTC+03', '-05:30' -> the offset; '' -> None (this computer's time zone)."""
    text = text.strip()
    if not text:
        return None
    match = _OFFSET.match(text)
    if match is None:
        raise InvalidInput(
            Core.tr("Write the time zone as an offset from UTC, like +03:00, not {text}.").format(text=text)
        )
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    offset = timedelta(hours=hours, minutes=minutes)
    if offset > timedelta(hours=14) or minutes >= 60:
        raise InvalidInput(
            Core.tr("Write the time zone as an offset from UTC, like +03:00, not {text}.").format(text=text)
        )
    return -offset if sign == "-" else offset


def tenant_now(offset: str = "", clock: Callable[[], float] = time.time) -> datetime:
    """Now on the tenant's clock, which CCS writes its naive call dates with (ccs-api.md §1.5); an empty offset
    means the tenant keeps this computer's time zone, as an agent's usually does. `clock`: UTC epoch seconds."""
    delta = parse_utc_offset(offset)
    moment = clock()
    if delta is None:
        return datetime.fromtimestamp(moment).replace(microsecond=0)
    return (datetime.fromtimestamp(moment, UTC) + delta).replace(tzinfo=None, microsecond=0)


def tenant_clock(offset: Callable[[], str], clock: Callable[[], float] = time.time) -> Callable[[], datetime]:
    """The app's "now" for periods, the settle rule and timelines: `tenant_now` with the offset setting as it is
    at each call. An offset the settings dialog would refuse (a hand-edited file) falls back to local time."""

    def now() -> datetime:
        try:
            return tenant_now(offset(), clock)
        except InvalidInput:
            return tenant_now("", clock)

    return now


def local_utc_offset(clock: Callable[[], float] = time.time) -> timedelta:
    """This computer's offset from UTC at the clock's instant (it changes with daylight saving time)."""
    return datetime.fromtimestamp(clock(), UTC).astimezone().utcoffset() or timedelta(0)


def parse_ccs_datetime(value: object) -> datetime | None:
    """CCS writes naive tenant-local times; clients have seen only the first 16 characters to be reliable."""
    if not isinstance(value, str) or len(value) < 16:
        return None
    text = value.replace("T", " ")
    for fmt, size in ((CCS_DATETIME, 19), ("%Y-%m-%d %H:%M", 16)):
        try:
            return datetime.strptime(text[:size], fmt)
        except ValueError:
            continue
    return None


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _as_int(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class CallRecord:
    """One reportsCDRLogs entry."""

    raw: Mapping[str, Any] = field(repr=False)

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> CallRecord:
        return cls(dict(data))

    def get(self, name: str, default: Any = None) -> Any:
        return self.raw.get(name, default)

    @property
    def call_id(self) -> str:
        return str(self.raw.get("callid") or self.raw.get("callkey") or "")

    @property
    def call_date(self) -> datetime | None:
        return parse_ccs_datetime(self.raw.get("calldate"))

    @property
    def caller_id(self) -> str:
        return str(self.raw.get("callerid") or "")

    @property
    def called_num(self) -> str:
        return str(self.raw.get("called_num") or "")

    @property
    def inbound(self) -> bool | None:
        """None when CCS did not say (the classic API has no direction field; the v1 one does)."""
        value = self.raw.get("inbound")
        return None if value is None else _as_bool(value)

    @property
    def answered(self) -> bool:
        return _as_bool(self.raw.get("answered"))

    @property
    def duration(self) -> int | None:
        return _as_int(self.raw.get("duration"))

    @property
    def wait_duration(self) -> int | None:
        return _as_int(self.raw.get("waitduration"))

    @property
    def queue(self) -> str:
        return str(self.raw.get("queue") or "")

    @property
    def agent(self) -> str:
        return str(self.raw.get("agent") or "")

    @property
    def recording_url(self) -> str:
        return str(self.raw.get("recordingurl") or "")

    @property
    def other_party(self) -> str:
        """The customer's number: the caller on inbound calls, the called number otherwise."""
        return self.caller_id if self.inbound else self.called_num

    @property
    def extra_fields(self) -> dict[str, Any]:
        """Fields this version of the app does not know; kept so nothing CCS sends is lost."""
        known = set(KNOWN_FIELDS)
        return {k: v for k, v in self.raw.items() if k not in known}


def field_order(records: list[CallRecord]) -> list[str]:
    """Columns for an export: the known fields that occur, then every unknown one in first-seen order."""
    seen: dict[str, None] = {}
    for record in records:
        for key in record.raw:
            seen.setdefault(key, None)
    ordered = [name for name in KNOWN_FIELDS if name in seen]
    ordered += [name for name in seen if name not in KNOWN_FIELDS]
    return ordered


def cell_text(value: Any) -> str:
    """A field as text for CSV and tables: booleans as true/false, nested values as JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@dataclass(frozen=True)
class AgentPerf:
    """CCS's own figures for one agent over whole days: reportsAgentPerf's row (ccs-api.md §2.8).

    The answer's shape is unknown upstream; these are the names the simulator answers with, and a figure CCS did
    not send is None (shown as "not reported", never as 0). `missed`: every call not answered, either way."""

    first: date
    last: date
    answered: int | None
    missed: int | None
    talk_seconds: int | None
    pauses: int | None
    pause_seconds: int | None
    raw: Mapping[str, Any] = field(repr=False, default_factory=dict)

    @classmethod
    def from_api(cls, row: Mapping[str, Any], first: date, last: date) -> AgentPerf:
        return cls(
            first,
            last,
            _as_int(row.get("answered_calls")),
            _as_int(row.get("missed_calls")),
            _as_int(row.get("talk_duration")),
            _as_int(row.get("pause_count")),
            _as_int(row.get("pause_duration")),
            dict(row),
        )
