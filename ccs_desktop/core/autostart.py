"""Start ccs-desktop, minimized to the tray, when the user logs in: the `autostart` setting made real.

One backend per platform, each writing the one thing that platform reads at login:
- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/<APP_ID>.desktop`;
- Windows: the value `RUN_VALUE` under HKCU\\...\\CurrentVersion\\Run (the installer's autostart task writes
  the same value, so the setting and the installer never make two entries);
- macOS: `~/Library/LaunchAgents/<APP_ID>.plist` with RunAtLoad.
Each takes what it touches as an argument (a config dir, a winreg-like module, a home dir), so all three are
tested on Linux. `apply()` is idempotent: saving the settings rewrites the entry, which also repairs it when
the app moved (a new bundle path, a new virtualenv).
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from ccs_desktop import APP_ID, APP_TITLE
from ccs_desktop.core.desktop import MINIMIZED_FLAG, exec_line, launch_command, xdg_config_home

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "ccs-desktop"


class Autostart(Protocol):
    def enable(self, command: Sequence[str]) -> None: ...
    def disable(self) -> None: ...
    def is_enabled(self) -> bool: ...


def login_command(command: Sequence[str] | None = None) -> list[str]:
    """The command run at login: this ccs-desktop, straight to the tray."""
    return [*(command or launch_command()), MINIMIZED_FLAG]


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class XdgAutostart:
    """The freedesktop.org autostart entry, honoured by GNOME, KDE, Xfce, LXQt and others."""

    def __init__(self, config_home: Path | None = None) -> None:
        self.path = (config_home or xdg_config_home()) / "autostart" / f"{APP_ID}.desktop"

    def enable(self, command: Sequence[str]) -> None:
        text = (
            "[Desktop Entry]\n"
            "Type=Application\n"
            f"Name={APP_TITLE}\n"
            f"Icon={APP_ID}\n"
            f"Exec={exec_line(command)}\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
        )
        _write_atomic(self.path, text.encode("utf-8"))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def is_enabled(self) -> bool:
        return self.path.is_file()


class WindowsRunKey:
    """HKCU Run value; `registry` is the `winreg` module, or anything with the same few functions."""

    def __init__(self, registry: Any = None) -> None:
        if registry is None:
            import winreg  # noqa: PLC0415 - exists on Windows only

            registry = winreg
        self.reg = registry

    def enable(self, command: Sequence[str]) -> None:
        with self.reg.CreateKeyEx(self.reg.HKEY_CURRENT_USER, RUN_KEY, 0, self.reg.KEY_SET_VALUE) as key:
            self.reg.SetValueEx(key, RUN_VALUE, 0, self.reg.REG_SZ, subprocess.list2cmdline(list(command)))

    def disable(self) -> None:
        try:
            with self.reg.OpenKey(self.reg.HKEY_CURRENT_USER, RUN_KEY, 0, self.reg.KEY_SET_VALUE) as key:
                self.reg.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            pass  # no Run key or no value: already off

    def value(self) -> str | None:
        try:
            with self.reg.OpenKey(self.reg.HKEY_CURRENT_USER, RUN_KEY, 0, self.reg.KEY_QUERY_VALUE) as key:
                data, _kind = self.reg.QueryValueEx(key, RUN_VALUE)
        except FileNotFoundError:
            return None
        return str(data)

    def is_enabled(self) -> bool:
        return self.value() is not None


class LaunchAgent:
    """A per-user launchd agent that runs at login (loaded by launchd at the next login, not now)."""

    def __init__(self, home: Path | None = None) -> None:
        self.path = (home or Path.home()) / "Library" / "LaunchAgents" / f"{APP_ID}.plist"

    def enable(self, command: Sequence[str]) -> None:
        plist = {
            "Label": APP_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",  # a GUI login, not an ssh session
        }
        _write_atomic(self.path, plistlib.dumps(plist))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def is_enabled(self) -> bool:
        return self.path.is_file()


def for_platform(platform: str | None = None) -> Autostart:
    platform = platform or sys.platform
    if platform == "win32":
        return WindowsRunKey()
    if platform == "darwin":
        return LaunchAgent()
    return XdgAutostart()


def apply(enabled: bool, backend: Autostart | None = None, command: Sequence[str] | None = None) -> None:
    """Make the login entry match the setting; blocking file or registry I/O, so call it from a worker."""
    backend = backend or for_platform()
    if enabled:
        backend.enable(login_command(command))
    else:
        backend.disable()
