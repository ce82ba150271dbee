"""The day at a glance, counted from cached rows at instants chosen to break date arithmetic: midnight, a year end,
a leap day, both DST changes of Berlin and New York (whose offsets change, unlike Istanbul's). No wall clock: the
tenant's date is given, and the rows sit on the tenant's wall clock as CCS writes them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ccs_desktop.core.api import Agent, CcsClient, CdrQuery, resolve_tenant
from ccs_desktop.core.api.records import tenant_clock
from ccs_desktop.core.calls.cache import CallCache, account_key
from ccs_desktop.core.calls.day_stats import (
    callbacks_done,
    day_stats,
    period_days,
    period_span,
    rows_span,
)
from ccs_desktop.core.calls.rows import CallRow
from ccs_desktop.core.calls.timeline import stamp
from ccs_desktop.core.calls.worklist import missed_not_returned
from ccs_desktop.core.phone import digits_suffix
from ccs_desktop.simulator import Simulator, SimulatorConfig
from tests.test_any_instant import INSTANTS as ANY_INSTANT
from tests.test_any_instant import _offset_text

ME = account_key("acme.example", "deniz@acme.example")
BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")  # offsets that change (DST)

INSTANTS = [
    datetime(2026, 12, 2, 0, 0, 0, tzinfo=BERLIN),  # midnight: the day has just begun
    datetime(2026, 12, 31, 23, 59, 59, tzinfo=ZoneInfo("Europe/Istanbul")),  # a year's last second
    datetime(2027, 1, 1, 0, 0, 30, tzinfo=BERLIN),  # a year's first minute (a Friday: the week began in 2026)
    datetime(2028, 2, 29, 12, 30, tzinfo=BERLIN),  # a leap day
    datetime(2028, 3, 1, 0, 0, 1, tzinfo=BERLIN),  # the day after it
    datetime(2026, 3, 29, 3, 0, tzinfo=BERLIN),  # the hour after the spring change (02:xx never happened)
    datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN),  # the repeated hour
    datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK),
    datetime(2026, 3, 8, 3, 0, tzinfo=NEW_YORK),
]


def wall(now: datetime, seconds_ago: int = 0) -> str:
    """The tenant's wall clock `seconds_ago` before `now` (CCS writes naive local times)."""
    return (now.replace(tzinfo=None) - timedelta(seconds=seconds_ago)).strftime("%Y-%m-%d %H:%M:%S")


def call(
    callid: str,
    when: str,
    number: str,
    *,
    inbound: bool | None,
    answered: bool,
    duration: int | None = 0,
    wait: int | None = None,
    status: str = "",
) -> CallRow:
    return CallRow(
        callid,
        when,
        inbound,
        number,
        digits_suffix(number),
        answered,
        duration,
        wait,
        "Destek",
        "",
        "",
        "",
        status,
    )


@pytest.mark.parametrize("now", INSTANTS, ids=lambda n: n.isoformat())
def test_today_counts_the_tenants_day_and_nothing_else(now: datetime) -> None:
    today = now.date()
    yesterday_last = f"{(today - timedelta(days=1)).isoformat()} 23:59:59"
    midnight = f"{today.isoformat()} 00:00:00"
    rows = [
        call("a1", midnight, "05321112233", inbound=True, answered=True, duration=120, wait=10),
        call("a2", wall(now), "05324445566", inbound=True, answered=True, duration=60, wait=30),
        call("a3", wall(now), "05327778899", inbound=False, answered=True, duration=300, wait=4),
        call("m1", wall(now), "05320001122", inbound=True, answered=False, wait=50),
        call("n1", wall(now), "05320001133", inbound=False, answered=False),
        call("u1", wall(now), "", inbound=None, answered=False),  # the classic API says no direction
        call("old", yesterday_last, "05321112233", inbound=True, answered=True, duration=999, wait=99),
        call("ring", wall(now), "05329990000", inbound=True, answered=False, status="ringing"),
        call(
            "future",
            f"{(today + timedelta(days=1)).isoformat()} 00:00:00",
            "0532",
            inbound=True,
            answered=True,
        ),
    ]
    stats = day_stats(rows, {}, "today", today)
    assert (stats.first, stats.last) == (today, today)
    assert (stats.answered, stats.missed, stats.no_answer, stats.total, stats.unanswered) == (3, 2, 1, 6, 3)
    assert stats.talk_seconds == 480
    assert stats.average_wait == 20  # the answered incoming calls only: (10 + 30) / 2
    assert stats.waited == 2
    hour = now.hour
    assert stats.inbound_by_hour[0] == 1 + (hour == 0) * 2
    assert stats.inbound_by_hour[hour] == (2 if hour else 3)
    assert stats.outbound_by_hour[hour] == 2
    assert stats.unknown_by_hour[hour] == 1
    assert sum(stats.inbound_by_hour) + sum(stats.outbound_by_hour) + sum(stats.unknown_by_hour) == 6
    assert len(stats.by_hour()) == 24


@pytest.mark.parametrize("now", INSTANTS, ids=lambda n: n.isoformat())
def test_the_week_runs_from_its_first_day_to_today(now: datetime) -> None:
    today = now.date()
    monday, last = period_days("week", today)
    assert monday.weekday() == 0 and last == today and 0 <= (today - monday).days <= 6
    sunday, _ = period_days("week", today, first_weekday=6)
    assert sunday.weekday() == 6 and 0 <= (today - sunday).days <= 6
    assert period_span("week", today) == (f"{monday.isoformat()} 00:00:00", f"{today.isoformat()} 23:59:59")
    assert rows_span("week", today)[0] == f"{(monday - timedelta(days=6)).isoformat()} 00:00:00"
    rows = [
        call(
            "first", f"{monday.isoformat()} 00:00:00", "05321112233", inbound=True, answered=True, duration=5
        ),
        call("now", wall(now), "05324445566", inbound=False, answered=True, duration=7),
        call(
            "before",
            wall(datetime.combine(monday, datetime.min.time()), 1),
            "0532",
            inbound=True,
            answered=True,
        ),
    ]
    stats = day_stats(rows, {}, "week", today)
    assert (stats.answered, stats.talk_seconds, stats.average_wait) == (2, 12, None)
    if today != monday:  # the week is longer than today
        assert day_stats(rows, {}, "today", today).answered == 1


def test_a_leap_weeks_days_and_a_year_end_week() -> None:
    assert period_days("week", date(2028, 2, 29)) == (date(2028, 2, 28), date(2028, 2, 29))
    assert period_days("week", date(2027, 1, 1)) == (date(2026, 12, 28), date(2027, 1, 1))
    assert period_days("week", date(2027, 1, 3), first_weekday=6) == (date(2027, 1, 3), date(2027, 1, 3))
    with pytest.raises(ValueError):
        period_days("month", date(2027, 1, 1))


@pytest.mark.parametrize("now", INSTANTS, ids=lambda n: n.isoformat())
def test_callbacks_done_are_worklist_entries_cleared_in_the_period(now: datetime) -> None:
    today = now.date()
    yesterday = f"{(today - timedelta(days=1)).isoformat()} 12:00:00"
    later = wall(now)  # the call-backs happen now; the calls were missed 10 s before (at midnight: yesterday)
    missed = [
        call("m1", wall(now, 10), "05321112233", inbound=True, answered=False),
        call("m1b", wall(now, 10), "05321112233", inbound=True, answered=False),  # the same number: one entry
        call("m2", wall(now, 10), "05324445566", inbound=True, answered=False),
        call("m3", wall(now, 10), "05327778899", inbound=True, answered=False),
        call("m4", yesterday, "05320001122", inbound=True, answered=False),  # yesterday's, called back today
        call("m5", wall(now), "", inbound=True, answered=False),  # withheld: never on the worklist
    ]
    clearing = [
        call("o1", later, "+90 532 111 22 33", inbound=False, answered=True),  # connected: clears m1 and m1b
        call("o2", later, "05324445566", inbound=False, answered=False),  # no answer: m2 stays
        call("o4", later, "05320001122", inbound=False, answered=True),  # clears yesterday's m4
        call("o9", later, "05329999999", inbound=False, answered=True),  # nothing was missed from it
    ]
    ticks = {"m3": later}
    rows = missed + clearing
    assert callbacks_done(rows, ticks, *period_span("today", today)) == 3
    assert day_stats(rows, ticks, "today", today).callbacks_done == 3
    # the same entries the worklist drops (both scopes hold them at these instants)
    before = missed_not_returned(missed, set(), "7 days", today)
    after = missed_not_returned(rows, set(ticks), "7 days", today)
    assert len(before) - len(after) == 3
    # yesterday's tick cleared m4 yesterday: not today's work, and today's call-back finds nothing to clear
    ticked_yesterday = {"m4": f"{(today - timedelta(days=1)).isoformat()} 13:00:00"}
    assert callbacks_done(rows, ticked_yesterday, *period_span("today", today)) == 1
    # a second call-back to a cleared number counts once
    again = call("o1b", later, "05321112233", inbound=False, answered=True)
    assert callbacks_done([*rows, again], ticks, *period_span("today", today)) == 3
    # a missed call older than the worklist reaches is not cleared by today's call
    stale = f"{(today - timedelta(days=7)).isoformat()} 23:59:59"
    old = [
        call("m6", stale, "05325556677", inbound=True, answered=False),
        call("o6", later, "05325556677", inbound=False, answered=True),
    ]
    assert callbacks_done(old, {}, *period_span("today", today)) == 0


def test_a_tick_clears_the_ticked_call_and_earlier_ones_but_not_later_ones() -> None:
    rows = [
        call("m1", "2026-12-02 09:00:00", "05321112233", inbound=True, answered=False),
        call("m2", "2026-12-02 10:00:00", "05321112233", inbound=True, answered=False),
    ]
    span = period_span("today", date(2026, 12, 2))
    assert callbacks_done(rows, {"m1": "2026-12-02 09:30:00"}, *span) == 1
    # m2 is still open after that tick: a call-back later clears it, a second entry done
    back = call("o", "2026-12-02 11:00:00", "05321112233", inbound=False, answered=True)
    assert callbacks_done([*rows, back], {"m1": "2026-12-02 09:30:00"}, *span) == 2
    assert callbacks_done([*rows, back], {"m2": "2026-12-02 10:30:00"}, *span) == 1


def test_from_a_real_cache_with_its_tick_times(tmp_path) -> None:
    """The rows and ticks as the view reads them: a real SQLite file."""
    from ccs_desktop.core.api.records import CallRecord

    today = date(2028, 2, 29)
    with CallCache(tmp_path / "calls.sqlite") as cache:
        cache.store(
            ME,
            [
                CallRecord.from_api(
                    {
                        "callid": "m",
                        "calldate": "2028-02-29 08:15:00",
                        "inbound": True,
                        "answered": False,
                        "callerid": "05321112233",
                        "waitduration": 40,
                    }
                ),
                CallRecord.from_api(
                    {
                        "callid": "a",
                        "calldate": "2028-02-29 09:05:00",
                        "inbound": True,
                        "answered": True,
                        "callerid": "05324445566",
                        "duration": 200,
                        "waitduration": 8,
                    }
                ),
                CallRecord.from_api(
                    {
                        "callid": "w",
                        "calldate": "2028-02-28 23:59:59",
                        "inbound": False,
                        "answered": True,
                        "called_num": "05324445566",
                        "duration": 100,
                    }
                ),
            ],
        )
        cache.tick_done(ME, "m", "5321112233", "2028-02-29 08:20:00")
        cache.tick_done(account_key("acme.example", "other@acme.example"), "x", "1", "2028-02-29 08:20:00")
        start, finish = rows_span("today", today)
        assert cache.tick_times(ME) == {"m": "2028-02-29 08:20:00"}
        assert cache.tick_times(ME, "2028-02-29 08:20:01") == {}
        stats = day_stats(cache.rows(ME, start, finish), cache.tick_times(ME, start), "today", today)
        week = day_stats(cache.rows(ME, *rows_span("week", today)), cache.tick_times(ME), "week", today)
    assert (stats.answered, stats.missed, stats.talk_seconds, stats.average_wait, stats.callbacks_done) == (
        1,
        1,
        200,
        8,
        1,
    )
    assert stats.inbound_by_hour[8] == stats.inbound_by_hour[9] == 1
    assert (week.answered, week.talk_seconds, week.outbound_by_hour[23]) == (2, 300, 1)


@pytest.mark.parametrize("instant", ANY_INSTANT, ids=lambda i: i.strftime("%Y-%m-%dT%H:%M:%SZ"))
def test_the_days_figures_match_ccss_report_at_any_instant(instant: datetime) -> None:
    """At every instant of tests/test_any_instant.py (every hour of a day, year ends, leap days, both of Berlin's
    DST switches, with Berlin's offset at that instant as the tenant's): today's and this week's figures counted
    from the simulator's records (through the app's client, as the cache holds them) are CCS's own report for the
    same tenant-local days, and each call sits in the hour its tenant-local start says."""
    offset = instant.astimezone(BERLIN).utcoffset()
    assert offset is not None
    epoch = instant.timestamp()
    clock = lambda: epoch  # noqa: E731
    config = SimulatorConfig(
        port=0, seed_calls=40, utc_offset_hours=offset.total_seconds() / 3600, clock=clock
    )
    now = tenant_clock(lambda: _offset_text(offset), clock)()
    today = now.date()
    assert today == instant.astimezone(BERLIN).date()
    with Simulator(config) as sim:
        agent = Agent(CcsClient(resolve_tenant(sim.base_url)), sim.email, sim.app_token)
        try:
            for period in ("today", "week"):
                start, finish = (datetime.strptime(t, "%Y-%m-%d %H:%M:%S") for t in rows_span(period, today))
                query = CdrQuery(start=start, finish=finish, agent_username=sim.email)
                rows = [CallRow.from_record(r) for r in agent.call_records(query)]
                stats = day_stats(rows, {}, period, today)
                perf = agent.performance(*period_days(period, today))
                assert perf is not None
                assert (perf.answered, perf.missed, perf.talk_seconds) == (
                    stats.answered,
                    stats.unanswered,
                    stats.talk_seconds,
                ), period
                first, last = period_span(period, today)
                inside = [r for r in rows if first <= r.calldate <= last]
                assert sum(map(sum, stats.by_hour())) == len(inside) == stats.total
                if period == "today":
                    hours = [0] * 24
                    for row in inside:
                        hours[int(row.calldate[11:13])] += 1
                    assert [sum(h) for h in stats.by_hour()] == hours
                    assert all(r.calldate <= stamp(now) for r in rows)  # nothing after the tenant's now
        finally:
            agent.client.close()
