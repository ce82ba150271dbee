"""The tests' private D-Bus and gnome-keyring end with the run that started them, even one killed with -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import REPO

CHILD = """
import sys, time
from pathlib import Path
from tests.helpers import start_private_keyring
proc, address = start_private_keyring(Path(sys.argv[1]))
print(proc.pid, address, flush=True)
time.sleep(120)
"""


def live_members(group: int) -> list[int]:
    """Processes of the group that still run (zombies have ended: only their parent has yet to notice)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == group and fields[0] not in "ZX":
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_keyring_daemons_do_not_outlive_a_killed_run(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env, cwd=REPO
    )
    assert child.stdout is not None
    group_text, address = child.stdout.readline().split()
    group = int(group_text)
    try:
        assert address.startswith("unix:")
        assert len(live_members(group)) >= 3  # the guard, dbus-run-session, dbus-daemon, gnome-keyring-daemon
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=5)
        deadline = time.monotonic() + 5
        while live_members(group) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert live_members(group) == [], "the private bus and keyring outlived the run that started them"
    finally:
        child.stdout.close()
        if live_members(group):
            os.killpg(group, signal.SIGKILL)
