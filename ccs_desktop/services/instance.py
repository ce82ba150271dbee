"""The running GUI's side of the hand-over: one instance per user, later launches pass their request to it."""

from __future__ import annotations

import logging
import os
import tempfile
from typing import Any

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ccs_desktop.core import handoff

log = logging.getLogger(__name__)


class Reply:
    """Lets a handler answer later (a click2call takes a network round trip) without holding the socket."""

    def __init__(self, socket: QLocalSocket) -> None:
        self._socket = socket
        self.sent = False

    def ok(self, result: dict[str, Any] | None = None) -> None:
        self._send({"ok": True, "result": result or {}})

    def fail(self, error: str, exit_code: int = 4) -> None:
        self._send({"ok": False, "error": error, "exit_code": exit_code})

    def _send(self, message: dict[str, Any]) -> None:
        if self.sent:
            return
        self.sent = True
        if self._socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self._socket.write(handoff.encode(message))
            self._socket.flush()
            self._socket.disconnectFromServer()


class InstanceServer(QObject):
    """`request(dict, Reply)` for each hand-over; `listen()` is False when another instance already runs.
    Requests that come before `accept_requests()` (an early start listens before the window exists) wait."""

    request = Signal(dict, object)

    def __init__(self, parent: QObject | None = None, name: str | None = None) -> None:
        super().__init__(parent)
        self.name = name or handoff.server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        # The lock decides who is the one instance: a QLocalServer with access options binds in a private
        # directory and renames its socket over the name, so a second listen() "succeeds" and steals it.
        # QLockFile knows a lock whose process died (a crash) and takes it over.
        folder = os.path.dirname(self.name) if os.path.isabs(self.name) else tempfile.gettempdir()
        self._lock = QLockFile(os.path.join(folder, os.path.basename(self.name) + ".lock"))
        self._waiting: list[tuple[dict[str, Any], Reply]] | None = []

    def accept_requests(self) -> None:
        """Someone listens to `request` now: the waiting requests first."""
        waiting, self._waiting = self._waiting or [], None
        for message, reply in waiting:
            self.request.emit(message, reply)

    def listen(self) -> bool:
        if self._server.isListening():  # (an early start listened first)
            return True
        if not self._lock.tryLock(0):
            return False
        if self._answers():  # an older version's window, which takes no lock
            self._lock.unlock()
            return False
        QLocalServer.removeServer(self.name)  # a crashed instance's socket
        if self._server.listen(self.name):
            return True
        log.warning("could not listen at %s: %s", self.name, self._server.errorString())
        self._lock.unlock()
        return False

    def _answers(self) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        alive = probe.waitForConnected(500)
        probe.abort()
        return alive

    def close(self) -> None:
        self._server.close()
        self._lock.unlock()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            buffer = bytearray()

            def read(sock: QLocalSocket = socket, buf: bytearray = buffer) -> None:
                buf += bytes(sock.readAll().data())
                if len(buf) > handoff.MAX_MESSAGE:
                    sock.abort()
                    return
                if b"\n" not in buf:
                    return
                sock.readyRead.disconnect()
                line = bytes(buf).split(b"\n", 1)[0]
                reply = Reply(sock)
                try:
                    message = handoff.decode(line)
                except ValueError:
                    reply.fail(self.tr("unreadable request"), 2)
                    return
                log.info("hand-over request: %s", message.get("action"))
                if self._waiting is not None:
                    self._waiting.append((message, reply))
                else:
                    self.request.emit(message, reply)

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
