"""Chromium's process setup: flags appended once, the user's own flags respected."""

from __future__ import annotations

import logging
import os

import pytest

from ccs_desktop.web import engine


@pytest.fixture
def clean_env(monkeypatch):
    monkeypatch.delenv(engine.ENV_FLAGS, raising=False)
    monkeypatch.setattr(engine, "_warned_root", False)
    return monkeypatch


def flags() -> list[str]:
    return os.environ[engine.ENV_FLAGS].split()


def test_the_test_run_is_prepared(qapp):
    """conftest's qapp_args ran prepare_environment before the QApplication: the ringtone flag is set."""
    assert "--autoplay-policy=no-user-gesture-required" in flags()


def test_root_gets_no_sandbox_and_one_warning(clean_env, caplog):
    clean_env.setattr(engine, "_is_root", lambda: True)
    with caplog.at_level(logging.WARNING, logger="ccs_desktop.web.engine"):
        engine.prepare_environment()
        engine.prepare_environment()
    assert flags().count("--no-sandbox") == 1
    assert [r.message for r in caplog.records].count(
        "running as root: Chromium's sandbox is switched off for the softphone page"
    ) == 1


def test_no_sandbox_flag_for_normal_users(clean_env):
    clean_env.setattr(engine, "_is_root", lambda: False)
    engine.prepare_environment()
    assert "--no-sandbox" not in flags()


def test_offscreen_renders_in_software_only_offscreen(clean_env):
    clean_env.setattr(engine, "_is_root", lambda: False)
    clean_env.setenv("QT_QPA_PLATFORM", "offscreen")
    engine.prepare_environment()
    assert "--disable-gpu" in flags()
    clean_env.delenv(engine.ENV_FLAGS)
    clean_env.setenv("QT_QPA_PLATFORM", "xcb")
    engine.prepare_environment()
    assert "--disable-gpu" not in flags()


def test_platform_argument_wins_over_the_environment(clean_env):
    clean_env.setenv("QT_QPA_PLATFORM", "xcb")
    clean_env.setattr("sys.argv", ["ccs-desktop", "-platform", "offscreen"])
    assert engine._platform() == "offscreen"


def test_user_flags_are_kept_and_win(clean_env):
    clean_env.setenv(engine.ENV_FLAGS, "--lang=tr --autoplay-policy=user-gesture-required")
    engine.prepare_environment()
    engine.prepare_environment()
    result = flags()
    assert result[:2] == ["--lang=tr", "--autoplay-policy=user-gesture-required"]
    assert not any(f.startswith("--autoplay-policy=no-") for f in result)
    assert len(result) == len(set(result)), "idempotent: no flag twice"


def test_merge_flags_compares_switch_names():
    assert engine.merge_flags("", ["--a=1", "--b"]) == "--a=1 --b"
    assert engine.merge_flags("--a=2", ["--a=1", "--b"]) == "--a=2 --b"
    assert engine.merge_flags("--b --a", ["--a=1", "--b"]) == "--b --a"
