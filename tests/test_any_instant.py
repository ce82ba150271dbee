"""Everything that depends on "now", run at a table of instants through the injected clocks: every hour of a day,
the turn of the year, a leap day, and both daylight-saving switches of a tenant in Europe/Berlin (whose offset,
unlike Istanbul's, changes), with the offset Berlin has at that instant as the tenant's.

For each instant: the simulator seeded then (over real HTTP, through the app's own client) has a history for
every seeded customer and no record in the future; Today and Yesterday are the tenant-local days, and the
simulator's records of those days are exactly the ones whose start falls in them; a walk through a period never
claims its last hour complete; the call-back worklist holds exactly the tenant-local days' unreturned missed calls;
a timeline gives up at a deadline counted from the clock it was given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from ccs_desktop.core.api import Agent, CcsClient, CdrQuery
from ccs_desktop.core.api.records import tenant_clock
from ccs_desktop.core.api.tenant import resolve_tenant
from ccs_desktop.core.calls.rows import CallRow
from ccs_desktop.core.calls.sync import SETTLE, PeriodFetch, gaps, parse, period_bounds
from ccs_desktop.core.calls.timeline import GIVE_UP_AFTER_END, GIVE_UP_AFTER_START, Timeline, stamp
from ccs_desktop.core.calls.worklist import missed_not_returned
from ccs_desktop.simulator import Simulator, SimulatorConfig
from ccs_desktop.simulator.seed import build_tenant, customer_numbers, seed_records

BERLIN = ZoneInfo("Europe/Berlin")
SEED_CALLS = 40  # more than the 18 regular customers, small enough for ~40 simulators in a few seconds
WIDE = CdrQuery(start=datetime(2000, 1, 1), finish=datetime(2100, 1, 1))


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def _berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC)  # type: ignore[misc]


INSTANTS = [
    *(_utc(2026, 12, 2, hour, 30) for hour in range(24)),  # every hour of a day (06:30 UTC failed before)
    _utc(2026, 12, 31, 23, 30),  # Jan 1 00:30 in Berlin
    _berlin(2026, 12, 31, 23, 30),
    _utc(2027, 1, 1, 0, 10),
    _berlin(2027, 1, 1, 0, 10),
    _berlin(2028, 2, 29, 0, 10),  # leap day: yesterday is Feb 28
    _berlin(2028, 2, 29, 23, 30),
    _berlin(2028, 3, 1, 0, 10),  # yesterday is Feb 29
    # spring forward: 02:00 CET is 03:00 CEST, at 01:00 UTC
    *(_utc(2026, 3, 28, 22, 30) + timedelta(minutes=30 * step) for step in range(7)),
    _utc(2026, 3, 29, 0, 59, 59),
    # fall back: 03:00 CEST is 02:00 CET, at 01:00 UTC
    *(_utc(2026, 10, 24, 21, 30) + timedelta(minutes=30 * step) for step in range(9)),
    _utc(2026, 10, 25, 0, 59, 59),
    _utc(2026, 10, 25, 23, 30),  # Oct 26 00:30 CET
]


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@pytest.mark.parametrize("instant", INSTANTS, ids=lambda i: i.strftime("%Y-%m-%dT%H:%M:%SZ"))
def test_at_any_instant(instant: datetime) -> None:
    offset = instant.astimezone(BERLIN).utcoffset()
    assert offset is not None
    epoch = instant.timestamp()
    clock: Callable[[], float] = lambda: epoch  # noqa: E731 - frozen: the simulator only seeds and answers here
    config = SimulatorConfig(
        port=0, seed_calls=SEED_CALLS, utc_offset_hours=offset.total_seconds() / 3600, clock=clock
    )
    now = tenant_clock(lambda: _offset_text(offset), clock)()  # the app's "now" (App._tenant_now)
    local_day = instant.astimezone(BERLIN).date()
    assert now == instant.astimezone(BERLIN).replace(tzinfo=None, microsecond=0)

    # Today and Yesterday are the tenant-local days
    today, yesterday = period_bounds("today", now), period_bounds("yesterday", now)
    assert today == (datetime.combine(local_day, time.min), datetime.combine(local_day, time(23, 59, 59)))
    day_before = local_day - timedelta(days=1)
    assert yesterday == (
        datetime.combine(day_before, time.min),
        datetime.combine(day_before, time(23, 59, 59)),
    )

    seeded = list(seed_records(config, build_tenant(config), epoch, lambda callid: ""))
    assert all(start <= epoch for start, _record, _extras in seeded)  # nothing in the future

    def started_on(day: date) -> set[str]:
        return {
            str(record["callid"])
            for start, record, _extras in seeded
            if (datetime.fromtimestamp(start, UTC) + offset).date() == day
        }

    with Simulator(config) as sim:
        agent = Agent(CcsClient(resolve_tenant(sim.base_url)), sim.email, sim.app_token)
        try:
            history = list(agent.call_records(WIDE))
            parties = {str(r.get(k) or "") for r in history for k in ("callerid", "called_num")}
            assert set(customer_numbers(config)) <= parties  # every seeded customer has a history
            assert len(customer_numbers(config)) == 18

            # the call-back worklist holds the tenant-local days' missed calls nobody returned, by its rule
            rows = [CallRow.from_record(r) for r in history]
            for scope, days in (("today", 1), ("7 days", 7)):
                first = (local_day - timedelta(days=days - 1)).isoformat()
                expected = {
                    r.party
                    for r in rows
                    if r.inbound
                    and not r.answered
                    and r.party
                    and first <= r.calldate[:10] <= local_day.isoformat()
                    and not any(
                        o.party == r.party and o.inbound is False and o.answered and o.calldate > r.calldate
                        for o in rows
                    )
                }
                found = missed_not_returned(rows, set(), scope, now.date())
                assert {m.row.party for m in found} == expected

            for (start, finish), day in ((today, local_day), (yesterday, day_before)):
                shown = {r.call_id for r in agent.call_records(CdrQuery(start=start, finish=finish))}
                assert shown == started_on(day)

                # the settle rule: a walk through the period never claims its last hour complete
                walk = PeriodFetch(start, finish, [], now)
                spans = []
                while (request := walk.next_request()) is not None:
                    records, cursor = agent.call_records_page(*request)
                    if (span := walk.page_received(records, cursor)) is not None:
                        spans.append(span)
                assert all(parse(high) <= now - SETTLE for _low, high in spans)
                unsettled = max(start, now - SETTLE + timedelta(seconds=1))
                if unsettled <= finish:  # the last hour (or what of it lies in the period) is asked again
                    assert gaps(spans, start, finish)[0] == (unsettled, finish)
        finally:
            agent.client.close()

    # a timeline's give-up deadlines come from the clock it was stamped with
    followed = Timeline("tx", "", "out", "05321234567", stamp(now))
    assert followed.give_up_at() == now + GIVE_UP_AFTER_START
    assert followed.overdue(now + GIVE_UP_AFTER_START) is None
    assert followed.overdue(now + GIVE_UP_AFTER_START + timedelta(seconds=1)) == 240
    ended = now + timedelta(minutes=3)
    followed.add("hangup", "Hangup notification", stamp(ended))
    assert followed.give_up_at() == ended + GIVE_UP_AFTER_END
    assert followed.overdue(ended + GIVE_UP_AFTER_END) is None
    assert followed.overdue(ended + GIVE_UP_AFTER_END + timedelta(seconds=1)) == 10
