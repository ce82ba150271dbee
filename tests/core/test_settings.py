from __future__ import annotations

import re
from pathlib import Path

import pytest

from ccs_desktop.core import settings as settings_module
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.settings import OPTIONS, Settings

PACKAGE = Path(settings_module.__file__).resolve().parent.parent


def test_defaults_and_round_trip(tmp_path):
    path = tmp_path / "cfg" / "config.ini"
    settings = Settings(path)
    assert settings.get("region") == "TR"
    assert settings.get("dial_format") == "national"
    assert settings.get("session_lifetime_hours") == 10.0
    settings.set("tenant", "acme")
    settings.set("dial_format", "e164")
    settings.set("read_timeout", "7.5")
    settings.save()
    again = Settings(path)
    assert again.get("tenant") == "acme"
    assert again.get("dial_format") == "e164"
    assert again.get("read_timeout") == 7.5
    assert "version = 1" in path.read_text()


def test_invalid_values_are_refused_with_a_message(tmp_path):
    settings = Settings(tmp_path / "config.ini")
    with pytest.raises(InvalidInput, match="dial_format"):
        settings.set("dial_format", "morse")
    with pytest.raises(InvalidInput, match="float"):
        settings.set("read_timeout", "soon")
    with pytest.raises(InvalidInput, match="no setting"):
        settings.set("app_token", "x")


def test_a_bad_value_in_the_file_falls_back_to_the_default(tmp_path, caplog):
    path = tmp_path / "config.ini"
    path.write_text("[ccs-desktop]\nread_timeout = soon\ntenant = acme\nfuture_key = kept\n")
    settings = Settings(path)
    with caplog.at_level("WARNING"):
        assert settings.get("read_timeout") == 20.0
    assert "read_timeout" in caplog.text
    settings.set("region", "DE")
    settings.save()
    text = path.read_text()
    assert "future_key = kept" in text  # keys of newer versions survive a save
    assert "tenant = acme" in text


def test_a_damaged_file_is_a_clear_error(tmp_path):
    path = tmp_path / "config.ini"
    path.write_text("this is not ini\n[[[")
    with pytest.raises(InvalidInput, match="damaged"):
        Settings(path)


def test_no_setting_can_hold_a_secret():
    for name in OPTIONS:
        assert not re.search(r"token|session_key|password|secret", name), name


def test_code_reads_only_declared_settings():
    """Every get*/set("name") in the package names a declared option (a typo would silently read a default)."""
    pattern = re.compile(r"settings\.(?:get|get_str|get_float|get_bool|set|is_set)\(\s*\"([a-z_]+)\"")
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern found no settings reads at all"
    assert used <= set(OPTIONS), used - set(OPTIONS)
