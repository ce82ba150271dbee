"""The GUI's agent service: what a failed click2call leaves behind, with a real agent over real HTTP."""

from __future__ import annotations

import socket

import pytest

from ccs_desktop.core.api import Agent, CcsClient, Timeouts, resolve_tenant
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.agent_service import AgentService
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.messages import MessageBus


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def service_for(base_url: str, email: str, token: str, runner, tmp_path) -> tuple[AgentService, list]:
    agent = Agent(CcsClient(resolve_tenant(base_url), timeouts=Timeouts(2, 2)), email, token)
    bus = MessageBus()
    shown: list[tuple[str, str]] = []
    bus.message.connect(lambda level, text: shown.append((level, text)))
    return AgentService(agent, Settings(tmp_path / "c.ini"), runner, CallTracker(), bus), shown


@pytest.mark.parametrize("where", ["refused", "dropped"])
def test_a_failed_dial_keeps_the_line_busy_only_if_the_request_left(
    qtbot, runner, tmp_path, simulator, where
):
    if where == "refused":
        service, shown = service_for(f"http://127.0.0.1:{free_port()}", "a@b.c", "agT", runner, tmp_path)
    else:
        service, shown = service_for(
            simulator.base_url, simulator.email, simulator.app_token, runner, tmp_path
        )
        simulator.fault("drop_after", function="click2call")
    with qtbot.waitSignal(service.call_failed, timeout=10_000) as failed:
        assert service.dial("05321234561")
    text = failed.args[0]
    assert ("error", text) in shown
    if where == "refused":
        assert "was not placed" in text and "may have been" not in text
        assert not service.tracker.is_active()  # the agent may dial again at once
    else:
        assert "may have been placed" in text
        assert service.tracker.is_active()  # it may be ringing: the line counts as busy


def test_results_that_arrive_after_logout_reach_nothing_that_is_gone(qtbot, tmp_path, simulator):
    """Logout deletes the service while its login and click2call are in flight: no RuntimeError from a deleted
    signal source, and a call placed anyway still makes the line busy."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from ccs_desktop.services.tasks import TaskRunner

    faults: list[tuple[str, BaseException]] = []
    runner = TaskRunner(report=lambda label, exc: faults.append((label, exc)))
    service, _shown = service_for(simulator.base_url, simulator.email, simulator.app_token, runner, tmp_path)
    simulator.fault("delay", function="login", seconds=0.4)
    simulator.fault("delay", function="click2call", seconds=0.4)
    service.login()
    tracker = service.tracker
    assert service.dial("05321234561")
    service.close()
    service.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
    assert faults == []
    assert tracker.is_active(), "the call CCS placed after the logout is still on the line"
    runner.shutdown(wait=True)
