"""The hand-over client against a real Unix socket: what a second `ccs-desktop` says when the window goes away."""

from __future__ import annotations

import os
import socket
import sys
import threading

import pytest

from ccs_desktop.core import handoff
from ccs_desktop.core.errors import NetworkError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the POSIX socket path; Windows uses a pipe")


def serve_once(answer: bytes | None) -> threading.Thread:
    """A stand-in window on the hand-over socket: reads the request, then answers `answer` or just closes."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(handoff.server_name())
    server.listen(1)

    def run() -> None:
        conn, _ = server.accept()
        with conn, server:
            conn.recv(65536)
            if answer is not None:
                conn.sendall(answer)
        os.unlink(handoff.server_name())

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_window_that_quits_before_answering_is_named_as_such():
    thread = serve_once(None)
    with pytest.raises(NetworkError, match="closed before answering; it may have quit"):
        handoff.send({"action": "call", "number": "05321234562"}, timeout=5)
    thread.join()


def test_a_garbled_answer_is_still_called_unreadable():
    thread = serve_once(b"{not json\n")
    with pytest.raises(NetworkError, match="unreadable answer"):
        handoff.send({"action": "ping"}, timeout=5)
    thread.join()
