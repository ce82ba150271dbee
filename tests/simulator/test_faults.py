"""Fault injection, the request log and the other /_sim/ test controls."""

from __future__ import annotations

import time

import pytest
import requests

from ccs_desktop.simulator import Simulator
from tests.simulator.conftest import Client


def test_delay_slows_the_next_matching_request_only(client: Client, sim: Simulator):
    client.fault("delay", seconds=0.5, function="ping")
    assert client.api("login", app_token=sim.app_token, email=sim.email)["login"] is True  # not targeted
    started = time.monotonic()
    assert client.api("ping", app_token=sim.app_token)["success"] is True
    assert time.monotonic() - started >= 0.45
    assert client.state()["faults"] == []


def test_http500_answers_html(client: Client, sim: Simulator):
    client.fault("http500", count=2)
    for _ in range(2):
        response = client.get("/api/", function="ping", app_token=sim.app_token)
        assert response.status_code == 500
        assert response.headers["Content-Type"].startswith("text/html")
        assert b"<html>" in response.content
    assert client.api("ping", app_token=sim.app_token)["success"] is True


def test_malformed_answers_broken_json_without_acting(client: Client, sim: Simulator):
    session = client.login()
    client.fault("malformed", function="click2call")
    response = client.get("/api/", function="click2call", session=session, phonenumber="05321234567")
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()
    assert client.state()["live_calls"] == []


def test_drop_closes_the_connection_without_acting(client: Client, sim: Simulator):
    session = client.login()
    client.fault("drop", function="click2call")
    with pytest.raises(requests.ConnectionError):
        client.get("/api/", function="click2call", session=session, phonenumber="05321234567")
    assert client.state()["live_calls"] == []
    assert client.state()["records"] == 200
    assert [e["function"] for e in client.get("/_sim/requests").json()].count("click2call") == 1


def test_drop_after_places_the_call_and_then_closes(client: Client, sim: Simulator):
    session = client.login()
    client.fault("drop_after", function="click2call")
    with pytest.raises(requests.ConnectionError):
        client.get(
            "/api/", function="click2call", session=session, phonenumber="05321234560", transactionid="tx-9"
        )
    live = client.state()["live_calls"]
    assert [(c["transactionid"], c["state"]) for c in live] == [("tx-9", "ringing")]
    # the next request is answered normally over a new connection
    assert client.api("click2hang", session=session) == {"success": True, "message": "Call hung up"}
    assert client.cdr(uniqueid="tx-9")["CallList"][0]["status"] == "CANCEL"


def test_faults_are_consumed_in_order_and_counted(client: Client, sim: Simulator):
    client.fault("http500", count=1)
    client.fault("malformed", count=1)
    statuses = [client.get("/api/", function="ping", app_token=sim.app_token) for _ in range(3)]
    assert [r.status_code for r in statuses] == [500, 200, 200]
    with pytest.raises(ValueError):
        statuses[1].json()
    assert statuses[2].json() == {"success": True, "message": "pong"}


def test_fault_requests_are_validated(client: Client):
    assert client.control("faults", {"mode": "explode"}).status_code == 400
    assert client.control("faults", {"mode": "drop", "count": 0}).status_code == 400
    assert client.control("faults", {"mode": "delay", "seconds": "soon"}).status_code == 400
    assert client.state()["faults"] == []


def test_request_log_redacts_secrets_and_keeps_order(client: Client, sim: Simulator):
    session = client.login()
    client.api("click2hang", session=session)
    client.cdr(startdate="2024-01-01 00:00:00", finishdate="2024-01-02 00:00:00")
    client.get("/nope")
    log = client.get("/_sim/requests").json()
    assert log == [
        {"function": "login", "params": {"app_token": "<redacted>", "email": sim.email}},
        {"function": "click2hang", "params": {"session": "<redacted>"}},
        {
            "function": "reportsCDRLogs",
            "params": {
                "app_token": "<redacted>",
                "startdate": "2024-01-01 00:00:00",
                "finishdate": "2024-01-02 00:00:00",
            },
        },
    ]
    assert session not in str(log) and sim.app_token not in str(log)
    assert client.control("requests/clear").json() == {"success": True}
    assert client.get("/_sim/requests").json() == []


def test_reset_clears_faults_and_log(client: Client, sim: Simulator):
    client.api("ping", app_token=sim.app_token)
    client.fault("http500", count=5)
    assert client.control("reset").json() == {"success": True}
    assert client.get("/_sim/requests").json() == []
    assert client.api("ping", app_token=sim.app_token)["success"] is True


def test_state_reports_live_calls_sessions_and_records(client: Client):
    assert client.state() == {
        "live_calls": [],
        "sessions": 0,
        "records": 200,
        "faults": [],
        "event_streams": 0,
        "listeners": 0,
    }
    session = client.login()
    client.api("click2call", session=session, phonenumber="05321234560", transactionid="tx-1")
    state = client.state()
    assert state["sessions"] == 1
    assert [(c["state"], c["direction"], c["number"], c["transactionid"]) for c in state["live_calls"]] == [
        ("ringing", "out", "05321234560", "tx-1")
    ]
