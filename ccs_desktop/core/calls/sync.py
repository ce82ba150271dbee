"""Which call records of a period CCS still owes us, newest first, one 100-record page at a time.

The cache remembers *coverage*: time spans whose records it holds completely. A period's missing spans (gaps)
are fetched newest first with reportsCDRLogs' cursor (`sorting=desc`), and every page proves a little more
complete: all records between the page's oldest call and the gap's top. Coverage outlives the cursor, so a
scroll interrupted yesterday resumes where it stopped, and Refresh asks only for the newest gap.

A record appears in CCS only when its call ends, dated when the call *started*; so the last `SETTLE` before a
fetch is never claimed complete (a call in progress then has no record yet), and Refresh asks for it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from ccs_desktop.core.api.records import CCS_DATETIME, CallRecord
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core

if TYPE_CHECKING:
    from ccs_desktop.core.api.client import CdrQuery

SETTLE = timedelta(hours=1)
SECOND = timedelta(seconds=1)
PERIODS = ("today", "yesterday", "7 days", "30 days", "custom")


def period_bounds(
    name: str, now: datetime, first: date | None = None, last: date | None = None
) -> tuple[datetime, datetime]:
    """[start, finish] of a named period in tenant-local time; 'custom' takes whole days `first`..`last`."""
    today = now.date()
    day_end = time(23, 59, 59)
    if name == "today":
        return datetime.combine(today, time.min), datetime.combine(today, day_end)
    if name == "yesterday":
        day = today - timedelta(days=1)
        return datetime.combine(day, time.min), datetime.combine(day, day_end)
    if name in ("7 days", "30 days"):
        days = int(name.split(maxsplit=1)[0])
        return datetime.combine(today - timedelta(days=days - 1), time.min), datetime.combine(today, day_end)
    if name == "custom":
        if first is None or last is None:
            raise InvalidInput(Core.tr("Choose the first and last day of the period."))
        if first > last:
            raise InvalidInput(Core.tr("The first day is after the last day."))
        return datetime.combine(first, time.min), datetime.combine(last, day_end)
    raise InvalidInput(
        Core.tr("Unknown period {name}; choose one of {names}.").format(
            name=repr(name), names=", ".join(PERIODS)
        )
    )


def fmt(moment: datetime) -> str:
    return moment.strftime(CCS_DATETIME)


def parse(text: str) -> datetime:
    return datetime.strptime(text[:19], CCS_DATETIME)


def oldest_call(records: list[CallRecord]) -> datetime | None:
    """The oldest call date of a page; a worker finds it, so the GUI thread does not parse 100 dates a page."""
    dates = [d for d in (r.call_date for r in records) if d is not None]
    return min(dates) if dates else None


def gaps(
    coverage: list[tuple[str, str]], start: datetime, finish: datetime
) -> list[tuple[datetime, datetime]]:
    """The spans of [start, finish] no coverage span holds, newest first."""
    missing: list[tuple[datetime, datetime]] = []
    top = finish
    for span_start, span_finish in sorted(coverage, reverse=True):
        low, high = parse(span_start), parse(span_finish)
        if high < start or low > top:
            continue
        if high < top:
            missing.append((max(high + SECOND, start), top))
        top = low - SECOND
        if top < start:
            break
    if top >= start:
        missing.append((start, top))
    return [(a, b) for a, b in missing if a <= b]


@dataclass
class PeriodFetch:
    """The walk through one period's gaps: `next_request()`, fetch it, then `page_received()`; repeat."""

    start: datetime
    finish: datetime
    coverage: list[tuple[str, str]]
    now: datetime
    agent_username: str = ""
    pending: list[tuple[datetime, datetime]] = field(init=False)
    cursor: str | None = field(init=False, default=None)
    pages: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.pending = gaps(self.coverage, self.start, self.finish)

    @property
    def done(self) -> bool:
        return not self.pending

    def next_request(self) -> tuple[CdrQuery, str | None] | None:
        if not self.pending:
            return None
        low, high = self.pending[0]
        from ccs_desktop.core.api.client import CdrQuery  # noqa: PLC0415 - http.client and ssl: not at start-up

        query = CdrQuery(start=low, finish=high, agent_username=self.agent_username or None)
        return query, self.cursor

    def page_received(
        self, records: list[CallRecord], cursor: str | None, oldest: datetime | None = None
    ) -> tuple[str, str] | None:
        """Move on; returns the span this page proves complete (to store with the page), if any. `oldest`: the
        page's `oldest_call`, when a worker found it already."""
        if not self.pending:
            return None
        self.pages += 1
        low, high = self.pending[0]
        settled = min(high, self.now - SETTLE)
        if not records or not cursor:
            self.pending.pop(0)
            self.cursor = None
            return (fmt(low), fmt(settled)) if low <= settled else None
        self.cursor = cursor
        oldest = oldest or oldest_call(records)
        if oldest is None:
            return None
        oldest += SECOND  # records of the oldest second may continue on the next page
        return (fmt(oldest), fmt(settled)) if oldest <= settled else None

    def newest_gap_only(self) -> None:
        """Refresh: only the newest gap (what happened since the last fetch), not older holes."""
        del self.pending[1:]
