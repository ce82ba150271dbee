"""`--demo`: the built-in simulator started in this process, and its regular customers as contacts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ccs_desktop.core import startup
from ccs_desktop.core.api.tenant import resolve_tenant
from ccs_desktop.core.softphone import DEMO_TEMPLATE, build_url
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.contacts.store import ContactStore

DEMO_PEOPLE = (
    ("Ayşe Demir", "Demir Lojistik"),
    ("Mehmet Kaya", ""),
    ("Fatma Şahin", "Şahin Eczanesi"),
    ("Mustafa Çelik", "Çelik Yapı"),
    ("Zeynep Arslan", ""),
    ("Emre Koç", "Koç Otomotiv"),
    ("Elif Aydın", "Aydın Hukuk"),
    ("Burak Öztürk", ""),
    ("Selin Yıldız", "Yıldız Tekstil"),
    ("Oğuz Doğan", "Doğan Market"),
    ("Gül Kurt", ""),
    ("Hakan Aksoy", "Aksoy İnşaat"),
    ("İrem Polat", ""),
    ("Cem Güneş", "Güneş Enerji"),
    ("Deniz Erdoğan", ""),
    ("Merve Çınar", "Çınar Kafe"),
    ("Serkan Özdemir", ""),
    ("Ebru Kılıç", "Kılıç Sigorta"),
)


def seed_demo_contacts(store: ContactStore) -> None:
    """The demo's regular customers get names, so lookups and the contact card show something real."""
    from ccs_desktop.core.contacts.model import Contact, ContactNumber  # noqa: PLC0415
    from ccs_desktop.core.phone import try_parse  # noqa: PLC0415
    from ccs_desktop.simulator import SimulatorConfig  # noqa: PLC0415
    from ccs_desktop.simulator.seed import customer_numbers  # noqa: PLC0415

    with store.transaction():
        for i, (raw, (name, company)) in enumerate(
            zip(customer_numbers(SimulatorConfig()), DEMO_PEOPLE, strict=False)
        ):
            number = try_parse(raw, "TR")
            if number is not None:
                store.add(
                    Contact(None, name, company, [ContactNumber(number.e164, "mobile")], favourite=i < 3)
                )


def start_simulator(clock: Callable[[], float]) -> Any:
    from ccs_desktop.core.api.records import local_utc_offset  # noqa: PLC0415
    from ccs_desktop.simulator import Simulator, SimulatorConfig  # noqa: PLC0415 - demo only

    # The demo's tenant keeps this computer's time, as a real tenant keeps its agents' (records and the
    # calls the app follows then sort together), and the app's clock.
    hours = local_utc_offset(clock).total_seconds() / 3600
    simulator = Simulator(SimulatorConfig(port=0, utc_offset_hours=hours, clock=clock))
    simulator.start()
    return simulator


@dataclass(frozen=True)
class DemoStart:
    """The running simulator, and the first session when an early start opened the page with it ("": none)."""

    simulator: Any
    session: str = field(default="", repr=False)


def start_early(clock: Callable[[], float]) -> Future[DemoStart]:
    """An early start's simulator (web/early_page.py), in a thread of its own, with the session its page opens."""
    future: Future[DemoStart] = Future()

    def run() -> None:
        try:
            simulator = start_simulator(clock)
            future.set_result(DemoStart(simulator, simulator.cc.login(simulator.credentials()["email"])))
        except Exception as exc:  # the window's Demo reports it
            future.set_exception(exc)

    threading.Thread(target=run, name="demo simulator", daemon=True).start()
    return future


def demo_page(started: object) -> str | None:
    """The page an early start requests: the one `SessionController.begin_demo` asks for with this session."""
    if not isinstance(started, DemoStart):
        return None
    startup.mark("simulator")
    creds = started.simulator.credentials()
    tenant = resolve_tenant(creds["base_url"])
    return build_url(DEMO_TEMPLATE, base=tenant.base_url, tenant_host=tenant.host, build="demo", session=started.session)


class Demo(QObject):
    """The simulator starts in a worker as soon as the app is made (start-up waits for it), or comes from an
    early start (`started`); `ready(DemoStart)` once it answers. Not made at all outside the demo."""

    ready = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        bus: MessageBus,
        clock: Callable[[], float],
        parent: QObject | None = None,
        started: Future[DemoStart] | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.bus = runner, bus
        self.simulator: Any = None
        self._future = started or runner.submit(lambda: DemoStart(start_simulator(clock)), name="demo simulator")

    def start(self) -> None:
        """Hand the simulator over once it runs (the GUI thread never waits for it)."""
        run_op(self.runner, self.bus, self._future.result, self._started, name="demo simulator")

    def _started(self, started: DemoStart) -> None:
        startup.mark("simulator")
        self.simulator = started.simulator
        self.ready.emit(started)

    def listener_started(self, ivr_url: str) -> None:
        """The demo's CCS rings us like a configured tenant would."""
        if self.simulator is not None:
            self.simulator.config.notify_url = ivr_url

    def stop(self) -> None:
        if self.simulator is not None:
            self.simulator.stop()
        else:  # quit before the demo simulator was handed over
            self._future.add_done_callback(lambda f: f.exception() is None and f.result().simulator.stop())
