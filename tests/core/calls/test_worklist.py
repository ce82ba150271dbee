"""The "Missed, not returned" worklist, at instants chosen to break date arithmetic (no wall clock: the day is given)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ccs_desktop.core.calls.cache import CallCache, account_key
from ccs_desktop.core.calls.rows import CallRow
from ccs_desktop.core.calls.worklist import missed_not_returned, open_callids, scope_start
from ccs_desktop.core.phone import digits_suffix

ME = account_key("demo.callcenterstudio.com", "deniz@x.com")
OTHER = account_key("demo.callcenterstudio.com", "other@x.com")

# Midnight and the last second of a day, a year end, a leap day, both DST changes (Berlin, New York), Istanbul.
INSTANTS = [
    datetime(2026, 12, 31, 23, 59, 59, tzinfo=ZoneInfo("Europe/Istanbul")),
    datetime(2027, 1, 1, 0, 0, 0, tzinfo=ZoneInfo("Europe/Istanbul")),
    datetime(2028, 2, 29, 12, 30, tzinfo=ZoneInfo("Europe/Istanbul")),
    datetime(2028, 3, 1, 0, 0, 1, tzinfo=ZoneInfo("Europe/Istanbul")),
    datetime(2026, 3, 29, 3, 0, tzinfo=ZoneInfo("Europe/Berlin")),  # the hour after the spring change
    datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Berlin")),  # the repeated hour
    datetime(2026, 11, 1, 1, 30, tzinfo=ZoneInfo("America/New_York")),
    datetime(2026, 3, 8, 3, 0, tzinfo=ZoneInfo("America/New_York")),
]


def at(now: datetime, seconds_ago: int) -> str:
    """A calldate `seconds_ago` before `now` on the tenant's wall clock (CCS writes local times)."""
    return (now.replace(tzinfo=None) - timedelta(seconds=seconds_ago)).strftime("%Y-%m-%d %H:%M:%S")


def call(callid: str, when: str, number: str, *, inbound: bool, answered: bool, status: str = "") -> CallRow:
    return CallRow(
        callid, when, inbound, number, digits_suffix(number), answered, 0, 5, "Destek", "", "", "", status
    )


@pytest.mark.parametrize("now", INSTANTS, ids=lambda n: n.isoformat())
def test_missed_calls_wait_until_a_connected_call_back_or_a_tick(now):
    today = now.date()
    rows = [
        call("m1", at(now, 0), "05321112233", inbound=True, answered=False),
        call("m2", at(now, 0), "05324445566", inbound=True, answered=False),
        call("m3", at(now, 0), "05327778899", inbound=True, answered=False),
        call("m4", at(now, 0), "", inbound=True, answered=False),  # withheld: nothing to call back
        call("a1", at(now, 0), "05320001122", inbound=True, answered=True),
    ]
    # a call back that did not connect leaves m2 open; one that connected clears m1; m3 is ticked
    later = (now.replace(tzinfo=None) + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")
    rows.append(call("o1", later, "+90 532 111 22 33", inbound=False, answered=True))
    rows.append(call("o2", later, "05324445566", inbound=False, answered=False))
    found = missed_not_returned(rows, {"m3"}, "today", today)
    assert [(m.row.callid, m.attempts) for m in found] == [("m2", 1)]
    assert open_callids(missed_not_returned(rows, set(), "today", today)) == {"m2", "m3"}
    assert open_callids(missed_not_returned(rows[:4], set(), "today", today)) == {"m1", "m2", "m3"}
    assert open_callids(missed_not_returned(rows, set(), "7 days", today)) == {"m2", "m3"}


@pytest.mark.parametrize("now", INSTANTS, ids=lambda n: n.isoformat())
def test_the_scope_is_whole_days_of_the_tenants_today(now):
    today = now.date()
    day = 24 * 3600
    rows = [
        call("just-now", at(now, 0), "05321112233", inbound=True, answered=False),
        call(
            "six-days",
            f"{(today - timedelta(days=6)).isoformat()} 00:00:00",
            "05324445566",
            inbound=True,
            answered=False,
        ),
        call(
            "seven-days",
            f"{(today - timedelta(days=7)).isoformat()} 23:59:59",
            "05327778899",
            inbound=True,
            answered=False,
        ),
        call("yesterday", at(now, day + 60), "05320001122", inbound=True, answered=False),
    ]
    week = open_callids(missed_not_returned(rows, set(), "7 days", today))
    assert week == {"just-now", "six-days", "yesterday"}
    assert open_callids(missed_not_returned(rows, set(), "today", today)) == {"just-now"}
    assert scope_start("today", today) == f"{today.isoformat()} 00:00:00"
    assert scope_start("7 days", today) < rows[1].calldate.replace("00:00:00", "00:00:01")


def test_a_number_shows_once_with_its_attempts_and_a_tick_clears_the_earlier_ones():
    today = datetime(2026, 12, 2, 9, 0).date()
    rows = [
        call("1", "2026-12-02 08:00:00", "05321112233", inbound=True, answered=False),
        call("2", "2026-12-02 08:10:00", "0532 111 22 33", inbound=True, answered=False),
        call("3", "2026-12-02 08:20:00", "905321112233", inbound=True, answered=False),
        call("p", "2026-12-02 08:30:00", "05321112233", inbound=True, answered=False, status="ringing"),
    ]
    [entry] = missed_not_returned(rows, set(), "today", today)
    assert (entry.row.callid, entry.attempts) == ("3", 3)  # the provisional row waits for its record
    [entry] = missed_not_returned(rows, {"2"}, "today", today)
    assert (entry.row.callid, entry.attempts) == ("3", 1)
    assert missed_not_returned(rows, {"3"}, "today", today) == []
    # a new missed call after the tick opens the number again
    rows.append(call("4", "2026-12-02 08:40:00", "05321112233", inbound=True, answered=False))
    assert [m.row.callid for m in missed_not_returned(rows, {"3"}, "today", today)] == ["4"]


def test_an_answered_call_back_before_the_missed_call_does_not_clear_it():
    today = datetime(2026, 12, 2).date()
    rows = [
        call("o", "2026-12-02 08:00:00", "05321112233", inbound=False, answered=True),
        call("m", "2026-12-02 08:00:01", "05321112233", inbound=True, answered=False),
    ]
    assert open_callids(missed_not_returned(rows, set(), "today", today)) == {"m"}


def test_ticks_are_kept_per_account_across_restarts(tmp_path):
    path = tmp_path / "c.db"
    with CallCache(path) as cache:
        cache.tick_done(ME, "m1", "5321112233", "2026-12-02 09:00:00")
        cache.tick_done(ME, "m2", "5324445566", "2026-12-02 09:00:00")
        cache.tick_done(ME, "m2", "5324445566", "2026-12-02 09:01:00", done=False)
    with CallCache(path) as cache:
        assert cache.done_ticks(ME) == {"m1"}
        assert cache.done_ticks(OTHER) == set()
