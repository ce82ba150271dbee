from datetime import date, datetime

import pytest

from ccs_desktop.core.api.records import CallRecord
from ccs_desktop.core.calls.sync import PeriodFetch, gaps, period_bounds
from ccs_desktop.core.errors import InvalidInput

NOW = datetime(2026, 11, 25, 15, 0, 0)


def d(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


def rec(calldate, callid="c"):
    return CallRecord.from_api({"callid": callid, "calldate": calldate})


def test_periods_are_whole_local_days():
    assert period_bounds("today", NOW) == (d("2026-11-25 00:00:00"), d("2026-11-25 23:59:59"))
    assert period_bounds("yesterday", NOW) == (d("2026-11-24 00:00:00"), d("2026-11-24 23:59:59"))
    assert period_bounds("7 days", NOW)[0] == d("2026-11-19 00:00:00")
    assert period_bounds("30 days", NOW)[0] == d("2026-10-27 00:00:00")
    custom = period_bounds("custom", NOW, date(2026, 11, 1), date(2026, 11, 2))
    assert custom == (d("2026-11-01 00:00:00"), d("2026-11-02 23:59:59"))


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [(None, None, "first and last"), (date(2026, 11, 3), date(2026, 11, 1), "after the last")],
)
def test_bad_custom_periods_are_refused(first, last, message):
    with pytest.raises(InvalidInput, match=message):
        period_bounds("custom", NOW, first, last)


def test_gaps_are_what_coverage_misses_newest_first():
    start, finish = d("2026-11-20 00:00:00"), d("2026-11-25 23:59:59")
    assert gaps([], start, finish) == [(start, finish)]
    coverage = [
        ("2026-11-21 00:00:00", "2026-11-22 00:00:00"),
        ("2026-11-24 00:00:00", "2026-11-25 14:00:00"),
    ]
    assert gaps(coverage, start, finish) == [
        (d("2026-11-25 14:00:01"), finish),
        (d("2026-11-22 00:00:01"), d("2026-11-23 23:59:59")),
        (start, d("2026-11-20 23:59:59")),
    ]
    assert gaps([("2026-11-01 00:00:00", "2026-11-30 00:00:00")], start, finish) == []


def test_a_walk_claims_only_what_each_page_proves_and_never_the_unsettled_hour():
    start, finish = period_bounds("today", NOW)
    walk = PeriodFetch(start, finish, [], NOW, "agent@x")
    query, cursor = walk.next_request()
    assert (query.start, query.finish, query.agent_username, cursor) == (start, finish, "agent@x", None)
    # newest first: a page ending at 10:00:00 proves everything after 10:00:00 up to an hour before now
    span = walk.page_received([rec("2026-11-25 14:30:00"), rec("2026-11-25 10:00:00")], "next")
    assert span == ("2026-11-25 10:00:01", "2026-11-25 14:00:00")
    assert walk.next_request()[1] == "next"
    span = walk.page_received([rec("2026-11-25 08:00:00")], None)  # last page
    assert span == ("2026-11-25 00:00:00", "2026-11-25 14:00:00")
    assert walk.done and walk.next_request() is None and walk.pages == 2


def test_refresh_asks_only_for_the_newest_gap():
    start, finish = period_bounds("7 days", NOW)
    coverage = [("2026-11-22 00:00:00", "2026-11-25 13:00:00")]
    walk = PeriodFetch(start, finish, coverage, NOW)
    assert len(walk.pending) == 2
    walk.newest_gap_only()
    query, _ = walk.next_request()
    assert (query.start, query.finish) == (d("2026-11-25 13:00:01"), finish)
