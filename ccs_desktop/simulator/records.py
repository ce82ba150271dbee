"""Call records (CDRs): tenant-local dates, a sorted store and keyset paging with opaque cursors.

Records are kept sorted by (calldate second, callid) so a date range is two bisects and a page continues
strictly after the last key it returned: records that arrive while a client pages never shift the others,
unlike offset paging, so nothing is returned twice or skipped.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import calendar
import functools
import hashlib
import hmac
import json
import operator
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import astuple, dataclass
from datetime import datetime
from typing import Any

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
SHORT_CALL_SECONDS = 10

Key = tuple[int, str]  # (calldate as UTC epoch second, callid)
Record = dict[str, Any]


_HOURS_MINUTES = [f"{h:02d}:{m:02d}:" for h in range(24) for m in range(60)]
_SECONDS = [f"{s:02d}" for s in range(60)]


def format_local(ts: float | None, offset_seconds: int) -> str | None:
    """`YYYY-MM-DD HH:MM:SS` in tenant-local time; CCS sends no offset (ccs-api.md §1.5).

    Built from cached pieces rather than strftime: seeding formats tens of thousands of dates.
    """
    if ts is None:
        return None
    day, second = divmod(int(ts) + offset_seconds, 86400)
    minute, second = divmod(second, 60)
    return _local_day(day) + _HOURS_MINUTES[minute] + _SECONDS[second]


@functools.lru_cache(maxsize=4096)
def _local_day(day: int) -> str:
    return time.strftime("%Y-%m-%d ", time.gmtime(day * 86400))


def parse_local(text: str, offset_seconds: int) -> int | None:
    """The UTC epoch second of a tenant-local `YYYY-MM-DD HH:MM:SS`, None if it is not in that form."""
    try:
        parsed = datetime.strptime(text, TIME_FORMAT)
    except ValueError:
        return None
    return calendar.timegm(parsed.timetuple()) - offset_seconds


def build_record(
    *,
    callid: str,
    offset_seconds: int,
    calldate: float,
    queuedate: float | None,
    talkdate: float | None,
    hangupdate: float,
    inbound: bool,
    click2call: bool,
    queued: bool,
    assigned: bool,
    abandon: bool,
    waitduration: int,
    callerid: str,
    called_num: str,
    queue: str,
    queuekey: str,
    agent: str,
    agentid: str,
    answeredby: str,
    recordingurl: str,
    status: str,
    hangupcause: str,
    holdduration: int = 0,
    hold: bool = False,
    localrelease: bool = False,
    transferred: bool = False,
    voicemail: bool = False,
    around: bool = False,
    uniqueid: str = "",
) -> Record:
    """One CDR with CCS's field names (ccs-api.md §2.6) plus the v1 extras; never mutated once stored."""
    answered = talkdate is not None
    duration = round(hangupdate - talkdate) if talkdate is not None else None
    return {
        "callid": callid,
        "queued": queued,
        "answered": answered,
        "assigned": assigned,
        "abandon": abandon,
        "queuedate": format_local(queuedate, offset_seconds),
        "calldate": format_local(calldate, offset_seconds),
        "talkdate": format_local(talkdate, offset_seconds),
        "hangupdate": format_local(hangupdate, offset_seconds),
        "waitduration": waitduration,
        "duration": duration,
        "sl": answered and waitduration <= 20,
        "shortcall": duration is not None and duration < SHORT_CALL_SECONDS,
        "callerid": callerid,
        "called_num": called_num,
        "queue": queue,
        "around": around,
        "agent": agent,
        "agentid": agentid,
        "hold": hold,
        "holdduration": holdduration,
        "queuekey": queuekey,
        "voicemail": voicemail,
        "recordingurl": recordingurl if answered else "",
        "localrelease": localrelease,
        "transferred": transferred,
        "answeredby": answeredby if answered else "",
        "status": status,
        "hangupcause": hangupcause,
        "inbound": inbound,
        "click2call": click2call,
        "uniqueid": uniqueid,
        "callkey": callid,
    }


def call_history(record: Record) -> list[dict[str, str]]:
    """What include_call_history adds; derived from the record's dates (the real shape is unknown)."""
    steps = [
        ("start", record["calldate"]),
        ("queued", record["queuedate"] if record["queued"] else None),
        ("answered", record["talkdate"]),
        ("hangup", record["hangupdate"]),
    ]
    return [{"event": event, "date": date} for event, date in steps if date]


@dataclass(frozen=True)
class CdrQuery:
    """The filters of one reportsCDRLogs paging run; a cursor is only valid for the same query."""

    start: int
    finish: int
    agent: str = ""
    agent_username: str = ""  # lower-cased
    queue: str = ""
    untransferred: bool = False
    csat_only: bool = False
    descending: bool = True

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(astuple(self)).encode()).hexdigest()[:16]


class CursorCodec:
    """Opaque, tamper-evident cursors: url-safe base64 of a MAC, the last key and the query fingerprint."""

    MAC_BYTES = 10

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()[: self.MAC_BYTES]

    def encode(self, key: Key, query: CdrQuery) -> str:
        payload = json.dumps([key[0], key[1], query.fingerprint()], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(self._mac(payload) + payload).rstrip(b"=").decode("ascii")

    def decode(self, cursor: str, query: CdrQuery) -> Key | None:
        """The key a cursor continues after, or None for garbage or a cursor of another query."""
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError):
            return None
        mac, payload = raw[: self.MAC_BYTES], raw[self.MAC_BYTES :]
        if not hmac.compare_digest(mac, self._mac(payload)):
            return None
        try:
            when, callid, fingerprint = json.loads(payload)
        except (ValueError, TypeError):
            return None
        if fingerprint != query.fingerprint():
            return None
        return int(when), str(callid)


class RecordStore:
    """Thread-safe CDR store sorted by (calldate, callid), with indexes for the exclusive lookups."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: list[Key] = []
        self._records: list[Record] = []
        self._by_callid: dict[str, Record] = {}
        self._by_uniqueid: dict[str, list[Record]] = {}
        self._extras: dict[str, dict[str, Any]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def load(self, items: Iterable[tuple[int, Record, dict[str, Any]]]) -> None:
        """Bulk insert of (calldate epoch second, record, extras): one sort instead of one insort each."""
        new = list(items)  # seeding happens here, outside the lock
        with self._lock:
            for _, record, extras in new:
                self._index(record, extras)
            pairs = [((when, record["callid"]), record) for when, record, _ in new]
            pairs.extend(zip(self._keys, self._records, strict=True))
            pairs.sort(key=operator.itemgetter(0))
            self._keys = [key for key, _ in pairs]
            self._records = [record for _, record in pairs]

    def add(self, when: int, record: Record, extras: dict[str, Any] | None = None) -> None:
        key = (when, record["callid"])
        with self._lock:
            index = bisect.bisect_left(self._keys, key)
            self._keys.insert(index, key)
            self._records.insert(index, record)
            self._index(record, extras or {})

    def _index(self, record: Record, extras: dict[str, Any]) -> None:
        self._by_callid[record["callid"]] = record
        if record["uniqueid"]:
            self._by_uniqueid.setdefault(record["uniqueid"], []).append(record)
        if extras:
            self._extras[record["callid"]] = extras

    def get(self, callid: str) -> Record | None:
        with self._lock:
            return self._by_callid.get(callid)

    def by_uniqueid(self, uniqueid: str) -> list[Record]:
        with self._lock:
            return list(self._by_uniqueid.get(uniqueid, []))

    def extras(self, callid: str) -> dict[str, Any]:
        with self._lock:
            return self._extras.get(callid, {})

    def page(
        self, query: CdrQuery, after: Key | None, limit: int, match: Callable[[Record], bool]
    ) -> tuple[list[tuple[Key, Record]], bool]:
        """Up to `limit` matching records after `after` in the query's order, and whether more follow."""
        with self._lock:
            keys = self._keys
            lo = bisect.bisect_left(keys, (query.start,))
            hi = bisect.bisect_left(keys, (query.finish + 1,))
            if query.descending:
                if after is not None:
                    hi = min(hi, bisect.bisect_left(keys, after))
                indexes: Iterable[int] = range(hi - 1, lo - 1, -1)
            else:
                if after is not None:
                    lo = max(lo, bisect.bisect_right(keys, after))
                indexes = range(lo, hi)
            found: list[tuple[Key, Record]] = []
            for index in indexes:
                record = self._records[index]
                if not match(record):
                    continue
                if len(found) == limit:
                    return found, True
                found.append((keys[index], record))
            return found, False

    def between(self, start: int, finish: int) -> list[Record]:
        """Every record whose calldate falls in [start, finish] (epoch seconds), oldest first."""
        with self._lock:
            lo = bisect.bisect_left(self._keys, (start,))
            hi = bisect.bisect_left(self._keys, (finish + 1,))
            return self._records[lo:hi]

    def has_csat(self, callid: str) -> bool:
        """Unlocked on purpose: called from `page`'s match while the lock is held; dict reads are atomic."""
        return "csat" in self._extras.get(callid, ())
