"""Start-up and memory of the agent window against a bare PySide6 window with a QWebEngineView, in one run.

Three starts, interleaved, each a whole process, offscreen, with the same Chromium flags:
- bare: a QMainWindow holding a QWebEngineView that loads the softphone page (CCS is a simulator in another
  process; its session is made beforehand, not timed);
- real: `ccs-desktop --smoke` as an agent's login-time start: settings saved, the app_token and a session in a
  real Secret Service keyring (a private gnome-keyring on a private D-Bus), CCS the same simulator process;
- expired: the same with a session past its lifetime (the morning after a long shift): it logs in first;
- demo: `ccs-desktop --demo --smoke` (the in-process simulator).
`--smoke` prints its milestones (core/startup.py); the bare window prints when it requested and loaded the page.
The package is byte-compiled first, as `pip install` does (this machine sets PYTHONDONTWRITEBYTECODE).

Run: python bench/bench_startup.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import ccs_command, machine

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BARE = r"""
import json, os, sys
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QMainWindow
sys.path.insert(0, os.environ["CCS_REPO"])
from ccs_desktop.core.memory import process_age, pss_kib, tree_pss_mib  # stdlib-only helpers, no Qt

app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QWebEngineView()
window.setCentralWidget(view)
window.resize(1200, 760)
window.show()
result = {}

def loaded(ok):
    result["page_loaded"] = round(process_age(), 3)
    result["pss_mib"] = tree_pss_mib()
    result["pss_main_mib"] = round(pss_kib(os.getpid()) / 1024, 1)
    print(json.dumps(result), flush=True)
    app.quit()

view.loadFinished.connect(loaded)
result["page_requested"] = round(process_age(), 3)
view.load(QUrl(sys.argv[1]))
app.exec()
"""
STEPS = ("keyring_asked", "imports", "window_built", "window_shown", "keyring", "simulator", "agent", "session", "page_requested",
         "page_loaded", "page_ready", "panels_filled")  # fmt: skip


def run(cmd: list[str], env: dict[str, str]) -> dict:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180, check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"{cmd[:3]} failed ({result.returncode}): {result.stdout[-500:]} {result.stderr[-1500:]}")
    data = json.loads(lines[-1])
    return {**data.pop("marks", {}), **data}


def login(creds: dict[str, str]) -> str:
    query = urllib.parse.urlencode({"function": "login", "app_token": creds["app_token"], "email": creds["email"]})
    with urllib.request.urlopen(f"{creds['base_url']}/api/?{query}", timeout=10) as response:
        return json.load(response)["session"]


def softphone_url(creds: dict[str, str]) -> str:
    host = urllib.parse.urlsplit(creds["base_url"]).hostname
    return f"{creds['base_url']}/demo/sso/?" + urllib.parse.urlencode({"tenant": host, "session": login(creds)})


def agent_home(root: Path, creds: dict[str, str], env: dict[str, str], age_s: float = 0.0) -> dict[str, str]:
    """An agent's account in `root`: settings saved, the token and a session `age_s` old in the keyring of `env`
    (older than its 10 h lifetime: the morning after a long shift, when the app logs in first)."""
    home = {f"XDG_{kind}_HOME": str(root / kind.lower()) for kind in ("CONFIG", "DATA", "STATE", "CACHE")}
    script = r"""
import json, sys, time
from ccs_desktop.core.api import StoredSession
from ccs_desktop.core.credentials import CredentialStore
from ccs_desktop.core.paths import config_file
from ccs_desktop.core.settings import Settings
from ccs_desktop.core.softphone import DEMO_TEMPLATE
creds, session, age = json.loads(sys.argv[1]), sys.argv[2], float(sys.argv[3])
store = CredentialStore(creds["base_url"], creds["email"])
store.save_app_token(creds["app_token"])
store.save_session(StoredSession(session, time.time() - age))  # as the last start left it
settings = Settings(config_file())
settings.update({"tenant": creds["base_url"], "email": creds["email"], "softphone_url_template": DEMO_TEMPLATE,
                 "softphone_build": "demo"})
settings.save()
"""
    full = {**env, **home}
    subprocess.run([sys.executable, "-c", script, json.dumps(creds), login(creds), str(age_s)], env=full, check=True)
    return full


def main() -> None:
    from tests.helpers import start_private_keyring, stop_private_keyring

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    flags = ["--disable-gpu", "--disable-background-networking"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CCS_", "XDG_"))},
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "CCS_REPO": str(REPO),
        "PYTHONPATH": str(REPO),
        "QTWEBENGINE_CHROMIUM_FLAGS": " ".join(flags),
    }
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "ccs_desktop")], check=True)
    scratch = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    (scratch / "keyring").mkdir()
    keyring, address = start_private_keyring(scratch / "keyring")
    env.update(DBUS_SESSION_BUS_ADDRESS=address, PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring")
    sim = subprocess.Popen(
        [sys.executable, "-m", "ccs_desktop", "simulator", "--port", "0"], stdout=subprocess.PIPE, text=True, env=env
    )
    assert sim.stdout is not None
    creds = json.loads(sim.stdout.readline())
    runs: dict[str, list[dict]] = {"bare": [], "real": [], "expired": [], "demo": []}
    try:
        real_env = agent_home(scratch / "agent", creds, env)
        demo_env = {**env, **{f"XDG_{k}_HOME": str(scratch / "demo" / k) for k in ("CONFIG", "DATA", "STATE")}}
        run([*ccs_command(), "--smoke"], real_env)  # first start of the day: the profile and cache are made
        run([*ccs_command(), "--demo", "--smoke"], demo_env)
        expired = 11 * 3600.0  # past the default 10 h lifetime
        for _ in range(args.rounds):
            runs["bare"].append(run([sys.executable, "-c", BARE, softphone_url(creds)], env))
            runs["real"].append(run([*ccs_command(), "--smoke"], real_env))
            morning_env = agent_home(scratch / "morning", creds, env, age_s=expired)  # (its last run renewed it)
            runs["expired"].append(run([*ccs_command(), "--smoke"], morning_env))
            runs["demo"].append(run([*ccs_command(), "--demo", "--smoke"], demo_env))
            time.sleep(0.5)
    finally:
        sim.terminate()
        sim.wait(timeout=10)
        stop_private_keyring(keyring)

    def median(kind: str, key: str) -> float | None:
        values = [float(r[key]) for r in runs[kind] if key in r]
        return statistics.median(values) if values else None

    bare_req, bare_loaded = median("bare", "page_requested"), median("bare", "page_loaded")
    assert bare_req and bare_loaded
    print(f"machine: {machine()}")
    print(f"start-up, {args.rounds} interleaved rounds, median seconds since the process began (offscreen):")
    print(f"  {'milestone':<16}{'bare':>8}{'real':>8}{'expired':>8}{'demo':>8}")
    for step in STEPS:
        cells = [median(kind, step) for kind in ("bare", "real", "expired", "demo")]
        print(f"  {step:<16}" + "".join(f"{'-' if c is None else f'{c:.3f}':>8}" for c in cells))
    for kind, goals in (("real", (1.3, 1.5)), ("demo", (None, 1.8))):
        req, loaded = median(kind, "page_requested"), median(kind, "page_loaded")
        assert req and loaded
        line = f"  {kind}: page requested {req / bare_req:.2f}x"
        line += f" (goal <= {goals[0]}x)" if goals[0] else ""
        print(line + f", page loaded {loaded / bare_loaded:.2f}x (goal <= {goals[1]}x) of the bare window's")
    req, loaded = median("expired", "page_requested"), median("expired", "page_loaded")
    assert req and loaded
    print(
        f"  expired (a real start whose kept session is past its lifetime: it logs in over HTTP first; no goal):"
        f" page requested {req / bare_req:.2f}x, page loaded {loaded / bare_loaded:.2f}x"
    )
    print("memory after start-up, PSS of the process and its QtWebEngine children (median MiB):")
    bare_mem = median("bare", "pss_mib") or 0.0
    bare_main = median("bare", "pss_main_mib") or 0.0
    for kind in ("real", "demo"):
        mem, main_mem = median(kind, "pss_mib") or 0.0, median(kind, "pss_main_mib") or 0.0
        print(
            f"  {kind}: {mem:.0f} MiB, bare {bare_mem:.0f} MiB: {mem - bare_mem:+.0f} MiB (goal <= +40 MiB); "
            f"the main process alone {main_mem:.0f} MiB, bare {bare_main:.0f} MiB: {main_mem - bare_main:+.0f} MiB"
        )
    last = runs["demo"][-1]
    print(f"  rows shown by the demo's smoke run: contacts {last['contacts']}, calls {last['calls']}")


if __name__ == "__main__":
    main()
