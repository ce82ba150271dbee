"""How a second `ccs-desktop` process hands its request to the running one.

The running GUI listens on a local socket (QLocalServer, in services/instance.py); this side is plain Python so
that `ccs-desktop call ...` can hand over without loading Qt. One JSON line each way:
request `{"action": "call"|"open"|"show"|"ping", ...}`, reply `{"ok": true, "result": {...}}` or
`{"ok": false, "error": "...", "exit_code": N}`.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
import sys
import tempfile
from typing import Any

from ccs_desktop.core.errors import CcsError, NetworkError
from ccs_desktop.core.i18n import Core
from ccs_desktop.core.paths import config_dir

MAX_MESSAGE = 64 * 1024


def server_name() -> str:
    """Per user and per config dir, so two users (or a test's temp config) never meet."""
    digest = hashlib.sha256(str(config_dir()).encode()).hexdigest()[:12]
    user = "".join(ch for ch in getpass.getuser() if ch.isalnum())[:16] or "user"
    if sys.platform == "win32":
        return f"ccs-desktop-{user}-{digest}"
    return os.path.join(tempfile.gettempdir(), f"ccs-desktop-{user}-{digest}.sock")


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    data = json.loads(line.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


class HandoffFailed(CcsError):
    """The running instance was reached but could not do what was asked."""

    def __init__(self, message: str, exit_code: int = 4) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def send(request: dict[str, Any], *, timeout: float = 30.0) -> dict[str, Any] | None:
    """The running instance's result, or None when no instance runs (then the caller does the work itself)."""
    name = server_name()
    if sys.platform == "win32":
        return _send_pipe(name, request, timeout)
    if not os.path.exists(name):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(2.0)
    try:
        sock.connect(name)
    except OSError:
        sock.close()
        return None  # a stale socket file from a crashed instance
    with sock:
        sock.settimeout(timeout)
        try:
            sock.sendall(encode(request))
            reply = _read_line(sock)
        except TimeoutError:
            raise NetworkError(Core.tr("The running ccs-desktop did not answer in time.")) from None
        except OSError:
            raise NetworkError(Core.tr("The running ccs-desktop closed the connection.")) from None
    return _result(reply)


def _read_line(sock: socket.socket) -> bytes:
    chunks = b""
    while b"\n" not in chunks and len(chunks) < MAX_MESSAGE:
        chunk = sock.recv(4096)
        if not chunk:
            break
        chunks += chunk
    return chunks.split(b"\n", 1)[0]


def _result(line: bytes) -> dict[str, Any]:
    if not line.strip():  # the window quit (or crashed) while the request waited, e.g. on a question
        raise NetworkError(Core.tr("The running ccs-desktop closed before answering; it may have quit."))
    try:
        reply = decode(line)
    except ValueError:
        raise NetworkError(Core.tr("The running ccs-desktop sent an unreadable answer.")) from None
    if not reply.get("ok"):
        raise HandoffFailed(str(reply.get("error") or Core.tr("failed")), int(reply.get("exit_code") or 4))
    result = reply.get("result")
    return result if isinstance(result, dict) else {}


def _send_pipe(
    name: str, request: dict[str, Any], timeout: float
) -> dict[str, Any] | None:  # pragma: no cover
    path = rf"\\.\pipe\{name}"
    try:
        pipe = open(path, "r+b", buffering=0)  # noqa: SIM115 - a Windows named pipe, closed below
    except OSError:
        return None
    with pipe:
        pipe.write(encode(request))
        line = pipe.readline(MAX_MESSAGE)
    return _result(line.rstrip(b"\n"))
