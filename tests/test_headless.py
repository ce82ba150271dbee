"""`python -m pytest` needs no display and no QT_QPA_PLATFORM: tests/conftest.py makes the run headless."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import REPO, cli_env

HEADLESS = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
PLATFORM = "from PySide6.QtGui import QGuiApplication; print(QGuiApplication([]).platformName())"


def test_a_qapplication_and_its_subprocesses_run_offscreen(qapp):
    assert qapp.platformName() == "offscreen"
    child = subprocess.run(
        [sys.executable, "-c", PLATFORM],
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (child.returncode, child.stdout.strip()) == (0, "offscreen"), child.stderr


def test_pytest_runs_headless_with_no_display_and_no_platform_set():
    env = {k: v for k, v in os.environ.items() if k not in HEADLESS}
    env["PYTHONPATH"] = str(REPO)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{__file__}::test_a_qapplication_and_its_subprocesses_run_offscreen",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "1 passed" in run.stdout


def test_ci_exports_nothing_the_readme_command_lacks():
    script = (REPO / ".ci" / "run").read_text()
    exports = [line.split()[1].split("=")[0] for line in script.splitlines() if line.startswith("export ")]
    assert exports == ["DEBIAN_FRONTEND"]  # apt's, not the tests'
    assert script.rstrip().splitlines()[-1] == "pip install -e '.[test]' && ruff check . && python -m pytest"
