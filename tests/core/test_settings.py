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


def test_subscribers_hear_once_per_change_of_their_options(tmp_path):
    settings = Settings(tmp_path / "config.ini")
    heard: dict[str, list[frozenset[str]]] = {"region": [], "listener": [], "any": []}
    settings.on_change(heard["region"].append, "region")
    stop = settings.on_change(heard["listener"].append, "listener_address", "listener_port")
    settings.on_change(heard["any"].append)
    settings.update({"listener_address": "0.0.0.0", "listener_port": "5000", "dial_format": "e164"})
    assert heard["listener"] == [{"listener_address", "listener_port"}], "one call for one update"
    assert heard["any"] == [{"listener_address", "listener_port", "dial_format"}]
    assert heard["region"] == []
    settings.set("region", "TR")  # the value it has: no news
    settings.set("listener_port", 5000)
    assert heard["region"] == [] and len(heard["listener"]) == 1 and len(heard["any"]) == 1
    settings.set("region", "DE")
    assert heard["region"] == [{"region"}]
    stop()
    settings.set("listener_port", 5001)
    assert len(heard["listener"]) == 1, "unsubscribed"
    with pytest.raises(KeyError):
        settings.on_change(print, "no_such_option")


def test_a_failing_subscriber_does_not_stop_the_others(tmp_path):
    settings = Settings(tmp_path / "config.ini")
    reported: list[tuple[str, BaseException]] = []
    settings.report = lambda where, exc: reported.append((where, exc))
    heard: list[str] = []

    def broken(_changed: frozenset[str]) -> None:
        raise RuntimeError("bug in a consumer")

    settings.on_change(lambda _c: heard.append("first"), "region")
    settings.on_change(broken, "region")
    settings.on_change(lambda _c: heard.append("third"), "region")
    settings.set("region", "DE")
    assert heard == ["first", "third"]
    assert [(where, str(exc)) for where, exc in reported] == [
        ("applying the region setting", "bug in a consumer")
    ]
    assert settings.get("region") == "DE"


def test_a_failing_subscriber_is_logged_with_its_traceback_by_default(tmp_path, caplog):
    settings = Settings(tmp_path / "config.ini")
    settings.on_change(lambda _c: 1 / 0, "region")
    with caplog.at_level("ERROR"):
        settings.set("region", "DE")
    assert "applying the region setting" in caplog.text and "ZeroDivisionError" in caplog.text


def test_an_update_with_one_bad_value_changes_nothing(tmp_path):
    settings = Settings(tmp_path / "config.ini")
    heard: list[frozenset[str]] = []
    settings.on_change(heard.append)
    with pytest.raises(InvalidInput, match="dial_format"):
        settings.update({"region": "DE", "dial_format": "morse"})
    assert settings.get("region") == "TR" and heard == []


def test_a_save_keeps_what_another_process_wrote_meanwhile(tmp_path):
    """`ccs-desktop login` while the window runs: the window's later save must not undo it."""
    path = tmp_path / "config.ini"
    window = Settings(path)
    window.set("region", "DE")
    cli = Settings(path)
    cli.set("tenant", "acme")
    cli.save()
    window.set("window_geometry", "AAAA")
    window.save()
    again = Settings(path)
    assert (again.get("tenant"), again.get("region"), again.get("window_geometry")) == ("acme", "DE", "AAAA")


def test_the_window_layout_is_a_declared_setting_in_its_own_section(tmp_path):
    path = tmp_path / "config.ini"
    settings = Settings(path)
    settings.update({"window_geometry": "AdnQywADAAA=", "window_splitter": "AAAA/wAAAAE="})
    settings.save()
    assert "[window]\nwindow_geometry = AdnQywADAAA=\nwindow_splitter = AAAA/wAAAAE=" in path.read_text()
    assert Settings(path).get("window_geometry") == "AdnQywADAAA="
    assert "window_" not in path.read_text().split("[window]")[0], "not among the agent's options"


def test_the_command_reads_its_language_through_the_registry(tmp_path):
    """`ccs-desktop --help` picks its language before anything else: with the registry's parsing and checks."""
    from ccs_desktop.core import i18n

    path = tmp_path / "config.ini"
    path.write_text("[ccs-desktop]\nlanguage: tr\n", encoding="utf-8")  # INI allows ':' as well as '='
    assert i18n.configured_language(path) == Settings(path).get("language") == "tr"
    path.write_text("[ccs-desktop]\nlanguage = klingon\n", encoding="utf-8")
    assert i18n.configured_language(path) == "auto", "a value the registry refuses is its default"
    path.write_text("[ccs-desktop\nlanguage = tr\n", encoding="utf-8")
    assert i18n.configured_language(path) == "auto", "a damaged file is the default, quietly"
