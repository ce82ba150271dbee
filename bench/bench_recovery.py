"""Logins and page loads while the softphone host is dead: the recovery policy against a login storm.

The Supervisor runs against the simulator (real HTTP logins) with a softphone page whose every load fails.

- after (default): 10 simulated minutes on a fake monotonic/wall clock, each back-off step taken the moment it
  comes due; the page is a stand-in that fails at once, or with --real-page the real QtWebEngine loading from a
  port on 127.0.0.1 where nothing listens.
- before (--before REV): the Supervisor of git revision REV (e.g. `--before 74a6ca4`, the code before the fix)
  in real time for --seconds (it has no clock to fake: it logs in again as fast as CCS answers and the page
  fails), its counts also scaled to 10 minutes; then the new code the same way, for comparison.

Run: python bench/bench_recovery.py [--real-page] [--before REV] [--seconds 10]
Prints one JSON line per run: logins (Agent.logins), api_requests (the simulator's log), page_loads.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ccs_desktop.core.api import Agent, CcsClient, resolve_tenant  # noqa: E402
from ccs_desktop.core.settings import Settings  # noqa: E402
from ccs_desktop.simulator.config import SimulatorConfig  # noqa: E402
from ccs_desktop.simulator.server import Simulator  # noqa: E402

SIMULATED = 600.0  # ten minutes


class Clock:
    def __init__(self) -> None:
        self.wall = time.time()
        self.mono = 1000.0


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def old_supervisor(rev: str) -> ModuleType:
    """ccs_desktop/services/supervisor.py as it was at `rev`, imported under another name."""
    source = subprocess.run(
        ["git", "show", f"{rev}:ccs_desktop/services/supervisor.py"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "supervisor_before.py"
    path.write_text(source, "utf-8")
    spec = importlib.util.spec_from_file_location("supervisor_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Run:
    """One Supervisor on one simulator, its page failing every load."""

    def __init__(self, module: ModuleType, clock: Clock | None, real_page: bool, tmp: Path) -> None:
        from ccs_desktop.services.agent_service import AgentService
        from ccs_desktop.services.call_state import CallTracker
        from ccs_desktop.services.messages import MessageBus
        from ccs_desktop.services.tasks import TaskRunner

        tmp.mkdir(parents=True, exist_ok=True)
        self.sim = Simulator(SimulatorConfig(port=0, seed_calls=0, test_controls=True))
        self.sim.start()
        self.agent = Agent(CcsClient(resolve_tenant(self.sim.base_url)), self.sim.email, self.sim.app_token)
        self.runner, tracker = TaskRunner(), CallTracker()
        self.service = AgentService(self.agent, Settings(tmp / "c.ini"), self.runner, tracker, MessageBus())
        port = closed_port()
        kwargs: dict[str, Any] = {}
        if clock is not None:
            kwargs = {"wall_clock": lambda: clock.wall, "monotonic": lambda: clock.mono}
        self.supervisor = module.Supervisor(
            self.service, tracker, lambda s: f"http://127.0.0.1:{port}/demo/sso/?session={s}", **kwargs
        )
        self.loads = 0
        self.failures = 0
        self.view: Any = None
        if real_page:
            from PySide6.QtCore import QUrl

            from ccs_desktop.web.profile import create_profile
            from ccs_desktop.web.view import SoftphoneView

            self.view = SoftphoneView(create_profile(tmp / "web"))
            self.supervisor.load_softphone.connect(
                lambda url: self._count(self.view.load_softphone(QUrl(url)))
            )
            if hasattr(self.supervisor, "page_failed"):
                self.view.load_failed.connect(self.supervisor.page_failed)
            self.view.loaded.connect(self._loaded)
        else:
            self.supervisor.load_softphone.connect(lambda _url: self._fail_at_once())

    def _count(self, _accepted: bool) -> None:
        self.loads += 1

    def _loaded(self, ok: bool) -> None:
        if not ok:
            self.failures += 1
        self.supervisor.page_loaded(ok)

    def _fail_at_once(self) -> None:
        self.loads += 1
        self.failures += 1
        if hasattr(self.supervisor, "page_failed"):
            self.supervisor.page_failed("the softphone at 127.0.0.1 cannot be reached: connection refused")
        else:
            self.supervisor.page_loaded(False)

    def result(self, label: str, seconds: float, wall: float) -> dict[str, Any]:
        api = len(self.sim._log)
        return {
            "run": label,
            "simulated_s" if label.endswith("fake clock") else "real_s": round(seconds, 1),
            "wall_s": round(wall, 2),
            "logins": self.agent.logins,
            "api_requests": api,
            "page_loads": self.loads,
        }

    def close(self) -> None:
        self.runner.shutdown(wait=True)
        if self.view is not None:
            self.view.shutdown()
        self.sim.stop()


def wait_for(qapp: Any, predicate: Any, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        qapp.processEvents()
        time.sleep(0.002)


def fake_clock_run(qapp: Any, real_page: bool, tmp: Path) -> dict[str, Any]:
    from ccs_desktop.services import supervisor as module

    clock = Clock()
    run = Run(module, clock, real_page, tmp)
    started = time.perf_counter()
    supervisor = run.supervisor
    supervisor.start()
    wait_for(qapp, lambda: run.failures >= 1)
    end = clock.mono + SIMULATED
    while supervisor._due is not None and supervisor._due <= end:
        step = supervisor._due - clock.mono
        clock.mono += step
        clock.wall += step
        failures = run.failures
        supervisor.run_due()
        wait_for(qapp, lambda f=failures: run.failures > f and not run.service._logging_in)
    result = run.result("after, fake clock", SIMULATED, time.perf_counter() - started)
    run.close()
    return result


def real_time_run(
    qapp: Any, module: ModuleType, label: str, seconds: float, real_page: bool, tmp: Path
) -> dict[str, Any]:
    run = Run(module, None, real_page, tmp)
    started = time.perf_counter()
    run.supervisor.start()
    while time.perf_counter() - started < seconds:
        qapp.processEvents()
        time.sleep(0.001)
    result = run.result(label, seconds, time.perf_counter() - started)
    if label.startswith(
        "before"
    ):  # it keeps one pace, so it scales; the back-off does not (see the fake clock)
        scale = SIMULATED / seconds
        result["per_10_min"] = {k: round(result[k] * scale) for k in ("logins", "api_requests", "page_loads")}
    run.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--real-page", action="store_true", help="the real QtWebEngine, loading from a dead port"
    )
    parser.add_argument("--before", metavar="REV", help="also run the Supervisor of this git revision")
    parser.add_argument("--seconds", type=float, default=10.0, help="real time for the --before runs")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # each failed load logs a warning: thousands, for the old code

    from ccs_desktop.web.engine import prepare_environment

    prepare_environment()
    from PySide6.QtWidgets import QApplication

    qapp = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = tmp
        print(json.dumps(fake_clock_run(qapp, args.real_page, Path(tmp) / "a")), flush=True)
        if args.before:
            from ccs_desktop.services import supervisor

            before = old_supervisor(args.before)
            label = f"before ({args.before})"
            result = real_time_run(qapp, before, label, args.seconds, args.real_page, Path(tmp) / "b")
            print(json.dumps(result), flush=True)
            result = real_time_run(qapp, supervisor, "after", args.seconds, args.real_page, Path(tmp) / "c")
            print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
