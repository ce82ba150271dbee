"""The v1 client's contract, over real HTTP: against the simulator, and against a scripted server for the answers
the simulator never gives (403, malformed rows, a session CCS keeps refusing)."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from ccs_desktop.core.api import Agent, CcsClient, StoredSession, Timeouts, resolve_tenant
from ccs_desktop.core.api.client import DEFAULT_RETRY_AFTER, MAX_RETRY_AFTER, parse_retry_after
from ccs_desktop.core.api.statuses import STATUSES
from ccs_desktop.core.api.v1 import (
    LiveCall,
    V1Agent,
    V1Client,
    make_v1_agent,
    v1_base_url,
)
from ccs_desktop.core.errors import (
    ApiRefused,
    AuthenticationFailed,
    CallNotPlaced,
    InvalidInput,
    ManualCallsRestricted,
    NetworkError,
    RateLimited,
    SessionExpired,
    user_text,
)
from ccs_desktop.core.settings import Settings
from tests.helpers import SimHandle

RESTRICTED = "Your CCS user may not place manual calls; ask your CCS administrator."


def v1_agent(sim: SimHandle, token: str | None = None) -> V1Agent:
    tenant = resolve_tenant(sim.base_url)
    agent = Agent(CcsClient(tenant, timeouts=Timeouts(2, 3)), sim.email, sim.app_token)
    client = V1Client(tenant, token or sim.app_token, base_url=sim.base_url + "/v1", timeouts=Timeouts(2, 3))
    return V1Agent(client, agent)


def wait_for(predicate, timeout: float = 5.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        assert time.monotonic() < deadline, f"condition not met within {timeout} s"
        time.sleep(0.02)
    return value


# --- the base URL ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tenant", "expected"),
    [
        ("acme", "https://api.alo-tech.com/v1"),
        ("https://acme.example", "https://api.alo-tech.com/v1"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765/v1"),
        ("http://localhost:9000", "http://localhost:9000/v1"),
    ],
)
def test_the_base_url_follows_the_tenant_unless_set(tmp_path: Path, tenant, expected):
    settings = Settings(tmp_path / "config.ini")
    assert v1_base_url(settings, resolve_tenant(tenant)) == expected
    settings.set("v1_base_url", "https://v1.example/api/")
    assert v1_base_url(settings, resolve_tenant(tenant)) == "https://v1.example/api"


def test_make_v1_agent_takes_the_agents_tenant_token_and_timeouts(tmp_path: Path, simulator: SimHandle):
    settings = Settings(tmp_path / "config.ini")
    agent = Agent(
        CcsClient(resolve_tenant(simulator.base_url), timeouts=Timeouts(1, 2)), simulator.email, "x" * 20
    )
    v1 = make_v1_agent(agent, settings)
    assert v1.client.base_url == simulator.base_url + "/v1"
    assert v1.client.timeouts == Timeouts(1, 2)
    assert v1.email == simulator.email


# --- against the simulator ------------------------------------------------------------------------------------


def test_credentials_go_in_headers_and_never_in_the_url_or_logs(simulator: SimHandle, caplog):
    caplog.set_level(logging.DEBUG)
    v1 = v1_agent(simulator)
    assert v1.live_calls() == []
    assert v1.status() == "available"
    session = v1.agent.session.session
    log = [e for e in simulator.requests_log() if e["function"].startswith("v1/")]
    assert [e["function"] for e in log] == ["v1/activecall/user", "v1/agent/get_agents_status"]
    for entry in log:
        assert entry["headers"] == ["app_token", "tenant"]
        assert "app_token" not in entry["params"] and "tenant" not in entry["params"]
    assert log[0]["params"] == {"session": "<redacted>"}
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("ccs_desktop"))
    assert "v1 GET activecall/user answered HTTP 200" in ours
    for secret in (simulator.app_token, session):
        assert secret not in ours


def test_a_wrong_app_token_is_an_authentication_failure(simulator: SimHandle):
    v1 = v1_agent(simulator, token="a-wrong-token-of-some-length")
    with pytest.raises(AuthenticationFailed) as caught:
        v1.status()
    assert caught.value.field == "token"
    assert caught.value.exit_code == 3
    assert "a-wrong-token" not in str(caught.value)


def test_live_calls_follow_an_inbound_call_with_one_key(simulator: SimHandle):
    v1 = v1_agent(simulator)
    v1.agent.login()
    simulator.sim.config.call_seconds = 30  # long enough to see it talk
    callid = simulator.sim.start_inbound_call("0532 111 22 33")
    seen = wait_for(lambda: [c for c in v1.live_calls() if c.status == "talking"])
    [call] = seen
    assert isinstance(call, LiveCall)
    assert (call.key, call.inbound, call.number, call.queue) == (callid, True, "0532 111 22 33", "Destek")
    assert call.calldate is not None and call.talkdate is not None
    assert v1.status() == "talking"
    v1.agent.hangup()
    assert v1.live_calls() == []


def test_live_calls_show_an_outbound_call(simulator: SimHandle):
    v1 = v1_agent(simulator)
    placed = v1.agent.place_call("05321234560")  # ends in 0: rings until hung up
    [call] = v1.live_calls()
    assert (call.key, call.inbound, call.status, call.number) == (
        placed.call_id,
        False,
        "ringing",
        "05321234560",
    )
    assert v1.status() == "dialing"
    v1.agent.hangup()


def test_status_round_trip_and_refusal_during_a_call(simulator: SimHandle):
    v1 = v1_agent(simulator)
    for status in STATUSES:
        assert v1.set_status(status) == f"Agent status set to {status}"
        assert v1.status() == status
    v1.agent.place_call("05321234560")
    with pytest.raises(ApiRefused) as caught:
        v1.set_status("available")
    assert "Agent status cannot be changed while the agent is dialing" in user_text(caught.value)
    assert caught.value.exit_code == 4
    v1.agent.hangup()
    assert v1.status() == "meeting"


@pytest.mark.parametrize("status", ["napping", "", "on call"])
def test_an_unknown_status_is_invalid_input_and_nothing_is_sent(simulator: SimHandle, status):
    v1 = v1_agent(simulator)
    with pytest.raises(InvalidInput) as caught:
        v1.set_status(status)
    assert caught.value.exit_code == 2
    assert "available, backoffice" in str(caught.value)
    assert simulator.functions() == []


def test_statuses_are_accepted_in_any_case(simulator: SimHandle):
    v1 = v1_agent(simulator)
    v1.set_status(" Lunch ")
    assert v1.status() == "lunch"


def test_429_carries_retry_after_and_the_client_does_not_sleep(simulator: SimHandle):
    v1 = v1_agent(simulator)
    simulator.fault("http429", count=1, function="v1", seconds=42)
    started = time.monotonic()
    with pytest.raises(RateLimited) as caught:
        v1.status()
    assert time.monotonic() - started < 2  # returned at once: the caller's back-off waits, not this thread
    assert caught.value.retry_after == 42
    assert isinstance(caught.value, NetworkError)
    assert "42 s" in user_text(caught.value)
    assert v1.status() == "available"  # one request, not retried; the next one is answered


def test_a_500_streak_is_a_typed_error_each_time_and_never_retried(simulator: SimHandle):
    v1 = v1_agent(simulator)
    v1.agent.login()
    simulator.fault("http500", count=3, function="v1")
    simulator.clear_log()
    for _ in range(3):
        with pytest.raises(NetworkError) as caught:
            v1.live_calls()
        assert not isinstance(caught.value, RateLimited)
        assert "HTTP 500" in str(caught.value)
    assert simulator.functions() == ["v1/activecall/user"] * 3  # no hidden retries, no logins
    assert v1.live_calls() == []


def test_an_expired_session_is_renewed_once(simulator: SimHandle):
    v1 = v1_agent(simulator)
    v1.agent.login()
    old = v1.agent.session.session
    simulator.control("expire-sessions")
    simulator.clear_log()
    assert v1.live_calls() == []
    assert simulator.functions() == ["v1/activecall/user", "login", "v1/activecall/user"]
    assert v1.agent.session.session != old


def test_an_unknown_session_is_renewed_once(simulator: SimHandle):
    v1 = v1_agent(simulator)
    v1.agent.adopt_session(StoredSession("ahNeverIssuedBySimulator", v1.agent._clock()))  # issued "now"
    assert v1.live_calls() == []
    assert simulator.functions() == ["v1/activecall/user", "login", "v1/activecall/user"]
    assert v1.agent.logins == 1


def test_restrict_manual_calls_is_said_plainly(simulator: SimHandle):
    v1 = v1_agent(simulator)
    simulator.control("restrict-manual-calls", {"email": simulator.email})
    with pytest.raises(ManualCallsRestricted) as caught:
        v1.agent.place_call("05321234561")
    assert user_text(caught.value) == RESTRICTED
    assert isinstance(caught.value, ApiRefused)
    assert caught.value.exit_code == 4
    assert "manual calls" in caught.value.reason  # CCS's own words stay available for the log
    assert v1.live_calls() == []


# --- against a scripted server --------------------------------------------------------------------------------


class Scripted:
    """A real HTTP server that answers each path from a list of (status, headers, body); the last one repeats."""

    def __init__(self) -> None:
        self.answers: dict[str, list[tuple[int, dict[str, str], Any]]] = {}
        self.seen: list[dict[str, Any]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._answer()

            def do_POST(self) -> None:
                self._answer()

            def _answer(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                owner.seen.append(
                    {
                        "path": parts.path,
                        "query": parse_qs(parts.query),
                        "headers": dict(self.headers),
                        "body": self.rfile.read(length),
                    }
                )
                key = parts.path + (
                    "?function=" + parse_qs(parts.query)["function"][0] if "function=" in parts.query else ""
                )
                queue = owner.answers.get(key) or [(404, {}, {"success": False, "message": "Not found"})]
                status, headers, body = queue.pop(0) if len(queue) > 1 else queue[0]
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.start()

    def on(self, path: str, *answers: tuple[int, dict[str, str], Any]) -> None:
        self.answers[path] = list(answers)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def scripted() -> Iterator[Scripted]:
    server = Scripted()
    server.on("/api/?function=login", (200, {}, {"login": True, "session": "ahScriptedSession0001"}))
    try:
        yield server
    finally:
        server.close()


def scripted_agent(server: Scripted) -> V1Agent:
    tenant = resolve_tenant(server.base_url)
    agent = Agent(CcsClient(tenant, timeouts=Timeouts(2, 3)), "agent@example.com", "scripted-app-token-123")
    return V1Agent(V1Client(tenant, "scripted-app-token-123", base_url=server.base_url + "/v1"), agent)


def test_403_is_an_authentication_failure(scripted: Scripted):
    scripted.on("/v1/agent/get_agents_status", (403, {}, {"message": "Forbidden"}))
    with pytest.raises(AuthenticationFailed):
        scripted_agent(scripted).status()
    assert scripted.seen[-1]["headers"]["app_token"] == "scripted-app-token-123"
    assert scripted.seen[-1]["headers"]["tenant"] == "127.0.0.1"


def test_set_status_posts_json_with_the_agents_email(scripted: Scripted):
    scripted.on("/v1/agent/status", (200, {}, {"success": True, "message": "ok"}))
    assert scripted_agent(scripted).set_status("shortbreak") == "ok"
    request = scripted.seen[-1]
    assert json.loads(request["body"]) == {"user_name": "agent@example.com", "status": "shortbreak"}
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["query"] == {}


def test_a_session_ccs_keeps_refusing_is_renewed_once_then_expired(scripted: Scripted):
    scripted.on("/v1/activecall/user", (200, {}, {"login": False, "message": "Session expired"}))
    with pytest.raises(SessionExpired):
        scripted_agent(scripted).live_calls()
    paths = [s["path"] + "?" + s["query"].get("function", [""])[0] for s in scripted.seen]
    # one login for a first session, the first refusal, ONE renewal, the second refusal: then it gives up
    assert paths == ["/api/?login", "/v1/activecall/user?", "/api/?login", "/v1/activecall/user?"]


def test_a_refusal_naming_the_session_renews_it(scripted: Scripted):
    scripted.on(
        "/v1/activecall/user",
        (401, {}, {"success": False, "message": "Unknown session"}),
        (200, {}, {"MyActiveCalls": []}),
    )
    # a 401 is about the app_token unless CCS names the session
    with pytest.raises(AuthenticationFailed):
        scripted_agent(scripted).live_calls()
    scripted.on(
        "/v1/activecall/user",
        (400, {}, {"success": False, "message": "Unknown session"}),
        (200, {}, {"MyActiveCalls": []}),
    )
    assert scripted_agent(scripted).live_calls() == []


def test_rows_are_parsed_leniently_and_a_bad_row_costs_only_itself(scripted: Scripted, caplog):
    rows = [
        {
            "callid": "c1",
            "callerid": "05321112233",
            "called_num": "908502220000",
            "queue": "Destek",
            "inbound": "true",
            "status": "Talking",
            "calldate": "2026-12-02 10:00:00",
            "talkdate": "2026-12-02T10:00:05",
            "key": "k1",
        },
        "not a row",
        {"callerid": "05320000000", "status": "ringing"},  # no key, no callid
        {"callid": "c4", "inbound": False, "status": "ringing", "calldate": "garbage", "talkdate": None},
        {"key": 17, "inbound": 1, "extra": {"nested": True}},
    ]
    scripted.on("/v1/activecall/user", (200, {}, {"MyActiveCalls": rows}))
    with caplog.at_level(logging.WARNING, logger="ccs_desktop.core.api.v1"):
        calls = scripted_agent(scripted).live_calls()
    assert [c.key for c in calls] == ["k1", "c4", "17"]
    first = calls[0]
    assert (first.inbound, first.status, first.number) == (True, "talking", "05321112233")
    assert first.talkdate == datetime(2026, 12, 2, 10, 0, 5)
    assert calls[1].calldate is None and calls[1].talkdate is None
    assert calls[1].as_dict()["calldate"] is None
    assert first.as_dict()["talkdate"] == "2026-12-02 10:00:05"
    assert len([r for r in caplog.records if "skipped a live call" in r.getMessage()]) == 2


@pytest.mark.parametrize(
    "body",
    [b"<html>oops</html>", {"MyActiveCalls": "not a list"}, ["a", "list"]],
)
def test_unusable_answers_are_network_errors(scripted: Scripted, body):
    scripted.on("/v1/activecall/user", (200, {}, body))
    with pytest.raises(NetworkError):
        scripted_agent(scripted).live_calls()


def test_agent_list_rows_are_lenient_too(scripted: Scripted):
    scripted.on(
        "/v1/agent/get_agents_status",
        (
            200,
            {},
            {
                "agents_status_list": [
                    {"email": "other@example.com", "status": "lunch"},
                    {"status": "talking"},
                    {"email": "AGENT@example.com", "agentname": "A", "status": "Ringing"},
                ]
            },
        ),
    )
    v1 = scripted_agent(scripted)
    assert v1.status() == "ringing"
    assert [s.on_call for s in v1.client.agents_status()] == [False, True]


def test_an_agent_missing_from_the_list_is_refused(scripted: Scripted):
    scripted.on("/v1/agent/get_agents_status", (200, {}, {"agents_status_list": []}))
    with pytest.raises(ApiRefused) as caught:
        scripted_agent(scripted).status()
    assert "agent@example.com" in str(caught.value)


def test_429_with_an_http_date(scripted: Scripted):
    now = 1_800_000_000.0
    when = format_datetime(datetime.fromtimestamp(now + 90, UTC), usegmt=True)
    scripted.on("/v1/agent/get_agents_status", (429, {"Retry-After": when}, {"success": False}))
    tenant = resolve_tenant(scripted.base_url)
    client = V1Client(tenant, "scripted-app-token-123", base_url=scripted.base_url + "/v1", clock=lambda: now)
    with pytest.raises(RateLimited) as caught:
        client.agents_status()
    assert caught.value.retry_after == 90


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, DEFAULT_RETRY_AFTER),
        ("", DEFAULT_RETRY_AFTER),
        ("3", 3),
        ("2.5", 2.5),
        ("-4", 0),
        ("86400", MAX_RETRY_AFTER),
        ("nan", DEFAULT_RETRY_AFTER),
        ("soon", DEFAULT_RETRY_AFTER),
        ("Wed, 02 Dec 2026 10:00:00 GMT", 0),  # in the past of the clock below
    ],
)
def test_retry_after_is_read_and_bounded(header, seconds):
    assert parse_retry_after(header, clock=lambda: 2_000_000_000.0) == seconds


# --- the classic client honours 429 the same way -----------------------------------------------------------------


def test_the_classic_client_honours_429_without_asking_again(simulator: SimHandle):
    v1 = v1_agent(simulator)
    simulator.fault("http429", count=1, function="ping", seconds=12)
    with pytest.raises(RateLimited) as caught:
        v1.agent.ping()
    assert caught.value.retry_after == 12
    assert simulator.functions() == ["ping"]  # ping is idempotent, yet not asked again at once
    v1.agent.ping()


def test_a_click2call_turned_away_with_429_was_not_placed(simulator: SimHandle):
    v1 = v1_agent(simulator)
    v1.agent.login()
    simulator.fault("http429", count=1, function="click2call", seconds=3)
    with pytest.raises(CallNotPlaced) as caught:
        v1.agent.place_call("05321234561")
    assert "3 s" in str(caught.value)
    assert simulator.state()["live_calls"] == []


def test_a_redirect_is_not_followed_so_the_app_token_stays_home(scripted: Scripted):
    """requests drops only Authorization on a redirect to another host: our app_token header would go along."""
    elsewhere = Scripted()
    try:
        elsewhere.on("/steal", (200, {}, {"success": True}))
        scripted.on("/v1/agent/get_agents_status", (302, {"Location": elsewhere.base_url + "/steal"}, b""))
        with pytest.raises(NetworkError, match="redirected the request elsewhere"):
            scripted_agent(scripted).status()
        assert elsewhere.seen == []
    finally:
        elsewhere.close()
