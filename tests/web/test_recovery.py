"""The recovery policy with the real QtWebEngine: a dead softphone host, a 404, and a page that says it lost
its link to CCS (the simulator's softphone page, over real HTTP)."""

from __future__ import annotations

import socket
import time

from PySide6.QtCore import QUrl

from ccs_desktop.core.backoff import DELAYS
from ccs_desktop.services.call_state import LineState
from tests.services.test_supervisor import Clock, Rig
from tests.web.support import TIMEOUT, engine_test


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wire(rig: Rig, view) -> None:
    """What app.py wires between the view and the supervisor."""
    rig.on_load = lambda url: view.load_softphone(QUrl(url))

    def message(msg: dict) -> None:
        rig.tracker.page_spoke()
        if msg.get("type") == "call":
            rig.tracker.page_event(msg)
        rig.supervisor.page_message(msg)

    rig.wiring = [
        (view.load_failed, rig.supervisor.page_failed),
        (view.loaded, rig.supervisor.page_loaded),
        (view.bridge.message, message),
    ]
    for signal, slot in rig.wiring:
        signal.connect(slot)


def finish(rig: Rig, view) -> None:
    """Cut the view from the supervisor before deleting it: the page lives on until the fixture's teardown."""
    for signal, slot in rig.wiring:
        signal.disconnect(slot)
    rig.close()


def failures(rig: Rig, count: int):
    return lambda: rig.supervisor.last_failure is not None and rig.supervisor._failed_serial == count


@engine_test
def test_a_dead_host_is_named_and_reloaded_on_the_back_off_only(qtbot, simulator, tmp_path, view):
    port = closed_port()
    rig = Rig(
        simulator,
        tmp_path,
        Clock(),
        url_for_session=lambda s: f"http://127.0.0.1:{port}/demo/sso/?session={s}",
    )
    wire(rig, view)
    rig.supervisor.start()
    qtbot.wait_until(failures(rig, 1), timeout=TIMEOUT)
    supervisor = rig.supervisor
    assert supervisor.state is LineState.UNAVAILABLE
    assert "the softphone at 127.0.0.1 cannot be reached: connection refused" in supervisor.reason
    assert "next try at" in supervisor.reason
    assert "ConnectionErrorDomain -102" in supervisor.last_failure[1]
    assert rig.due_in() == DELAYS[0]
    rig.run_for(qtbot, DELAYS[0])
    qtbot.wait_until(failures(rig, 2), timeout=TIMEOUT)
    assert len(rig.loads) == 2
    assert rig.due_in() == DELAYS[1]
    assert rig.agent.logins == 1
    assert simulator.functions().count("login") == 1
    finish(rig, view)


@engine_test
def test_a_404_is_reloaded_without_a_login(qtbot, simulator, tmp_path, view):
    rig = Rig(
        simulator,
        tmp_path,
        Clock(),
        url_for_session=lambda s: f"{simulator.base_url}/nothing/here?session={s}",
    )
    wire(rig, view)
    rig.supervisor.start()
    qtbot.wait_until(failures(rig, 1), timeout=TIMEOUT)
    assert "the softphone at 127.0.0.1 answered HTTP 404" in rig.supervisor.reason
    rig.run_for(qtbot, DELAYS[0])
    qtbot.wait_until(failures(rig, 2), timeout=TIMEOUT)
    assert rig.agent.logins == 1 and len(rig.loads) == 2
    finish(rig, view)


@engine_test
def test_the_page_saying_it_is_disconnected_shows_within_two_seconds(qtbot, simulator, tmp_path, view):
    rig = Rig(
        simulator, tmp_path, Clock(), url_for_session=lambda s: f"{simulator.base_url}/demo/sso/?session={s}"
    )
    wire(rig, view)
    rig.supervisor.start()
    qtbot.wait_until(lambda: rig.supervisor.state is LineState.READY, timeout=TIMEOUT)
    cut = time.monotonic()
    simulator.sim.softphone.set_streams_down(True)
    qtbot.wait_until(lambda: rig.supervisor.state is LineState.UNAVAILABLE, timeout=2000)
    assert time.monotonic() - cut < 2.0
    assert "disconnected" in rig.supervisor.reason
    simulator.sim.softphone.set_streams_down(False)
    qtbot.wait_until(lambda: rig.supervisor.state is LineState.READY, timeout=TIMEOUT)
    assert len(rig.loads) == 1 and rig.agent.logins == 1, "the page reconnected by itself"
    finish(rig, view)
