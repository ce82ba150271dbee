"""A shift without growth: the whole app through an accelerated 8-hour shift, with its figures per simulated hour.

The app (ccs_desktop.app.App, as tests/test_app.py builds it: logged in with an Identity, real QtWebEngine
offscreen, the simulator's softphone page, the notification listener on) runs in this process; the simulator runs
in another process, so its growing call records are not counted. Each simulated hour is a fixed workload, run as
fast as the app takes it (and then idle until `--hour-seconds`, if given):

- calls in and out (250 an hour: 2,000 a shift), one after another: inbound rung by the simulator (the page, the
  live-call poll and the ring desk pop the card), outbound through `app.dial` (click2call, with the listener's
  hangup_url); most are hung up by the agent (click2hang), some by the customer, some not answered or busy;
- listener notifications (62 an hour: about 500 a shift): the simulator sends its IVR request (GET, to the URL
  the app's listener prints) at the ring and the end of some inbound calls;
- page reloads (6 an hour: about 50): `session.retry_now()` with no call up, until the page is ready again;
- session renewals (1-2 an hour: 10): the simulator expires every session, the live-call poll is refused, the app
  logs in again and reloads the page (the supervisor's login cap, 6 an hour, counts on a clock that moves on to
  the next hour when an accelerated one ends);
- clipboard look-ups (25 an hour): a text with a phone number on the clipboard, until its card is shown.

After each hour: PSS of this process and its QtWebEngine children (core/memory.py; the median of 5 samples over
2.5 s while the loop settles; also the anonymous part alone, Pss_Anon, which other programs mapping the same
libraries do not move); then deferred deletes run, gc.collect(), and threads (threading.active_count() and
/proc/self/task), open file descriptors (/proc/self/fd), QObjects (a walk of the children of the QApplication and
of every top-level widget; and the live Python wrappers of QObjects, shiboken6.getAllValidWrappers) and Python
objects (gc.get_objects()); the threads and fds that differ between hour 1 and the last are named.

Goals (issue 15, goal 5): PSS growth from hour 1 to the last under 5 %; threads, fds and QObjects not growing
(here: the last hour's figure at most the highest of the first half's hours, so a pool that fills once is not
growth, a steady climb is).

Run: python bench/bench_shift.py [--quick] [--hours 8] [--calls 250] [--hour-seconds 0]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import machine
from qt_wait import run_until

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TIMEOUT_S = 20.0
SETTLE_S = 2.5
PSS_SAMPLES = 5
MAX_STALLS = 20

# The simulator in its own process; one command a line on stdin ("notify URL", "notify -"), "ok" once done.
SIMULATOR = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from ccs_desktop.simulator import Simulator, SimulatorConfig
sim = Simulator(SimulatorConfig(
    port=0, seed_calls=200, test_controls=True, ring_seconds=0.2, no_answer_seconds=0.3, call_seconds=0.8,
))
sim.start()
print(json.dumps(sim.credentials()), flush=True)
for line in sys.stdin:
    command, _, value = line.strip().partition(" ")
    if command == "notify":
        sim.config.notify_url = "" if value == "-" else value
    print("ok", flush=True)
sim.stop()
"""


@dataclass
class Plan:
    """One simulated hour's workload."""

    calls: int = 250
    notifications: int = 62
    reloads: int = 6
    renewals: tuple[int, ...] = (2, 1, 1, 1, 2, 1, 1, 1)  # per hour, repeated: 10 in 8 hours
    copies: int = 25

    def actions(self, hour: int) -> list[str]:
        """The hour's actions, the rarer ones spread evenly among the calls."""
        actions = ["call"] * self.calls
        renewals = self.renewals[hour % len(self.renewals)]
        for kind, count in (("copy", self.copies), ("reload", self.reloads), ("renew", renewals)):
            for i in range(count):
                at = round((i + 0.5) * len(actions) / count)
                actions.insert(min(at, len(actions)), kind)
        return actions


@dataclass
class Sample:
    hour: int
    seconds: float
    done: Counter[str]
    pss_tree: float
    pss_main: float
    threads_py: int
    threads_os: int
    fds: int
    qobjects_tree: int
    qobject_wrappers: int
    py_objects: int
    pss_anon: float = 0.0
    types: Counter[str] = field(default_factory=Counter, repr=False)
    thread_names: Counter[str] = field(default_factory=Counter, repr=False)
    fd_kinds: Counter[str] = field(default_factory=Counter, repr=False)


def quiet_offscreen(_kind: object, _context: object, text: str) -> None:
    """Qt's messages, less the offscreen platform's "does not support raise()" at every card shown."""
    if "This plugin does not support" not in text:
        print(text, file=sys.stderr)


def anon_pss_mib() -> float:
    """PSS of the anonymous memory (heaps) of this process and its children: unlike the PSS of shared libraries,
    it does not change when other programs map QtWebEngine's libraries too (other apps, tests, benches)."""
    from ccs_desktop.core.memory import process_tree

    total = 0
    for pid in process_tree(os.getpid()):
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss_Anon:"))
    return total / 1024


def fd_kinds() -> Counter[str]:
    """Open file descriptors by kind (socket, pipe, anon_inode:..., or a file's directory)."""
    kinds: Counter[str] = Counter()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        kinds[target.split(":[")[0] if ":[" in target else str(Path(target).parent)] += 1
    return kinds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: 4 short hours (about 1-2 min)")
    parser.add_argument("--hours", type=int, default=8)
    parser.add_argument("--calls", type=int, default=250, help="calls per hour (in and out, alternating)")
    parser.add_argument("--hour-seconds", type=float, default=0.0, help="idle until an hour lasted this long")
    args = parser.parse_args()
    plan = Plan(calls=args.calls)
    if args.quick:
        args.hours = min(args.hours, 4)
        plan = Plan(calls=24, notifications=8, reloads=1, renewals=(1, 0), copies=4)

    home = Path(tempfile.mkdtemp(prefix="bench-shift-"))
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):  # a new user: never the real profile or settings
        os.environ[f"XDG_{name}_HOME"] = str(home / name.lower())
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

    sim_proc = subprocess.Popen(
        [sys.executable, "-c", SIMULATOR, str(REPO)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert sim_proc.stdin is not None and sim_proc.stdout is not None
    creds = json.loads(sim_proc.stdout.readline())
    base = creds["base_url"]

    def sim_command(line: str) -> None:
        assert sim_proc.stdin is not None and sim_proc.stdout is not None
        sim_proc.stdin.write(line + "\n")
        sim_proc.stdin.flush()
        sim_proc.stdout.readline()  # "ok": the next request sees it

    import requests

    http = requests.Session()

    def control(path: str, body: dict[str, Any] | None = None) -> Any:
        response = http.post(f"{base}/_sim/{path}", json=body or {}, timeout=5)
        response.raise_for_status()
        return response.json()

    from ccs_desktop.web.engine import prepare_environment

    prepare_environment()
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from ccs_desktop.app import App, Identity
    from ccs_desktop.core.backoff import Backoff
    from ccs_desktop.core.memory import pss_kib, tree_pss_mib
    from ccs_desktop.core.softphone import DEMO_TEMPLATE

    qInstallMessageHandler(quiet_offscreen)
    qapp = QApplication(sys.argv[:1])
    stalls: list[str] = []

    def wait_for(done: Callable[[], object], what: str, seconds: float = TIMEOUT_S) -> bool:
        """Run the event loop until done() (checked every 5 ms) or for `seconds` at most; a miss is counted."""
        if not run_until(done, seconds, 5):
            if what:
                stalls.append(what)
                if len(stalls) > MAX_STALLS:  # the app is stuck (logged out?): its figures would mean nothing
                    raise SystemExit(f"{len(stalls)} waits timed out, the last ones: {stalls[-5:]}")
            return False
        return True

    def idle(seconds: float) -> None:
        wait_for(lambda: False, "", seconds)

    app = App(qapp, owns_loop=False)
    app.window.persist = False
    app.settings.set("notification_listener", True)
    app.settings.set("listener_port", free_port())
    ivr: list[str] = []
    app.listeners.started.connect(ivr.append)
    messages: deque[dict[str, Any]] = deque(maxlen=64)
    app.view.bridge.message.connect(messages.append)
    cards: list[int] = [0, 0]  # incoming cards, copied-number cards
    app.contacts.incoming_card.connect(lambda *_: cards.__setitem__(0, cards[0] + 1))
    app.contacts.copied_card.connect(lambda *_: cards.__setitem__(1, cards[1] + 1))

    def ready_seen() -> bool:
        return any(m.get("type") == "ready" for m in messages)

    started = time.perf_counter()
    assert app.start(Identity(base, creds["email"], creds["app_token"], None, DEMO_TEMPLATE, "demo"))
    if not wait_for(ready_seen, "the page to be ready", 60) or not wait_for(
        lambda: bool(ivr), "the listener"
    ):
        raise SystemExit(f"the app did not start: {stalls}")
    wait_for(lambda: app.live.poller.running, "the live-call poll")
    wait_for(lambda: app.window.calls.row_count() > 0, "the call records")
    start_s = time.perf_counter() - started
    # The login cap (6 automatic logins an hour) counts on a clock that jumps to the next hour when an
    # accelerated one ends: 10 renewals in a compressed shift are 10 in 8 hours, not 10 in 15 minutes.
    skipped = [0.0]
    app.supervisor.backoff = Backoff(lambda: time.monotonic() + skipped[0])

    def call_state(state: str, key: str = "", number: str = "") -> Callable[[], bool]:
        def seen() -> bool:
            return any(
                m.get("type") == "call"
                and m.get("state") == state
                and (not key or m.get("callid") == key)
                and (not number or str(m.get("number", "")).endswith(number[-7:]))
                for m in messages
            )

        return seen

    def line_free() -> bool:
        return not app.tracker.is_active()

    done: Counter[str] = Counter()

    def one_call(n: int, notify: bool) -> None:
        """Call n of the shift: even ones inbound, odd ones outbound; every 5th waits for the customer's hangup,
        every 16th outbound is not answered, every 16th (another) is busy."""
        messages.clear()
        customer_hangs_up = n % 5 == 4
        if n % 2 == 0:
            number = f"0532{(n * 7919) % 10_000_000:07d}"
            if notify:
                sim_command(f"notify {ivr[-1]}")
            key = control("incoming", {"callerid": number})["callid"]
            if wait_for(call_state("talking", key=key), f"inbound call {n} answered"):
                if not customer_hangs_up:
                    app.service.hangup()
                wait_for(call_state("ended", key=key), f"inbound call {n} ended")
            if notify:
                wait_for(lambda: False, "", 0.05)  # the end's notification leaves before it is switched off
                sim_command("notify -")
            done["in"] += 1
        else:
            last = "0" if n % 32 == 1 else "9" if n % 32 == 17 else str(1 + n % 7)
            number = f"0212{(n * 104729) % 1_000_000:06d}{last}"
            app.dial(number)
            if last in "09":
                wait_for(call_state("ended", number=number), f"outbound call {n} unanswered")
            elif wait_for(call_state("talking", number=number), f"outbound call {n} answered"):
                if not customer_hangs_up:
                    app.service.hangup()
                wait_for(call_state("ended", number=number), f"outbound call {n} ended")
            done["out"] += 1
        wait_for(line_free, f"call {n}: the line free")

    def reload_page() -> None:
        messages.clear()
        app.session.retry_now()
        if wait_for(ready_seen, "a reloaded page ready"):
            done["reloads"] += 1

    def renew() -> None:
        logins = app.service.agent.logins
        messages.clear()
        control("expire-sessions")
        # the live-call poll (every 2 s) is refused: the app logs in again and reloads the page
        if wait_for(lambda: app.service.agent.logins > logins, "a renewed session") and wait_for(
            ready_seen, "the page on the renewed session"
        ):
            done["renewals"] += 1

    clipboard = QGuiApplication.clipboard()

    def copy(n: int) -> None:
        before = cards[1]
        app.popup.hide()
        number = f"0533 {n % 900 + 100:03d} {n % 90 + 10:02d} {n % 80 + 10:02d}"
        clipboard.setText(f"Ticket #{n}: please call back {number} before noon.")
        if wait_for(lambda: cards[1] > before, f"the card of copy {n}", 5):
            done["copies"] += 1
        app.popup.hide()

    def qobjects_in_tree() -> int:
        seen: set[int] = set()
        todo: list[QObject] = [qapp, *QApplication.topLevelWidgets()]
        while todo:
            obj = todo.pop()
            key = shiboken6.getCppPointer(obj)[0]
            if key in seen:
                continue
            seen.add(key)
            todo.extend(obj.children())
        return len(seen)

    def pss_median() -> tuple[float, float, float]:
        """(tree, this process, tree's anonymous) in MiB, the median of PSS_SAMPLES over SETTLE_S: the renderer's
        heap breathes."""
        trees, mains, anons = [], [], []
        for _ in range(PSS_SAMPLES):
            idle(SETTLE_S / PSS_SAMPLES)
            trees.append(tree_pss_mib() or 0.0)
            mains.append((pss_kib(os.getpid()) or 0) / 1024)
            anons.append(anon_pss_mib())
        return statistics.median(trees), statistics.median(mains), statistics.median(anons)

    def measure(hour: int, seconds: float) -> Sample:
        pss_tree, pss_main, pss_anon = pss_median()
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            qapp.processEvents()
        gc.collect()
        wrappers = sum(1 for w in shiboken6.getAllValidWrappers() if isinstance(w, QObject))
        tree = qobjects_in_tree()
        gc.collect()
        objects = gc.get_objects()
        types = Counter(type(o).__name__ for o in objects)
        count = len(objects)
        del objects
        return Sample(
            hour=hour,
            seconds=seconds,
            done=Counter(done),
            pss_tree=pss_tree,
            pss_main=pss_main,
            pss_anon=pss_anon,
            threads_py=threading.active_count(),
            threads_os=len(os.listdir("/proc/self/task")),
            fds=len(os.listdir("/proc/self/fd")),
            qobjects_tree=tree,
            qobject_wrappers=wrappers,
            py_objects=count,
            types=types,
            thread_names=Counter(t.name.rstrip("0123456789_") for t in threading.enumerate()),
            fd_kinds=fd_kinds(),
        )

    samples = [measure(0, 0.0)]
    print(f"started and logged in in {start_s:.1f} s; shift of {args.hours} simulated hours", flush=True)
    call_no = 0
    for hour in range(1, args.hours + 1):
        began = time.perf_counter()
        actions = plan.actions(hour - 1)
        quota = plan.notifications // 2  # a notified call sends two: at the ring and at the end
        inbound = sum(1 for i in range(plan.calls) if (call_no + i) % 2 == 0)
        notify_every = max(1, inbound // quota) if quota else 0
        inbound_seen = notified = 0
        for n, action in enumerate(actions):
            if action == "call":
                notify = False
                if call_no % 2 == 0:
                    notify = bool(quota) and inbound_seen % notify_every == 0 and notified < quota
                    inbound_seen += 1
                    notified += notify
                one_call(call_no, notify)
                call_no += 1
            elif action == "reload":
                reload_page()
            elif action == "renew":
                renew()
            elif action == "copy":
                copy(hour * 1000 + n)
        rest = args.hour_seconds - (time.perf_counter() - began)
        if rest > 0:
            idle(rest)
        skipped[0] += max(0.0, 3600.0 - (time.perf_counter() - began))
        sample = measure(hour, time.perf_counter() - began)
        samples.append(sample)
        print(
            f"  hour {hour} done in {sample.seconds:.0f} s: PSS {sample.pss_tree:.1f} MiB,"
            f" QObjects {sample.qobjects_tree}, fds {sample.fds}, threads {sample.threads_os}",
            flush=True,
        )

    listener = app.listener
    counters = listener.counters if listener is not None else None
    popped = dict(app.live.desk.popped)
    app.quit_now()
    app.deleteLater()
    for _ in range(3):  # the page goes before its profile
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()
    assert sim_proc.stdin is not None
    sim_proc.stdin.close()
    sim_proc.wait(timeout=10)

    report(args, samples, counters, popped, cards, stalls)


def report(
    args: argparse.Namespace,
    samples: list[Sample],
    counters: Any,
    popped: dict[str, int],
    cards: list[int],
    stalls: list[str],
) -> None:
    last = samples[-1].done
    print(f"machine: {machine()}")
    print(
        "a shift on the simulator (another process; real HTTP, real QtWebEngine offscreen, listener on):"
        f" {last['in']} calls in, {last['out']} out, {last['reloads']} page reloads,"
        f" {last['renewals']} session renewals, {last['copies']} clipboard look-ups"
    )
    if counters is not None:
        print(
            f"  listener: {counters.received} notifications received ({counters.delivered} delivered,"
            f" {counters.duplicates} duplicates, incl. hangup callbacks of outbound calls)"
        )
    print(f"  incoming cards {cards[0]} (popped by {popped}), copied-number cards {cards[1]}")
    if stalls:
        print(
            f"  {len(stalls)} waits timed out: {Counter(s.split(' ')[0] for s in stalls)}; first: {stalls[0]}"
        )
    print()
    head = (
        "hour", "real s", "calls", "PSS tree MiB", "PSS app MiB", "anon PSS tree MiB", "threads py/os", "fds", "QObjects tree",
        "QObject wrappers", "Python objects",
    )  # fmt: skip
    print(" | ".join(head))
    for s in samples:
        print(
            " | ".join(
                (
                    "start" if s.hour == 0 else str(s.hour),
                    f"{s.seconds:.0f}",
                    str(s.done["in"] + s.done["out"]),
                    f"{s.pss_tree:.1f}",
                    f"{s.pss_main:.1f}",
                    f"{s.pss_anon:.1f}",
                    f"{s.threads_py}/{s.threads_os}",
                    str(s.fds),
                    str(s.qobjects_tree),
                    str(s.qobject_wrappers),
                    str(s.py_objects),
                )
            )
        )
    hours = samples[1:]
    if len(hours) < 2:
        return
    first, final = hours[0], hours[-1]
    growers = Counter({name: final.types[name] - first.types[name] for name in final.types})
    top = [f"{name} {delta:+d}" for name, delta in growers.most_common(5) if delta > 0]
    print(f"Python objects, top growers hour 1 -> {final.hour}: {', '.join(top) or 'none'}")
    for what, kinds in (("threads", lambda s: s.thread_names), ("fds", lambda s: s.fd_kinds)):
        more = kinds(final) - kinds(first)
        fewer = kinds(first) - kinds(final)
        print(f"{what} hour 1 -> {final.hour}: more {dict(more) or 'none'}, fewer {dict(fewer) or 'none'}")
    anon = (final.pss_anon - first.pss_anon) / first.pss_anon * 100
    print(
        f"anonymous PSS (heaps) hour 1 -> {final.hour}: {first.pss_anon:.1f} -> {final.pss_anon:.1f} MiB, {anon:+.1f} %"
    )
    growth = (final.pss_tree - first.pss_tree) / first.pss_tree * 100
    print()
    print(f"PSS hour 1 -> {final.hour}: {first.pss_tree:.1f} -> {final.pss_tree:.1f} MiB, {growth:+.1f} % (goal < 5 %):"
          f" {'met' if growth < 5 else 'NOT met'}")  # fmt: skip
    half = hours[: max(1, len(hours) // 2)]
    for name, value in (
        ("threads", lambda s: s.threads_os),
        ("fds", lambda s: s.fds),
        ("QObjects (tree)", lambda s: s.qobjects_tree),
        ("QObjects (wrappers)", lambda s: s.qobject_wrappers),
    ):
        series = [value(s) for s in hours]
        grows = series[-1] > max(value(s) for s in half)
        print(f"{name} per hour: {series}: {'GROWS' if grows else 'no growth'}")


if __name__ == "__main__":
    main()
