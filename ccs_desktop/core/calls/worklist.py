"""The "Missed, not returned" worklist: inbound calls nobody answered that still wait for a call-back.

Pure logic over the rows the calls panel holds, so it runs anywhere (the panel's count, the tray's badge, tests)
with the day given by the caller: no clock is read here. A number's missed calls are cleared by a later outgoing
call to it that connected, or by the agent's "done" tick on one of them (kept per account in the call cache), which
clears that call and the number's earlier ones. Calls from an unknown (withheld) number cannot be called back and
are left out; so are provisional rows, which CCS has no record of yet.

Times are CCS's tenant-local 'YYYY-MM-DD HH:MM:SS' texts, compared as text: the scope is whole calendar days of
`today` (the tenant's date, from the caller's clock), so a DST change, a leap day or a year end needs nothing
special.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ccs_desktop.core.calls.rows import CallRow

#: The worklist's choices: today's calls, or the last 7 days' (today and the 6 days before it).
SCOPES = ("today", "7 days")
_DAYS = {"today": 1, "7 days": 7}


@dataclass(frozen=True, slots=True)
class Missed:
    """A number to call back: its newest missed call still open, and how many open missed calls it has."""

    row: CallRow
    attempts: int


def scope_start(scope: str, today: date) -> str:
    """The first instant of a scope, as CCS writes times: '2026-12-01 00:00:00'."""
    first = today - timedelta(days=_DAYS[scope] - 1)
    return f"{first.isoformat()} 00:00:00"


def is_missed(row: CallRow) -> bool:
    """An inbound call from a known number that nobody answered, with its record from CCS."""
    return row.inbound is True and not row.answered and not row.status and bool(row.party)


def missed_not_returned(
    rows: Iterable[CallRow], done: Collection[str], scope: str, today: date
) -> list[Missed]:
    """One entry per number with open missed calls in the scope, the newest first.

    `done`: the callids the agent ticked. `today`: the tenant's date now (the caller's clock)."""
    start, finish = scope_start(scope, today), f"{today.isoformat()} 23:59:59"
    returned: dict[str, str] = {}  # party -> its newest connected outgoing call
    ticked: dict[str, str] = {}  # party -> its newest ticked call
    missed: list[CallRow] = []
    for row in rows:
        if not row.party or row.status or row.calldate < start:
            continue  # a call before the scope neither is on the list nor clears a call on it
        if row.inbound is False and row.answered:
            if row.calldate > returned.get(row.party, ""):
                returned[row.party] = row.calldate
        elif is_missed(row):
            if row.callid in done and row.calldate > ticked.get(row.party, ""):
                ticked[row.party] = row.calldate
            if start <= row.calldate <= finish:
                missed.append(row)
    newest: dict[str, CallRow] = {}
    attempts: dict[str, int] = {}
    for row in missed:
        if returned.get(row.party, "") > row.calldate or ticked.get(row.party, "") >= row.calldate:
            continue
        attempts[row.party] = attempts.get(row.party, 0) + 1
        if row.party not in newest or (row.calldate, row.callid) > (
            newest[row.party].calldate,
            newest[row.party].callid,
        ):
            newest[row.party] = row
    found = [Missed(row, attempts[party]) for party, row in newest.items()]
    found.sort(key=lambda m: (m.row.calldate, m.row.callid), reverse=True)
    return found


def open_callids(entries: Iterable[Missed]) -> frozenset[str]:
    """The rows the worklist view shows (one per number)."""
    return frozenset(entry.row.callid for entry in entries)
