"""Global shortcuts: keys that work while another program has the keyboard ("call the selected or copied number",
"hang up"), where the platform lets an app have them.

- Windows: `RegisterHotKey` (ctypes), its WM_HOTKEY read by a native event filter on the GUI thread.
- Linux: the XDG GlobalShortcuts portal over D-Bus, spoken with jeepney (keyring's own D-Bus library on Linux):
  PySide6's QtDBus cannot build `BindShortcuts`' a(sa{sv}) argument (struct types need C++ registration). One
  thread owns the connection: it asks for the portal's `version`, creates a session, binds the keys, then waits
  for `Activated`; the portal closes the session when the connection goes, so a change of keys starts afresh.
- Anything else: not offered; the window's own shortcuts still work.

`activated(id)` carries an id of core.hotkeys.GLOBAL_ACTIONS.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import socket
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject, Signal

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.hotkeys import GLOBAL_ACTIONS, portal_trigger, windows_hotkey

log = logging.getLogger(__name__)

PORTAL_SERVICE = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_INTERFACE = "org.freedesktop.portal.GlobalShortcuts"
WM_HOTKEY = 0x0312

# what `availability` can be
CHECKING, PORTAL, WINDOWS, NONE, OFF = ("checking", "portal", "windows", "none", "off")


def global_names() -> dict[str, str]:
    """What each global shortcut does, in words (core.hotkeys.GLOBAL_ACTIONS ids)."""
    return {
        "call-selection": QCoreApplication.translate("GlobalShortcuts", "call the selected or copied number"),
        "hang-up": QCoreApplication.translate("GlobalShortcuts", "hang up"),
    }


def availability_text(kind: str) -> str:
    """The state in words, for the settings dialog and the shortcuts sheet."""
    return {
        CHECKING: QCoreApplication.translate("GlobalShortcuts", "Asking the desktop…"),
        PORTAL: QCoreApplication.translate("GlobalShortcuts", "Available through the desktop portal"),
        WINDOWS: QCoreApplication.translate("GlobalShortcuts", "Windows hotkeys"),
        NONE: QCoreApplication.translate("GlobalShortcuts", "Not offered by this desktop"),
        OFF: QCoreApplication.translate("GlobalShortcuts", "Turned off"),
    }[kind]


class GlobalShortcuts(QObject):
    """`activated(id)` when a global shortcut is pressed; `availability_changed(kind)` when what the platform
    offers is known (or the agent turned them off).

    `bus`: the D-Bus address to ask (the session bus by default; tests hand a private one);
    `platform`: sys.platform and `user32`: Windows' user32, so the choice of backend is testable anywhere.
    """

    activated = Signal(str)
    availability_changed = Signal(str)
    _portal_state = Signal(int, str, object)  # from the portal's thread: (its generation, kind, bound keys)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        bus: str | None = None,
        platform: str = sys.platform,
        user32: Any = None,
    ) -> None:
        super().__init__(parent)
        self.platform = platform
        self._user32 = user32  # Windows' user32 (ctypes) by default
        self.availability = CHECKING
        self.portal_version = 0
        self._bus = bus
        self._bindings: dict[str, str] = {}
        self._windows: WindowsHotkeys | None = None
        self._portal: PortalThread | None = None
        self._generation = 0  # a stopped portal thread's late word is not news
        self._portal_state.connect(self._portal_answered)
        self.descriptions = global_names()  # id -> what it does, in words (the desktop's dialog shows them)

    # --- choosing a backend ----------------------------------------------------------------------------------

    def start(self, enabled: bool, bindings: Mapping[str, str]) -> None:
        """Offer `bindings` (id -> portable key sequence, "" for none), or nothing when not `enabled`."""
        self._bindings = {k: v for k, v in bindings.items() if v and k in GLOBAL_ACTIONS}
        self._release()
        if not enabled:
            self._set(OFF)
        elif self.platform == "win32":
            self._windows = WindowsHotkeys(self.activated.emit, self._user32)
            self._windows.register(self._bindings)
            self._set(WINDOWS)
        elif self.platform.startswith("linux") or "bsd" in self.platform:
            self._ask_portal()
        else:
            self._set(NONE)

    def stop(self) -> None:
        self._release()

    def _release(self) -> None:
        if self._portal is not None:
            self._portal.stop()
            self._portal = None
        if self._windows is not None:
            self._windows.unregister()
            self._windows = None

    def _set(self, kind: str) -> None:
        self.availability = kind
        log.info("global shortcuts: %s", kind)
        self.availability_changed.emit(kind)

    def rows(self) -> list[tuple[str, str]]:
        """(what, keys or why not) for each global shortcut, for the shortcuts sheet."""
        working = self.availability in (PORTAL, WINDOWS)
        return [
            (
                self.descriptions[i],
                self._bindings.get(i, "") if working else availability_text(self.availability),
            )
            for i in GLOBAL_ACTIONS
        ]

    # --- the portal ------------------------------------------------------------------------------------------

    def _ask_portal(self) -> None:
        self._set(CHECKING)
        self._generation += 1
        generation = self._generation
        self._portal = PortalThread(
            self._bus or "SESSION",
            {name: (keys, self.descriptions.get(name, name)) for name, keys in self._bindings.items()},
            lambda kind, bound: self._portal_state.emit(generation, kind, bound),
            self.activated.emit,
        )
        self._portal.start()

    def _portal_answered(self, generation: int, kind: str, bound: object) -> None:
        """From the portal's thread (queued here): what it offers, and the keys it bound (id -> its words)."""
        if generation != self._generation or self._portal is None:
            return
        if isinstance(bound, dict):
            self._bindings.update({k: str(v) for k, v in bound.items() if k in self._bindings and v})
        self._set(kind)


class PortalThread(threading.Thread):
    """The portal's conversation on its own connection: `on_state(kind, bound)` once it is known whether the
    desktop offers the portal (PORTAL with id -> trigger words, or NONE), `on_activated(id)` per press.
    `address`: "SESSION" or a bus address (tests run a private bus)."""

    def __init__(
        self,
        address: str,
        bindings: Mapping[str, tuple[str, str]],
        on_state: Callable[[str, object], None],
        on_activated: Callable[[str], None],
    ) -> None:
        super().__init__(name="global-shortcuts-portal", daemon=True)
        self.address, self.bindings = address, dict(bindings)
        self.on_state, self.on_activated = on_state, on_activated
        self.connection: Any = None
        self.stopping = False

    def stop(self) -> None:
        """Ends the wait for presses: the connection is shut, and the portal drops the session with it."""
        self.stopping = True
        connection = self.connection
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.sock.shutdown(socket.SHUT_RDWR)

    def run(self) -> None:
        try:
            from jeepney.io.blocking import open_dbus_connection  # noqa: PLC0415 - Linux only, when asked

            self.connection = open_dbus_connection(self.address)
        except Exception as exc:  # no bus, or no jeepney: the desktop offers nothing we can use
            log.info("no D-Bus session for global shortcuts (%s)", type(exc).__name__)
            self.on_state(NONE, None)
            return
        try:
            with self.connection:
                self._converse(self.connection)
        except Exception as exc:  # the bus went away, or a stop: nothing more to hear
            if not self.stopping:
                log.warning("global shortcuts portal: %s", type(exc).__name__)
                self.on_state(NONE, None)

    def _converse(self, connection: Any) -> None:
        from jeepney import DBusAddress, DBusErrorResponse, MatchRule, Properties, new_method_call  # noqa: PLC0415
        from jeepney.bus_messages import message_bus  # noqa: PLC0415
        from jeepney.wrappers import unwrap_msg  # noqa: PLC0415

        portal = DBusAddress(PORTAL_PATH, bus_name=PORTAL_SERVICE, interface=PORTAL_INTERFACE)
        try:
            version = unwrap_msg(connection.send_and_get_reply(Properties(portal).get("version"), timeout=5))
        except DBusErrorResponse as exc:
            log.info("no global shortcuts portal (%s)", exc.name)
            self.on_state(NONE, None)
            return
        log.info("global shortcuts portal, version %s", version[0][1])
        sender = connection.unique_name[1:].replace(".", "_")

        def request(method: str, signature: str, body: tuple[Any, ...], token: str) -> dict[str, Any]:
            """A portal call answered by a Request's Response signal: its results (an error unless 0)."""
            path = f"{PORTAL_PATH}/request/{sender}/{token}"
            rule = MatchRule(
                type="signal", interface="org.freedesktop.portal.Request", member="Response", path=path
            )
            unwrap_msg(connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=5))
            with connection.filter(rule) as queue:
                unwrap_msg(
                    connection.send_and_get_reply(new_method_call(portal, method, signature, body), timeout=5)
                )
                response, results = connection.recv_until_filtered(queue, timeout=None).body
            if response != 0:  # 1: the agent said no in the desktop's dialog; 2: something else ended it
                raise PermissionError(f"{method} answered {response}")
            return {key: value for key, (_sig, value) in results.items()}

        created = request(
            "CreateSession",
            "a{sv}",
            ({"handle_token": ("s", "ccs_session"), "session_handle_token": ("s", "ccs_desktop")},),
            "ccs_session",
        )
        session = str(created["session_handle"])
        shortcuts = [
            (name, {"description": ("s", description), "preferred_trigger": ("s", portal_trigger(keys))})
            for name, (keys, description) in self.bindings.items()
        ]
        # Presses are listened for before the keys are bound: one that comes right after is not lost.
        pressed = MatchRule(type="signal", interface=PORTAL_INTERFACE, member="Activated", path=PORTAL_PATH)
        unwrap_msg(connection.send_and_get_reply(message_bus.AddMatch(pressed), timeout=5))
        with connection.filter(pressed, bufsize=16) as queue:
            bound = request(
                "BindShortcuts",
                "oa(sa{sv})sa{sv}",
                (session, shortcuts, "", {"handle_token": ("s", "ccs_bind")}),
                "ccs_bind",
            )
            words = {
                name: dict(info).get("trigger_description", ("s", ""))[1]
                for name, info in bound.get("shortcuts", [])
            }
            self.on_state(PORTAL, words)
            while not self.stopping:
                handle, name, _timestamp, _options = connection.recv_until_filtered(queue, timeout=None).body
                if handle == session and name in self.bindings:
                    self.on_activated(name)


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
