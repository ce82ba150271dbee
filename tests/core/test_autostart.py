"""Start at login on all three platforms, on Linux: XDG files for real, a winreg stand-in, plists under a tmp HOME."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import shutil
import subprocess
import sys

import pytest

from ccs_desktop import APP_ID
from ccs_desktop.core import autostart
from ccs_desktop.core.autostart import RUN_KEY, RUN_VALUE, LaunchAgent, WindowsRunKey, XdgAutostart

APP = ["/opt/CCS Desktop/ccs-desktop"]


def read_entry(path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser["Desktop Entry"]


def test_xdg_entry_starts_minimized_and_goes_away(user_dirs):
    backend = autostart.for_platform("linux")
    path = user_dirs.config / "autostart" / f"{APP_ID}.desktop"
    assert isinstance(backend, XdgAutostart) and backend.path == path  # $XDG_CONFIG_HOME, set per test
    autostart.apply(True, backend, APP)
    entry = read_entry(path)
    assert shlex.split(entry["Exec"]) == [*APP, "--minimized"]
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert entry["Type"] == "Application"
    assert backend.is_enabled()
    if shutil.which("desktop-file-validate") is None:
        pytest.fail("desktop-file-validate is missing: install desktop-file-utils (see .ci/run)")
    check = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    autostart.apply(False, backend, APP)
    assert not path.exists()
    autostart.apply(False, backend, APP)  # already off: nothing to do, no error
    assert not backend.is_enabled()


def test_default_command_is_this_ccs_desktop(user_dirs, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/ccs-desktop/ccs-desktop")
    autostart.apply(True, XdgAutostart())
    entry = read_entry(user_dirs.config / "autostart" / f"{APP_ID}.desktop")
    assert entry["Exec"] == "/opt/ccs-desktop/ccs-desktop --minimized"


class FakeKey:
    def __init__(self, values: dict) -> None:
        self.values = values

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class FakeWinreg:
    """The few `winreg` functions the Run-key backend uses, with winreg's errors (FileNotFoundError)."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = 0x2
    KEY_QUERY_VALUE = 0x1
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], dict[str, tuple[object, int]]] = {}

    def CreateKeyEx(self, root, path, reserved=0, access=0):
        return FakeKey(self.keys.setdefault((root, path.lower()), {}))

    def OpenKey(self, root, path, reserved=0, access=0):
        if (root, path.lower()) not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(self.keys[(root, path.lower())])

    def SetValueEx(self, key, name, reserved, kind, value):
        assert isinstance(value, str) and kind == self.REG_SZ
        key.values[name] = (value, kind)

    def DeleteValue(self, key, name):
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del key.values[name]

    def QueryValueEx(self, key, name):
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return key.values[name]


def test_windows_run_value_is_written_and_removed():
    reg = FakeWinreg()
    backend = WindowsRunKey(reg)
    backend.disable()  # no Run key at all yet: nothing to remove, no error
    assert not backend.is_enabled()
    reg.CreateKeyEx(reg.HKEY_CURRENT_USER, RUN_KEY).values["OneDrive"] = ("C:\\od.exe /background", 1)
    exe = "C:\\Users\\Deniz\\AppData\\Local\\Programs\\CCS Desktop\\ccs-desktop.exe"
    autostart.apply(True, backend, [exe])
    # the installer's autostart task writes the same value name with the same text: "{app}\ccs-desktop.exe" --minimized
    assert backend.value() == f'"{exe}" --minimized'
    assert reg.keys[("HKCU", RUN_KEY.lower())]["OneDrive"] == ("C:\\od.exe /background", 1)
    autostart.apply(False, backend, [exe])
    assert not backend.is_enabled()
    assert set(reg.keys[("HKCU", RUN_KEY.lower())]) == {"OneDrive"}  # only ours went
    autostart.apply(False, backend, [exe])
    assert RUN_VALUE == "ccs-desktop"


def test_macos_launch_agent_under_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    backend = autostart.for_platform("darwin")
    assert isinstance(backend, LaunchAgent)
    autostart.apply(True, backend, ["/Applications/CCS Desktop.app/Contents/MacOS/ccs-desktop"])
    path = tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    with path.open("rb") as handle:
        agent = plistlib.load(handle)
    assert agent["Label"] == APP_ID
    assert agent["ProgramArguments"] == [
        "/Applications/CCS Desktop.app/Contents/MacOS/ccs-desktop",
        "--minimized",
    ]
    assert agent["RunAtLoad"] is True
    autostart.apply(False, backend)
    assert not path.exists()
