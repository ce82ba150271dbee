"""Start-up and memory of the agent window against a bare PySide6 window with a QWebEngineView, in one run.

ccs-desktop: `ccs-desktop --demo --smoke` (in-process simulator, login, softphone page loaded and logged in,
panels filled) prints softphone_loaded_s and pss_mib itself. Bare: a QMainWindow holding a QWebEngineView that
loads the same softphone page (from a simulator in another process, with a session made beforehand, neither
timed); it prints the same two figures. Both offscreen, same Chromium flags, interleaved rounds. The package is
byte-compiled first, as `pip install` does (this machine sets PYTHONDONTWRITEBYTECODE).

Run: python bench/bench_startup.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import ccs_command, machine

REPO = Path(__file__).resolve().parent.parent

BARE = r"""
import json, os, sys
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QMainWindow
sys.path.insert(0, os.environ["CCS_REPO"])
from ccs_desktop.core.memory import process_age, tree_pss_mib  # stdlib-only helpers, no Qt

app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QWebEngineView()
window.setCentralWidget(view)
window.resize(1200, 760)
window.show()
result = {}

def loaded(ok):
    result["softphone_loaded_s"] = round(process_age(), 3)
    result["pss_mib"] = tree_pss_mib()
    print(json.dumps(result), flush=True)
    app.quit()

view.loadFinished.connect(loaded)
view.load(QUrl(sys.argv[1]))
app.exec()
"""


def run(cmd: list[str], env: dict[str, str]) -> dict:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180, check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"{cmd[:3]} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    return json.loads(lines[-1])


def softphone_url(creds: dict[str, str]) -> str:
    query = urllib.parse.urlencode(
        {"function": "login", "app_token": creds["app_token"], "email": creds["email"]}
    )
    with urllib.request.urlopen(f"{creds['base_url']}/api/?{query}", timeout=10) as response:
        session = json.load(response)["session"]
    host = urllib.parse.urlsplit(creds["base_url"]).hostname
    return f"{creds['base_url']}/demo/sso/?" + urllib.parse.urlencode({"tenant": host, "session": session})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    flags = ["--disable-gpu", "--disable-background-networking"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "CCS_REPO": str(REPO),
        "PYTHONPATH": str(REPO),
        "QTWEBENGINE_CHROMIUM_FLAGS": " ".join(flags),
    }
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "ccs_desktop")], check=True)
    sim = subprocess.Popen(
        [sys.executable, "-m", "ccs_desktop", "simulator", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert sim.stdout is not None
    creds = json.loads(sim.stdout.readline())
    app_runs, bare_runs = [], []
    try:
        for _ in range(args.rounds):
            bare_runs.append(run([sys.executable, "-c", BARE, softphone_url(creds)], env))
            app_runs.append(run([*ccs_command(), "--demo", "--smoke"], env))
    finally:
        sim.terminate()
        sim.wait(timeout=10)

    def median(runs: list[dict], key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)

    app_s, bare_s = median(app_runs, "softphone_loaded_s"), median(bare_runs, "softphone_loaded_s")
    app_ready = median(app_runs, "ready_s")
    app_mem, bare_mem = median(app_runs, "pss_mib"), median(bare_runs, "pss_mib")
    print(f"machine: {machine()}")
    print(f"start-up, {args.rounds} interleaved rounds, median (offscreen):")
    print(
        f"  ccs-desktop --demo: softphone loaded {app_s:.2f} s, logged in with panels filled {app_ready:.2f} s"
    )
    print(f"  bare QWebEngineView window, same softphone page: loaded {bare_s:.2f} s")
    print(f"  ratio: {app_s / bare_s:.2f}x (goal <= 2x)")
    print("memory, PSS of the process and its QtWebEngine children:")
    print(f"  ccs-desktop --demo: {app_mem:.0f} MiB; bare: {bare_mem:.0f} MiB")
    print(f"  difference: {app_mem - bare_mem:+.0f} MiB (goal <= +80 MiB)")
    print(
        f"  rows shown by the smoke run: contacts {app_runs[-1]['contacts']}, calls {app_runs[-1]['calls']}"
    )


if __name__ == "__main__":
    main()
