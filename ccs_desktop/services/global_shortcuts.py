"""Global shortcuts: keys that work while another program has the keyboard ("call the selected or copied number",
"hang up"), where the platform lets an app have them.

- Windows: `RegisterHotKey` (ctypes), its WM_HOTKEY read by a native event filter on the GUI thread.
- Linux: the XDG GlobalShortcuts portal over D-Bus. Whether the desktop offers it is asked without blocking
  (the portal's `version` property). Binding through it needs `BindShortcuts`' a(sa{sv}) argument, which PySide6's
  QtDBus cannot build (no struct types without C++ registration), so for now the state says the portal is there
  but not used, rather than claiming keys that would never fire.
- Anything else: not offered; the window's own shortcuts still work.

`activated(id)` carries an id of core.hotkeys.GLOBAL_ACTIONS.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject, Signal

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.hotkeys import GLOBAL_ACTIONS, windows_hotkey

log = logging.getLogger(__name__)

PORTAL_SERVICE = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_INTERFACE = "org.freedesktop.portal.GlobalShortcuts"
WM_HOTKEY = 0x0312

# what `availability` can be
CHECKING, PORTAL, PORTAL_UNUSED, WINDOWS, NONE, OFF = (
    "checking",
    "portal",
    "portal-unused",
    "windows",
    "none",
    "off",
)


def availability_text(kind: str) -> str:
    """The state in words, for the settings dialog and the shortcuts sheet."""
    return {
        CHECKING: QCoreApplication.translate("GlobalShortcuts", "Asking the desktop…"),
        PORTAL: QCoreApplication.translate("GlobalShortcuts", "Available through the desktop portal"),
        PORTAL_UNUSED: QCoreApplication.translate(
            "GlobalShortcuts",
            "The desktop portal offers them, but this version of ccs-desktop cannot use it yet",
        ),
        WINDOWS: QCoreApplication.translate("GlobalShortcuts", "Windows hotkeys"),
        NONE: QCoreApplication.translate("GlobalShortcuts", "Not offered by this desktop"),
        OFF: QCoreApplication.translate("GlobalShortcuts", "Turned off"),
    }[kind]


class GlobalShortcuts(QObject):
    """`activated(id)` when a global shortcut is pressed; `availability_changed(kind)` when what the platform
    offers is known (or the agent turned them off).

    `bus`: the D-Bus connection to ask (the session bus by default; tests hand a private one);
    `platform`: sys.platform, so the choice of backend is testable.
    """

    activated = Signal(str)
    availability_changed = Signal(str)

    def __init__(
        self, parent: QObject | None = None, *, bus: Any = None, platform: str = sys.platform
    ) -> None:
        super().__init__(parent)
        self.platform = platform
        self.availability = CHECKING
        self.portal_version = 0
        self._bus = bus
        self._bindings: dict[str, str] = {}
        self._windows: WindowsHotkeys | None = None
        self._watcher: object | None = None

    # --- choosing a backend ----------------------------------------------------------------------------------

    def start(self, enabled: bool, bindings: Mapping[str, str]) -> None:
        """Offer `bindings` (id -> portable key sequence, "" for none), or nothing when not `enabled`."""
        self._bindings = {k: v for k, v in bindings.items() if v and k in GLOBAL_ACTIONS}
        self._release()
        if not enabled:
            self._set(OFF)
        elif self.platform == "win32":
            self._windows = WindowsHotkeys(self.activated.emit)
            self._windows.register(self._bindings)
            self._set(WINDOWS)
        elif self.platform.startswith("linux") or "bsd" in self.platform:
            self._ask_portal()
        else:
            self._set(NONE)

    def stop(self) -> None:
        self._release()

    def _release(self) -> None:
        if self._windows is not None:
            self._windows.unregister()
            self._windows = None

    def _set(self, kind: str) -> None:
        self.availability = kind
        log.info("global shortcuts: %s", kind)
        self.availability_changed.emit(kind)

    def rows(self, names: Mapping[str, str]) -> list[tuple[str, str]]:
        """(what, keys or why not) for each global shortcut, for the shortcuts sheet; `names`: id -> words."""
        working = self.availability in (PORTAL, WINDOWS)
        return [
            (names[i], self._bindings.get(i, "") if working else availability_text(self.availability))
            for i in GLOBAL_ACTIONS
        ]

    # --- the portal ------------------------------------------------------------------------------------------

    def _ask_portal(self) -> None:
        from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher  # noqa: PLC0415

        bus = self._bus if self._bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            self._set(NONE)
            return
        self._set(CHECKING)
        message = QDBusMessage.createMethodCall(
            PORTAL_SERVICE, PORTAL_PATH, "org.freedesktop.DBus.Properties", "Get"
        )
        message.setArguments([PORTAL_INTERFACE, "version"])
        watcher = QDBusPendingCallWatcher(bus.asyncCall(message, 5000), self)
        watcher.finished.connect(self._portal_answered)
        self._watcher = watcher

    def _portal_answered(self, watcher: Any) -> None:
        reply = watcher.reply()
        watcher.deleteLater()
        self._watcher = None
        if reply.type() != reply.MessageType.ReplyMessage or not reply.arguments():
            log.info("no global shortcuts portal (%s)", reply.errorName() or "no answer")
            self._set(NONE)
            return
        self.portal_version = int(_unwrap(reply.arguments()[0]) or 0)
        self._set(PORTAL_UNUSED)


def _unwrap(value: Any) -> Any:
    """A D-Bus variant's value (Properties.Get answers one)."""
    variant = getattr(value, "variant", None)
    return variant() if callable(variant) else value


class WindowsHotkeys(QAbstractNativeEventFilter):
    """RegisterHotKey for each binding on the GUI thread (hotkeys belong to the thread that registers them), and
    WM_HOTKEY read from the thread's messages. `user32`: ctypes' windll.user32 (tests hand a stand-in)."""

    def __init__(self, on_hotkey: Callable[[str], None], user32: Any = None) -> None:
        super().__init__()
        self.on_hotkey = on_hotkey
        self.user32 = user32 if user32 is not None else ctypes.windll.user32  # type: ignore[attr-defined]
        self.ids: dict[int, str] = {}
        self.failed: list[str] = []

    def register(self, bindings: Mapping[str, str]) -> None:
        for number, (name, keys) in enumerate(sorted(bindings.items()), start=1):
            try:
                modifiers, vk = windows_hotkey(keys)
            except InvalidInput:
                self.failed.append(name)
                continue
            if self.user32.RegisterHotKey(None, number, modifiers, vk):
                self.ids[number] = name
            else:  # another program has these keys
                log.warning("the global shortcut for %s is taken by another program", name)
                self.failed.append(name)
        app = QCoreApplication.instance()
        if app is not None and self.ids:
            app.installNativeEventFilter(self)

    def unregister(self) -> None:
        for number in self.ids:
            self.user32.UnregisterHotKey(None, number)
        self.ids.clear()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeNativeEventFilter(self)

    def nativeEventFilter(self, event_type: QByteArray | bytes, message: int) -> tuple[bool, int]:
        if bytes(event_type) != b"windows_generic_MSG":
            return False, 0
        msg = _MSG.from_address(int(message))
        name = self.ids.get(int(msg.wParam)) if msg.message == WM_HOTKEY else None
        if name is None:
            return False, 0
        self.on_hotkey(name)
        return True, 0


class _MSG(ctypes.Structure):
    """winuser.h MSG (what a windows_generic_MSG points at)."""

    _fields_ = [
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
        ("time", ctypes.c_uint32),
        ("pt_x", ctypes.c_long),
        ("pt_y", ctypes.c_long),
    ]


def settings_bindings(get: Callable[[str], str]) -> dict[str, str]:
    """id -> key sequence from the settings (`get`: Settings.get_str)."""
    return {name: get(option) for name, option in GLOBAL_ACTIONS.items()}
