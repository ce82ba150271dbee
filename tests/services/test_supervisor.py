"""Recovery rules, with a real agent against the simulator and a fake clock for the back-off and sleep detection.

The page is a stand-in here (the Supervisor only sees `load_softphone(url)` go out and `page_failed`/`page_message`
come back); tests/web/test_recovery.py runs the same rules with the real QtWebEngine.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent

from ccs_desktop.core.api import Agent, CcsClient, resolve_tenant
from ccs_desktop.core.backoff import DELAYS, MAX_LOGINS, STEADY
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.agent_service import AgentService, LineState
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.supervisor import Supervisor
from ccs_desktop.services.tasks import TaskRunner

DEAD = "the softphone at softphone.dead.example cannot be reached: host not found"


class Clock:
    """Wall clock and monotonic clock that move only when told (the monotonic one stands still in sleep)."""

    def __init__(self) -> None:
        self.wall = 1_800_000_000.0
        self.mono = 1000.0

    def advance(self, seconds: float) -> None:
        self.wall += seconds
        self.mono += seconds


class Rig:
    def __init__(
        self,
        simulator,
        tmp_path,
        clock: Clock,
        *,
        lifetime: float = 8 * 3600,
        url_for_session: Callable[[str], str] = lambda session: f"page?session={session}",
    ) -> None:
        self.clock = clock
        self.agent = Agent(
            CcsClient(resolve_tenant(simulator.base_url)),
            simulator.email,
            simulator.app_token,
            lifetime=lifetime,
            clock=lambda: clock.wall,
        )
        self.runner, self.tracker = TaskRunner(), CallTracker()
        self.service = AgentService(
            self.agent, Settings(tmp_path / "c.ini"), self.runner, self.tracker, MessageBus()
        )
        self.supervisor = Supervisor(
            self.service,
            self.tracker,
            url_for_session,
            wall_clock=lambda: clock.wall,
            monotonic=lambda: clock.mono,
        )
        self.loads: list[str] = []
        self.on_load: Callable[[str], None] = lambda _url: None  # the stand-in page's answer to a load
        self.supervisor.load_softphone.connect(self._load)

    def _load(self, url: str) -> None:
        self.loads.append(url)
        self.on_load(url)

    def started(self, qtbot) -> None:
        self.supervisor.start()
        qtbot.waitUntil(lambda: len(self.loads) > 0, timeout=10_000)

    def ready(self) -> None:
        self.supervisor.page_message({"type": "ready", "agent": "A", "email": "a@example.com"})

    def due_in(self) -> float | None:
        due = self.supervisor._due
        return None if due is None else due - self.clock.mono

    def run_for(self, qtbot, seconds: float) -> None:
        """Let `seconds` of fake time pass, taking every step that comes due, each login finished."""
        end = self.clock.mono + seconds
        while True:
            wait = self.due_in()
            if wait is None or self.clock.mono + wait > end:
                break
            self.clock.advance(max(wait, 0.0))
            due = self.supervisor._due
            self.supervisor.run_due()
            qtbot.waitUntil(lambda: not self.service._logging_in, timeout=10_000)
            if self.supervisor._due == due:
                break  # the step waits for a call to end
        self.clock.advance(end - self.clock.mono)

    def close(self) -> None:
        """Shut down and delete the Qt objects now, in order, not whenever the garbage collector gets to them."""
        self.runner.shutdown(wait=True)
        self.on_load = lambda _url: None
        for obj in (self.supervisor, self.service, self.tracker, self.runner):
            obj.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_start_logs_in_and_loads_the_page(qtbot, simulator, tmp_path):
    rig = Rig(simulator, tmp_path, Clock())
    rig.started(qtbot)
    assert rig.loads == [f"page?session={rig.agent.session.session}"]
    rig.ready()
    assert rig.supervisor.state is LineState.READY
    rig.close()


def test_a_dead_softphone_host_is_reloaded_on_the_back_off_without_logging_in(qtbot, simulator, tmp_path):
    """Ten minutes of a host that never answers: one login in all, one page load per back-off step."""
    rig = Rig(simulator, tmp_path, Clock())
    rig.on_load = lambda _url: rig.supervisor.page_failed(DEAD, "ConnectionErrorDomain -105")
    rig.started(qtbot)
    rig.run_for(qtbot, 600)
    steps, elapsed = 0, 0.0
    for delay in (*DELAYS, *[STEADY] * 10):
        elapsed += delay
        if elapsed > 600:
            break
        steps += 1
    assert rig.agent.logins == 1
    assert simulator.functions().count("login") == 1
    assert len(rig.loads) == 1 + steps == 7
    assert rig.supervisor.state is LineState.UNAVAILABLE
    assert "softphone.dead.example" in rig.supervisor.reason and "host not found" in rig.supervisor.reason
    assert "next try at" in rig.supervisor.reason
    rig.close()


def test_a_failed_load_without_details_is_no_login_storm_either(qtbot, simulator, tmp_path):
    """The old wiring (`loaded(False)` only): before the fix, every failure logged in again at once."""
    rig = Rig(simulator, tmp_path, Clock())
    rig.on_load = lambda _url: rig.supervisor.page_loaded(False)
    rig.started(qtbot)
    # the old supervisor logged in again from each failure, so its runner never went idle
    qtbot.waitUntil(lambda: rig.runner.pending == 0 and not rig.service._logging_in, timeout=10_000)
    assert rig.agent.logins == 1
    assert len(rig.loads) == 1
    assert rig.due_in() == DELAYS[0]
    rig.close()


def test_a_404_page_is_reloaded_after_the_first_wait_and_nothing_else(qtbot, simulator, tmp_path):
    rig = Rig(simulator, tmp_path, Clock())
    rig.started(qtbot)
    rig.supervisor.page_failed("the softphone at h.example answered HTTP 404", "HttpStatusCodeDomain 404")
    assert rig.supervisor.state is LineState.UNAVAILABLE
    assert "answered HTTP 404" in rig.supervisor.reason
    rig.clock.advance(DELAYS[0] - 0.5)
    rig.supervisor.run_due()
    assert len(rig.loads) == 1, "not before its time"
    rig.run_for(qtbot, 0.5)
    assert len(rig.loads) == 2
    assert rig.loads[1] == rig.loads[0], "the same session: a 404 is no session problem"
    assert rig.agent.logins == 1
    assert rig.supervisor.last_failure[0].endswith("answered HTTP 404")
    rig.close()


def test_login_false_from_the_page_logs_in_once_after_the_wait(qtbot, simulator, tmp_path):
    rig = Rig(simulator, tmp_path, Clock())
    rig.started(qtbot)
    old = rig.agent.session.session
    rig.supervisor.page_message({"type": "login_required", "message": "Session expired"})
    qtbot.waitUntil(lambda: rig.runner.pending == 0 and not rig.service._logging_in, timeout=10_000)
    assert rig.agent.logins == 1, "no login before the back-off step"
    rig.run_for(qtbot, DELAYS[0])
    qtbot.waitUntil(lambda: len(rig.loads) == 2, timeout=10_000)
    assert rig.agent.logins == 2
    assert rig.loads[1] == f"page?session={rig.agent.session.session}" != f"page?session={old}"
    rig.ready()
    rig.run_for(qtbot, 600)
    assert rig.agent.logins == 2 and len(rig.loads) == 2
    rig.close()


def test_a_session_past_its_lifetime_is_renewed_by_the_reload(qtbot, simulator, tmp_path):
    rig = Rig(simulator, tmp_path, Clock(), lifetime=3600)
    rig.started(qtbot)
    rig.ready()
    rig.clock.advance(3600)
    rig.supervisor.renderer_crashed("killed")
    rig.run_for(qtbot, DELAYS[0])
    qtbot.waitUntil(lambda: len(rig.loads) == 2, timeout=10_000)
    assert rig.agent.logins == 2
    rig.close()


def test_every_automatic_path_goes_through_the_same_limiter(qtbot, simulator, tmp_path):
    clock = Clock()
    rig = Rig(simulator, tmp_path, clock)
    rig.started(qtbot)
    rig.ready()
    supervisor = rig.supervisor
    supervisor.renderer_crashed("killed")
    supervisor.network_changed(True)
    clock.wall += 3600  # an hour of sleep: the monotonic clock stood still
    supervisor._tick()
    assert "woke" in supervisor.reason
    assert supervisor.backoff.step == 1, "three troubles, one step"
    assert rig.due_in() == DELAYS[0]
    rig.run_for(qtbot, DELAYS[0])
    assert len(rig.loads) == 2
    supervisor.page_failed(DEAD)  # the reload did not help: the next wait is the second one
    assert rig.due_in() == DELAYS[1]
    rig.run_for(qtbot, DELAYS[1])
    supervisor.renderer_crashed("killed")
    assert rig.due_in() == DELAYS[2]
    rig.run_for(qtbot, DELAYS[2])
    assert len(rig.loads) == 4
    assert rig.agent.logins == 1, "none of these needs a new session"
    rig.close()


def test_failed_logins_back_off_and_stop_at_the_hourly_cap(qtbot, simulator, tmp_path):
    rig = Rig(simulator, tmp_path, Clock())
    simulator.fault("http500", count=10_000, function="login")
    rig.supervisor.start()
    qtbot.waitUntil(lambda: rig.supervisor.state is LineState.UNAVAILABLE, timeout=10_000)
    assert "HTTP 500" in rig.supervisor.reason
    assert rig.due_in() == DELAYS[0]
    rig.run_for(qtbot, 3600)
    assert rig.supervisor.logins == 1 + MAX_LOGINS  # the start's own, then the cap
    assert rig.supervisor.backoff.logins_in_window() == MAX_LOGINS
    assert rig.loads == []
    assert rig.due_in() is not None and rig.due_in() > 0, "it still tries, later"
    rig.close()


def test_retry_now_skips_one_wait_and_keeps_the_back_off(qtbot, simulator, tmp_path):
    rig = Rig(simulator, tmp_path, Clock())
    rig.started(qtbot)
    rig.supervisor.page_failed(DEAD)
    rig.run_for(qtbot, DELAYS[0])
    rig.supervisor.page_failed(DEAD)
    assert rig.due_in() == DELAYS[1]
    rig.supervisor.retry_now()
    assert len(rig.loads) == 3, "at once, without the fake clock moving"
    rig.supervisor.page_failed(DEAD)
    assert rig.due_in() == DELAYS[2], "the back-off goes on where it was"
    assert rig.agent.logins == 1
    rig.close()


def test_trouble_during_a_call_waits_for_the_call_to_end(qtbot, simulator, tmp_path):
    rig = Rig(simulator, tmp_path, Clock())
    rig.started(qtbot)
    rig.ready()
    rig.tracker.call_placed("k1", "+905321234561")
    assert rig.supervisor.state is LineState.IN_CALL
    rig.supervisor.renderer_crashed("killed")
    assert rig.supervisor.state is LineState.UNAVAILABLE
    rig.run_for(qtbot, 120)
    assert len(rig.loads) == 1 and rig.agent.logins == 1, "nothing is reloaded or renewed under a live call"
    assert "waiting for the call to end" in rig.supervisor.reason
    rig.tracker.hangup_confirmed()
    assert len(rig.loads) == 2
    assert rig.loads[1] == f"page?session={rig.agent.session.session}"
    rig.close()


def test_waking_from_sleep_is_detected_from_the_clocks(qtbot, simulator, tmp_path):
    clock = Clock()
    rig = Rig(simulator, tmp_path, clock)
    rig.started(qtbot)
    rig.ready()
    clock.advance(5)
    rig.supervisor._tick()
    assert rig.supervisor.state is LineState.READY
    clock.wall += 3600  # an hour of sleep
    clock.mono += 5
    rig.supervisor._tick()
    assert rig.supervisor.state is LineState.UNAVAILABLE
    assert "woke" in rig.supervisor.reason
    rig.run_for(qtbot, DELAYS[0])
    assert len(rig.loads) == 2
    rig.close()


def test_network_down_then_up(qtbot, simulator, tmp_path):
    rig = Rig(simulator, tmp_path, Clock())
    rig.started(qtbot)
    rig.ready()
    rig.supervisor.network_changed(False)
    assert rig.supervisor.state is LineState.UNAVAILABLE
    rig.supervisor.network_changed(True)
    rig.run_for(qtbot, DELAYS[0])
    assert len(rig.loads) == 2
    rig.ready()
    assert rig.supervisor.state is LineState.READY
    assert rig.due_in() is None
    rig.close()


def test_the_page_saying_disconnected_or_on_hold_shows_at_once(qtbot, simulator, tmp_path):
    rig = Rig(simulator, tmp_path, Clock())
    rig.started(qtbot)
    rig.ready()
    supervisor = rig.supervisor
    supervisor.page_message({"type": "connection", "state": "disconnected"})
    assert supervisor.state is LineState.UNAVAILABLE
    assert "disconnected" in supervisor.reason
    supervisor.page_message({"type": "connection", "state": "connected"})
    assert supervisor.state is LineState.READY
    call = {"type": "call", "callid": "c1", "direction": "in", "number": "+905321234561"}
    rig.tracker.page_event({**call, "state": "talking"})
    supervisor.page_message({**call, "state": "talking"})
    assert supervisor.state is LineState.IN_CALL and supervisor.reason == ""
    rig.tracker.page_event({**call, "state": "hold"})
    supervisor.page_message({**call, "state": "hold"})
    assert supervisor.state is LineState.IN_CALL and supervisor.reason == "on hold"
    rig.tracker.page_event({**call, "state": "talking"})  # the page's own Resume
    supervisor.page_message({**call, "state": "talking"})
    assert supervisor.state is LineState.IN_CALL and supervisor.reason == ""
    rig.tracker.page_event({**call, "state": "ended"})
    supervisor.page_message({**call, "state": "ended"})
    assert supervisor.state is LineState.READY
    assert rig.due_in() is None, "the page reconnects by itself: nothing is scheduled"
    rig.close()


def test_on_hold_shows_whichever_witness_tells_it_not_only_the_page(qtbot, long_calls, tmp_path):
    """The cause of "On hold never shows": only a page `call` message set it. A page that reports nothing, CCS's
    live-call list and our own accepted click2hold must show it too (the tracker is the one home of the state)."""
    rig = Rig(long_calls, tmp_path, Clock())
    rig.started(qtbot)
    rig.ready()
    supervisor = rig.supervisor
    rig.tracker.ccs_calls([_Row("k1", "05321234561", "hold")])  # CCS's list alone (a silent page)
    assert supervisor.state is LineState.IN_CALL and supervisor.reason == "on hold"
    rig.tracker.ccs_calls([_Row("k1", "05321234561", "talking")])
    assert supervisor.reason == ""
    rig.tracker.ccs_calls([])
    assert supervisor.state is LineState.READY
    # our own click2hold, on a real call at the simulator, with no page message at all
    rig.service.dial("05321234562")
    qtbot.waitUntil(rig.tracker.is_active, timeout=10_000)
    qtbot.waitUntil(lambda: long_calls.state()["live_calls"][0]["state"] == "talking", timeout=10_000)
    rig.service.hold()
    qtbot.waitUntil(lambda: supervisor.reason == "on hold", timeout=10_000)
    assert supervisor.on_hold and supervisor.state is LineState.IN_CALL
    rig.service.unhold()
    qtbot.waitUntil(lambda: supervisor.reason == "", timeout=10_000)
    assert not supervisor.on_hold
    rig.close()


class _Row:
    """A row of CCS's live calls (core/api/v1.py's LiveCall)."""

    def __init__(self, key: str, number: str, status: str) -> None:
        self.key, self.number, self.status, self.inbound = key, number, status, True


def test_a_new_softphone_address_loads_at_once_when_idle_and_after_the_call_otherwise(
    qtbot, simulator, tmp_path
):
    address = ["one"]
    rig = Rig(simulator, tmp_path, Clock(), url_for_session=lambda session: f"{address[0]}?session={session}")
    rig.started(qtbot)
    rig.ready()
    address[0] = "two"
    rig.supervisor.address_changed()
    assert [url.split("?")[0] for url in rig.loads] == ["one", "two"], "a free line moves at once"
    rig.ready()
    rig.tracker.call_placed("k1", "+905321234561")
    address[0] = "three"
    rig.supervisor.address_changed()
    rig.run_for(qtbot, 120)
    assert len(rig.loads) == 2, "never under a live call"
    assert rig.supervisor.state is LineState.IN_CALL, "and the line does not look broken meanwhile"
    rig.tracker.hangup_confirmed()
    assert [url.split("?")[0] for url in rig.loads] == ["one", "two", "three"]
    assert rig.agent.logins == 1, "the session it has is good for the new address"
    rig.close()


def test_a_login_still_in_flight_at_logout_loads_nothing(simulator, tmp_path, qtbot):
    """Logging out while the login runs: its answer arrives after, and must not load the old session's page."""
    rig = Rig(simulator, tmp_path, Clock())
    simulator.fault("delay", function="login", seconds=0.5)
    rig.supervisor.start()
    rig.supervisor.stop()
    qtbot.waitUntil(lambda: not rig.service._logging_in, timeout=10_000)
    qtbot.waitUntil(lambda: rig.runner.pending == 0, timeout=10_000)
    assert rig.loads == []
    rig.tracker.call_placed("k1", "+905321234561")
    rig.tracker.hangup_confirmed()  # the line going free later starts nothing either
    assert rig.loads == [] and rig.supervisor._due is None
    rig.close()


def test_a_session_the_live_call_poll_saw_refused_is_renewed_after_the_call_and_the_line_stays_in_a_call(
    qtbot, simulator, tmp_path
):
    """From the review: the poll's `login: false` during a call painted the line red while the call went on."""
    rig = Rig(simulator, tmp_path, Clock())
    rig.started(qtbot)
    rig.ready()
    rig.tracker.call_placed("k1", "+905321234561")
    rig.supervisor.session_refused("Session expired")
    assert rig.supervisor.state is LineState.IN_CALL
    logins = rig.agent.logins
    rig.run_for(qtbot, 120)
    assert rig.agent.logins == logins, "no login during the call"
    rig.tracker.hangup_confirmed()
    rig.run_for(qtbot, 120)
    qtbot.waitUntil(lambda: rig.agent.logins == logins + 1, timeout=10_000)
    rig.close()
