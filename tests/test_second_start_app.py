"""A second `ccs-desktop --demo` while the real app runs: it says why it cannot, in its terminal and in the
running window, and exits non-zero (it used to raise the real window without a word). Real processes, real
local socket, the whole app on the simulator."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import cli_env
from tests.test_app import WAIT, harness  # noqa: F401 - the fixture, by name

pytestmark = [pytest.mark.gui, pytest.mark.webengine]
WANTED = "ccs-desktop is already running (not in demo mode); quit it first to try the demo."


def run_second(qtbot, *args: str) -> subprocess.CompletedProcess[str]:
    """`ccs-desktop ARGS` as a second process, while this test's event loop keeps the first one serving."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ccs_desktop", *args],
        env=cli_env(None),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = proc.communicate()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_demo_while_the_real_app_runs_says_so_and_fails(harness, qtbot):  # noqa: F811
    harness.wait_ready()
    window = harness.app.window
    window.hide()
    done = run_second(qtbot, "--demo")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == f"ccs-desktop: {WANTED}"
    assert window.isVisible()  # the window the agent has comes up, and says the same
    assert window.statusBar().currentMessage() == WANTED
    assert harness.app.demo_sim is None, "the real app stays the real app"
    plain = run_second(qtbot)  # a plain second start still just shows the window
    assert plain.returncode == 0, plain.stderr
