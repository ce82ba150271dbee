"""The agent's CCS status without the window: read and set over real HTTP on the simulator's v1 API, the refusal
during a call, after-call work on a clock the test moves, Back office at logout and before a quit (and a CCS that
never answers does not hold the quit), and a streak of 500s that backs off (counted on the simulator)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ccs_desktop.services.agent_status import POLL_SECONDS, AgentStatusController
from tests.helpers import SimHandle
from tests.services.session_parts import WAIT, Parts, logged_in, parts_for


class Clock:
    """Monotonic seconds that move only when the test says."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Status:
    def __init__(self, parts: Parts, qtbot) -> None:
        self.parts, self.qtbot, self.clock = parts, qtbot, Clock()
        self.ctl = AgentStatusController(
            parts.session.runner, parts.bus, parts.settings, parts.tracker, clock=self.clock
        )
        self.ctl.follow(parts.session)
        self.shown: list[str] = []
        self.counts: list[int] = []
        self.ctl.status_changed.connect(self.shown.append)
        self.ctl.countdown.connect(self.counts.append)

    def log_in(self, sim: SimHandle) -> None:
        logged_in(self.parts, self.qtbot, sim)
        self.settled()

    def settled(self) -> None:
        """No read and no change in flight."""
        self.qtbot.waitUntil(lambda: not self.ctl.reading and not self.ctl._sending, timeout=WAIT)

    def next_poll(self) -> None:
        self.clock.now += POLL_SECONDS
        self.ctl.poll()
        self.settled()

    def errors(self) -> list[str]:
        return [text for level, text in self.parts.shown if level == "error"]


@pytest.fixture
def parts(qapp, runner, tmp_path) -> Iterator[Parts]:
    yield from parts_for(runner, tmp_path)


@pytest.fixture
def status(parts, qtbot) -> Status:
    return Status(parts, qtbot)


def ccs_status(sim: SimHandle) -> str:
    """What the simulator's v1 shows for the agent."""
    return next(a["status"] for a in sim.sim.cc.agents_status() if a["email"] == sim.email)


def status_requests(sim: SimHandle, path: str = "v1/agent/status") -> int:
    return sim.functions().count(path)


def test_status_round_trip(status, simulator):
    status.log_in(simulator)
    assert status.shown[-1] == "available"
    status.ctl.set_status("lunch")
    status.settled()
    assert ccs_status(simulator) == "lunch"
    assert status.shown[-1] == "lunch" and status.ctl.status == "lunch"
    simulator.sim.cc.set_status(simulator.sim.cc.tenant.agent_by_email(simulator.email), "training")
    status.next_poll()  # another app (or CCS's own page) changed it: the next read shows it
    assert status.shown[-1] == "training"
    assert status.errors() == []


def test_reads_wait_for_the_poll_interval(status, simulator):
    status.log_in(simulator)
    simulator.clear_log()
    status.ctl.poll()  # the timer fired early (or twice): not yet
    status.clock.now += POLL_SECONDS - 1
    status.ctl.poll()
    assert status_requests(simulator, "v1/agent/get_agents_status") == 0
    status.next_poll()
    assert status_requests(simulator, "v1/agent/get_agents_status") == 1
    assert status.ctl.poll_timer.isActive() and status.ctl.poll_timer.interval() == POLL_SECONDS * 1000


def test_a_change_during_a_call_is_refused_in_words_and_the_old_status_stays(status, long_calls, qtbot):
    status.log_in(long_calls)
    long_calls.sim.start_inbound_call("05321112233")
    qtbot.waitUntil(lambda: ccs_status(long_calls) == "talking", timeout=WAIT)  # rings 0.2 s
    status.shown.clear()
    status.ctl.set_status("lunch")
    status.settled()
    assert status.errors() == [
        "CCS did not change your status: Agent status cannot be changed while the agent is talking"
    ]
    assert status.ctl.status == "available"
    assert status.shown == ["available"], "said again, so a selector that moved goes back"
    status.next_poll()
    assert status.shown[-1] == "talking"  # the live status shows (the window says "On a call")


def test_after_call_work_counts_down_and_can_end_early(status, simulator):
    status.parts.settings.set("after_call_work_seconds", 30)
    status.log_in(simulator)
    status.parts.tracker.call_placed("k1", "+905321234561")
    status.parts.tracker.hangup_confirmed()
    assert status.counts == [30]
    status.settled()
    assert ccs_status(simulator) == "aftercallwork" and status.shown[-1] == "aftercallwork"
    status.clock.now += 12
    status.ctl.tick()
    assert status.counts[-1] == 18
    status.ctl.end_after_call_work()  # "Available now"
    status.settled()
    assert status.counts[-1] == 0 and not status.ctl.tick_timer.isActive()
    assert ccs_status(simulator) == "available" and status.shown[-1] == "available"


def test_after_call_work_ends_by_itself_in_available(status, simulator):
    status.parts.settings.set("after_call_work_seconds", 30)
    status.log_in(simulator)
    status.parts.tracker.call_placed("k1", "+905321234561")
    status.parts.tracker.hangup_confirmed()
    status.settled()
    status.clock.now += 29.5
    status.ctl.tick()
    assert status.counts[-1] == 1 and ccs_status(simulator) == "aftercallwork"
    status.clock.now += 0.5
    status.ctl.tick()
    status.settled()
    assert status.counts[-1] == 0
    assert ccs_status(simulator) == "available"
    assert status_requests(simulator) == 2  # aftercallwork, then available: nothing more


def test_a_new_call_during_after_call_work_cancels_the_countdown(status, simulator):
    status.parts.settings.set("after_call_work_seconds", 30)
    status.log_in(simulator)
    status.parts.tracker.call_placed("k1", "+905321234561")
    status.parts.tracker.hangup_confirmed()
    status.settled()
    status.parts.tracker.call_placed("k2", "+905321234562")
    assert status.counts[-1] == 0
    status.clock.now += 60
    status.ctl.tick()
    status.settled()
    assert status_requests(simulator) == 1  # the after-call work only: no Available during the new call


def test_after_call_work_is_off_by_default(status, simulator):
    status.log_in(simulator)
    status.parts.tracker.call_placed("k1", "+905321234561")
    status.parts.tracker.hangup_confirmed()
    status.settled()
    assert status.counts == [] and status_requests(simulator) == 0


def test_choosing_a_status_ends_the_countdown(status, simulator):
    status.parts.settings.set("after_call_work_seconds", 30)
    status.log_in(simulator)
    status.parts.tracker.call_placed("k1", "+905321234561")
    status.parts.tracker.hangup_confirmed()
    status.ctl.set_status("lunch")  # while after-call work is still being sent: it goes after
    status.settled()
    assert status.counts[-1] == 0
    assert ccs_status(simulator) == "lunch"
    status.clock.now += 60
    status.ctl.tick()
    status.settled()
    assert ccs_status(simulator) == "lunch"


@pytest.mark.parametrize("option", [True, False])
def test_back_office_at_logout_only_with_the_option(status, simulator, qtbot, option):
    status.parts.settings.set("backoffice_on_exit", option)
    status.log_in(simulator)
    with qtbot.waitSignal(status.parts.session.login_needed, timeout=WAIT):
        status.parts.session.logout()
    status.settled()
    assert ccs_status(simulator) == ("backoffice" if option else "available")
    assert status.ctl.v1 is None and not status.ctl.poll_timer.isActive()
    assert status.shown[-1] == ""


def test_no_read_while_logged_out(status, simulator, qtbot):
    status.log_in(simulator)
    with qtbot.waitSignal(status.parts.session.login_needed, timeout=WAIT):
        status.parts.session.logout()
    simulator.clear_log()
    status.next_poll()
    assert simulator.functions() == []


@pytest.mark.parametrize("option", [True, False])
def test_back_office_before_a_quit_only_with_the_option(status, simulator, qtbot, option):
    status.parts.settings.set("backoffice_on_exit", option)
    status.log_in(simulator)
    went: list[bool] = []
    status.ctl.before_quit(lambda: went.append(True))
    qtbot.waitUntil(lambda: bool(went), timeout=WAIT)
    assert went == [True]
    assert ccs_status(simulator) == ("backoffice" if option else "available")
    assert status_requests(simulator) == (1 if option else 0)


def test_a_ccs_that_does_not_answer_does_not_hold_up_the_quit(status, simulator, qtbot):
    status.parts.settings.set("backoffice_on_exit", True)
    status.log_in(simulator)
    simulator.fault("delay", seconds=60, function="v1/agent/status")  # answers only after a minute
    status.ctl.quit_wait_ms = 50
    went: list[bool] = []
    status.ctl.before_quit(lambda: went.append(True))
    qtbot.waitUntil(lambda: bool(went), timeout=WAIT)
    assert status.ctl._sending, "the quit went on while CCS had not answered"
    assert status_requests(simulator) == 1
    qtbot.waitUntil(lambda: not status.ctl._sending, timeout=WAIT)  # the request gave up (its read timeout)
    assert went == [True]  # once, even after the request gave up


def test_a_500_streak_backs_off_and_keeps_the_status(status, simulator):
    status.log_in(simulator)
    simulator.fault("http500", count=1000, function="v1/agent/get_agents_status")
    simulator.clear_log()
    for _ in range(60):  # ten minutes of the 10-s timer
        status.next_poll()
    reads = status_requests(simulator, "v1/agent/get_agents_status")
    # 10, 10, 15, 30, 60 s, then every 5 min, instead of 60 reads
    assert reads == 7, reads
    assert status.shown[-1] == "available" and status.ctl.status == "available"
    assert status.errors() == []  # a failing read is logged, not shouted at the agent every 10 s
    simulator.control("reset")  # CCS is back: the next due read shows the status again
    simulator.sim.cc.set_status(simulator.sim.cc.tenant.agent_by_email(simulator.email), "meeting")
    status.clock.now += 300
    status.ctl.poll()
    status.settled()
    assert status.shown[-1] == "meeting"
    assert status.ctl.backoff.step == 0


def test_back_office_at_logout_goes_after_a_change_in_flight(status, simulator, qtbot):
    status.parts.settings.set("backoffice_on_exit", True)
    status.log_in(simulator)
    simulator.fault("delay", seconds=0.3, function="v1/agent/status")  # the first change takes a while
    status.ctl.set_status("lunch")
    with qtbot.waitSignal(status.parts.session.login_needed, timeout=WAIT):
        status.parts.session.logout()
    status.settled()
    assert status_requests(simulator) == 2
    assert ccs_status(simulator) == "backoffice"
    assert status.parts.shown == [], "nothing to say: both went through"


def test_a_429_waits_as_long_as_ccs_asked(status, simulator):
    status.log_in(simulator)
    simulator.fault("http429", seconds=120, function="v1/agent/get_agents_status")
    simulator.clear_log()
    for _ in range(12):  # two minutes of the timer: the refused read, then quiet until CCS's wait is over
        status.next_poll()
    assert status_requests(simulator, "v1/agent/get_agents_status") == 1
    status.next_poll()
    assert status_requests(simulator, "v1/agent/get_agents_status") == 2


def test_after_call_work_leaves_an_agent_on_a_break_and_an_unanswered_ring_alone(status, simulator):
    """From the review: a call-back made from Back office (or lunch) must not set the agent Available, and a ring
    nobody answered is no work after a call."""
    status.parts.settings.set("after_call_work_seconds", 30)
    status.log_in(simulator)
    status.ctl.set_status("backoffice")
    status.settled()
    status.parts.tracker.call_placed("k1", "+905321234561")
    status.parts.tracker.hangup_confirmed()
    status.settled()
    assert status.counts == [] and ccs_status(simulator) == "backoffice"

    status.ctl.set_status("available")
    status.settled()
    ring = {"type": "call", "callid": "in-1", "direction": "in", "number": "05321234561"}
    status.parts.tracker.page_event({**ring, "state": "ringing"})
    status.parts.tracker.page_event({**ring, "state": "ended"})
    status.settled()
    assert status.counts == [] and ccs_status(simulator) == "available"
    status.parts.tracker.page_event({**ring, "callid": "in-2", "state": "ringing"})
    status.parts.tracker.page_event({**ring, "callid": "in-2", "state": "talking"})
    status.parts.tracker.page_event({**ring, "callid": "in-2", "state": "ended"})
    assert status.counts == [30]  # an answered call: after-call work
