"""One call as the calls panel shows it, and the words for it: light enough to import at start-up (no SQLite,
no phonenumbers), so the window's modules can use it before the first record is fetched."""

from __future__ import annotations

from dataclasses import dataclass

from ccs_desktop.core.api.records import CallRecord
from ccs_desktop.core.i18n import Core


@dataclass(frozen=True, slots=True)
class CallRow:
    """What the calls panel shows of one call: read from columns, so 100,000 rows load without parsing JSON.

    `status` is empty for a record from CCS; a call the app knows of before CCS has its record (a ringing
    notification, a click2call in progress) gets a provisional row whose status says so.
    """

    callid: str
    calldate: str
    inbound: bool | None
    number: str
    party: str
    answered: bool
    duration: int | None
    wait: int | None
    queue: str
    agent: str
    recording: str
    uniqueid: str = ""
    status: str = ""

    @classmethod
    def from_record(cls, record: CallRecord) -> CallRow:
        from ccs_desktop.core.phone import digits_suffix  # noqa: PLC0415 - runs in workers, off the start-up path

        number = record.other_party
        return cls(
            record.call_id,
            str(record.get("calldate") or "")[:19],
            record.inbound,
            number,
            digits_suffix(number),
            record.answered,
            record.duration,
            record.wait_duration,
            record.queue,
            record.agent,
            record.recording_url,
            str(record.get("uniqueid") or ""),
        )


@dataclass(frozen=True, slots=True)
class Note:
    callid: str
    party: str
    note: str
    outcome: str
    updated: str  # local time, CCS format


def direction_text(inbound: bool | None) -> str:
    return {True: Core.tr("in"), False: Core.tr("out"), None: ""}[inbound]


def status_text(status: str) -> str:
    """A provisional row's state (see services.call_history) in the agent's language."""
    return {
        "ringing": Core.tr("ringing"),
        "in progress": Core.tr("in progress"),
        "awaiting record": Core.tr("awaiting record"),
        "no record": Core.tr("no record"),
        "open": Core.tr("following"),
        "done": Core.tr("done"),
    }.get(status, status)


def result_text(row: CallRow) -> str:
    if row.status:
        return status_text(row.status)
    return Core.tr("answered") if row.answered else Core.tr("missed")


def clock(seconds: int | None) -> str:
    """3:12 for 192 seconds; empty when CCS gave no duration."""
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def hours_minutes(seconds: float) -> str:
    """'0 h 02 min': the one way a span of hours is shown (the status bar's session age, Diagnostics)."""
    hours, rest = divmod(int(seconds), 3600)
    return Core.tr("{hours} h {minutes:02d} min").format(hours=hours, minutes=rest // 60)


def describe_row(row: CallRow, *, last: bool = False) -> str:
    """'2026-11-24 14:03, outgoing, answered, 3:12' (`last`: 'Last call …'), for cards and popups."""
    direction = {True: Core.tr("incoming"), False: Core.tr("outgoing"), None: ""}[row.inbound]
    date = row.calldate[:16]
    parts = [Core.tr("Last call {date}").format(date=date) if last else date]
    if direction:
        parts.append(direction)
    parts.append(result_text(row))
    if row.duration:
        parts.append(clock(row.duration))
    return ", ".join(parts)


def call_sentence(row: CallRow, who: str, company: str = "", me: str = "") -> str:
    """What the call was, in one sentence, before the raw fields of the details pane:
    'Incoming from Ayşe Demir (Demir Lojistik), answered by you, 4:31, queue Destek'.

    `who`: the contact's name, else the number as shown, else empty (an unknown number); `me`: the agent's CCS
    username, to say "you" for the calls this agent answered."""
    party = who or Core.tr("an unknown number")
    if who and company:
        party = Core.tr("{name} ({company})").format(name=who, company=company)
    if row.inbound is True:
        parts = [Core.tr("Incoming from {party}").format(party=party)]
    elif row.inbound is False:
        parts = [Core.tr("Outgoing to {party}").format(party=party)]
    else:
        parts = [Core.tr("Call with {party}").format(party=party)]
    if row.status:
        parts.append(status_text(row.status))
    elif row.answered and row.inbound is False:
        parts.append(Core.tr("answered"))
    elif row.answered:
        mine = not me or not row.agent or row.agent.casefold() == me.casefold()
        parts.append(
            Core.tr("answered by you") if mine else Core.tr("answered by {agent}").format(agent=row.agent)
        )
    elif row.inbound is False:
        parts.append(Core.tr("no answer"))
    else:
        parts.append(Core.tr("missed"))
        if row.wait:
            parts.append(Core.tr("rang {time}").format(time=clock(row.wait)))
    if row.answered and row.duration:
        parts.append(clock(row.duration))
    if row.queue:
        parts.append(Core.tr("queue {queue}").format(queue=row.queue))
    return ", ".join(parts)
