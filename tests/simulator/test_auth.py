"""ping, login and session checks over real HTTP, plus the server's generic answers."""

from __future__ import annotations

import http.client
from urllib.parse import urlencode

from ccs_desktop.simulator import Simulator
from tests.simulator.conftest import WIDE, AheadClock, Client

INVALID_SESSION = {"login": False, "message": "Invalid session"}


def test_ping_accepts_only_the_app_token(client: Client, sim: Simulator):
    assert client.api("ping", app_token=sim.app_token) == {"success": True, "message": "pong"}
    assert client.api("ping", app_token="agWRONG") == {"success": False, "message": "Invalid app_token"}
    assert client.api("ping") == {"success": False, "message": "Invalid app_token"}


def test_credentials_look_like_app_engine_keys(sim: Simulator):
    creds = sim.credentials()
    assert creds == {"base_url": sim.base_url, "app_token": sim.app_token, "email": sim.email}
    assert sim.base_url.startswith("http://127.0.0.1:")
    assert sim.email == "deniz.yilmaz@demo.callcenterstudio.com"
    assert sim.app_token[:2] in ("ag", "ah")
    assert "=" not in sim.app_token
    assert "+" not in sim.app_token and "/" not in sim.app_token


def test_login_mints_a_new_session_each_time_and_both_stay_valid(client: Client, sim: Simulator):
    first = client.api("login", app_token=sim.app_token, email=sim.email.upper())  # e-mail match ignores case
    second = client.api("login", app_token=sim.app_token, email=sim.email)
    assert first["login"] is True and second["login"] is True
    assert first["session"] != second["session"]
    assert first["session"][:2] in ("ag", "ah")
    for session in (first["session"], second["session"]):
        assert client.api("click2hang", session=session) == {"success": False, "message": "No active call"}


def test_login_failures(client: Client, sim: Simulator):
    assert client.api("login", app_token="agWRONG", email=sim.email) == {
        "login": False,
        "message": "Invalid app_token",
    }
    assert client.api("login", app_token=sim.app_token, email="nobody@example.com") == {
        "login": False,
        "message": "Unknown user nobody@example.com",
    }
    assert client.api("login", app_token=sim.app_token)["login"] is False


def test_other_agents_can_log_in(client: Client, sim: Simulator):
    answer = client.api("login", app_token=sim.app_token, email="elif.kaya@demo.callcenterstudio.com")
    assert answer["login"] is True


def test_session_functions_reject_missing_and_unknown_sessions(client: Client, sim: Simulator):
    for function in ("click2call", "click2hang", "click2hold", "click2unhold"):
        assert client.api(function, phonenumber="05321234567") == INVALID_SESSION
        assert client.api(function, session="agNOPE", phonenumber="05321234567") == INVALID_SESSION
    # an app_token is no session
    assert client.api("click2hang", session=sim.app_token)["login"] is False


def test_expire_sessions_control(client: Client, sim: Simulator):
    session = client.login()
    response = client.control("expire-sessions")
    assert response.json() == {"success": True, "expired": 1}
    for function in ("click2call", "click2hang", "click2hold", "click2unhold"):
        assert client.api(function, session=session, phonenumber="05321234567") == {
            "login": False,
            "message": "Session expired",
        }
    fresh = client.login()
    assert client.api("click2hang", session=fresh) == {"success": False, "message": "No active call"}
    assert client.state()["sessions"] == 1


def test_sessions_expire_after_their_ttl(make_client):
    clock = AheadClock()
    client = make_client(session_ttl=1.0, clock=clock)
    session = client.login()
    assert client.api("click2hang", session=session)["message"] == "No active call"
    clock.ahead = 1.2  # 1.2 s later, without waiting for them
    assert client.api("click2hang", session=session) == {"login": False, "message": "Session expired"}


def test_unknown_and_missing_function(client: Client, sim: Simulator):
    unknown = {"success": False, "message": "Unknown function"}
    assert client.api("monitoringQueue", app_token=sim.app_token) == unknown
    assert client.api(None, app_token=sim.app_token) == unknown


def test_unknown_paths_are_json_404(client: Client):
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["success"] is False
    wrong_method = client.http.post(client.sim.base_url + "/api/", timeout=5)
    assert wrong_method.status_code == 405
    assert wrong_method.headers["Allow"] == "GET"


def test_one_connection_serves_many_requests(sim: Simulator):
    """HTTP/1.1 keep-alive with Content-Length on every answer, errors included."""
    conn = http.client.HTTPConnection(sim.base_url.removeprefix("http://"), timeout=5)
    try:
        paths = [f"/api/?function=ping&app_token={sim.app_token}", "/nope", "/api/?function=nope"]
        paths += [f"/api/?function=reportsCDRLogs&app_token={sim.app_token}&{urlencode(WIDE)}"] * 20
        sock = None
        for path in paths:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            assert int(response.headers["Content-Length"]) == len(body)
            assert not response.will_close
            sock = sock or conn.sock
            assert conn.sock is sock is not None
    finally:
        conn.close()


def test_test_controls_are_off_by_default(make_client):
    client = make_client(test_controls=False)
    for path in ("/_sim/state", "/_sim/requests"):
        assert client.get(path).status_code == 404
    for path in ("expire-sessions", "faults", "requests/clear", "incoming", "reset"):
        assert client.control(path, {"mode": "drop", "callerid": "05321234567"}).status_code == 404
    assert client.api("ping", app_token=client.sim.app_token)["success"] is True


def test_json_is_utf8_not_escaped(client: Client):
    response = client.get("/api/", function="reportsCDRLogs", app_token=client.sim.app_token, **WIDE)
    assert "Satış".encode() in response.content
    assert b"\\u" not in response.content
    assert int(response.headers["Content-Length"]) == len(response.content)
