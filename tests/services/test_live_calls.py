"""The live-call poll (services/live_calls.py) against the simulator's v1 API over real HTTP, run through the
synchronous runner: each `poll()` has happened, answer and all, when it returns, and the next wait is read from
`next_delay_ms` instead of being waited for."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from ccs_desktop.core.api import Agent, CcsClient, Timeouts, resolve_tenant
from ccs_desktop.core.api.v1 import V1Agent, V1Client
from ccs_desktop.core.backoff import Backoff
from ccs_desktop.services.live_calls import AFTER_WAKE_MS, EVERY_MS, RINGING_EVERY_MS, LiveCallPoller
from tests.helpers import SimHandle, start_simulator
from tests.support.clocks import Clock


@pytest.fixture
def sim() -> Iterator[SimHandle]:
    simulator = start_simulator(ring_seconds=30, call_seconds=60)
    handle = SimHandle(simulator)
    yield handle
    handle.http.close()
    simulator.stop()


def v1_of(sim: SimHandle) -> V1Agent:
    tenant = resolve_tenant(sim.base_url)
    agent = Agent(CcsClient(tenant, timeouts=Timeouts(2, 3)), sim.email, sim.app_token)
    agent.ensure_session()
    return V1Agent(V1Client(tenant, sim.app_token, base_url=sim.base_url + "/v1", timeouts=Timeouts(2, 3)), agent)


@pytest.fixture
def poller(qapp, sim, sync_runner) -> Iterator[tuple[LiveCallPoller, dict[str, list]]]:
    mono, wall = Clock(), Clock(1_800_000_000.0)
    p = LiveCallPoller(sync_runner, monotonic=mono, wall_clock=wall, backoff=Backoff(mono))
    p.mono, p.wall = mono, wall  # type: ignore[attr-defined]
    seen: dict[str, list] = {"rings": [], "calls": [], "failed": [], "refused": [], "stopped": []}
    p.ring.connect(lambda *args: seen["rings"].append(args))
    p.calls.connect(seen["calls"].append)
    p.failed.connect(seen["failed"].append)
    p.session_refused.connect(seen["refused"].append)
    p.stopped.connect(lambda: seen["stopped"].append(True))
    v1 = v1_of(sim)
    p.start(v1)
    yield p, seen
    p.stop()
    v1.close()


def v1_requests(sim: SimHandle) -> int:
    return sum(1 for entry in sim.requests_log() if "activecall" in str(entry.get("function", "")))


def test_a_ringing_inbound_call_is_told_once_and_the_poll_quickens(sim, poller):
    p, seen = poller
    p.poll()
    assert seen["rings"] == [] and seen["calls"][-1] == [] and p.next_delay_ms == EVERY_MS
    key = sim.sim.cc.start_inbound_call("05321234561", "Destek")
    p.poll()
    assert seen["rings"] == [(key, "05321234561", "Destek")]
    assert p.next_delay_ms == RINGING_EVERY_MS  # every second while it rings
    p.poll()
    assert len(seen["rings"]) == 1  # still ringing: not told again
    assert [row.status for row in seen["calls"][-1]] == ["ringing"]


def test_an_answered_call_is_not_told_again(sim, poller):
    p, seen = poller
    simulator = start_simulator(ring_seconds=0.3, call_seconds=60)
    try:
        handle = SimHandle(simulator)
        v1 = v1_of(handle)
        p.start(v1)
        key = simulator.cc.start_inbound_call("05321234561")
        p.poll()
        assert [ring[0] for ring in seen["rings"]] == [key]
        deadline = time.monotonic() + 10
        while not (seen["calls"] and seen["calls"][-1] and seen["calls"][-1][0].status == "talking"):
            assert time.monotonic() < deadline, "the simulator never answered"
            time.sleep(0.1)
            p.poll()
        row = seen["calls"][-1][0]
        assert (row.key, row.inbound) == (key, True)  # CCS keeps inbound true after the answer
        assert len(seen["rings"]) == 1 and p.next_delay_ms == EVERY_MS
        p.stop()
        v1.close()
        handle.http.close()
    finally:
        simulator.stop()


def test_429_waits_at_least_what_ccs_asked(sim, poller):
    p, seen = poller
    sim.fault("http429", count=1, function="v1", seconds=40)
    p.poll()
    assert p.next_delay_ms == 40_000 and seen["failed"] and p.failures == 1
    p.poll()
    assert p.next_delay_ms == EVERY_MS and p.last_error == ""  # answered: back to the cadence


def test_a_500_streak_backs_off_and_recovers(sim, poller):
    p, _seen = poller
    sim.fault("http500", count=4, function="v1")
    delays = []
    for _ in range(4):
        p.poll()
        delays.append(p.next_delay_ms)
    assert delays == [2000, 5000, 15000, 30000]
    p.poll()
    assert p.next_delay_ms == EVERY_MS
    sim.fault("http500", count=1, function="v1")
    p.poll()
    assert p.next_delay_ms == 2000  # the back-off was reset by the answer


def test_a_refused_session_goes_to_the_supervisor_and_the_poll_waits_for_a_new_one(sim, poller):
    p, seen = poller
    sim.control("expire-sessions")
    p.poll()
    assert len(seen["refused"]) == 1 and p.running
    before = v1_requests(sim)
    p.poll()
    p.poll()
    assert v1_requests(sim) == before  # no request with the refused session, and no login of its own
    assert p.v1 is not None
    p.v1.agent.login()  # what the supervisor does, on its back-off and login cap
    p.poll()
    assert v1_requests(sim) == before + 1 and seen["calls"]


def test_a_renewed_session_refused_again_turns_the_poll_off(sim, poller):
    p, seen = poller
    sim.control("expire-sessions")
    p.poll()
    assert p.v1 is not None
    p.v1.agent.login()
    sim.control("expire-sessions")
    p.poll()
    assert not p.running and "refuses" in seen["failed"][-1]
    assert len(seen["refused"]) == 1  # one renewal asked for, not one per poll
    assert seen["stopped"] == [True]  # the tracker lets go of the calls only CCS told of (services/live_calls.py)


def test_the_first_tick_after_a_sleep_waits(sim, poller):
    p, _seen = poller
    p.poll()
    before = v1_requests(sim)
    p.wall.now += 3600  # an hour of sleep: the wall clock moved, the monotonic one did not
    p.poll()
    assert p.next_delay_ms == AFTER_WAKE_MS and v1_requests(sim) == before
    p.poll()
    assert v1_requests(sim) == before + 1


def test_nothing_is_asked_after_stop(sim, poller):
    p, _seen = poller
    p.stop()
    before = v1_requests(sim)
    p.poll()
    assert v1_requests(sim) == before and p.next_delay_ms is None
