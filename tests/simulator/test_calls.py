"""click2call, click2hang, hold and inbound calls: their life cycle, records, events and hangup callbacks."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from ccs_desktop.simulator import Simulator
from tests.simulator.conftest import AheadClock, Client, Receiver, wait_for

DID = "908502220000"


class Events:
    def __init__(self, sim: Simulator) -> None:
        self.items: list[dict[str, Any]] = []
        self.unsubscribe = sim.subscribe(self.items.append)

    def of(self, callid: str) -> list[dict[str, Any]]:
        return [e for e in self.items if e["callid"] == callid]

    def states(self, callid: str) -> list[str]:
        return [e["state"] for e in self.of(callid)]


def place(client: Client, session: str, number: str, **params: str) -> dict[str, Any]:
    answer = client.api("click2call", session=session, phonenumber=number, **params)
    assert answer["success"] is True, answer
    assert answer["message"] == "Call request accepted"
    return answer


def test_answered_call_from_ring_to_hangup_callback(make_client, receiver: Receiver):
    client = make_client(ring_seconds=0.1, call_seconds=1.0)
    events = Events(client.sim)
    session = client.login()
    answer = place(client, session, "0532 123 45 67", transactionid="crm-42", hangup_url=receiver.url)
    key = answer["activecallkey"]
    assert answer["transactionid"] == "crm-42"
    assert key[:2] in ("ag", "ah")
    post = receiver.next()
    record = client.record(key)
    assert post["path"] == "/hangup?crm=1"
    assert post["content_type"] == "application/x-www-form-urlencoded"
    assert post["fields"] == {
        "call_id": key,
        "caller_id": DID,
        "called_num": "0532 123 45 67",
        "call_date": record["calldate"],
        "transaction_id": "crm-42",
        "agent_username": client.sim.email,
        "duration": "1",
        "disposition": "ANSWER",
        "tenant": "demo",
    }
    assert record["answered"] is True and record["status"] == "ANSWER"
    assert record["duration"] == 1
    assert record["talkdate"] is not None and record["hangupdate"] is not None
    assert record["click2call"] is True and record["inbound"] is False
    assert record["localrelease"] is False  # the customer hung up
    assert record["uniqueid"] == "crm-42" and record["callkey"] == key
    assert record["agent"] == "Deniz Yılmaz" and record["answeredby"] == client.sim.email
    assert record["queue"] == "Satış"
    assert record["recordingurl"] == f"{client.sim.base_url}/recordings/{key}.wav"
    assert client.get(f"/recordings/{key}.wav").status_code == 200
    assert client.cdr(uniqueid="crm-42")["CallList"] == [record]
    assert client.cdr(callkey=key)["CallList"] == [record]
    assert events.states(key) == ["ringing", "talking", "ended"]
    ringing, talking, ended = events.of(key)
    assert talking["time"] - ringing["time"] == pytest.approx(0.1)
    assert ended["time"] - talking["time"] == pytest.approx(1.0)
    assert ended["disposition"] == "ANSWER" and ended["duration"] == 1
    assert ringing["direction"] == "out" and ringing["number"] == "0532 123 45 67"
    assert ringing["agent"] == client.sim.email and ringing["transactionid"] == "crm-42"
    assert ringing["type"] == "call"


def test_no_answer_after_no_answer_seconds(make_client, receiver: Receiver):
    client = make_client(no_answer_seconds=0.4)
    events = Events(client.sim)
    key = place(client, client.login(), "05321234560", hangup_url=receiver.url)["activecallkey"]
    fields = receiver.next()["fields"]
    assert (fields["disposition"], fields["duration"]) == ("NOANSWER", "0")
    uuid.UUID(fields["transaction_id"])  # generated when the caller sends none
    record = client.record(key)
    assert (record["status"], record["answered"], record["duration"], record["talkdate"]) == (
        "NOANSWER",
        False,
        None,
        None,
    )
    assert record["recordingurl"] == ""
    assert record["uniqueid"] == fields["transaction_id"]
    assert events.states(key) == ["ringing", "ended"]
    ringing, ended = events.of(key)
    assert ended["time"] - ringing["time"] == pytest.approx(0.4)


def test_busy_after_one_second(client: Client, sim: Simulator):
    events = Events(sim)
    key = place(client, client.login(), "+90 532 123 45 69")["activecallkey"]
    record = client.record(key)
    assert record["status"] == "BUSY" and record["hangupcause"] == "USER_BUSY"
    ringing, ended = events.of(key)
    assert ended["disposition"] == "BUSY"
    assert ended["time"] - ringing["time"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("number", "disposition"), [("05321234568", "CONGESTION"), ("12-34-56", "INVALIDARGS")]
)
def test_immediate_failures_are_recorded_at_once(client: Client, sim: Simulator, number, disposition):
    events = Events(sim)
    key = place(client, client.login(), number)["activecallkey"]
    found = client.cdr(activecallkey=key)["CallList"]  # no waiting: the record exists already
    assert [r["status"] for r in found] == [disposition]
    assert events.states(key) == ["ended"]
    assert client.state()["live_calls"] == []


def test_a_second_call_while_one_is_live_is_chanunavail(client: Client):
    session = client.login()
    first = place(client, session, "05321234560")["activecallkey"]
    second = place(client, session, "05331234567")["activecallkey"]
    assert client.cdr(activecallkey=second)["CallList"][0]["status"] == "CHANUNAVAIL"
    assert [c["callid"] for c in client.state()["live_calls"]] == [first]
    assert client.api("click2hang", session=session)["success"] is True
    assert client.record(first)["status"] == "CANCEL"


def test_other_agents_calls_are_independent(client: Client, sim: Simulator):
    mine = place(client, client.login(), "05321234560")["activecallkey"]
    login = client.api("login", app_token=sim.app_token, email="elif.kaya@demo.callcenterstudio.com")
    other = login["session"]
    theirs = place(client, other, "05441234560")["activecallkey"]
    assert {c["callid"] for c in client.state()["live_calls"]} == {mine, theirs}
    assert client.api("click2hang", session=other)["success"] is True
    assert client.record(theirs)["agent"] == "Elif Kaya"
    assert [c["callid"] for c in client.state()["live_calls"]] == [mine]


def test_hangup_while_ringing_is_cancel(client: Client, sim: Simulator, receiver: Receiver):
    session = client.login()
    key = place(client, session, "05321234560", hangup_url=receiver.url)["activecallkey"]
    assert client.api("click2hang", session=session) == {"success": True, "message": "Call hung up"}
    assert client.api("click2hang", session=session) == {"success": False, "message": "No active call"}
    record = client.cdr(activecallkey=key)["CallList"][0]
    assert (record["status"], record["answered"], record["localrelease"]) == ("CANCEL", False, True)
    assert receiver.next()["fields"]["disposition"] == "CANCEL"


def test_hangup_while_talking_is_answer_with_local_release(make_client):
    client = make_client(ring_seconds=0.05, call_seconds=30)
    session = client.login()
    key = place(client, session, "05321234567")["activecallkey"]
    wait_for(lambda: client.state()["live_calls"][0]["state"] == "talking")
    assert client.api("click2hang", session=session)["success"] is True
    record = client.record(key)
    assert (record["status"], record["answered"], record["localrelease"]) == ("ANSWER", True, True)
    assert record["duration"] in (0, 1)  # hung up right after the answer


def test_hold_and_unhold(make_client):
    clock = AheadClock()
    client = make_client(ring_seconds=0.05, call_seconds=30, clock=clock)
    session = client.login()
    assert client.api("click2hold", session=session) == {"success": False, "message": "No active call"}
    assert client.api("click2unhold", session=session) == {"success": False, "message": "No active call"}
    place(client, session, "05321234560")  # rings until hung up
    assert client.api("click2hold", session=session) == {
        "success": False,
        "message": "Call is not answered yet",
    }
    client.api("click2hang", session=session)
    events = Events(client.sim)
    key = place(client, session, "05321234567")["activecallkey"]
    wait_for(lambda: client.state()["live_calls"][0]["state"] == "talking")
    assert client.api("click2unhold", session=session) == {"success": False, "message": "Call is not on hold"}
    assert client.api("click2hold", session=session) == {"success": True, "message": "Call on hold"}
    assert client.state()["live_calls"][0]["state"] == "hold"
    assert client.api("click2hold", session=session) == {
        "success": False,
        "message": "Call is already on hold",
    }
    clock.ahead = 1.2  # on hold for 1.2 s, without waiting for them
    assert client.api("click2unhold", session=session) == {"success": True, "message": "Call resumed"}
    assert client.api("click2hang", session=session)["success"] is True
    record = client.record(key)
    assert record["hold"] is True
    assert record["holdduration"] in (1, 2)  # 1.2 s and request latency, rounded; exact values: test_state
    assert events.states(key) == ["ringing", "talking", "hold", "talking", "ended"]


def test_masked_calls_hide_the_number_from_events_only(client: Client, sim: Simulator):
    events = Events(sim)
    key = place(client, client.login(), "05321234568", masked="on")["activecallkey"]
    assert events.of(key)[0]["number"] == "0532*****68"
    assert events.of(key)[0]["masked"] is True
    assert client.cdr(activecallkey=key)["CallList"][0]["called_num"] == "05321234568"


def test_click2call_needs_a_phonenumber(client: Client):
    session = client.login()
    assert client.api("click2call", session=session) == {
        "success": False,
        "message": "phonenumber is required",
    }
    assert client.state()["records"] == 200


def test_inbound_call_through_the_test_control(client: Client, sim: Simulator):
    events = Events(sim)
    response = client.control("incoming", {"callerid": "05551234567", "queue": "Tahsilat"})
    assert response.status_code == 200
    key = response.json()["callid"]
    record = client.record(key)
    assert record["inbound"] is True and record["click2call"] is False
    assert (record["callerid"], record["called_num"], record["queue"]) == ("05551234567", DID, "Tahsilat")
    assert record["queued"] is True and record["answered"] is True
    assert record["agent"] == "Deniz Yılmaz" and record["uniqueid"] == ""
    assert events.states(key) == ["ringing", "talking", "ended"]
    assert {e["direction"] for e in events.of(key)} == {"in"}


def test_inbound_call_can_be_held_and_hung_up(make_client):
    client = make_client(ring_seconds=0.05, call_seconds=30)
    session = client.login()
    key = client.sim.start_inbound_call("+4915112345678")
    wait_for(lambda: client.state()["live_calls"][0]["state"] == "talking")
    assert client.api("click2hold", session=session)["success"] is True
    assert client.api("click2hang", session=session)["success"] is True
    record = client.record(key)
    assert (record["callerid"], record["queue"], record["hold"], record["localrelease"]) == (
        "+4915112345678",
        "Destek",
        True,
        True,
    )


def test_inbound_call_to_a_busy_agent_is_abandoned(client: Client, sim: Simulator):
    place(client, client.login(), "05321234560")
    key = sim.start_inbound_call("05551234567")
    record = client.cdr(activecallkey=key)["CallList"][0]
    assert (record["abandon"], record["answered"], record["agent"]) == (True, False, "")


def test_incoming_control_validates_its_body(client: Client):
    assert client.control("incoming", {"queue": "Satış"}).status_code == 400
    assert client.control("incoming", {"callerid": "05551234567", "queue": "Yok"}).status_code == 400
    bad = client.http.post(f"{client.sim.base_url}/_sim/incoming", data=b"not json", timeout=5)
    assert bad.status_code == 400
    assert client.state()["live_calls"] == []


def test_unsubscribe_and_failing_listeners(client: Client, sim: Simulator):
    def broken(event: dict) -> None:
        raise RuntimeError("listener bug")

    sim.subscribe(broken)
    events = Events(sim)
    session = client.login()
    first = place(client, session, "05321234568")["activecallkey"]
    events.unsubscribe()
    events.unsubscribe()  # idempotent
    second = place(client, session, "05321234568")["activecallkey"]
    assert events.states(first) == ["ended"]
    assert events.of(second) == []
