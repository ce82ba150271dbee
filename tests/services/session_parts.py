"""A logged-out session with everything it needs, real (SQLite, task runner, the agent on the simulator when it
logs in), for controller tests that run without the window; the UI's questions are plain functions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from ccs_desktop.core.settings import Settings
from ccs_desktop.core.softphone import DEMO_TEMPLATE
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.contacts import ContactsController
from ccs_desktop.services.handoff import Handoff
from ccs_desktop.services.listener_control import ListenerControl
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.session import Identity, SessionController
from ccs_desktop.services.stores import Stores
from ccs_desktop.ui.calls_model import CallRecordsModel
from tests.helpers import clock_at

WAIT = 10_000


class Answer:
    """What the second process would read back."""

    def __init__(self) -> None:
        self.sent = False
        self.result: dict[str, Any] | None = None
        self.error: tuple[str, int] | None = None

    def ok(self, result: dict[str, Any] | None = None) -> None:
        self.sent, self.result = True, result or {}

    def fail(self, error: str, exit_code: int = 4) -> None:
        self.sent, self.error = True, (error, exit_code)


class Parts:
    def __init__(self, runner: Any, tmp_path: Any) -> None:
        self.settings = Settings(tmp_path / "c.ini")
        self.bus, self.tracker = MessageBus(), CallTracker()
        self.shown: list[tuple[str, str]] = []
        self.bus.message.connect(lambda level, text: self.shown.append((level, text)))
        self.stores = Stores(demo=False, region=lambda: "TR")
        args = (runner, self.bus, self.settings)
        history = CallHistory(
            runner, CallRecordsModel(), self.stores.calls, self.stores.names_for, self.tracker, self.bus
        )
        listeners = ListenerControl(*args, history.notification)
        clock = clock_at(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
        self.session = SessionController(*args, self.tracker, history, listeners, clock)
        self.contacts = ContactsController(*args, self.stores, history)
        self.confirmed: list[tuple[str, str]] = []  # (number, who) the call guard was asked about
        self.asked: list[tuple[str, str]] = []  # (who, number) the link question showed
        self.pending_call: Callable[[], None] | None = None
        self.handoff = Handoff(self.session, self.contacts, *args, self.tracker, self.confirm, self.ask)
        self.raised: list[bool] = []
        self.handoff.show_requested.connect(lambda: self.raised.append(True))

    def confirm(self, number: str, go: Callable[[], None], cancelled: Any = None, *, who: str = "") -> None:
        """The call guard with a free line (or an agent who says yes): go at once."""
        self.confirmed.append((number, who))
        go()

    def ask(self, who: str, number: str, call: Callable[[], None]) -> None:
        self.asked.append((who, number))
        self.pending_call = call


def parts_for(runner: Any, tmp_path: Any) -> Iterator[Parts]:
    """For a test module's `parts` fixture: `yield from parts_for(runner, tmp_path)`."""
    p = Parts(runner, tmp_path)
    yield p
    p.session.end()
    runner.shutdown(wait=True)
    p.stores.close()


def logged_in(parts: Parts, qtbot, simulator) -> None:
    identity = Identity(simulator.base_url, simulator.email, simulator.app_token, None, DEMO_TEMPLATE, "demo")
    with qtbot.waitSignal(parts.session.service_started, timeout=WAIT):
        parts.session.begin(identity)
    parts.session.open_records()  # as the window does once the page loaded (or 2 s passed): the v1 API starts
