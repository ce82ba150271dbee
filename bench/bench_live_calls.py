"""The live-call poll's cost while nothing happens: the CPU this process spends asking CCS's activecall/user every
2 s for N minutes (default 10), as % of one core, and the poll's round trip.

CCS is the simulator in another process (its CPU is not counted); this process runs what the window runs for
the poll: the task runner's worker, the v1 client on requests, the poller's timer and the ring desk, on a Qt
event loop (QCoreApplication: no widgets are involved in polling).

    python bench/bench_live_calls.py [--minutes 10]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_cli import machine  # noqa: E402


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # every thread of this process
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, QTimer

    from ccs_desktop.core.api import Agent, CcsClient, Timeouts, resolve_tenant
    from ccs_desktop.core.api.v1 import V1Agent, V1Client
    from ccs_desktop.services.live_calls import LiveCallPoller
    from ccs_desktop.services.rings import RingDesk
    from ccs_desktop.services.tasks import TaskRunner

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    sim = subprocess.Popen(
        [sys.executable, "-m", "ccs_desktop", "simulator", "--port", "0", "--seed-calls", "50"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert sim.stdout is not None
    creds = json.loads(sim.stdout.readline())
    app = QCoreApplication(sys.argv[:1])
    try:
        tenant = resolve_tenant(creds["base_url"])
        agent = Agent(CcsClient(tenant, timeouts=Timeouts(3, 5)), creds["email"], creds["app_token"])
        agent.ensure_session()
        v1 = V1Agent(V1Client(tenant, creds["app_token"], base_url=tenant.base_url + "/v1"), agent)
        runner = TaskRunner(app)
        poller = LiveCallPoller(runner, app)
        desk = RingDesk(app)
        poller.ring.connect(lambda key, number, queue: desk.ring("poll", key, number, queue))
        round_trips: list[float] = []
        original = v1.client.my_active_calls

        def timed_call(session: str):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return original(session)
            finally:
                round_trips.append((time.perf_counter() - started) * 1000)

        v1.client.my_active_calls = timed_call  # type: ignore[method-assign]
        # warm-up: the first request pays for imports and the connection
        v1.client.my_active_calls(agent.session.session)  # type: ignore[union-attr]
        round_trips.clear()
        poller.start(v1)
        cpu0, wall0 = cpu_seconds(), time.monotonic()
        QTimer.singleShot(round(args.minutes * 60_000), app.quit)
        app.exec()
        cpu, wall = cpu_seconds() - cpu0, time.monotonic() - wall0
        poller.stop()
        runner.shutdown(wait=True)
    finally:
        sim.terminate()
        sim.wait(timeout=10)

    print(f"machine: {machine()}")
    print(f"idle polling for {wall / 60:.1f} min: {poller.polls} polls ({poller.failures} failed), every 2 s")
    print(f"CPU of this process: {cpu:.2f} s = {100 * cpu / wall:.2f} % of one core")
    if round_trips:
        q = statistics.quantiles(round_trips, n=100) if len(round_trips) > 1 else [round_trips[0]] * 99
        print(f"poll round trip: median {statistics.median(round_trips):.1f} ms, p99 {q[98]:.1f} ms")


if __name__ == "__main__":
    main()
