"""A private D-Bus session bus (a real dbus-daemon) and, on it, a stand-in for the desktop's GlobalShortcuts portal:
what the simulator is to CCS, this is to xdg-desktop-portal. It speaks the portal's documented interface over real
D-Bus (jeepney, in a thread): Properties.Get(version), CreateSession and BindShortcuts answered through a Request's
Response signal, and `press(id)` sends Activated as a desktop would when the agent presses the keys."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from typing import Any

from jeepney import DBusAddress, MessageType, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import unwrap_msg

PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"


@contextlib.contextmanager
def private_bus() -> Iterator[str]:
    """A dbus-daemon of this test's own; yields its address."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        import pytest

        pytest.skip("dbus-daemon is not installed")
    proc = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()


class FakePortal(threading.Thread):
    """`bound`: what the app asked to bind, per session; `sessions`: the session handles it created."""

    def __init__(self, address: str, *, refuse_bind: bool = False) -> None:
        super().__init__(name="fake-portal", daemon=True)
        self.connection = open_dbus_connection(address)
        unwrap_msg(
            self.connection.send_and_get_reply(message_bus.RequestName("org.freedesktop.portal.Desktop"))
        )
        self.refuse_bind = refuse_bind
        self.bound: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        self.sessions: list[str] = []
        self.ready = threading.Event()
        self._lock = threading.Lock()

    def run(self) -> None:
        with contextlib.suppress(OSError, EOFError, ConnectionError, ValueError):
            while True:
                message = self.connection.receive()
                if message.header.message_type == MessageType.method_call:
                    self._answer(message)

    def _answer(self, message: Any) -> None:
        member = message.header.fields[3]  # HeaderFields.member
        sender = message.header.fields[7][1:].replace(".", "_")  # HeaderFields.sender
        with self._lock:
            if member == "Get":
                self._send(new_method_return(message, "v", (("u", 2),)))
            elif member == "CreateSession":
                options = message.body[0]
                request = f"{PATH}/request/{sender}/{options['handle_token'][1]}"
                session = f"{PATH}/session/{sender}/{options['session_handle_token'][1]}"
                self.sessions.append(session)
                self._send(new_method_return(message, "o", (request,)))
                self._respond(request, 0, {"session_handle": ("s", session)})
            elif member == "BindShortcuts":
                session, shortcuts, _parent, options = message.body
                request = f"{PATH}/request/{sender}/{options['handle_token'][1]}"
                self.bound[session] = shortcuts
                self._send(new_method_return(message, "o", (request,)))
                words = [
                    (name, {"trigger_description": ("s", "Press " + info["preferred_trigger"][1])})
                    for name, info in shortcuts
                ]
                self._respond(request, 1 if self.refuse_bind else 0, {"shortcuts": ("a(sa{sv})", words)})
        self.ready.set()

    def _respond(self, request: str, code: int, results: dict[str, Any]) -> None:
        address = DBusAddress(request, interface="org.freedesktop.portal.Request")
        self._send(new_signal(address, "Response", "ua{sv}", (code, results)))

    def _send(self, message: Any) -> None:
        self.connection.send(message)

    def press(self, name: str, session: str | None = None) -> None:
        """The agent pressed the keys bound to `name` (in the last session, unless told)."""
        with self._lock:
            handle = session or self.sessions[-1]
            address = DBusAddress(PATH, interface=SHORTCUTS)
            self._send(new_signal(address, "Activated", "osta{sv}", (handle, name, 0, {})))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.sock.shutdown(socket.SHUT_RDWR)
        self.join(timeout=10)
        self.connection.close()
