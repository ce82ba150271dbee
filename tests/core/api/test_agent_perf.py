"""CCS's own figures for the agent (reportsAgentPerf, ccs-api.md §2.8) through the app's client, over real HTTP
against the simulator at a fixed instant: the row of this agent for whole tenant-local days, None for an agent CCS
has no row for, a figure CCS leaves out as None, and a broken answer as a typed error."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
import requests

from ccs_desktop.core.api import Agent, CcsClient, CdrQuery, resolve_tenant
from ccs_desktop.core.api.records import AgentPerf, tenant_clock
from ccs_desktop.core.errors import NetworkError
from ccs_desktop.simulator import Simulator, SimulatorConfig

EPOCH = datetime(2028, 2, 29, 9, 0).timestamp()  # a leap day


@pytest.fixture
def sim() -> Iterator[Simulator]:
    config = SimulatorConfig(
        port=0, seed_calls=300, clock=lambda: EPOCH, test_controls=True, utc_offset_hours=1
    )
    with Simulator(config) as simulator:
        yield simulator


def agent_for(sim: Simulator, email: str) -> Agent:
    return Agent(CcsClient(resolve_tenant(sim.base_url)), email, sim.app_token)


def test_the_agents_figures_for_whole_days_match_its_records(sim: Simulator):
    today = tenant_clock(lambda: "+01:00", lambda: EPOCH)().date()
    first = today - timedelta(days=6)
    agent = agent_for(sim, sim.email.upper())  # CCS's e-mails are matched without case
    try:
        perf = agent.performance(first, today)
        records = list(
            agent.call_records(
                CdrQuery(
                    start=datetime.combine(first, datetime.min.time()),
                    finish=datetime.combine(today, datetime.max.time().replace(microsecond=0)),
                    agent_username=sim.email,
                )
            )
        )
    finally:
        agent.client.close()
    assert perf is not None and (perf.first, perf.last) == (first, today)
    assert records
    assert perf.answered == sum(1 for r in records if r.answered)
    assert perf.missed == sum(1 for r in records if not r.answered)
    assert perf.talk_seconds == sum(r.duration or 0 for r in records if r.answered)
    assert (perf.pauses, perf.pause_seconds) == (0, 0)
    asked = requests.get(f"{sim.base_url}/_sim/requests", timeout=5).json()
    [sent] = [r["params"] for r in asked if r.get("function") == "reportsAgentPerf"]
    assert (sent["startdate"], sent["finishdate"]) == (first.isoformat(), today.isoformat())  # Y-m-d (§1.5)


def test_an_agent_ccs_has_no_row_for_gets_none(sim: Simulator):
    agent = agent_for(sim, "nobody@elsewhere.example")
    try:
        assert agent.performance(date(2028, 2, 29), date(2028, 2, 29)) is None
    finally:
        agent.client.close()


def test_a_figure_ccs_leaves_out_is_none_not_zero():
    perf = AgentPerf.from_api(
        {"answered_calls": "7", "talk_duration": 90.0}, date(2028, 2, 29), date(2028, 2, 29)
    )
    assert (perf.answered, perf.missed, perf.talk_seconds, perf.pauses, perf.pause_seconds) == (
        7,
        None,
        90,
        None,
        None,
    )


def test_a_broken_answer_is_a_network_error(sim: Simulator):
    requests.post(
        f"{sim.base_url}/_sim/faults",
        json={"mode": "malformed", "count": 2, "function": "reportsAgentPerf"},
        timeout=5,
    ).raise_for_status()
    agent = agent_for(sim, sim.email)
    try:
        with pytest.raises(NetworkError):
            agent.performance(date(2028, 2, 29), date(2028, 2, 29))
    finally:
        agent.client.close()
