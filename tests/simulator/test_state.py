"""The pure state with a fake clock: exact durations, session lifetime and timer scheduling."""

from __future__ import annotations

import base64

import pytest

from ccs_desktop.simulator import SimulatorConfig
from ccs_desktop.simulator.keys import datastore_key
from ccs_desktop.simulator.records import format_local, parse_local
from ccs_desktop.simulator.seed import build_tenant
from ccs_desktop.simulator.state import CallCenter, mask_number

T0 = 1_700_000_000.0  # 2023-11-14 22:13:20 UTC = 2023-11-15 01:13:20 in Istanbul


class Clock:
    def __init__(self) -> None:
        self.t = T0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def posts() -> list[tuple[str, dict[str, str]]]:
    return []


@pytest.fixture
def cc(clock: Clock, posts: list) -> CallCenter:
    config = SimulatorConfig(ring_seconds=2, call_seconds=60, no_answer_seconds=6, session_ttl=100)
    return CallCenter(
        config, build_tenant(config), now=clock, post_hangup=lambda url, f: posts.append((url, f))
    )


def test_hold_time_accumulates_exactly(cc: CallCenter, clock: Clock, posts: list):
    agent = cc.tenant.demo_agent
    callid = cc.click2call(agent, "05321234567", transactionid="tx", hangup_url="http://crm.example/h")
    assert cc.run_due() == pytest.approx(2.0)
    clock.advance(2)
    assert cc.run_due() == pytest.approx(60.0)  # answered; the customer hangs up after call_seconds
    clock.advance(10)
    assert cc.hold(agent) == (True, "Call on hold")
    clock.advance(15)
    assert cc.unhold(agent) == (True, "Call resumed")
    clock.advance(5)
    assert cc.hold(agent)[0] is True
    clock.advance(10)
    assert cc.hangup(agent) == (True, "Call hung up")  # ends while on hold
    record = cc.store.get(callid)
    assert record is not None
    assert (record["hold"], record["holdduration"], record["duration"], record["localrelease"]) == (
        True,
        25,
        40,
        True,
    )
    assert (record["calldate"], record["talkdate"], record["hangupdate"]) == (
        "2023-11-15 01:13:20",
        "2023-11-15 01:13:22",
        "2023-11-15 01:14:02",
    )
    assert cc.run_due() is None
    assert posts == [
        (
            "http://crm.example/h",
            {
                "call_id": callid,
                "caller_id": "908502220000",
                "called_num": "05321234567",
                "call_date": "2023-11-15 01:13:20",
                "transaction_id": "tx",
                "agent_username": "deniz.yilmaz@demo.callcenterstudio.com",
                "duration": "40",
                "disposition": "ANSWER",
                "tenant": "demo",
            },
        )
    ]


def test_customer_hangs_up_during_hold(cc: CallCenter, clock: Clock):
    agent = cc.tenant.demo_agent
    callid = cc.click2call(agent, "05321234567", transactionid="tx")
    clock.advance(2)
    cc.run_due()
    clock.advance(50)
    cc.hold(agent)
    clock.advance(100)  # the timer thread was late: the call ended at its deadline, 10 s into the hold
    assert cc.run_due() is None
    record = cc.store.get(callid)
    assert record is not None
    assert (record["duration"], record["holdduration"], record["localrelease"]) == (60, 10, False)


def test_overdue_transitions_are_applied_in_one_step(cc: CallCenter, clock: Clock):
    events: list[dict] = []
    cc.subscribe(events.append)
    callid = cc.click2call(cc.tenant.demo_agent, "05321234567", transactionid="tx")
    clock.advance(1000)
    assert cc.run_due() is None
    assert [e["state"] for e in events] == ["ringing", "talking", "ended"]
    assert [e["time"] - T0 for e in events] == [0, 2, 62]
    assert cc.store.get(callid)["duration"] == 60  # type: ignore[index]


def test_sessions_live_exactly_their_ttl(cc: CallCenter, clock: Clock):
    key = cc.login("Deniz.Yilmaz@demo.callcenterstudio.com")
    assert key is not None
    agent, _ = cc.session_agent(key)
    assert agent is cc.tenant.demo_agent
    clock.advance(100)
    assert cc.session_agent(key)[0] is agent
    clock.advance(0.001)
    assert cc.session_agent(key) == (None, "Session expired")
    assert cc.session_agent("agNOPE") == (None, "Invalid session")
    assert cc.login("nobody@demo.callcenterstudio.com") is None
    assert cc.expire_sessions() == 0  # already expired ones are not counted


def test_keys_are_app_engine_references():
    key = datastore_key("Session", 5629499534213120, "demo.callcenterstudio.com")
    assert key.startswith("ag")
    raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    assert raw.startswith(b"j\x0fs~ccs-simulator")
    assert b"\x12\x07Session" in raw
    assert raw.endswith(b"\xa2\x01\x19demo.callcenterstudio.com")


def test_masking_and_local_time():
    assert mask_number("05321234567") == "0532*****67"
    assert mask_number("+90 532 123 45 67") == "+90 53* *** ** 67"
    assert format_local(T0, 3 * 3600) == "2023-11-15 01:13:20"
    assert format_local(None, 0) is None
    assert parse_local("2023-11-15 01:13:20", 3 * 3600) == int(T0)
    assert parse_local("2023-11-15", 0) is None
