"""The app's local HTTP endpoint for CCS call notifications (IVR Web-URL request and click2call hangup_url).

One asyncio event loop on a daemon thread reads every connection: CCS (or a relay) expects an answer within
milliseconds, so each request is parsed, de-duplicated and answered on that thread, and only first-time
notifications go to the GUI thread through `TaskRunner.call_soon`. A client that connects and then sends slowly
(or nothing) costs a socket, not a thread, and is dropped REQUEST_TIMEOUT after it was accepted; at most
`max_open` connections are open, the next ones wait in the kernel's backlog (BACKLOG) and are served in turn,
and when they wait, a connection that has been sending its request for over EVICT_AFTER gives way.
A secret token in the path is the only credential (CCS's webhook cannot sign requests), so it is checked
first, in constant time, before any header or body is read, and never logged: neither the token nor request
paths reach the log, only the kind and call key of a notification.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hmac
import http.client
import io
import logging
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from http import HTTPStatus
from urllib.parse import urlsplit

from PySide6.QtCore import QTimer

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
MAX_HEAD = 16 * 1024  # request line, and headers: a request that needs more is refused
MAX_DRAIN = 1024 * 1024  # after an early answer, what the client still sends is read and dropped, up to this
MAX_KEY = 128  # characters of a call key or transaction id (CCS's have about 50); each one is looked up
BACKLOG = 512  # connections the kernel holds for us while MAX_OPEN are read (macOS caps it at 128)
MAX_OPEN = 256  # connections read at once (see open_limit); the rest wait in the backlog
REQUEST_TIMEOUT = 5.0  # seconds from accept to the whole request read; a slower client is dropped
EVICT_AFTER = 0.2  # at MAX_OPEN, a connection still sending after this long gives way to a waiting one
LINGER = 1.0  # seconds an early answer (403, 413...) waits for the client to stop sending before closing
RETRY_DELAYS = (2.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0)  # a failed bind is tried again; the last repeats
MASKED_TOKEN = "••••••"
_TOKEN = re.compile(r"[A-Za-z0-9._~-]{16,256}")

Deliver = Callable[[CallNotification], None]
Later = Callable[[float, Callable[[], None]], Callable[[], None]]  # (seconds, function) -> cancel


def qt_later(seconds: float, function: Callable[[], None]) -> Callable[[], None]:
    """Run `function` on this thread's Qt event loop in `seconds`; returns what cancels it."""
    live = True

    def fire() -> None:
        if live:
            function()

    def cancel() -> None:
        nonlocal live
        live = False

    QTimer.singleShot(round(seconds * 1000), fire)
    return cancel


@dataclass
class ListenerCounters:
    """What the listener saw since it was made; for the diagnostics view and tests."""

    received: int = 0  # notifications with the right token that parsed
    delivered: int = 0  # first-time ones handed to the GUI thread
    duplicates: int = 0  # answered 200 but not delivered again
    refused: int = 0  # missing or wrong token (403)
    invalid: int = 0  # right token, but unknown path, wrong method, bad or oversize request
    dropped: int = 0  # connections closed unanswered: no whole request in time, or gave way to a waiting one


def _cannot_listen(where: str, reason: str) -> InvalidInput:
    return InvalidInput(
        Core.tr("cannot listen for call notifications on {address}: {reason}").format(
            address=where, reason=reason
        )
    )


def open_limit() -> int:
    """MAX_OPEN, or a quarter of this process's file descriptors if that is less (macOS gives apps 256)."""
    try:
        import resource  # noqa: PLC0415 - POSIX only

        soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError, ValueError):
        return MAX_OPEN
    return MAX_OPEN if soft == resource.RLIM_INFINITY else max(16, min(MAX_OPEN, soft // 4))


def _bind(address: str, port: int) -> socket.socket:
    """A listening socket. A restart rebinds at once although the last run's connections linger in TIME_WAIT
    (SO_REUSEADDR), yet a second app instance still fails to bind (POSIX refuses a port another socket
    listens on; Windows needs SO_EXCLUSIVEADDRUSE for that, and reuses TIME_WAIT ports anyway)."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if sys.platform == "win32":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((address, port))
        sock.listen(BACKLOG)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    return sock


def _response(status: int, text: str) -> bytes:
    body = (text + "\n").encode()
    head = [
        f"HTTP/1.0 {status} {HTTPStatus(status).phrase}",
        "Server: ccs-desktop",
        "Content-Type: text/plain; charset=utf-8",
        f"Content-Length: {len(body)}",
        "Cache-Control: no-store",
        "Connection: close",
    ]
    if status == 405:
        head.append("Allow: POST")  # only /hangup refuses a method, and it takes POST
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class _Early(Exception):
    """An answer given before the whole request was read: the rest is not read, only dropped."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(status, text)
        self.answer = (status, text)


@dataclass
class _Connection:
    opened: float  # event-loop time of accept
    reading: bool = True  # still sending its request


class _Server:
    """The event loop's side: accepts on `sock`, reads each request under a deadline, answers through
    `listener._handle` (which owns the token check, parsing and counters)."""

    def __init__(
        self, sock: socket.socket, listener: NotificationListener, deadline: float, max_open: int
    ) -> None:
        self.sock = sock
        self.port = int(sock.getsockname()[1])
        self.listener = listener
        self.deadline = deadline
        self.max_open = max_open
        self.loop = asyncio.new_event_loop()
        self._open: dict[asyncio.Task[None], _Connection] = {}
        self._freed = asyncio.Event()
        self._main = self.loop.create_task(self._run_main())
        self.thread = threading.Thread(target=self._run, name="ccs-notify-listener", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """From any thread: close every connection and the socket; returns once the port is free."""
        with contextlib.suppress(RuntimeError):  # the loop already ended
            self.loop.call_soon_threadsafe(self._main.cancel)
        self.thread.join(timeout=2.0)
        self.sock.close()

    def _run(self) -> None:
        try:
            self.loop.run_until_complete(self._main)
        except asyncio.CancelledError:
            pass
        finally:
            self.loop.close()

    async def _run_main(self) -> None:
        try:
            await self._accept_forever()
        finally:
            tasks = list(self._open)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await asyncio.sleep(0)  # let the transports finish closing
            self.sock.close()

    async def _accept_forever(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                conn, _address = await loop.sock_accept(self.sock)
            except OSError as exc:  # out of file descriptors, or a connection reset before its accept
                log.debug("accepting a notification connection failed: %s", exc)
                await asyncio.sleep(0.1)
                continue
            try:
                await self._make_room()
            except BaseException:
                conn.close()
                raise
            task = loop.create_task(self._serve(conn))
            self._open[task] = _Connection(loop.time())
            task.add_done_callback(self._closed)
            await asyncio.sleep(0)  # it reads what has come before the next accept, which may evict

    def _closed(self, task: asyncio.Task[None]) -> None:
        self._open.pop(task, None)
        self._freed.set()

    async def _make_room(self) -> None:
        """At `max_open` the accepted connection waits here, and the next ones in the backlog, until one ends;
        one that has been sending its request for over EVICT_AFTER is dropped to make room at once."""
        loop = asyncio.get_running_loop()
        while len(self._open) >= self.max_open:
            reading = [(c.opened, t) for t, c in self._open.items() if c.reading]
            oldest = min(reading, key=lambda pair: pair[0], default=None)
            if oldest is not None and loop.time() - oldest[0] >= EVICT_AFTER:
                del self._open[oldest[1]]
                oldest[1].cancel()
                self.listener._count("dropped")
                continue
            self._freed.clear()
            wait = EVICT_AFTER - (loop.time() - oldest[0]) if oldest is not None else None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._freed.wait(), wait)

    async def _serve(self, conn: socket.socket) -> None:
        this = asyncio.current_task()
        state = self._open.get(this) if this is not None else None
        try:
            reader, writer = await asyncio.open_connection(sock=conn, limit=MAX_HEAD)
        except OSError:
            conn.close()
            return
        try:
            async with asyncio.timeout(self.deadline):
                try:
                    status, text = await self._read(reader, writer)
                    early = False
                except _Early as answer:
                    (status, text), early = answer.answer, True
                if state is not None:
                    state.reading = False
                writer.write(_response(status, text))
                await writer.drain()
                if early:
                    await self._linger(reader, writer)
        except TimeoutError:
            if state is None or state.reading:
                self.listener._count("dropped")
                log.debug("dropped a notification connection that did not send its request in time")
        except (OSError, EOFError, asyncio.IncompleteReadError):  # the client hung up mid-request
            log.debug("notification connection error", exc_info=True)
        except Exception:  # a bug answering one request: the others are still served
            log.exception("answering a call notification failed")
        finally:
            writer.close()

    async def _read(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> tuple[int, str]:
        """Read one request, token first: a wrong one is refused before any header or body is read."""
        listener = self.listener
        try:
            line = await reader.readuntil(b"\n")
        except asyncio.LimitOverrunError:
            raise _Early(414, "request line too long") from None
        parts = line.decode("latin-1").rstrip("\r\n").split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/"):
            raise _Early(400, "bad request")
        method, target, version = parts
        if refused := listener._check_token(target):
            raise _Early(*refused)
        headers = await self._headers(reader)
        if headers is None:
            raise _Early(*listener._invalid(431, "request headers too large"))
        if headers.get("Transfer-Encoding"):
            raise _Early(*listener._invalid(411, "send a Content-Length"))
        try:
            length = int(headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            raise _Early(*listener._invalid(400, "bad Content-Length"))
        if length > MAX_BODY:
            raise _Early(*listener._invalid(413, f"body over {MAX_BODY} bytes"))
        if length and version == "HTTP/1.1" and headers.get("Expect", "").lower() == "100-continue":
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        body = await reader.readexactly(length) if length else b""
        return listener._handle(method, target, body if method == "POST" else b"")

    @staticmethod
    async def _headers(reader: asyncio.StreamReader) -> http.client.HTTPMessage | None:
        """The headers, or None when they are over MAX_HEAD bytes (or 100 lines)."""
        lines: list[bytes] = []
        size = 0
        while True:
            try:
                line = await reader.readuntil(b"\n")
            except asyncio.LimitOverrunError:
                return None
            size += len(line)
            if size > MAX_HEAD or len(lines) > 100:
                return None
            if line in (b"\r\n", b"\n"):
                return http.client.parse_headers(io.BytesIO(b"".join([*lines, b"\r\n"])))
            lines.append(line)

    @staticmethod
    async def _linger(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """After an early answer: stop writing, and read what the client still sends (up to MAX_DRAIN, for
        up to LINGER) without keeping it, so closing does not reset the answer away before it is read."""
        if writer.can_write_eof():
            writer.write_eof()
        left = MAX_DRAIN
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(LINGER):
                while left > 0 and (chunk := await reader.read(min(left, 65536))):
                    left -= len(chunk)


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
        deadline: float = REQUEST_TIMEOUT,
        max_open: int | None = None,
        later: Later = qt_later,
        clock: Callable[[], float] = time.monotonic,
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
        self._deadline = deadline
        self._max_open = max_open or open_limit()
        self._later = later
        self._clock = clock
        self._deduper = Deduper()
        self._counters = ListenerCounters()
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._problem = ""  # why the last bind failed, while a retry is pending
        self._failures = 0  # failed binds in a row
        self._retry_at = 0.0
        self._cancel_retry: Callable[[], None] | None = None

    # --- lifecycle -----------------------------------------------------------------------------------------

    def start(self, *, retry: bool = False) -> None:
        """Bind and serve; a taken port or a bad address raises InvalidInput with one line to show. With
        `retry`, a failed bind is also tried again on RETRY_DELAYS (the last repeats) until it works or stop()
        is called; `problem` says so meanwhile. Call on a thread with a Qt event loop (the GUI thread)."""
        if self._server is not None:
            return
        self.stop()  # a pending retry is replaced by this attempt
        try:
            self._bind_and_serve()
        except InvalidInput as exc:
            if retry:  # a port in use, or an address that is not up yet, may come free
                self._retry_later(str(exc))
            raise

    def stop(self) -> None:
        """Stop serving (and retrying); idempotent and quick. Requests in flight are dropped."""
        if self._cancel_retry is not None:
            self._cancel_retry()
        self._cancel_retry, self._problem, self._failures = None, "", 0
        server, self._server = self._server, None
        if server is not None:
            server.stop()
            log.info("notification listener stopped")

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def problem(self) -> str:
        """Why it is not listening and when it tries again, for Diagnostics; empty while it listens."""
        if self._server is not None or not self._problem:
            return ""
        return Core.tr("{error}; trying again in {seconds} s (attempt {attempt})").format(
            error=self._problem,
            seconds=max(0, round(self._retry_at - self._clock())),
            attempt=self._failures + 1,
        )

    def _bind_and_serve(self) -> None:
        where = f"{self._address}:{self._port}"
        try:
            sock = _bind(self._address, self._port)
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
        self._server = _Server(sock, self, self._deadline, self._max_open)
        log.info("listening for call notifications on %s", self.redacted_base_url)

    def _retry_later(self, problem: str) -> None:
        self._failures += 1
        delay = RETRY_DELAYS[min(self._failures - 1, len(RETRY_DELAYS) - 1)]
        self._problem, self._retry_at = problem, self._clock() + delay
        self._cancel_retry = self._later(delay, self._retry)
        log.info("call notifications are off; binding again in %.0f s", delay)

    def _retry(self) -> None:
        self._cancel_retry = None
        if self._server is not None:
            return
        try:
            self._bind_and_serve()
        except InvalidInput as exc:
            self._retry_later(str(exc))
        else:
            self._problem, self._failures = "", 0

    # --- addresses -----------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The bound port once started (useful with port 0), else the configured one."""
        server = self._server
        return server.port if server is not None else self._port

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
        if max(len(notification.key), len(notification.transaction_id)) > MAX_KEY:
            return self._invalid(400, f"call key over {MAX_KEY} characters")
        self._count("received")
        if not self._deduper.first_time(notification):
            self._count("duplicates")
            log.debug("duplicate %s notification for %s", notification.kind, notification.key)
            return 200, "ok"
        self._count("delivered")
        log.info("%s notification for %s", notification.kind, notification.key)
        self._runner.call_soon(self._deliver, notification)
        return 200, "ok"
