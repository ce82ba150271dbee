"""One call's story, joined from its three witnesses: our click2call (or an incoming-call notification), the
hangup/end notification CCS sends, and the call record reportsCDRLogs finally returns.

CCS answers click2call with "success" before anything has happened; the outcome arrives later, and any of the
witnesses can go missing (a firewall eats the notification, the record never appears). The timeline keeps what
each said, when, and names the gaps, so the agent sees "answered, 3:12" or why we cannot know.

Every moment here is a tenant-local CCS date string that the caller stamps from its clock (`stamp(now())`): a
timeline never reads the wall clock itself, so its give-up deadline follows the clock it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ccs_desktop.core.api.records import CCS_DATETIME, CallRecord
from ccs_desktop.core.calls.rows import clock
from ccs_desktop.core.calls.sync import parse
from ccs_desktop.core.i18n import Core
from ccs_desktop.core.notifications import END, HANGUP

OPEN, DONE, NO_RECORD = "open", "done", "no record"
GIVE_UP_AFTER_END = timedelta(minutes=10)  # after CCS said the call ended
GIVE_UP_AFTER_START = timedelta(hours=4)  # after the call started, if nobody said it ended
ENDED_KINDS = (END, HANGUP)  # the notifications that say the call is over


def stamp(moment: datetime) -> str:
    """A timeline's time: tenant-local, in the format CCS dates its records with."""
    return moment.strftime(CCS_DATETIME)


def _parse(text: str) -> datetime | None:
    try:
        return parse(text)
    except ValueError:
        return None


def record_outcome(record: CallRecord) -> str:
    """'answered, 3:12' or 'not answered (BUSY)': what the agent wants to know of a finished call."""
    status = str(record.get("status") or "")
    if record.answered:
        return Core.tr("answered, {duration}").format(duration=clock(record.duration or 0))
    if status and status != "ANSWER":
        return Core.tr("not answered ({status})").format(status=status)
    return Core.tr("not answered")


@dataclass
class TimelineEvent:
    at: str  # local time, CCS format
    kind: str  # click2call | accepted | failed | ring | end | hangup | record | gave_up
    text: str


@dataclass
class Timeline:
    key: str  # our transaction id, or the activecallkey of a notified call
    callid: str  # the activecallkey once known
    direction: str  # "out" | "in"
    number: str
    started: str  # stamp() of the tenant's now when we first heard of the call
    events: list[TimelineEvent] = field(default_factory=list)
    outcome: str = ""
    state: str = OPEN
    hangup_expected: bool = False  # a hangup_url went with the click2call, so CCS owes us a POST

    def add(self, kind: str, text: str, at: str) -> None:
        self.events.append(TimelineEvent(at, kind, text))

    def has(self, kind: str) -> bool:
        return any(event.kind == kind for event in self.events)

    def record_received(self, record: CallRecord, at: str) -> None:
        self.callid = self.callid or record.call_id
        self.number = self.number or record.other_party
        self.outcome = record_outcome(record)
        if record.queue:
            text = Core.tr("Call record: {outcome}, queue {queue}").format(
                outcome=self.outcome, queue=record.queue
            )
        else:
            text = Core.tr("Call record: {outcome}").format(outcome=self.outcome)
        self.add("record", text, at)
        self.state = DONE

    def gave_up(self, waited_minutes: int, at: str) -> None:
        text = Core.tr("No call record from CCS after {minutes} min").format(minutes=waited_minutes)
        self.add("gave_up", text, at)
        self.state = NO_RECORD

    def ended_at(self) -> str | None:
        """When CCS last said the call ended (an end or hangup notification), if it did."""
        return next((e.at for e in reversed(self.events) if e.kind in ENDED_KINDS), None)

    def give_up_at(self) -> datetime | None:
        """When to stop waiting for the record: GIVE_UP_AFTER_END after CCS said the call ended, or
        GIVE_UP_AFTER_START after it started, whichever comes first; None if the stamps cannot be read."""
        started, ended = _parse(self.started), self.ended_at()
        if started is None:
            return None
        deadline = started + GIVE_UP_AFTER_START
        end = _parse(ended) if ended else None
        return min(deadline, end + GIVE_UP_AFTER_END) if end is not None else deadline

    def overdue(self, now: datetime) -> int | None:
        """Minutes waited (since the end if CCS said it, else since the start) once `now` is past the give-up
        deadline; None while the record may still come."""
        deadline = self.give_up_at()
        if deadline is None or now <= deadline:
            return None
        ended = self.ended_at()
        since = _parse(ended) if ended else None
        since = since or _parse(self.started) or now
        return round(max((now - since).total_seconds(), 0) / 60)

    @property
    def notified(self) -> bool:
        return self.has("hangup") or self.has("end")

    @property
    def gaps(self) -> list[str]:
        """What is missing, in words; empty when every witness spoke."""
        found = []
        if self.state == NO_RECORD:
            found.append(
                Core.tr("A notification arrived but CCS has no call record")
                if self.notified
                else Core.tr("CCS has no call record for this call")
            )
        if self.state == DONE and self.hangup_expected and not self.has("hangup"):
            found.append(Core.tr("The call record arrived without a hangup notification"))
        if self.state == DONE and self.direction == "in" and not self.has("end"):
            found.append(Core.tr("The call record arrived without an end-of-call notification"))
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "callid": self.callid,
            "direction": self.direction,
            "number": self.number,
            "started": self.started,
            "events": [[e.at, e.kind, e.text] for e in self.events],
            "outcome": self.outcome,
            "state": self.state,
            "hangup_expected": self.hangup_expected,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Timeline:
        return cls(
            key=str(data["key"]),
            callid=str(data.get("callid") or ""),
            direction=str(data.get("direction") or "out"),
            number=str(data.get("number") or ""),
            started=str(data.get("started") or ""),
            events=[TimelineEvent(str(a), str(k), str(t)) for a, k, t in data.get("events") or []],
            outcome=str(data.get("outcome") or ""),
            state=str(data.get("state") or OPEN),
            hangup_expected=bool(data.get("hangup_expected")),
        )
