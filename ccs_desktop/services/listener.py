"""The app's local HTTP endpoint for CCS call notifications (IVR Web-URL request and click2call hangup_url).

A stdlib `ThreadingHTTPServer` on a daemon thread: CCS (or a relay) expects an answer within milliseconds, so
each request is parsed, de-duplicated and answered on its server thread, and only first-time notifications
go to the GUI thread through `TaskRunner.call_soon`. A secret token in the path is the only credential
(CCS's webhook cannot sign requests), so it is compared in constant time and never logged: neither the token
nor request paths reach the log, only the kind and call key of a notification.
"""

from __future__ import annotations

import errno
import hmac
import logging
import re
import socket
import socketserver
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from ccs_desktop.core.errors import CcsError, InvalidInput
from ccs_desktop.core.i18n import Core
from ccs_desktop.core.logs import register_secret
from ccs_desktop.core.notifications import (
    DEFAULT_NAMES,
    CallNotification,
    Deduper,
    ParamNames,
    parse_hangup,
    parse_ivr,
)
from ccs_desktop.services.tasks import TaskRunner

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
MAX_DRAIN = 1024 * 1024  # an oversize body up to this is read and dropped before the 413
REQUEST_TIMEOUT = 5.0  # seconds a client may take to send its request; a stalled one loses its thread
POLL_INTERVAL = 0.1  # serve_forever's shutdown check, so stop() returns quickly
MASKED_TOKEN = "••••••"
_TOKEN = re.compile(r"[A-Za-z0-9._~-]{16,256}")

Deliver = Callable[[CallNotification], None]


@dataclass
class ListenerCounters:
    """What the listener saw since it was made; for the diagnostics view and tests."""

    received: int = 0  # notifications with the right token that parsed
    delivered: int = 0  # first-time ones handed to the GUI thread
    duplicates: int = 0  # answered 200 but not delivered again
    refused: int = 0  # missing or wrong token (403)
    invalid: int = 0  # right token, but unknown path, wrong method, bad or oversize request


def _cannot_listen(where: str, reason: str) -> InvalidInput:
    return InvalidInput(
        Core.tr("cannot listen for call notifications on {address}: {reason}").format(
            address=where, reason=reason
        )
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a second app instance must fail loudly, not share the port

    def __init__(self, address: tuple[str, int], listener: NotificationListener, family: int) -> None:
        self.address_family = family
        self.listener = listener
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup (getfqdn), which can stall start() for seconds."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: a client that hangs up mid-request is not our problem (and tracebacks would show paths)."""
        log.debug("notification connection error", exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "ccs-desktop"
    sys_version = ""
    timeout = REQUEST_TIMEOUT

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the request line carries the token."""

    def do_GET(self) -> None:
        self._respond(*self.server.listener._handle("GET", self.path, b""))

    def do_POST(self) -> None:
        listener = self.server.listener
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._respond(
                *listener._check_token(self.path) or listener._invalid(411, "send a Content-Length")
            )
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._respond(*listener._check_token(self.path) or listener._invalid(400, "bad Content-Length"))
        elif length > MAX_BODY:
            self._discard(length)
            self._respond(
                *listener._check_token(self.path) or listener._invalid(413, f"body over {MAX_BODY} bytes")
            )
        else:
            self._respond(*listener._handle("POST", self.path, self.rfile.read(length)))

    def _discard(self, length: int) -> None:
        """Read a refused body (up to MAX_DRAIN), so closing the socket does not reset the answer away."""
        left = min(length, MAX_DRAIN)
        while left > 0 and (chunk := self.rfile.read(min(left, 65536))):
            left -= len(chunk)

    def _respond(self, status: int, text: str) -> None:
        body = (text + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if status == 405:
            self.send_header("Allow", "POST")  # only /hangup refuses a method, and it takes POST
        self.end_headers()
        self.wfile.write(body)


class NotificationListener:
    """Receives call notifications on `ivr_url` and `hangup_url`; `deliver` runs on the GUI thread."""

    def __init__(
        self,
        runner: TaskRunner,
        token: str,
        deliver: Deliver,
        *,
        address: str = "127.0.0.1",
        port: int = 0,
        names: ParamNames = DEFAULT_NAMES,
    ) -> None:
        if not _TOKEN.fullmatch(token):
            raise InvalidInput(Core.tr("the notification token must be 16 to 256 URL-safe characters"))
        if not 0 <= port <= 65535:
            raise InvalidInput(
                Core.tr("the notification port must be between 0 and 65535, not {port}").format(port=port)
            )
        register_secret(token)  # it is a path segment: masked by value, since no parameter name gives it away
        self._runner = runner
        self._token = token.encode()
        self._deliver = deliver
        self._address = address.strip() or "127.0.0.1"
        self._port = port
        self._names = names
        self._deduper = Deduper()
        self._counters = ListenerCounters()
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -----------------------------------------------------------------------------------------

    def start(self) -> None:
        """Bind and serve; a taken port or a bad address raises InvalidInput with one line to show."""
        if self._server is not None:
            return
        where = f"{self._address}:{self._port}"
        family = socket.AF_INET6 if ":" in self._address else socket.AF_INET
        try:
            server = _Server((self._address, self._port), self, family)
        except socket.gaierror:
            raise _cannot_listen(where, Core.tr("unknown address")) from None
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                reason = Core.tr("the port is already in use")
            elif exc.errno == errno.EADDRNOTAVAIL:
                reason = Core.tr("this computer has no such address")
            elif exc.errno == errno.EACCES:
                reason = Core.tr("permission denied (ports below 1024 need administrator rights)")
            else:
                reason = exc.strerror or str(exc)
            raise _cannot_listen(where, reason) from None
        except (OverflowError, ValueError, TypeError):
            raise _cannot_listen(where, Core.tr("invalid address")) from None
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": POLL_INTERVAL},
            name="ccs-notify-listener",
            daemon=True,
        )
        self._thread.start()
        log.info("listening for call notifications on %s", self.redacted_base_url)

    def stop(self) -> None:
        """Stop serving; idempotent and quick (about POLL_INTERVAL). Requests in flight may still deliver."""
        server, self._server = self._server, None
        thread, self._thread = self._thread, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=1.0)
        log.info("notification listener stopped")

    @property
    def running(self) -> bool:
        return self._server is not None

    # --- addresses -----------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The bound port once started (useful with port 0), else the configured one."""
        server = self._server
        return int(server.server_address[1]) if server is not None else self._port

    @property
    def base_url(self) -> str:
        """Contains the token: for CCS's configuration only, never for logs or screens."""
        return f"{self._host_url()}/{self._token.decode()}"

    @property
    def ivr_url(self) -> str:
        return self.base_url + "/call"

    @property
    def hangup_url(self) -> str:
        return self.hangup_url_at(self._host_url())

    def hangup_url_at(self, public_base: str) -> str:
        """The hangup route as CCS reaches it through `public_base` (a proxy or tunnel to this listener)."""
        return f"{public_base.rstrip('/')}/{self._token.decode()}/hangup"

    @property
    def redacted_base_url(self) -> str:
        return f"{self._host_url()}/{MASKED_TOKEN}/"

    def _host_url(self) -> str:
        host = f"[{self._address}]" if ":" in self._address else self._address
        return f"http://{host}:{self.port}"

    # --- diagnostics ---------------------------------------------------------------------------------------

    @property
    def counters(self) -> ListenerCounters:
        """A copy, consistent at the moment of reading."""
        with self._lock:
            return ListenerCounters(**asdict(self._counters))

    def _count(self, name: str) -> None:
        with self._lock:
            setattr(self._counters, name, getattr(self._counters, name) + 1)

    # --- requests (server threads) -------------------------------------------------------------------------

    def _token_ok(self, path: str) -> bool:
        segment = urlsplit(path).path.split("/", 2)[1] if path.startswith("/") else ""
        return hmac.compare_digest(segment.encode("latin-1", "replace"), self._token)

    def _check_token(self, path: str) -> tuple[int, str] | None:
        """The 403 answer for a wrong or missing token, None when the token is right."""
        return None if self._token_ok(path) else self._refuse()

    def _refuse(self) -> tuple[int, str]:
        self._count("refused")
        log.info("refused a call notification without the right token")
        return 403, "forbidden"

    def _invalid(self, status: int, text: str) -> tuple[int, str]:
        self._count("invalid")
        log.info("rejected a call notification request: %s", text)
        return status, text

    def _handle(self, method: str, path: str, body: bytes) -> tuple[int, str]:
        """(status, one-line text) for a request; a first-time notification is queued for the GUI thread."""
        if refused := self._check_token(path):
            return refused
        parts = urlsplit(path)
        route = parts.path.split("/", 2)[2].strip("/") if parts.path.count("/") >= 2 else ""
        text = body.decode("utf-8", "replace")
        try:
            if route == "call" and method in ("GET", "POST"):
                notification = parse_ivr("&".join(p for p in (parts.query, text) if p), self._names)
            elif route == "hangup" and method == "POST":
                notification = parse_hangup(text or parts.query)
            elif route in ("call", "hangup"):
                return self._invalid(405, "method not allowed")
            else:
                return self._invalid(404, "not found")
        except CcsError as exc:
            return self._invalid(400, str(exc))
        self._count("received")
        if not self._deduper.first_time(notification):
            self._count("duplicates")
            log.debug("duplicate %s notification for %s", notification.kind, notification.key)
            return 200, "ok"
        self._count("delivered")
        log.info("%s notification for %s", notification.kind, notification.key)
        self._runner.call_soon(self._deliver, notification)
        return 200, "ok"
