"""The recovery back-off and login cap, as pure logic on a fake clock."""

from __future__ import annotations

import pytest

from ccs_desktop.core.backoff import DELAYS, LOGIN_WINDOW, MAX_LOGINS, QUIET_RESET, STEADY, Backoff
from tests.support.clocks import Clock


def test_the_waits_grow_then_stay_at_five_minutes():
    backoff = Backoff(Clock(500.0))
    assert [backoff.next_delay() for _ in range(8)] == [2.0, 5.0, 15.0, 30.0, 60.0, 300.0, 300.0, 300.0]
    assert DELAYS == (2.0, 5.0, 15.0, 30.0, 60.0) and STEADY == 300.0


def test_reset_and_a_long_quiet_start_again_at_the_first_wait():
    clock = Clock(500.0)
    backoff = Backoff(clock)
    backoff.next_delay()
    backoff.next_delay()
    assert backoff.peek_delay() == 15.0
    backoff.reset()
    assert backoff.next_delay() == 2.0
    clock.now += QUIET_RESET  # not longer than the quiet period: the same trouble goes on
    assert backoff.next_delay() == 5.0
    clock.now += QUIET_RESET + 1
    assert backoff.next_delay() == 2.0


def test_at_most_six_logins_in_any_hour():
    clock = Clock(500.0)
    backoff = Backoff(clock)
    for _ in range(MAX_LOGINS):
        assert backoff.login_wait() == 0.0
        backoff.record_login()
        clock.now += 60
    assert backoff.logins_in_window() == MAX_LOGINS
    # the first login was 6 minutes ago: it leaves the hour in 54 minutes
    assert backoff.login_wait() == pytest.approx(LOGIN_WINDOW - MAX_LOGINS * 60)
    clock.now += LOGIN_WINDOW - MAX_LOGINS * 60
    assert backoff.login_wait() == 0.0
    assert backoff.logins_in_window() == MAX_LOGINS - 1


def test_a_back_off_needs_a_delay_and_a_login():
    with pytest.raises(ValueError):
        Backoff(Clock(500.0), delays=())
    with pytest.raises(ValueError):
        Backoff(Clock(500.0), max_logins=0)
