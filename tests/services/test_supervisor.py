"""Recovery rules, with a real agent against the simulator and fake clocks for sleep detection."""

from __future__ import annotations

from ccs_desktop.core.api import Agent, CcsClient, resolve_tenant
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.agent_service import AgentService, LineState
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.supervisor import Supervisor
from ccs_desktop.services.tasks import TaskRunner


def build(simulator, tmp_path, clocks=None):
    agent = Agent(CcsClient(resolve_tenant(simulator.base_url)), simulator.email, simulator.app_token)
    runner, tracker = TaskRunner(), CallTracker()
    service = AgentService(agent, Settings(tmp_path / "c.ini"), runner, tracker, MessageBus())
    kwargs = {}
    if clocks is not None:
        kwargs = {"wall_clock": lambda: clocks[0], "monotonic": lambda: clocks[1]}
    supervisor = Supervisor(service, tracker, lambda session: f"page?session={session}", **kwargs)
    loads: list[str] = []
    supervisor.load_softphone.connect(loads.append)
    return supervisor, tracker, agent, runner, loads


def test_start_logs_in_and_loads_the_page(qtbot, simulator, tmp_path):
    supervisor, _tracker, agent, runner, loads = build(simulator, tmp_path)
    supervisor.start()
    qtbot.waitUntil(lambda: len(loads) > 0, timeout=10_000)
    assert loads == [f"page?session={agent.session.session}"]
    supervisor.page_message({"type": "ready"})
    assert supervisor.state is LineState.READY
    runner.shutdown(wait=True)


def test_trouble_during_a_call_waits_for_the_call_to_end(qtbot, simulator, tmp_path):
    supervisor, tracker, agent, runner, loads = build(simulator, tmp_path)
    supervisor.start()
    qtbot.waitUntil(lambda: len(loads) > 0, timeout=10_000)
    supervisor.page_message({"type": "ready"})
    tracker.call_placed("k1", "+905321234561")
    assert supervisor.state is LineState.IN_CALL
    supervisor.renderer_crashed("killed")
    assert supervisor.state is LineState.UNAVAILABLE
    # recovery starts (a login submitted, then a load) from within renderer_crashed, or not at all
    assert runner.pending == 0, "no login was started under a live call"
    assert len(loads) == 1 and agent.logins == 1, "nothing is reloaded or renewed under a live call"
    tracker.hangup_confirmed()
    qtbot.waitUntil(lambda: len(loads) == 2, timeout=10_000)
    assert agent.logins == 2
    assert loads[1] == f"page?session={agent.session.session}"
    runner.shutdown(wait=True)


def test_waking_from_sleep_is_detected_from_the_clocks(qtbot, simulator, tmp_path):
    clocks = [1000.0, 50.0]  # wall clock, monotonic (which stands still while the machine sleeps)
    supervisor, _tracker, _agent, runner, loads = build(simulator, tmp_path, clocks)
    supervisor.start()
    qtbot.waitUntil(lambda: len(loads) > 0, timeout=10_000)
    supervisor.page_message({"type": "ready"})
    clocks[0] += 5
    clocks[1] += 5
    supervisor._tick()
    assert supervisor.state is LineState.READY
    clocks[0] += 3600  # an hour of sleep
    clocks[1] += 5
    supervisor._tick()
    assert supervisor.state is LineState.UNAVAILABLE
    assert "woke" in supervisor.reason
    qtbot.waitUntil(lambda: len(loads) == 2, timeout=10_000)
    runner.shutdown(wait=True)


def test_network_down_then_up(qtbot, simulator, tmp_path):
    supervisor, _tracker, _agent, runner, loads = build(simulator, tmp_path)
    supervisor.start()
    qtbot.waitUntil(lambda: len(loads) > 0, timeout=10_000)
    supervisor.page_message({"type": "ready"})
    supervisor.network_changed(False)
    assert supervisor.state is LineState.UNAVAILABLE
    supervisor.network_changed(True)
    qtbot.waitUntil(lambda: len(loads) == 2, timeout=10_000)
    supervisor.page_message({"type": "ready"})
    assert supervisor.state is LineState.READY
    runner.shutdown(wait=True)


def test_failed_logins_are_retried_with_back_off(qtbot, simulator, tmp_path):
    supervisor, _tracker, agent, runner, loads = build(simulator, tmp_path)
    simulator.fault("http500", count=2, function="login")  # login is idempotent: one retry inside the client
    supervisor.start()
    qtbot.waitUntil(lambda: supervisor.state is LineState.UNAVAILABLE, timeout=10_000)
    assert "HTTP 500" in supervisor.reason
    assert supervisor._retry.isActive()
    assert supervisor._retry.interval() == 2000  # the first of the back-off delays
    qtbot.waitUntil(lambda: len(loads) > 0, timeout=10_000)
    assert agent.logins == 1
    runner.shutdown(wait=True)
