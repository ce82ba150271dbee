"""Ring -> caller card latency in the whole app on the simulator: through the page's Web Notification, and
through CCS's live-call poll.

The app runs offscreen with the real QtWebEngine, logged in to an in-process simulator over real HTTP, with no
listener and the bridge's `call` messages kept from the ring desk (the real CCS page does not speak our bridge).
Each ring (`start_inbound_call`, a new caller each time) is timed from the call to the card
(`ContactsController.incoming_card`, after the contact lookup), then hung up; the next ring waits until the
page saw the end, plus a random 0-2 s so rings fall anywhere in the poll's 2 s cycle.

- page: the simulator's page raises `new Notification(...)`, the presenter (web/notifications.py) rings the
  desk; the poll keeps running and joins the card.
- poll: the presenter's rings are cut too, so the card waits for services/live_calls.py's poll (every 2 s,
  every 1 s while a call rings).

Median and p99 over 50 rings per path (--rings). Run: python bench/bench_ring.py
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import machine
from qt_wait import run_until

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TIMEOUT_S = 20.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rings", type=int, default=50)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench-ring-"))
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):  # a new user: never the real profile or settings
        os.environ[f"XDG_{name}_HOME"] = str(home / name.lower())
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

    from ccs_desktop.web.engine import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from ccs_desktop.app import App, Identity
    from ccs_desktop.core.softphone import DEMO_TEMPLATE
    from ccs_desktop.simulator import Simulator, SimulatorConfig
    from ccs_desktop.web.notifications import PageNotifications

    qapp = QApplication(sys.argv[:1])

    def wait_for(done: Callable[[], object], what: str, seconds: float = TIMEOUT_S) -> None:
        """Run the event loop until done() (checked every 1 ms) or for `seconds` at most."""
        if not run_until(done, seconds, 1) and what:
            raise SystemExit(f"timed out waiting for {what}")

    sim = Simulator(SimulatorConfig(port=0, seed_calls=50, test_controls=True, ring_seconds=600))
    sim.start()
    app = App(qapp, owns_loop=False)
    cards: list[tuple[float, str]] = []
    app.contacts.incoming_card.connect(lambda parsed, raw, *_: cards.append((time.perf_counter(), raw)))
    messages: list[dict] = []
    app.view.bridge.message.connect(messages.append)
    app.view.bridge.message.disconnect(app.live.desk.page_call)
    assert app.start(Identity(sim.base_url, sim.email, sim.app_token, None, DEMO_TEMPLATE, "demo"))
    wait_for(lambda: any(m.get("type") == "ready" for m in messages), "the page to be ready")
    wait_for(lambda: app.live.poller.running, "the live-call poll")
    agent = sim.cc.tenant.demo_agent
    jitter = random.Random(12)

    def ended(key: str) -> bool:
        return any(
            m.get("type") == "call" and m.get("callid") == key and m.get("state") == "ended" for m in messages
        )

    def run(path: str, first: int) -> list[float]:
        latencies: list[float] = []
        for i in range(first, first + args.rings):
            wait_for(lambda: False, "", jitter.uniform(0.0, 2.0))  # anywhere in the poll's cycle
            number = f"0532{1000000 + i * 7919:07d}"
            cards.clear()
            started = time.perf_counter()
            key = sim.start_inbound_call(number, "Destek")
            wait_for(lambda: bool(cards), f"the card of ring {i} ({path})")
            latencies.append((cards[0][0] - started) * 1000)
            sim.cc.hangup(agent)
            wait_for(lambda key=key: ended(key), f"the page to see call {i} end")
        return latencies

    page = run("page", 0)
    popped_page = dict(app.live.desk.popped)
    notifications = app.profile.findChild(PageNotifications)
    notifications.rang.disconnect()  # the poll alone now
    poll = run("poll", args.rings)
    popped_poll = {
        k: v - popped_page.get(k, 0) for k, v in app.live.desk.popped.items() if v > popped_page.get(k, 0)
    }

    app.quit_now()
    app.deleteLater()
    for _ in range(3):  # the page goes before its profile
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()
    sim.stop()

    print(f"machine: {machine()}")
    print(
        f"ring -> caller card in the app, {args.rings} rings per path on the simulator (real HTTP, real"
        " QtWebEngine offscreen, no listener):"
    )
    for name, values, popped in (
        ("page's Web Notification", page, popped_page),
        ("live-call poll (2 s, 1 s while ringing)", poll, popped_poll),
    ):
        print(
            f"  {name}: median {statistics.median(values):.0f} ms, p99 {percentile(values, 0.99):.0f} ms,"
            f" max {max(values):.0f} ms; cards popped by {popped}"
        )
    print("  goal: the page's under 200 ms")


if __name__ == "__main__":
    main()
