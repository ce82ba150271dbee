"""The Generic Softphone stand-in: its page, its server-sent call events and inbound calls, over real HTTP."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from ccs_desktop.simulator import Simulator, SimulatorConfig
from ccs_desktop.simulator.seed import customer_numbers
from tests.helpers import clock_at
from tests.simulator.conftest import Client, fast_config, wait_for

TENANT = "demo.callcenterstudio.com"
OTHER_AGENT = "elif.kaya@demo.callcenterstudio.com"


class Stream:
    """A server-sent-events client, as EventSource reads the stream (data lines, comments, blank line ends)."""

    def __init__(
        self, sim: Simulator, session: str | None, build: str = "demo", timeout: float = 5.0
    ) -> None:
        params = {"session": session} if session is not None else {}
        self.response = requests.get(
            f"{sim.base_url}/{build}/events", params=params, stream=True, timeout=timeout
        )
        self._items: Iterator[tuple[str, Any]] | None = None

    def _read(self) -> Iterator[tuple[str, Any]]:
        data: list[str] = []
        for line in self.response.iter_lines(chunk_size=1, decode_unicode=True):
            if line == "":
                if data:
                    yield "event", json.loads("\n".join(data))
                    data = []
            elif line.startswith(":"):
                yield "comment", line
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))

    def item(self) -> tuple[str, Any]:
        """The next event or comment line."""
        if self._items is None:
            self._items = self._read()
        try:
            return next(self._items)
        except StopIteration:
            raise EOFError("the stream ended") from None

    def next(self) -> dict[str, Any]:
        """The next event, skipping comments."""
        while True:
            kind, value = self.item()
            if kind == "event":
                return value

    def until(self, predicate: Any, limit: int = 50) -> list[dict[str, Any]]:
        """Events up to and including the first one `predicate` accepts."""
        seen = []
        for _ in range(limit):
            seen.append(self.next())
            if predicate(seen[-1]):
                return seen
        raise AssertionError(f"no matching event in {seen}")

    def close(self) -> None:
        self.response.close()


@pytest.fixture
def streams() -> Iterator[list[Stream]]:
    opened: list[Stream] = []
    try:
        yield opened
    finally:
        for stream in opened:
            stream.close()


def open_stream(streams: list[Stream], sim: Simulator, session: str | None, **kwargs: Any) -> Stream:
    streams.append(Stream(sim, session, **kwargs))
    return streams[-1]


def page(client: Client, session: str | None, build: str = "demo", tenant: str = TENANT) -> requests.Response:
    params = {"tenant": tenant, **({"session": session} if session is not None else {})}
    return client.get(f"/{build}/sso/", **params)


def login_as(client: Client, email: str) -> str:
    answer = client.api("login", app_token=client.sim.app_token, email=email)
    assert answer["login"] is True
    return answer["session"]


# --- the page ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("build", ["demo", "generic", "mi4biz"])
def test_the_page_for_a_good_session_under_any_build(client: Client, build: str):
    session = client.login()
    response = page(client, session, build)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "X-Frame-Options" not in response.headers  # the real page may be framed too
    html = response.text
    assert 'data-view="phone"' in html
    assert "Deniz Yılmaz" in html and client.sim.email in html
    assert session not in html
    assets = re.findall(r'(?:href|src)="(/[^"]+)"', html)
    assert sorted(assets) == [f"/{build}/sso/static/softphone.css", f"/{build}/sso/static/softphone.js"]
    for path, kind in zip(sorted(assets), ("text/css", "text/javascript"), strict=True):
        asset = client.get(path)
        assert asset.status_code == 200
        assert asset.headers["Content-Type"] == f"{kind}; charset=utf-8"
        assert not re.search(r"https?://", asset.text)  # nothing loaded from elsewhere
    assert not re.search(r"https?://", html)


def test_the_page_speaks_the_bridge_contract(client: Client):
    script = client.get("/demo/sso/static/softphone.js").text
    assert 'HOST_EVENT = "ccs-softphone"' in script
    assert "new CustomEvent(HOST_EVENT, { detail: JSON.stringify(message) })" in script
    for kind in ("ready", "login_required", "call", "status"):
        assert f'type: "{kind}"' in script


@pytest.mark.parametrize("kind", ["missing", "unknown", "expired"])
def test_a_bad_session_gets_the_login_screen_without_the_session(client: Client, kind: str):
    session = {"missing": None, "unknown": "agBOGUSsessionVALUE", "expired": client.login()}[kind]
    if kind == "expired":
        client.control("expire-sessions")
    response = page(client, session, tenant="acme.example")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    html = response.text
    assert 'data-view="login"' in html
    for field in ('name="tenant" value="acme.example"', 'name="username"', 'name="password"'):
        assert field in html
    assert client.sim.email not in html
    if session is not None:
        assert session not in html
    reason = {"missing": "Not signed in", "unknown": "Invalid session", "expired": "Session expired"}[kind]
    assert f'data-reason="{reason}"' in html


def test_page_values_are_escaped(client: Client):
    html = page(client, None, tenant='"><script>alert(1)</script>').text
    assert "<script>alert" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


def test_the_page_without_a_trailing_slash_redirects(client: Client):
    response = client.http.get(
        f"{client.sim.base_url}/demo/sso", params={"tenant": TENANT}, allow_redirects=False, timeout=5
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/demo/sso/?tenant={TENANT}"


def test_session_check(client: Client):
    session = client.login()
    good = client.get("/demo/session", session=session).json()
    assert good == {"login": True, "agent": "Deniz Yılmaz", "email": client.sim.email}
    assert client.get("/demo/session", session="nope").json() == {
        "login": False,
        "message": "Invalid session",
    }


# --- server-sent events ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("session", "message"), [(None, "Not signed in"), ("", "Not signed in"), ("agNOPE", "Invalid session")]
)
def test_the_event_stream_refuses_a_bad_session(sim: Simulator, streams: list[Stream], session, message):
    response = open_stream(streams, sim, session).response
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"login": False, "message": message}


def test_the_event_stream_refuses_an_expired_session(client: Client, streams: list[Stream]):
    session = client.login()
    client.control("expire-sessions")
    response = open_stream(streams, client.sim, session).response
    assert response.status_code == 401
    assert response.json() == {"login": False, "message": "Session expired"}


def test_hello_then_the_life_of_a_click2call_for_this_agent_only(make_client, streams: list[Stream]):
    client = make_client(ring_seconds=0.1, call_seconds=0.3)
    session = client.login()
    stream = open_stream(streams, client.sim, session, build="generic")
    assert stream.response.status_code == 200
    assert stream.response.headers["Content-Type"] == "text/event-stream; charset=utf-8"
    hello = stream.next()
    assert hello["type"] == "hello"
    assert (hello["agent"], hello["email"], hello["call"], hello["last_call"]) == (
        "Deniz Yılmaz",
        client.sim.email,
        None,
        None,
    )
    assert hello["now"] == pytest.approx(time.time(), abs=5)
    other = login_as(client, OTHER_AGENT)
    assert client.api("click2call", session=other, phonenumber="05321234561")["success"] is True
    key = client.api("click2call", session=session, phonenumber="0532 123 45 67")["activecallkey"]
    events = stream.until(lambda e: e.get("state") == "ended")
    assert {e["callid"] for e in events} == {key}
    assert [e["state"] for e in events] == ["ringing", "talking", "ended"]
    ringing, talking, ended = events
    assert all(e["type"] == "call" and e["direction"] == "out" for e in events)
    assert ringing["number"] == "0532 123 45 67" and ringing["answered_at"] is None
    assert talking["answered_at"] == pytest.approx(talking["time"])
    assert (ended["disposition"], ended["duration"]) == ("ANSWER", 0)


def test_failed_calls_and_hold_reach_the_stream(make_client, streams: list[Stream]):
    client = make_client(ring_seconds=0.05, call_seconds=30)
    session = client.login()
    stream = open_stream(streams, client.sim, session)
    stream.next()
    client.api("click2call", session=session, phonenumber="123")
    failed = stream.next()
    assert (failed["state"], failed["disposition"], failed["number"]) == ("ended", "INVALIDARGS", "123")
    client.api("click2call", session=session, phonenumber="05321234567")
    stream.until(lambda e: e["state"] == "talking")
    assert client.api("click2hold", session=session)["success"] is True
    assert stream.next()["state"] == "hold"
    assert client.api("click2unhold", session=session)["success"] is True
    assert stream.next()["state"] == "talking"
    assert client.api("click2hang", session=session)["success"] is True
    assert stream.next()["state"] == "ended"


def test_hello_carries_the_live_call_so_a_reloaded_page_shows_it(make_client, streams: list[Stream]):
    client = make_client(ring_seconds=0.05, call_seconds=30)
    session = client.login()
    key = client.api("click2call", session=session, phonenumber="05321234567")["activecallkey"]
    wait_for(lambda: client.state()["live_calls"][0]["state"] == "talking")
    hello = open_stream(streams, client.sim, session).next()
    call = hello["call"]
    assert (call["callid"], call["state"], call["direction"], call["number"]) == (
        key,
        "talking",
        "out",
        "05321234567",
    )
    assert call["answered_at"] < hello["now"]
    client.api("click2hang", session=session)
    assert open_stream(streams, client.sim, session).next()["last_call"]["disposition"] == "ANSWER"


def test_closing_the_page_mid_call_leaves_the_call_up(make_client, streams: list[Stream]):
    """The real failure (ccs-api.md §4.3): a closed or reloaded softphone does not hang up."""
    client = make_client(ring_seconds=0.05, call_seconds=30)
    session = client.login()
    assert client.state()["listeners"] == 0
    stream = open_stream(streams, client.sim, session)
    stream.next()
    assert client.state()["event_streams"] == 1 and client.state()["listeners"] == 1
    key = client.api("click2call", session=session, phonenumber="05321234567")["activecallkey"]
    stream.until(lambda e: e["state"] == "talking")
    stream.close()  # the page is closed mid-call
    wait_for(lambda: client.state()["event_streams"] == 0)
    state = client.state()
    assert state["listeners"] == 0  # the stream's subscriber is gone
    assert [(c["callid"], c["state"]) for c in state["live_calls"]] == [(key, "talking")]
    time.sleep(0.5)  # a fixed wait left on purpose: "the call was not ended" has no event to wait for
    assert [c["callid"] for c in client.state()["live_calls"]] == [key]
    reloaded = open_stream(streams, client.sim, session)
    assert reloaded.next()["call"]["callid"] == key
    assert client.api("click2hang", session=session) == {"success": True, "message": "Call hung up"}
    ended = reloaded.next()
    assert (ended["callid"], ended["state"], ended["disposition"]) == (key, "ended", "ANSWER")
    assert client.state()["live_calls"] == []


def test_an_expired_session_ends_the_stream_with_a_reason(client: Client, streams: list[Stream]):
    stream = open_stream(streams, client.sim, client.login())
    stream.next()
    client.control("expire-sessions")
    assert stream.next() | {"now": 0} == {"type": "session_ended", "message": "Session expired", "now": 0}
    with pytest.raises(EOFError):
        stream.next()
    wait_for(lambda: client.state()["listeners"] == 0)


def test_quiet_streams_get_keep_alive_comments(client: Client, streams: list[Stream]):
    client.sim.softphone.keepalive_seconds = 0.3
    stream = open_stream(streams, client.sim, client.login())
    assert stream.item()[0] == "event"  # hello
    started = time.monotonic()
    assert stream.item() == ("comment", ": keep-alive")
    assert stream.item() == ("comment", ": keep-alive")
    assert 0.5 <= time.monotonic() - started < 3


def test_stop_stays_fast_with_a_stream_open(make_client, streams: list[Stream]):
    client = make_client()
    stream = open_stream(streams, client.sim, client.login())
    stream.next()
    started = time.monotonic()
    client.sim.stop()
    assert time.monotonic() - started < 1.0
    with pytest.raises((EOFError, requests.RequestException)):
        stream.next()
    wait_for(lambda: client.sim.softphone.stream_count() == 0 and client.sim.cc.listener_count() == 0, 1.0)


# --- inbound calls -----------------------------------------------------------------------------------------


def test_the_incoming_control_shows_ringing_then_talking(make_client, streams: list[Stream]):
    client = make_client(ring_seconds=0.1, call_seconds=30)
    stream = open_stream(streams, client.sim, client.login())
    stream.next()
    response = client.control("incoming", {"callerid": "05551234567"})
    key = response.json()["callid"]
    ringing, talking = stream.next(), stream.next()
    assert [(e["callid"], e["state"], e["direction"]) for e in (ringing, talking)] == [
        (key, "ringing", "in"),
        (key, "talking", "in"),
    ]
    assert ringing["number"] == "05551234567"


def test_incoming_every_rings_the_demo_agent_from_seeded_customers(make_client, streams: list[Stream]):
    client = make_client(incoming_every=0.2, ring_seconds=0.05, call_seconds=0.05)
    stream = open_stream(streams, client.sim, client.login())
    stream.next()
    events: list[dict[str, Any]] = []
    while len([e for e in events if e["state"] == "ended"]) < 3:
        events.append(stream.next())
    ended = [e for e in events if e["state"] == "ended"]
    assert [e["state"] for e in events] == ["ringing", "talking", "ended"] * 3
    regulars = customer_numbers(client.sim.config)
    assert [e["number"] for e in ended] == regulars[:3]
    assert {e["direction"] for e in events} == {"in"}
    assert [e["disposition"] for e in ended] == ["ANSWER"] * 3
    for call in ended:
        record = client.record(call["callid"])
        assert record["inbound"] is True and record["agent"] == "Deniz Yılmaz"


def test_incoming_every_skips_a_busy_agent(make_client):
    client = make_client(incoming_every=0.1, ring_seconds=0.05, call_seconds=30)
    session = client.login()
    key = client.api("click2call", session=session, phonenumber="05321234567")["activecallkey"]
    time.sleep(0.6)  # left on purpose: several incoming_every ticks (real timers) must pass while busy
    assert [c["callid"] for c in client.state()["live_calls"]] == [key]
    assert client.state()["records"] == 200  # no abandoned inbound calls while busy
    client.api("click2hang", session=session)
    inbound = wait_for(lambda: [c for c in client.state()["live_calls"] if c["direction"] == "in"])
    assert inbound[0]["number"] == customer_numbers(client.sim.config)[0]


def test_incoming_every_is_off_by_default_and_validated():
    assert SimulatorConfig().incoming_every == 0
    for bad in (-1.0, float("nan")):
        with pytest.raises(ValueError, match="incoming_every"):
            SimulatorConfig(incoming_every=bad)


@pytest.mark.parametrize(
    "instant",
    [
        datetime(2026, 12, 2, 6, 30, tzinfo=UTC),  # 09:30 in Istanbul: most of today's business hours to come
        datetime(2026, 12, 2, 12, 0, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
    ],
    ids=str,
)
def test_seeded_customers_have_a_history(instant: datetime):
    config = fast_config(seed_calls=300, clock=clock_at(instant))
    with Simulator(config) as sim:
        numbers = set(customer_numbers(config))
        assert len(numbers) >= 10
        client = Client(sim)
        try:
            seen: set[str] = set()
            for page_ in client.pages(startdate="2000-01-01 00:00:00", finishdate="2100-01-01 00:00:00"):
                for record in page_["CallList"]:
                    seen.update((record["callerid"], record["called_num"]))
        finally:
            client.close()
    assert numbers <= seen
