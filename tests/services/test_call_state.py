from __future__ import annotations

from ccs_desktop.services.call_state import CallTracker
from tests.support.clocks import Clock


def test_app_call_then_page_confirms_and_ends(qtbot):
    tracker = CallTracker()
    seen: list[bool] = []
    tracker.active_changed.connect(seen.append)
    tracker.call_placed("key-1", "+905321234561", "tx-1")
    assert tracker.is_active()
    tracker.page_event({"type": "call", "callid": "key-1", "state": "ringing", "number": "05321234561"})
    tracker.page_event({"type": "call", "callid": "key-1", "state": "talking", "number": "05321234561"})
    assert tracker.current().state == "talking"
    tracker.page_event({"type": "call", "callid": "key-1", "state": "ended", "number": "05321234561"})
    assert not tracker.is_active()
    assert seen == [True, False]


def test_page_key_differs_from_our_transaction_id(qtbot):
    tracker = CallTracker()
    tracker.call_placed("tx-only", "+905321234561", "tx-only")
    tracker.page_event({"type": "call", "callid": "AGKEY", "state": "ringing", "number": "0532 123 45 61"})
    assert [c.key for c in [tracker.current()]] == ["AGKEY"]
    tracker.page_event({"type": "call", "callid": "AGKEY", "state": "ended"})
    assert not tracker.is_active()


def test_inbound_call_from_the_page(qtbot):
    tracker = CallTracker()
    tracker.page_event(
        {"type": "call", "callid": "in-1", "state": "ringing", "direction": "in", "number": "x"}
    )
    assert tracker.is_active()
    assert tracker.current().direction == "in"
    tracker.hangup_confirmed()
    assert not tracker.is_active()


def test_unknown_outcome_keeps_the_line_busy_until_a_record_says_otherwise(qtbot):
    now = [0.0]
    tracker = CallTracker(unconfirmed_timeout=10, clock=lambda: now[0])
    tracker.call_request_failed("tx-lost")
    now[0] = 1000
    tracker._sweep()
    assert tracker.is_active(), "a silent page never lets a possibly ringing call go by time"
    tracker.record_seen("tx-lost")
    assert not tracker.is_active()


def test_a_speaking_page_that_never_confirms_lets_go_after_the_timeout(qtbot):
    now = [0.0]
    tracker = CallTracker(unconfirmed_timeout=10, clock=lambda: now[0])
    tracker.page_spoke()
    tracker.call_placed("k", "+905321234561")
    now[0] = 5
    tracker._sweep()
    assert tracker.is_active()
    now[0] = 11
    tracker._sweep()
    assert not tracker.is_active()


def test_ignores_malformed_page_events(qtbot):
    tracker = CallTracker()
    tracker.page_event({"type": "call"})
    tracker.page_event({"type": "call", "callid": "", "state": "talking"})
    assert not tracker.is_active()


class Row:
    """A row of CCS's live calls, as core/api/v1.py's LiveCall has it."""

    def __init__(self, key: str, number: str, status: str, inbound: bool = True) -> None:
        self.key, self.number, self.status, self.inbound = key, number, status, inbound



def test_ccs_live_calls_alone_keep_the_line_state(qtbot):
    """A page that reports nothing (the real softphone without an adapter): CCS's list is the witness."""
    tracker = CallTracker(clock=Clock(100.0))
    states: list[str] = []
    tracker.call_changed.connect(lambda call: states.append(call.state if call else "free"))
    tracker.ccs_calls([Row("k1", "05321234561", "ringing")])
    assert tracker.is_active() and tracker.current().direction == "in"
    tracker.ccs_calls([Row("k1", "05321234561", "ringing")])  # the same answer again: no change
    tracker.ccs_calls([Row("k1", "05321234561", "talking")])
    tracker.ccs_calls([Row("k1", "05321234561", "hold")])
    tracker.ccs_calls([])
    assert not tracker.is_active()
    assert states == ["ringing", "talking", "hold", "free"]


def test_our_accepted_click2hold_is_a_witness_that_ccs_talking_does_not_undo(qtbot):
    """CCS's live lists were only seen saying ringing/dialing/talking: a call we put on hold stays on hold until
    we resume it or the page says otherwise."""
    tracker = CallTracker(clock=Clock(100.0))
    tracker.ccs_calls([Row("k1", "05321234561", "talking")])
    tracker.hold_confirmed(True)
    assert tracker.on_hold()
    tracker.ccs_calls([Row("k1", "05321234561", "talking")])
    assert tracker.on_hold()
    tracker.hold_confirmed(False)
    assert not tracker.on_hold() and tracker.current().state == "talking"
    tracker.hold_confirmed(True)
    tracker.page_event({"type": "call", "callid": "k1", "state": "talking", "number": "05321234561"})
    assert not tracker.on_hold(), "the page's Resume is believed"
    tracker.page_event({"type": "call", "callid": "k1", "state": "ended", "number": "05321234561"})
    tracker.hold_confirmed(True)  # no call: nothing to hold
    assert not tracker.on_hold() and not tracker.is_active()


def test_our_click2call_takes_ccs_key_and_ends_when_ccs_no_longer_lists_it(qtbot):
    tracker = CallTracker(clock=Clock(100.0))
    tracker.call_placed("tx-1", "+905321234561", "tx-1")
    tracker.ccs_calls([Row("AGKEY", "05321234561", "talking", inbound=False)])
    assert [tracker.current().key] == ["AGKEY"] and len(tracker._calls) == 1
    tracker.ccs_calls([])
    assert not tracker.is_active()


def test_a_call_the_page_reports_is_ended_by_the_page_not_by_a_late_poll(qtbot):
    clock = Clock(100.0)
    tracker = CallTracker(clock=clock)
    tracker.page_event({"type": "call", "callid": "k1", "state": "talking", "direction": "in", "number": "x"})
    tracker.ccs_calls([])  # an answer from before the call: the page's word stands
    assert tracker.is_active()
    tracker.page_event({"type": "call", "callid": "k1", "state": "ended"})
    clock.now += 2
    tracker.ccs_calls([Row("k1", "x", "talking")])  # a poll that left before the hangup
    assert not tracker.is_active()
    clock.now += 30
    tracker.ccs_calls([Row("k1", "x", "talking")])  # long after: CCS says it is up, so it is
    assert tracker.is_active()
