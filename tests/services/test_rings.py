"""The ring desk (services/rings.py): one card per call from whichever witness is first, and what later
witnesses add to it."""

from __future__ import annotations

from ccs_desktop.services.rings import RingDesk
from tests.support.clocks import Clock


def desk_with_log(qapp) -> tuple[RingDesk, Clock, list[tuple], list[tuple]]:
    clock = Clock(50.0)
    desk = RingDesk(clock=clock)
    pops: list[tuple] = []
    completions: list[tuple] = []
    desk.pop.connect(lambda *args: pops.append(args))
    desk.completed.connect(lambda *args: completions.append(args))
    return desk, clock, pops, completions


def test_a_notification_without_key_is_completed_by_the_poll(qapp):
    desk, clock, pops, completions = desk_with_log(qapp)
    desk.ring("page", "", "+90 532 123 45 61")
    clock.now += 1.2
    desk.ring("poll", "K1", "05321234561", "Destek")
    desk.ring("listener", "K1", "05321234561", "Destek")
    assert pops == [("+90 532 123 45 61", "", "")]
    assert completions == [("05321234561", "K1", "Destek")]  # told once: the listener added nothing new
    assert desk.popped == {"page": 1} and desk.joined == {"poll": 1, "listener": 1}


def test_the_bridge_ring_carries_key_and_queue(qapp):
    desk, _clock, pops, completions = desk_with_log(qapp)
    message = {"type": "call", "callid": "K2", "state": "ringing", "direction": "in", "number": "0532", "queue": "Q"}
    desk.page_call(message)
    desk.page_call({**message, "state": "talking"})
    desk.page_call({**message, "callid": "K3", "direction": "out"})
    desk.ring("poll", "K2", "0532", "Q")
    assert pops == [("0532", "K2", "Q")] and completions == []


def test_a_page_ring_with_its_own_tag_is_completed_with_ccs_key(qapp):
    desk, clock, pops, completions = desk_with_log(qapp)
    desk.ring("page", "sip-call-id-77", "05321234561")
    clock.now += 1.5
    desk.ring("poll", "K9", "05321234561", "Destek")
    assert len(pops) == 1 and completions == [("05321234561", "K9", "Destek")]
