"""Ring -> caller card latency through the softphone page's Web Notification, on the simulator.

The simulator rings the demo agent (`start_inbound_call`, a new caller each time); its softphone page, in the
real QtWebEngine offscreen, hears the ring on its event stream and raises `new Notification(...)`; the profile's
presenter (web/notifications.py) reads it and calls the desk's `ring("page", key, number, queue)`. Each ring is
timed from `start_inbound_call` to that call; the call is then hung up and the page seen free before the next.
Median and p99 over 50 rings (--rings). Run: python bench/bench_ring.py
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import machine

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TIMEOUT_MS = 15000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Desk:
    """Stands where services.rings.RingDesk stands: notes when each ring arrives."""

    def __init__(self) -> None:
        self.rings: dict[str, float] = {}
        self.numbers: dict[str, str] = {}

    def ring(self, source: str, key: str, number: str, queue: str = "") -> None:
        self.rings.setdefault(key, time.perf_counter())
        self.numbers[key] = number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rings", type=int, default=50)
    args = parser.parse_args()

    from ccs_desktop.web.engine import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer, QUrl
    from PySide6.QtWidgets import QApplication

    from ccs_desktop.simulator import Simulator, SimulatorConfig
    from ccs_desktop.web.notifications import connect_page_rings
    from ccs_desktop.web.profile import create_profile
    from ccs_desktop.web.view import SoftphoneView

    qapp = QApplication(sys.argv[:1])  # noqa: F841 - kept alive for the whole run
    DEFERRED = QEvent.Type.DeferredDelete.value

    def wait_for(done: object, what: str) -> None:
        """Run the event loop until done() (checked every 1 ms), or fail after TIMEOUT_MS."""
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(1)
        check.timeout.connect(lambda: loop.quit() if done() else None)  # type: ignore[operator]
        limit = QTimer()
        limit.setSingleShot(True)
        limit.timeout.connect(loop.quit)
        check.start()
        limit.start(TIMEOUT_MS)
        if not done():  # type: ignore[operator]
            loop.exec()
        check.stop()
        if not done():  # type: ignore[operator]
            raise SystemExit(f"timed out waiting for {what}")

    sim = Simulator(SimulatorConfig(port=0, seed_calls=50, test_controls=True, ring_seconds=600))
    sim.start()
    with tempfile.TemporaryDirectory() as tmp:
        profile = create_profile(Path(tmp) / "web")
        view = SoftphoneView(profile)
        view.resize(480, 640)
        view.show()
        desk = Desk()
        connect_page_rings(view, desk)
        messages: list[dict] = []
        view.bridge.message.connect(messages.append)
        agent = sim.cc.tenant.demo_agent
        session = sim.cc.login(sim.email)
        view.load_softphone(QUrl(f"{sim.base_url}/demo/sso/?session={session}"))
        wait_for(lambda: any(m.get("type") == "ready" for m in messages), "the page to be ready")
        ended = lambda key: any(  # noqa: E731
            m.get("type") == "call" and m.get("callid") == key and m.get("state") == "ended" for m in messages
        )

        latencies: list[float] = []
        for i in range(args.rings):
            number = f"0532{1000000 + i * 7919:07d}"
            started = time.perf_counter()
            key = sim.start_inbound_call(number, "Destek")
            wait_for(lambda key=key: key in desk.rings, f"ring {i}")
            latencies.append((desk.rings[key] - started) * 1000)
            assert desk.numbers[key] == "+90" + number[1:], desk.numbers[key]
            sim.cc.hangup(agent)
            wait_for(lambda key=key: ended(key), f"the page to see call {i} end")

        gone: list[bool] = []  # the page goes before its profile
        view.destroyed.connect(lambda *_: gone.append(True))
        view.shutdown()
        view.close()
        view.deleteLater()
        wait_for(lambda: bool(gone) or QCoreApplication.sendPostedEvents(None, DEFERRED) or False, "the view")
        with contextlib.suppress(RuntimeError):  # already gone with the view's page
            profile.deleteLater()
            QCoreApplication.sendPostedEvents(None, DEFERRED)
    sim.stop()

    print(f"machine: {machine()}")
    print(f"ring -> card, {len(latencies)} rings on the simulator, real QtWebEngine offscreen:")
    print(
        f"  through the page's Web Notification: median {statistics.median(latencies):.1f} ms,"
        f" p99 {percentile(latencies, 0.99):.1f} ms, max {max(latencies):.1f} ms (goal < 200 ms)"
    )


if __name__ == "__main__":
    main()
