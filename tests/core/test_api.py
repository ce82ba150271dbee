"""The API client and the agent session, over real HTTP against the simulator."""

from __future__ import annotations

import socket
import threading
from datetime import UTC, datetime, timedelta

import pytest

from ccs_desktop.core.api import Agent, CcsClient, CdrQuery, StoredSession, Timeouts, resolve_tenant
from ccs_desktop.core.errors import (
    ApiRefused,
    AuthenticationFailed,
    CallNotPlaced,
    CallOutcomeUnknown,
    InvalidInput,
    NetworkError,
    NotConfigured,
    SessionExpired,
)
from tests.helpers import SimHandle, start_simulator

WIDE = CdrQuery(start=datetime.now() - timedelta(days=400), finish=datetime.now() + timedelta(days=1))


def make_agent(sim: SimHandle, **kwargs) -> Agent:
    client = CcsClient(resolve_tenant(sim.base_url), timeouts=kwargs.pop("timeouts", Timeouts(2, 3)))
    return Agent(client, sim.email, kwargs.pop("token", sim.app_token), **kwargs)


class MemoryStore:
    def __init__(self, stored: StoredSession | None = None) -> None:
        self.stored = stored
        self.saves = 0

    def load_session(self):
        return self.stored

    def save_session(self, stored):
        self.stored = stored
        self.saves += 1

    def delete_session(self):
        self.stored = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- paging ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("paging_end", ["empty-page", "no-cursor"])
def test_paging_over_1234_records_returns_each_once(paging_end):
    sim = start_simulator(seed_calls=1234, paging_end=paging_end)
    try:
        handle = SimHandle(sim)
        agent = make_agent(handle)
        records = list(agent.call_records(WIDE))
        ids = [r.call_id for r in records]
        assert len(ids) == 1234
        assert len(set(ids)) == 1234
        dates = [r.call_date for r in records]
        assert dates == sorted(dates, reverse=True)  # newest first by default
        pages = handle.functions().count("reportsCDRLogs")
        assert pages == (14 if paging_end == "empty-page" else 13)
        handle.http.close()
    finally:
        sim.stop()


def test_ascending_sort_and_agent_filter(simulator):
    agent = make_agent(simulator)
    query = CdrQuery(
        start=WIDE.start, finish=WIDE.finish, sorting="asc", agent_username=simulator.email.upper()
    )
    records = list(agent.call_records(query))
    everyone = list(agent.call_records(WIDE))
    assert 0 < len(records) < len(everyone), "the demo agent has most, not all, seeded calls"
    assert len({r.get("agentid") for r in records}) == 1
    dates = [r.call_date for r in records]
    assert dates == sorted(dates)


def test_records_keep_unknown_fields(simulator):
    agent = make_agent(simulator)
    query = CdrQuery(start=WIDE.start, finish=WIDE.finish, include_csat=True)
    record = next(iter(agent.call_records(query)))
    assert "csat" in record.raw
    assert "csat" in record.extra_fields
    assert record.call_id
    assert record.call_date is not None


def test_bad_query_is_refused_before_sending(simulator):
    agent = make_agent(simulator)
    with pytest.raises(InvalidInput):
        list(agent.call_records(CdrQuery(start=datetime(2026, 2, 1), finish=datetime(2026, 1, 1))))
    with pytest.raises(InvalidInput):
        list(agent.call_records(CdrQuery(start=datetime(2026, 1, 1))))
    assert simulator.functions() == []


# --- sessions -------------------------------------------------------------------------------------------------


def test_expired_session_costs_one_login_and_one_repeat(simulator):
    agent = make_agent(simulator)
    agent.login()
    assert agent.logins == 1
    simulator.control("expire-sessions")
    simulator.clear_log()
    placed = agent.place_call("05321234561")
    assert placed.transaction_id
    assert simulator.functions() == ["click2call", "login", "click2call"]
    assert agent.logins == 2
    # the repeated click2call carries the same transactionid: it is the same call request
    sent = [e["params"]["transactionid"] for e in simulator.requests_log() if e["function"] == "click2call"]
    assert sent == [placed.transaction_id, placed.transaction_id]
    # and the session now works without further logins
    simulator.clear_log()
    agent.hangup()
    assert simulator.functions() == ["click2hang"]


def test_concurrent_requests_on_an_expired_session_share_one_login(simulator):
    agent = make_agent(simulator)
    agent.login()
    simulator.control("expire-sessions")
    simulator.clear_log()
    errors: list[BaseException] = []

    def work():
        try:
            agent.hangup()
        except ApiRefused:
            pass  # "No active call" is fine: what matters is how often we logged in
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert simulator.functions().count("login") == 1
    assert agent.logins == 2


def test_a_session_that_keeps_failing_is_reported_once(simulator):
    agent = make_agent(simulator)
    agent.login()
    simulator.control("expire-sessions")
    # make the renewed session fail too: expire it the moment it is issued, by expiring after login
    original = agent.client.login

    def login_then_expire(token, email):
        session = original(token, email)
        simulator.control("expire-sessions")
        return session

    agent.client.login = login_then_expire  # type: ignore[method-assign]
    with pytest.raises(SessionExpired, match="log in again"):
        agent.hold()
    assert agent.logins == 2
    assert simulator.functions().count("click2hold") == 2


def test_session_is_reused_within_its_lifetime_and_renewed_after(simulator):
    now = [1_000_000.0]
    store = MemoryStore()
    agent = make_agent(simulator, store=store, lifetime=3600, clock=lambda: now[0])
    agent.ensure_session()
    agent.ensure_session()
    assert agent.logins == 1
    assert store.saves == 1
    now[0] += 3599
    agent.ensure_session()
    assert agent.logins == 1
    now[0] += 2
    agent.ensure_session()
    assert agent.logins == 2
    # a new Agent picks the stored session up instead of logging in
    again = make_agent(simulator, store=store, lifetime=3600, clock=lambda: now[0])
    assert again.ensure_session() == store.stored.session
    assert again.logins == 0


def test_missing_token_is_not_configured(simulator):
    agent = make_agent(simulator, token=None)
    with pytest.raises(NotConfigured):
        agent.ensure_session()


# --- click2call safety ----------------------------------------------------------------------------------------


def test_click2call_after_a_dropped_connection_is_reported_not_repeated(simulator):
    agent = make_agent(simulator)
    agent.login()
    simulator.clear_log()
    simulator.fault("drop_after", function="click2call")
    with pytest.raises(CallOutcomeUnknown) as info:
        agent.place_call("05321234561", transaction_id="tx-dropped")
    assert info.value.transaction_id == "tx-dropped"
    message = str(info.value)
    assert "not repeated" in message
    assert "tx-dropped" in message
    assert simulator.functions() == ["click2call"]
    # it really was placed on the server: that is why repeating it would dial the customer twice
    assert simulator.state()["live_calls"], simulator.state()


def test_click2call_never_sent_because_login_was_refused_is_not_placed():
    client = CcsClient(resolve_tenant(f"http://127.0.0.1:{free_port()}"), timeouts=Timeouts(2, 2))
    agent = Agent(client, "a@b.c", "agTOKEN")
    with pytest.raises(CallNotPlaced) as info:
        agent.place_call("05321234561", transaction_id="tx-refused")
    message = str(info.value)
    assert "connection refused" in message and "was not placed" in message
    assert "may have been placed" not in message and "tx-refused" not in message
    assert not isinstance(info.value, CallOutcomeUnknown)


def test_click2call_refused_on_connect_is_not_placed():
    client = CcsClient(resolve_tenant(f"http://127.0.0.1:{free_port()}"), timeouts=Timeouts(2, 2))
    agent = Agent(client, "a@b.c", "agTOKEN")
    agent.adopt_session(StoredSession("agSESSION", 0.0))
    agent.lifetime = float("inf")
    with pytest.raises(CallNotPlaced, match="was not placed"):
        agent.place_call("05321234561")


@pytest.mark.parametrize("expired", [False, True])
def test_click2call_whose_login_fails_is_not_placed(simulator, expired):
    agent = make_agent(simulator)
    if expired:  # click2call answers login: false (nothing placed), then the re-login fails
        agent.login()
        simulator.control("expire-sessions")
    simulator.clear_log()
    simulator.fault("http500", count=2, function="login")
    with pytest.raises(CallNotPlaced) as info:
        agent.place_call("05321234561")
    assert "HTTP 500" in str(info.value) and "may have been" not in str(info.value)
    assert simulator.functions() == ["click2call", "login", "login"] if expired else ["login", "login"]
    assert not simulator.state()["live_calls"]


def test_click2call_lost_after_sending_may_have_been_placed(simulator):
    agent = make_agent(simulator)
    agent.login()
    simulator.fault("drop", function="click2call")
    with pytest.raises(CallOutcomeUnknown, match="may have been placed"):
        agent.place_call("05321234561")


def test_click2call_after_a_timeout_is_reported_not_repeated(simulator):
    agent = make_agent(simulator, timeouts=Timeouts(2, 0.5))
    agent.login()
    simulator.clear_log()
    simulator.fault("delay", function="click2call", seconds=1.5)
    with pytest.raises(CallOutcomeUnknown, match=r"did not confirm .* not repeated") as info:
        agent.place_call("05321234561", transaction_id="tx-slow")
    assert info.value.transaction_id == "tx-slow"
    assert simulator.functions() == ["click2call"]


def test_click2call_success_keeps_transaction_id(simulator):
    agent = make_agent(simulator)
    placed = agent.place_call("05321234561")
    assert placed.activecallkey
    assert placed.call_id == placed.activecallkey
    entry = [e for e in simulator.requests_log() if e["function"] == "click2call"][-1]
    assert entry["params"]["transactionid"] == placed.transaction_id
    assert entry["params"]["phonenumber"] == "05321234561"
    assert entry["params"]["session"] == "<redacted>"


def test_hold_unhold_hangup_act_on_the_live_call(long_calls):
    simulator = long_calls
    agent = make_agent(simulator)
    agent.place_call("05321234561")
    simulator_wait_for(simulator, "talking")
    assert agent.hold()
    with pytest.raises(ApiRefused, match="already on hold"):
        agent.hold()
    assert agent.unhold()
    assert agent.hangup()
    with pytest.raises(ApiRefused, match="No active call"):
        agent.hangup()


def simulator_wait_for(sim: SimHandle, state: str, timeout: float = 5) -> None:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        live = sim.state()["live_calls"]
        if live and live[0]["state"] == state:
            return
        time.sleep(0.02)
    raise AssertionError(f"no live call reached {state}: {sim.state()}")


# --- failures -------------------------------------------------------------------------------------------------


def test_wrong_token_and_unknown_agent_are_authentication_failures(simulator):
    with pytest.raises(AuthenticationFailed) as info:
        make_agent(simulator, token="agWRONGTOKEN").login()
    assert "agWRONGTOKEN" not in str(info.value)
    client = CcsClient(resolve_tenant(simulator.base_url))
    with pytest.raises(AuthenticationFailed):
        client.login(simulator.app_token, "nobody@example.com")
    with pytest.raises(AuthenticationFailed):
        client.ping("agWRONG")
    with pytest.raises(AuthenticationFailed):
        next(iter(make_agent(simulator, token="agWRONG").call_records(WIDE)))


def test_unreachable_tenant_is_a_network_error_without_secrets():
    client = CcsClient(resolve_tenant(f"http://127.0.0.1:{free_port()}"))
    with pytest.raises(NetworkError) as info:
        client.login("agSECRETTOKEN", "a@b.c")
    message = str(info.value)
    assert "connection refused" in message
    assert "SECRETTOKEN" not in message
    assert "app_token" not in message
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_unknown_host_is_a_network_error():
    client = CcsClient(resolve_tenant("https://no-such-tenant.invalid"), timeouts=Timeouts(2, 2))
    with pytest.raises(NetworkError, match="not found"):
        client.ping("x")


@pytest.mark.parametrize(
    "mode, expected", [("http500", "HTTP 500"), ("malformed", "not valid JSON"), ("drop", "lost")]
)
def test_a_second_failure_of_a_read_is_reported(simulator, mode, expected):
    agent = make_agent(simulator)
    simulator.fault(mode, count=2, function="reportsCDRLogs")
    with pytest.raises(NetworkError, match=expected):
        next(iter(agent.call_records(WIDE)))
    assert simulator.functions() == ["reportsCDRLogs", "reportsCDRLogs"]


def test_one_failed_read_is_asked_again_once(simulator):
    agent = make_agent(simulator)
    simulator.fault("http500", count=1, function="reportsCDRLogs")
    assert next(iter(agent.call_records(WIDE))).call_id
    assert simulator.functions()[:2] == ["reportsCDRLogs", "reportsCDRLogs"]


def test_calls_are_never_asked_again_after_a_server_error(simulator):
    agent = make_agent(simulator)
    agent.login()
    simulator.clear_log()
    simulator.fault("http500", count=1, function="click2hang")
    with pytest.raises(NetworkError, match="HTTP 500"):
        agent.hangup()
    assert simulator.functions() == ["click2hang"]


def test_one_keep_alive_connection_for_many_requests(simulator):
    sim = start_simulator(seed_calls=450)
    try:
        handle = SimHandle(sim)
        agent = make_agent(handle)
        records = list(agent.call_records(WIDE))
        assert len(records) == 450
        adapter = agent.client._http.get_adapter(handle.base_url)
        pools = [adapter.poolmanager.pools[key] for key in adapter.poolmanager.pools.keys()]  # noqa: SIM118
        assert len(pools) == 1
        pool = pools[0]
        assert pool.num_connections == 1  # five pages (and the empty sixth) over one keep-alive connection
        assert pool.num_requests == 6
        handle.http.close()
    finally:
        sim.stop()


def test_tenant_clock_offsets():
    from datetime import datetime, timedelta

    from ccs_desktop.core.api.records import parse_utc_offset, tenant_clock, tenant_now

    assert parse_utc_offset("") is None
    assert parse_utc_offset("+03:00") == parse_utc_offset("UTC+3") == timedelta(hours=3)
    assert parse_utc_offset("-05:30") == -timedelta(hours=5, minutes=30)
    for bad in ("Istanbul", "+15:00", "+03:75", "3"):
        with pytest.raises(InvalidInput, match="offset from UTC"):
            parse_utc_offset(bad)
    instant = datetime(2026, 12, 31, 23, 30, 15, 500000, tzinfo=UTC).timestamp()
    assert tenant_now("+03:00", lambda: instant) == datetime(2027, 1, 1, 2, 30, 15)
    assert tenant_now("-05:30", lambda: instant) == datetime(2026, 12, 31, 18, 0, 15)
    assert tenant_now("", lambda: instant) == datetime.fromtimestamp(instant).replace(microsecond=0)
    # the app's clock: the setting read at each call; a hand-edited bad offset falls back to local time
    offset = ["+01:00"]
    now = tenant_clock(lambda: offset[0], lambda: instant)
    assert now() == datetime(2027, 1, 1, 0, 30, 15)
    offset[0] = "Istanbul"
    assert now() == tenant_now("", lambda: instant)


@pytest.mark.parametrize("start", [datetime(999, 1, 1), datetime(1899, 12, 31, 23, 59, 59)])
def test_dates_before_1900_are_invalid_input_before_anything_is_sent(start):
    with pytest.raises(InvalidInput, match="before 1900"):
        CdrQuery(start=start, finish=datetime(2026, 1, 1)).params()
    with pytest.raises(InvalidInput, match="before 1900"):
        CdrQuery(uniqueid="x", finish=start).params()
    assert (
        CdrQuery(start=datetime(1900, 1, 1), finish=datetime(2026, 1, 1))
        .params()["startdate"]
        .startswith("1900-01-01")
    )


def test_a_new_session_is_masked_by_value_in_every_log_line(simulator, caplog):
    import logging

    from ccs_desktop.core.logs import redact

    agent = make_agent(simulator)
    key = agent.login().session
    assert key not in redact(f"https://acme.example/softphone/{key}/index.html")
    assert simulator.app_token not in redact(f"token in a path /{simulator.app_token}/")
    assert key not in redact(logging.Formatter().format(logging.makeLogRecord({"msg": key})))
