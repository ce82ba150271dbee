"""The simulator's Public API v1 (ccs-api.md §6.1) and the classic functions recordinginfo and reportsAgentPerf
(§2.7-2.8), over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from ccs_desktop.simulator import Simulator
from tests.simulator.conftest import AheadClock, Client, wait_for

STATUSES = ("available", "backoffice", "aftercallwork", "shortbreak", "lunch", "training", "meeting")
ROW_FIELDS = {"callid", "callerid", "called_num", "queue", "inbound", "status", "calldate", "talkdate", "key"}


class V1:
    """v1 requests the way CCS clients send them: credentials in the headers."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.sim = client.sim
        self.headers = {"app_token": self.sim.app_token, "tenant": self.sim.cc.tenant.host}

    def get(self, path: str, headers: dict[str, str] | None = None, **params: str) -> requests.Response:
        return self.client.http.get(
            f"{self.sim.base_url}/v1/{path}",
            params=params,
            headers=self.headers if headers is None else headers,
            timeout=10,
        )

    def post(self, path: str, body: Any, headers: dict[str, str] | None = None) -> requests.Response:
        return self.client.http.post(
            f"{self.sim.base_url}/v1/{path}",
            json=body,
            headers=self.headers if headers is None else headers,
            timeout=10,
        )

    def calls(self, session: str) -> list[dict[str, Any]]:
        response = self.get("activecall/user", session=session)
        assert response.status_code == 200, response.text
        return response.json()["MyActiveCalls"]

    def status(self, email: str | None = None) -> str:
        response = self.get("agent/get_agents_status")
        assert response.status_code == 200, response.text
        wanted = email or self.sim.email
        return next(a["status"] for a in response.json()["agents_status_list"] if a["email"] == wanted)

    def set_status(self, status: str, email: str | None = None) -> dict[str, Any]:
        response = self.post("agent/status", {"user_name": email or self.sim.email, "status": status})
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def v1(client: Client) -> V1:
    return V1(client)


@pytest.fixture
def stepped(make_client):
    """A simulator whose calls ring for 30 s and talk for 60 s, unless its clock is moved on (`advance`)."""
    clock = AheadClock()
    client = make_client(ring_seconds=30, call_seconds=60, clock=clock)

    def advance(seconds: float) -> None:
        clock.ahead += seconds
        client.sim.cc.changed.set()  # wake the timer thread: its next deadline has come

    return V1(client), advance


def test_credentials_are_read_from_the_headers_only(v1: V1, sim: Simulator):
    assert v1.get("agent/get_agents_status").status_code == 200
    in_query = v1.get(
        "agent/get_agents_status", headers={}, app_token=sim.app_token, tenant=sim.cc.tenant.host
    )
    assert in_query.status_code == 401
    assert in_query.json() == {"success": False, "message": "Invalid app_token"}
    wrong_token = v1.get("agent/get_agents_status", headers={**v1.headers, "app_token": "nope"})
    assert wrong_token.status_code == 401
    no_tenant = v1.get("agent/get_agents_status", headers={"app_token": sim.app_token})
    assert no_tenant.status_code == 401
    assert no_tenant.json()["message"] == "Invalid tenant"
    other_tenant = v1.get("agent/get_agents_status", headers={**v1.headers, "tenant": "other.alo-tech.com"})
    assert other_tenant.status_code == 401
    # the host it was reached by counts as its full host: an app pointed at http://127.0.0.1:port sends that
    local = v1.get("agent/get_agents_status", headers={**v1.headers, "tenant": "127.0.0.1"})
    assert local.status_code == 200
    ping = v1.get("system/ping")
    assert (ping.status_code, ping.text) == (200, "pong")


def test_unknown_paths_and_methods(v1: V1):
    assert v1.get("nothing/here").status_code == 404
    assert v1.get("agent/status").status_code == 405
    bad_body = v1.client.http.post(
        f"{v1.sim.base_url}/v1/agent/status", data=b"[1, 2", headers=v1.headers, timeout=10
    )
    assert bad_body.status_code == 400


def test_the_request_log_shows_header_credentials_and_no_secret(v1: V1, client: Client):
    session = client.login()
    v1.calls(session)
    entry = client.get("/_sim/requests").json()[-1]
    assert entry == {
        "function": "v1/activecall/user",
        "method": "GET",
        "params": {"session": "<redacted>"},
        "headers": ["app_token", "tenant"],
    }


def test_inbound_call_rows_follow_the_lifecycle_and_keep_their_key(stepped):
    v1, advance = stepped
    session = v1.client.login()
    assert v1.calls(session) == []
    assert v1.status() == "available"
    callid = v1.sim.start_inbound_call("0532 111 22 33", "Satış")
    [ringing] = v1.calls(session)
    assert set(ringing) == ROW_FIELDS
    assert ringing["key"] == ringing["callid"] == callid
    assert ringing["inbound"] is True
    assert ringing["status"] == "ringing"
    assert ringing["callerid"] == "0532 111 22 33"
    assert ringing["called_num"] == v1.sim.cc.tenant.did
    assert ringing["queue"] == "Satış"
    assert ringing["talkdate"] == ""
    assert datetime.strptime(ringing["calldate"], "%Y-%m-%d %H:%M:%S")
    assert v1.status() == "ringing"
    advance(31)
    [talking] = wait_for(lambda: [r for r in v1.calls(session) if r["status"] == "talking"])
    assert talking["key"] == callid
    assert talking["inbound"] is True  # stays true after the answer: only `status` moves (§7b)
    assert datetime.strptime(talking["talkdate"], "%Y-%m-%d %H:%M:%S")
    assert v1.status() == "talking"
    hung = v1.post("activecall/click2hang", {"session": session}).json()
    assert hung == {"success": True, "message": "Call hung up"}
    assert v1.calls(session) == []
    assert v1.status() == "available"
    # the key is the CDR's activecallkey
    assert v1.client.cdr(activecallkey=callid)["CallList"][0]["callid"] == callid


def test_outbound_call_rows_dial_then_talk_then_hold(stepped):
    v1, advance = stepped
    session = v1.client.login()
    answer = v1.client.api("click2call", session=session, phonenumber="05321234561")
    [dialing] = v1.calls(session)
    assert dialing["key"] == answer["activecallkey"]
    assert (dialing["inbound"], dialing["status"]) == (False, "ringing")
    assert dialing["called_num"] == "05321234561"
    assert dialing["callerid"] == v1.sim.cc.tenant.did
    assert v1.status() == "dialing"
    advance(31)
    wait_for(lambda: v1.calls(session)[0]["status"] == "talking")
    assert v1.client.api("click2hold", session=session)["success"] is True
    assert v1.calls(session)[0]["status"] == "hold"
    assert v1.status() == "talking"  # the agent list shows no separate word for hold
    assert "on hold" in v1.set_status("lunch")["message"]
    v1.client.api("click2hang", session=session)
    assert v1.calls(session) == []


def test_only_the_sessions_agent_calls_are_listed(v1: V1, client: Client, sim: Simulator):
    other = sim.cc.tenant.agents[1]
    other_session = client.api("login", app_token=sim.app_token, email=other.email)["session"]
    client.api("click2call", session=other_session, phonenumber="05321234560")  # rings until hung up
    assert v1.calls(client.login()) == []
    assert len(v1.calls(other_session)) == 1
    assert v1.status(other.email) == "dialing"
    client.api("click2hang", session=other_session)


def test_bad_sessions_answer_so_that_clients_log_in_again(v1: V1, client: Client):
    unknown = v1.get("activecall/user", session="ahNoSuchSession")
    assert unknown.json() == {"success": False, "message": "Unknown session"}
    session = client.login()
    client.control("expire-sessions")
    expired = v1.get("activecall/user", session=session).json()
    assert expired["login"] is False
    assert expired["message"] == "Session expired"


def test_every_status_round_trips(v1: V1, sim: Simulator):
    listed = v1.get("agent/get_agents_status").json()["agents_status_list"]
    assert {a["email"] for a in listed} == {a.email for a in sim.cc.tenant.agents}
    assert {"email", "agentname", "status"} <= set(listed[0])
    for status in STATUSES:
        assert v1.set_status(status) == {"success": True, "message": f"Agent status set to {status}"}
        assert v1.status() == status
    assert v1.status(sim.cc.tenant.agents[1].email) == "available"  # others are untouched


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"user_name": "deniz.yilmaz@demo.callcenterstudio.com", "status": "napping"},
            "Invalid status: napping",
        ),
        ({"user_name": "nobody@example.com", "status": "lunch"}, "Unknown user nobody@example.com"),
        ({"status": "lunch"}, "user_name and status are required"),
    ],
)
def test_bad_status_changes_are_refused(v1: V1, body, message):
    answer = v1.post("agent/status", body).json()
    assert answer == {"success": False, "message": message}
    assert v1.status() == "available"


def test_status_changes_are_refused_while_ringing_or_talking(stepped):
    v1, advance = stepped
    v1.set_status("backoffice")
    v1.sim.start_inbound_call("05321112233")
    refused = v1.set_status("lunch")
    assert refused == {
        "success": False,
        "message": "Agent status cannot be changed while the agent is ringing",
    }
    advance(31)
    wait_for(lambda: v1.status() == "talking")
    assert v1.set_status("available")["message"].endswith("while the agent is talking")
    advance(61)  # the caller hangs up
    wait_for(lambda: v1.status() == "backoffice")  # the status set before the call is back
    assert v1.set_status("lunch")["success"] is True


def test_v1_faults_answer_429_with_retry_after_then_recover(v1: V1, client: Client):
    client.fault("http429", count=2, seconds=7, function="v1")
    for _ in range(2):
        limited = v1.get("agent/get_agents_status")
        assert limited.status_code == 429
        assert limited.headers["Retry-After"] == "7"
        assert limited.json()["success"] is False
    assert v1.get("agent/get_agents_status").status_code == 200


def test_v1_and_classic_faults_stay_apart(v1: V1, client: Client, sim: Simulator):
    client.fault("http500", count=2, function="v1/agent/status")
    client.fault("http500", count=1)  # no function: the classic API's
    assert v1.get("agent/get_agents_status").status_code == 200  # another v1 path, and not the classic fault
    assert v1.post("agent/status", {"user_name": sim.email, "status": "lunch"}).status_code == 500
    assert v1.post("agent/status", {"user_name": sim.email, "status": "lunch"}).status_code == 500
    assert v1.set_status("lunch")["success"] is True
    assert client.get("/api/", function="ping", app_token=sim.app_token).status_code == 500
    assert client.api("ping", app_token=sim.app_token)["success"] is True


def test_restricted_users_may_not_click2call(client: Client, sim: Simulator):
    session = client.login()
    assert client.control("restrict-manual-calls", {"email": sim.email}).json() == {"success": True}
    refused = client.api("click2call", session=session, phonenumber="05321234561")
    assert refused["success"] is False
    assert "manual calls" in refused["message"]
    assert client.state()["live_calls"] == []
    sim.start_inbound_call("05321112233")  # incoming calls still reach them
    assert len(client.state()["live_calls"]) == 1
    client.api("click2hang", session=session)
    client.control("restrict-manual-calls", {"email": sim.email, "restricted": False})
    assert client.api("click2call", session=session, phonenumber="05321234561")["success"] is True
    client.api("click2hang", session=session)
    assert client.control("restrict-manual-calls", {"email": "nobody@example.com"}).status_code == 400


def test_recordinginfo_by_callkey(client: Client, sim: Simulator):
    record = next(
        r
        for r in client.cdr(startdate="2000-01-01 00:00:00", finishdate="2100-01-01 00:00:00")["CallList"]
        if r["recordingurl"]
    )
    info = client.api("recordinginfo", app_token=sim.app_token, callkey=record["callid"])
    assert info["success"] is True
    assert info["available"] is True
    assert info["recordingurl"] == record["recordingurl"]
    assert info["callkey"] == info["callid"] == record["callid"]
    assert info["duration"] == (record["duration"] or 0)
    assert client.http.get(info["recordingurl"], timeout=10).headers["Content-Type"] == "audio/wav"
    assert client.api("recordinginfo", app_token=sim.app_token, callkey="nope") == {
        "success": False,
        "message": "Call not found",
    }
    assert client.api("recordinginfo", app_token=sim.app_token)["message"] == "callkey is required"
    assert (
        client.api("recordinginfo", app_token="bad", callkey=record["callid"])["message"]
        == "Invalid app_token"
    )


def _local_day(sim: Simulator, days_ago: int) -> str:
    now = datetime.fromtimestamp(sim.cc.now(), UTC) + timedelta(seconds=sim.config.utc_offset_seconds)
    return (now - timedelta(days=days_ago)).strftime("%Y-%m-%d")


def test_reports_agent_perf_counts_the_cdrs_of_its_period(client: Client, sim: Simulator):
    start, finish = _local_day(sim, 10), _local_day(sim, 2)
    report = client.api(
        "reportsAgentPerf", app_token=sim.app_token, startdate=start, finishdate=finish, email=sim.email
    )
    assert report["success"] is True
    [row] = report["AgentPerfList"]
    agent = sim.cc.tenant.demo_agent
    assert (row["email"], row["agentid"], row["agent"]) == (sim.email, agent.agentid, agent.name)
    records = [
        r
        for page in client.pages(
            startdate=f"{start} 00:00:00", finishdate=f"{finish} 23:59:59", agent=agent.agentid
        )
        for r in page["CallList"]
    ]
    assert records, "the seed has calls in that period"
    assert row["total_calls"] == len(records)
    assert row["inbound_calls"] == sum(1 for r in records if r["inbound"])
    assert row["answered_calls"] == sum(1 for r in records if r["answered"])
    assert row["missed_calls"] == row["total_calls"] - row["answered_calls"]
    assert row["talk_duration"] == sum(r["duration"] or 0 for r in records if r["answered"])


def test_reports_agent_perf_filters(client: Client, sim: Simulator):
    everyone = client.api("reportsAgentPerf", app_token=sim.app_token)["AgentPerfList"]
    assert len(everyone) == len(sim.cc.tenant.agents)
    assert sum(row["total_calls"] for row in everyone) > 0  # no dates: the last 30 days
    other = sim.cc.tenant.agents[2]
    by_id = client.api("reportsAgentPerf", app_token=sim.app_token, agent=other.agentid)["AgentPerfList"]
    assert [row["email"] for row in by_id] == [other.email]
    team = client.api("reportsAgentPerf", app_token=sim.app_token, team="Destek")["AgentPerfList"]
    assert {row["email"] for row in team} == {
        a.email for a in sim.cc.tenant.agents if a.queue.name == "Destek"
    }
    assert len(team) == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"startdate": "2026-12-01 00:00:00"}, "Invalid startdate: expected YYYY-MM-DD"),
        ({"finishdate": "01.12.2026"}, "Invalid finishdate: expected YYYY-MM-DD"),
        ({"startdate": "2026-12-02", "finishdate": "2026-12-01"}, "startdate is after finishdate"),
        ({"app_token": "bad"}, "Invalid app_token"),
    ],
)
def test_reports_agent_perf_refuses_bad_input(client: Client, sim: Simulator, params, message):
    answer = client.api("reportsAgentPerf", **{"app_token": sim.app_token, **params})
    assert answer == {"success": False, "message": message}
