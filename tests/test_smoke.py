"""`ccs-desktop --demo --smoke` end to end: the real app in a subprocess, offscreen, with its own simulator."""

from __future__ import annotations

import json
import os

import pytest

from tests.helpers import cli_env, run_cli

pytestmark = [pytest.mark.e2e, pytest.mark.webengine]


def test_demo_smoke_prints_its_figures_and_exits_0(user_dirs):
    env = cli_env(None, QT_QPA_PLATFORM="offscreen")
    result = run_cli("--demo", "--smoke", env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert 0 < figures["softphone_loaded_s"] <= figures["ready_s"] < 60
    assert figures["calls"] > 0
    assert figures["contacts"] == 18  # the demo's named customers
    if os.path.exists("/proc/self/smaps_rollup"):
        assert 100 < figures["pss_mib"] < 2000
    # the smoke run never overwrites the agent's window layout, and the demo never touches the real contacts
    config = user_dirs.config / "ccs-desktop" / "config.ini"
    assert not config.exists() or "[window]" not in config.read_text()
    assert not (user_dirs.data / "ccs-desktop" / "ccs-desktop.sqlite3").exists()


def test_smoke_without_demo_is_refused():
    result = run_cli("--smoke", env=cli_env(None, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 2
    assert "--smoke needs --demo" in result.stderr
