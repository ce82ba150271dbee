"""CLI figures, each pair measured in one run, interleaved, on loopback against the simulator.

(a) `ccs-desktop calls` fetching 10,000 records (100 pages) against a bare `requests` loop over the same pages
    with one keep-alive session; both are whole processes (interpreter start included) writing JSON.
(b) `ccs-desktop --help` start time against `python -c pass`.

Run: python bench/bench_cli.py [--records 10000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FROM, TO = "2000-01-01 00:00:00", "2099-12-31 23:59:59"

BARE_LOOP = r"""
import json, sys, requests
base, token = sys.argv[1], sys.argv[2]
http = requests.Session()
params = {"function": "reportsCDRLogs", "app_token": token, "startdate": "FROM", "finishdate": "TO"}
records, cursor = [], None
while True:
    query = dict(params, cursor=cursor) if cursor else params
    data = http.get(base + "/api/", params=query, timeout=(5, 20)).json()
    page = data.get("CallList") or []
    records.extend(page)
    cursor = data.get("cursor")
    if not page or not cursor:
        break
json.dump(records, sys.stdout)
""".replace("FROM", FROM).replace("TO", TO)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{cmd[:3]} failed ({result.returncode}): {result.stderr.strip()}")
    return elapsed


def ccs_command() -> list[str]:
    script = shutil.which("ccs-desktop")
    return [script] if script else [sys.executable, "-m", "ccs_desktop"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--start-runs", type=int, default=20)
    args = parser.parse_args()

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # as `pip install` does; this machine sets PYTHONDONTWRITEBYTECODE, so nothing else writes bytecode
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "ccs_desktop")], check=True)
    sim = subprocess.Popen(
        [sys.executable, "-m", "ccs_desktop", "simulator", "--port", "0", "--seed-calls", str(args.records)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert sim.stdout is not None
    creds = json.loads(sim.stdout.readline())
    try:
        cli_env = {
            **env,
            "CCS_TENANT": creds["base_url"],
            "CCS_EMAIL": creds["email"],
            "CCS_APP_TOKEN": creds["app_token"],
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # the token comes from the environment
        }
        ccs = [*ccs_command(), "calls", "--from", FROM, "--to", TO, "--format", "json"]
        bare = [sys.executable, "-c", BARE_LOOP, creds["base_url"], creds["app_token"]]
        check = subprocess.run(ccs, env=cli_env, capture_output=True, text=True, check=True)
        count = len(json.loads(check.stdout))
        if count != args.records:
            raise SystemExit(f"ccs-desktop calls returned {count} records, expected {args.records}")
        timed(bare, cli_env)  # warm caches for both
        ccs_times, bare_times = [], []
        for _ in range(args.rounds):
            bare_times.append(timed(bare, cli_env))
            ccs_times.append(timed(ccs, cli_env))
    finally:
        sim.terminate()
        sim.wait(timeout=10)

    help_cmd = [*ccs_command(), "--help"]
    pass_cmd = [sys.executable, "-c", "pass"]
    help_times, pass_times = [], []
    for _ in range(args.start_runs):
        pass_times.append(timed(pass_cmd, env))
        help_times.append(timed(help_cmd, env))

    ccs_med, bare_med = statistics.median(ccs_times), statistics.median(bare_times)
    help_med, pass_med = statistics.median(help_times), statistics.median(pass_times)
    print(f"machine: {machine()}")
    print(f"calls, {args.records:,} records ({args.rounds} rounds, median):")
    print(f"  ccs-desktop calls --format json : {ccs_med:.3f} s")
    print(f"  bare requests loop              : {bare_med:.3f} s")
    print(f"  ratio                           : {ccs_med / bare_med:.2f}x (goal <= 1.30x)")
    print(f"start-up ({args.start_runs} runs, median):")
    print(f"  ccs-desktop --help : {help_med * 1000:.0f} ms")
    print(f"  python -c pass     : {pass_med * 1000:.0f} ms")
    print(f"  difference         : {(help_med - pass_med) * 1000:.0f} ms (goal <= 50 ms)")


if __name__ == "__main__":
    main()
