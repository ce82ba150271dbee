"""The simulator's IVR call notifications (ccs-api.md §3.3): a GET at ring time and one at the end of inbound calls."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from ccs_desktop.cli import build_parser
from ccs_desktop.simulator import SimulatorConfig
from ccs_desktop.simulator.state import notify_request_url
from tests.simulator.conftest import Client, Receiver

TOKEN = "sim-notify-token-0123456789abcdef"


class GetReceiver(Receiver):
    """The receiver, as the app's listener: IVR notifications arrive as GETs on the token's /call route."""

    def __init__(self) -> None:
        super().__init__()
        self.url = f"{self.base}/{TOKEN}/call"

    def next(self, timeout: float = 5.0) -> dict[str, Any]:
        return self.gets.get(timeout=timeout)


@pytest.fixture
def receiver() -> Iterator[GetReceiver]:
    r = GetReceiver()
    try:
        yield r
    finally:
        r.close()


def incoming(client: Client, callerid: str, queue_name: str = "") -> str:
    body = {"callerid": callerid, **({"queue": queue_name} if queue_name else {})}
    response = client.control("incoming", body)
    assert response.status_code == 200, response.text
    return response.json()["callid"]


def test_inbound_call_sends_ring_then_end_after_the_record_exists(make_client, receiver: GetReceiver):
    client = make_client(notify_url=receiver.url, ring_seconds=0.1, call_seconds=1.2)
    found_at_end: list[list[dict[str, Any]]] = []

    def look_up_the_record(request: dict[str, Any]) -> None:
        if "call_duration" in request["params"]:  # what the app does: fetch the CDR by activecallkey at once
            found_at_end.append(client.cdr(activecallkey=request["params"]["call_activecallkey"])["CallList"])

    receiver.on_get = look_up_the_record
    callid = incoming(client, "+905321234567", "Satış")
    ring, end = receiver.next(), receiver.next()
    assert ring["path"] == end["path"] == f"/{TOKEN}/call"
    expected = {
        "call_callerid": "+905321234567",
        "call_activecallkey": callid,
        "call_agent_email": client.sim.email,
        "queue": "Satış",
    }
    assert ring["params"] == expected
    assert end["params"] == {**expected, "call_duration": "1"}
    assert end["arrived"] - ring["arrived"] >= 1.0  # the end comes when the call ends, not at once
    assert len(found_at_end) == 1 and len(found_at_end[0]) == 1
    record = found_at_end[0][0]
    assert record["callid"] == callid
    assert record["duration"] == 1
    assert receiver.gets.empty()


def test_macro_templates_are_expanded_and_url_encoded(make_client, receiver: GetReceiver):
    template = (
        f"{receiver.base}/{TOKEN}/call?CallID={{{{call_activecallkey}}}}&num={{{{ call_callerid }}}}"
        "&secs={{call_duration}}&pw={{CustomerPassword}}"
    )
    client = make_client(notify_url=template)
    callid = incoming(client, "+90 532 123&45=67")
    ring, end = receiver.next(), receiver.next()
    assert ring["path"] == f"/{TOKEN}/call"
    assert ring["params"] == {"CallID": callid, "num": "+90 532 123&45=67", "secs": "", "pw": ""}
    assert ring["raw_query"].startswith(f"CallID={callid}&num=%2B90%20532%20123%2645%3D67&")
    assert end["params"]["CallID"] == callid
    assert end["params"]["secs"].isdigit()


def test_outbound_and_turned_away_calls_send_no_notification(make_client, receiver: GetReceiver):
    client = make_client(notify_url=receiver.url, call_seconds=0.1)
    session = client.login()
    answer = client.api("click2call", session=session, phonenumber="05321234567")
    client.record(answer["activecallkey"])  # the outbound call has ended
    first = incoming(client, "05551112233")
    busy = incoming(client, "05559998877")  # the agent is on `first`: this caller is turned away
    client.record(busy)
    client.record(first)
    seen = [receiver.next(), receiver.next()]
    assert [r["params"]["call_activecallkey"] for r in seen] == [first, first]
    assert "call_duration" in seen[1]["params"]
    # notifications go out one at a time, in order: the next one is a later call's ring, nothing in between
    later = incoming(client, "05551112244")
    assert receiver.next()["params"]["call_activecallkey"] == later


def test_a_slow_receiver_still_gets_the_end_after_the_ring(make_client, receiver: GetReceiver):
    def slow_ring(request: dict[str, Any]) -> None:
        if "call_duration" not in request["params"]:
            time.sleep(0.6)

    receiver.on_get = slow_ring
    client = make_client(notify_url=receiver.url, ring_seconds=0.05, call_seconds=0.05)
    callid = incoming(client, "05321234567")
    client.record(callid)  # ended long before the ring was answered
    ring, end = receiver.next(), receiver.next()
    assert "call_duration" not in ring["params"]
    assert "call_duration" in end["params"]


def test_scripted_incoming_calls_notify_too(make_client, receiver: GetReceiver):
    client = make_client(notify_url=receiver.url, incoming_every=0.1, call_seconds=0.1)
    ring = receiver.next()
    assert ring["params"]["call_callerid"]
    assert ring["params"]["call_agent_email"] == client.sim.email
    assert client.record(ring["params"]["call_activecallkey"])


def test_an_unreachable_url_changes_nothing_else(make_client):
    with socket.socket() as s:  # a port nothing listens on once this closes
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/{TOKEN}/call"
    client = make_client(notify_url=url)
    callid = incoming(client, "05321234567")
    assert client.record(callid)["callid"] == callid
    assert incoming(client, "05321234568")  # still serving


def test_without_notify_url_nothing_is_sent(make_client, receiver: GetReceiver):
    client = make_client()
    client.record(incoming(client, "05321234567"))
    time.sleep(0.2)  # left on purpose: with no URL there is no later notification to wait for instead
    assert receiver.gets.empty()


def test_notifications_reach_the_app_listener(qtbot, make_client):
    """End to end with the app's own listener: ring and end pop once each, and the key finds the record."""
    from ccs_desktop.services.listener import NotificationListener
    from ccs_desktop.services.tasks import TaskRunner

    runner = TaskRunner()
    inbox: list[Any] = []
    listener = NotificationListener(runner, TOKEN, inbox.append)
    listener.start()
    try:
        client = make_client(notify_url=listener.ivr_url)
        callid = incoming(client, "05321234567")
        qtbot.waitUntil(lambda: len(inbox) == 2, timeout=5000)
        assert [(n.kind, n.key, n.callerid) for n in inbox] == [
            ("ring", callid, "05321234567"),
            ("end", callid, "05321234567"),
        ]
        assert client.cdr(activecallkey=inbox[1].key)["CallList"][0]["callid"] == callid
        # a relay that repeats itself: answered, not delivered again
        assert requests.get(f"{listener.ivr_url}?call_activecallkey={callid}", timeout=5).status_code == 200
        # a delivery is posted before the answer: with nothing pending, none is on its way
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
        assert len(inbox) == 2
    finally:
        listener.stop()
        runner.shutdown(wait=True)


# --- config, URL building and the CLI flag -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("http://h/t/call", "http://h/t/call?call_activecallkey=k%2F1&call_callerid=%2B90+5"),
        (
            "http://h/t/call?crm=1#frag",
            "http://h/t/call?crm=1&call_activecallkey=k%2F1&call_callerid=%2B90+5",
        ),
        ("http://h/t/call?id={{call_activecallkey}}&x={{nope}}", "http://h/t/call?id=k%2F1&x="),
    ],
)
def test_notify_request_url(template, expected):
    assert notify_request_url(template, {"call_activecallkey": "k/1", "call_callerid": "+90 5"}) == expected


@pytest.mark.parametrize("url", ["ftp://h/x", "http://", "/just/a/path", "h:80/x", "http://h:port/x"])
def test_config_refuses_a_bad_notify_url(url):
    with pytest.raises(ValueError, match="notify URL"):
        SimulatorConfig(notify_url=url)


def test_cli_flag(capsys):
    url = "http://127.0.0.1:8766/tok/call?CallID={{call_activecallkey}}"
    assert build_parser().parse_args(["simulator", "--notify-url", url]).notify_url == url
    assert build_parser().parse_args(["simulator"]).notify_url == ""
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(["simulator", "--notify-url", "ftp://x"])
    assert info.value.code == 2
    assert "--notify-url: the notify URL must be an http:// or https:// URL" in capsys.readouterr().err
