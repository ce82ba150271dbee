"""The agent's day (or week) at a glance: calls per hour, answered and missed, talk time, average wait and call-backs
done, counted from the cached call records (the rows the Calls tab shows).

Pure logic: the caller reads the cache and gives `today` (the tenant's date, from its clock), so any instant can be
tested. Times are CCS's tenant-local 'YYYY-MM-DD HH:MM:SS' texts, compared as text and bucketed by their written
hour: a period is whole calendar days, so a year end or a leap day needs nothing special, and on a DST day the
hour CCS writes twice (autumn) holds both, the hour it skips (spring) holds none, as the agent's wall clock says.

A call-back done is a "Missed, not returned" entry (core.calls.worklist) cleared in the period: by an outgoing
call to the number that connected, or by the agent's done tick (at the time of the tick). A clearing reaches back
as far as the worklist's longest scope (7 days), so a call-back this Monday to Sunday's missed call counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ccs_desktop.core.calls.rows import CallRow
from ccs_desktop.core.calls.worklist import is_missed

#: The view's choices: the tenant's today, or this week (its first day up to today).
PERIODS = ("today", "week")
#: How far back a call-back clears missed calls: the worklist's longest scope, today and the 6 days before.
CALLBACK_REACH_DAYS = 7


@dataclass(frozen=True, slots=True)
class DayStats:
    """The figures of one period. `*_by_hour`: 24 counts, by the hour of day the call started (for a week, the
    days summed); `unknown_by_hour` holds calls whose direction CCS did not say. `average_wait`: seconds callers
    waited before an answer, over the `waited` answered incoming calls that say (None when none do)."""

    first: date
    last: date
    inbound_by_hour: tuple[int, ...]
    outbound_by_hour: tuple[int, ...]
    unknown_by_hour: tuple[int, ...]
    answered: int
    missed: int  # incoming (or of unknown direction) and not answered
    no_answer: int  # outgoing and not answered
    talk_seconds: int
    average_wait: float | None
    waited: int
    callbacks_done: int

    @property
    def total(self) -> int:
        return self.answered + self.missed + self.no_answer

    @property
    def unanswered(self) -> int:
        """Every call not answered, either way: what a CCS report counts as missed (see core.api.records)."""
        return self.missed + self.no_answer

    def by_hour(self) -> list[tuple[int, int, int]]:
        """(in, out, unknown) for each hour 0-23."""
        return list(zip(self.inbound_by_hour, self.outbound_by_hour, self.unknown_by_hour, strict=True))


def period_days(period: str, today: date, first_weekday: int = 0) -> tuple[date, date]:
    """The first and last day of a period. `first_weekday`: 0 Monday … 6 Sunday (the locale's); the week ends
    today (the days after it have no calls yet)."""
    if period == "today":
        return today, today
    if period == "week":
        return today - timedelta(days=(today.weekday() - first_weekday) % 7), today
    raise ValueError(f"unknown period {period!r}")


def period_span(period: str, today: date, first_weekday: int = 0) -> tuple[str, str]:
    """[start, finish] of a period as CCS writes times, for `CallCache.rows`."""
    first, last = period_days(period, today, first_weekday)
    return f"{first.isoformat()} 00:00:00", f"{last.isoformat()} 23:59:59"


def rows_span(period: str, today: date, first_weekday: int = 0) -> tuple[str, str]:
    """The rows `day_stats` needs: the period and the days before it a call-back in it may clear."""
    start, finish = period_span(period, today, first_weekday)
    first = date.fromisoformat(start[:10]) - timedelta(days=CALLBACK_REACH_DAYS - 1)
    return f"{first.isoformat()} 00:00:00", finish


def day_stats(
    rows: Iterable[CallRow],
    ticks: Mapping[str, str],
    period: str,
    today: date,
    first_weekday: int = 0,
) -> DayStats:
    """The figures of `period`. `rows`: the cached rows of `rows_span` (more are ignored); `ticks`: the agent's
    done ticks, callid -> when it was ticked (tenant-local, CCS format)."""
    first, last = period_days(period, today, first_weekday)
    start, finish = period_span(period, today, first_weekday)
    inbound, outbound, unknown = [0] * 24, [0] * 24, [0] * 24
    answered = missed = no_answer = talk = waited = 0
    wait_total = 0
    known: list[CallRow] = []
    for row in rows:
        if row.status:
            continue  # provisional: CCS has no record of it yet
        known.append(row)
        if not start <= row.calldate <= finish:
            continue
        hour = _hour(row.calldate)
        if hour is not None:
            series = inbound if row.inbound is True else outbound if row.inbound is False else unknown
            series[hour] += 1
        if row.answered:
            answered += 1
            talk += row.duration or 0
            if row.inbound is True and row.wait is not None:
                waited += 1
                wait_total += row.wait
        elif row.inbound is False:
            no_answer += 1
        else:
            missed += 1
    return DayStats(
        first,
        last,
        tuple(inbound),
        tuple(outbound),
        tuple(unknown),
        answered,
        missed,
        no_answer,
        talk,
        wait_total / waited if waited else None,
        waited,
        callbacks_done(known, ticks, start, finish),
    )


def callbacks_done(rows: Iterable[CallRow], ticks: Mapping[str, str], start: str, finish: str) -> int:
    """How many worklist entries (numbers with open missed calls) a connected call-back or a done tick cleared
    between `start` and `finish`. Events are replayed in time order: a missed call opens its number, a clearing
    closes the number's open missed calls of the 7 days before it (a tick: those up to the ticked call)."""
    events: list[tuple[str, int, CallRow]] = []
    by_id: dict[str, CallRow] = {}
    for row in rows:
        if not row.party or row.status:
            continue
        if is_missed(row):
            by_id[row.callid] = row
            events.append((row.calldate, 0, row))
        elif row.inbound is False and row.answered:
            events.append((row.calldate, 1, row))
    for callid, ticked in ticks.items():
        if callid in by_id:
            events.append((ticked[:19], 2, by_id[callid]))
    events.sort(key=lambda e: (e[0], e[1], e[2].callid))
    open_calls: dict[str, list[str]] = {}  # party -> calldates of its open missed calls
    done = 0
    for when, kind, row in events:
        if kind == 0:
            open_calls.setdefault(row.party, []).append(row.calldate)
            continue
        reach = f"{(_day(when) - timedelta(days=CALLBACK_REACH_DAYS - 1)).isoformat()} 00:00:00"
        limit = row.calldate
        pending = open_calls.get(row.party, [])
        # a call-back clears what was missed before it; a tick clears the ticked call and the earlier ones
        cleared = [c for c in pending if reach <= c and (c < limit if kind == 1 else c <= limit)]
        if not cleared:
            continue
        open_calls[row.party] = [c for c in pending if c not in cleared]
        if start <= when <= finish:
            done += 1
    return done


def _hour(calldate: str) -> int | None:
    try:
        hour = int(calldate[11:13])
    except ValueError:
        return None
    return hour if 0 <= hour < 24 else None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return date.min + timedelta(days=CALLBACK_REACH_DAYS)
