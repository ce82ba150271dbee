"""The simulator's HTTP side: a threaded HTTP/1.1 server, a small routing table, faults and test controls.

Routes are (method, path regex, function) rows: the classic API at `/api/`, Public API v1 at `/v1/` (v1.py);
softphone.py adds the Generic Softphone stand-in page at `/<build>/sso/` and its server-sent-events stream that way. A route that writes to the socket itself (SSE)
returns None. Nothing is logged by default because request URLs carry app_tokens and sessions.
"""

from __future__ import annotations

import array
import contextlib
import functools
import io
import json
import logging
import math
import re
import signal
import socket
import sys
import threading
import time
import wave
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType
from typing import Any, TextIO
from urllib.parse import parse_qs, urlsplit

from ccs_desktop.simulator import api, v1
from ccs_desktop.simulator.config import SimulatorConfig
from ccs_desktop.simulator.routing import DROP, Request, Response, Route, json_response
from ccs_desktop.simulator.seed import build_tenant, customer_numbers
from ccs_desktop.simulator.softphone import Softphone
from ccs_desktop.simulator.state import CallCenter, Event

log = logging.getLogger(__name__)

REDACTED_PARAMS = ("app_token", "session")
FAULT_MODES = ("delay", "http500", "http429", "malformed", "drop", "drop_after")
MAX_BODY = 1 << 20
REQUEST_LOG_SIZE = 10_000
POLL_INTERVAL = 0.1  # serve_forever's shutdown check; keeps stop() well under a second


@dataclass
class Fault:
    mode: str
    count: int
    seconds: float = 0.0
    function: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"mode": self.mode, "count": self.count, "seconds": self.seconds, "function": self.function}


@functools.cache
def tone_wav(seconds: float = 1.5, hertz: float = 440.0, rate: int = 8000) -> bytes:
    """A short fading tone standing in for every call recording."""
    frames = int(seconds * rate)
    samples = array.array(
        "h",
        (int(12000 * (1 - i / frames) * math.sin(2 * math.pi * hertz * i / rate)) for i in range(frames)),
    )
    if sys.byteorder == "big":
        samples.byteswap()
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return out.getvalue()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], simulator: Simulator) -> None:
        self.simulator = simulator
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: clients that time out or hang up mid-answer (delay faults) are routine here."""
        log.debug("connection error", exc_info=True)

    def close_connections(self) -> None:
        """Cut keep-alive connections too; otherwise their threads would keep serving after stop()."""
        with self.connections_lock:
            connections = list(self.connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "CCS-Simulator/1.0"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: URLs carry app_tokens and sessions."""

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._send(json_response({"success": False, "message": "Bad Content-Length"}, 400))
            self.close_connection = True
            return
        body = self.rfile.read(length) if length > 0 else b""
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        allowed = []
        for route_method, pattern, route in self.server.simulator.routes:
            match = pattern.fullmatch(parts.path)
            if match is None:
                continue
            if route_method != method:
                allowed.append(route_method)
                continue
            try:
                response = route(Request(method, parts.path, query, body, match, self))
            except Exception:
                log.exception("simulator route %s failed", pattern.pattern)
                response = json_response({"success": False, "message": "Internal simulator error"}, 500)
            if response is not None:
                self._send(response)
            return
        if allowed:
            response = json_response({"success": False, "message": "Method not allowed"}, 405)
            response.headers["Allow"] = ", ".join(allowed)
            self._send(response)
        else:
            self._send(json_response({"success": False, "message": "Not found"}, 404))

    def _send(self, response: Response) -> None:
        if response.drop:
            self.close_connection = True
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)


class Simulator:
    """A CCS-compatible tenant on a local port: seeded records, live calls, and optional test controls."""

    def __init__(self, config: SimulatorConfig | None = None) -> None:
        self.config = config or SimulatorConfig()
        tenant = build_tenant(self.config)
        self.cc = CallCenter(self.config, tenant)
        self.app_token = tenant.app_token
        self.email = tenant.demo_agent.email
        self.base_url = ""
        self.routes: list[tuple[str, re.Pattern[str], Route]] = []
        self._server: _Server | None = None
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._faults: list[Fault] = []
        self._log: deque[dict[str, Any]] = deque(maxlen=REQUEST_LOG_SIZE)
        self._lock = threading.Lock()
        self._customers = customer_numbers(self.config)
        self._next_customer = 0
        self.softphone = Softphone(self.cc, self._stopping)
        self.add_route("GET", r"/api/?", self._api)
        for method in ("GET", "POST"):
            self.add_route(method, r"/v1/(?P<v1path>[A-Za-z0-9_/]*)", self._v1)
        self.add_route("GET", r"/recordings/(?P<callid>[A-Za-z0-9_-]+)\.wav", self._recording)
        if self.config.test_controls:
            self._add_test_controls()
        self.softphone.install(self.add_route)  # last: its /<build>/ patterns match almost any path

    def add_route(self, method: str, pattern: str, route: Route) -> None:
        """Serve `method` requests whose path fully matches the regex `pattern`.

        The route returns a Response, or None after writing to `request.handler` itself (a streaming route
        such as server-sent events; it should set `handler.close_connection` when it ends).
        """
        self.routes.append((method, re.compile(pattern), route))

    # --- lifecycle -----------------------------------------------------------------------------------------

    def start(self) -> str:
        """Listen, seed the records and serve from daemon threads; returns the base URL."""
        if self._server is not None:
            return self.base_url
        if self._stopping.is_set():
            raise RuntimeError("a stopped Simulator cannot be started again")
        self._server = _Server((self.config.host, self.config.port), self)
        host, port = self._server.server_address[:2]
        self.base_url = f"http://{_url_host(str(host))}:{port}"
        self.cc.recording_base = self.base_url
        self.cc.seed()
        for name, target in (("ccs-sim-http", self._serve), ("ccs-sim-timers", self._run_timers)):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self.base_url

    def _serve(self) -> None:
        assert self._server is not None
        self._server.serve_forever(poll_interval=POLL_INTERVAL)

    def _run_timers(self) -> None:
        """Drive the calls: clear, apply due transitions, ring the agent when due, sleep until the next one."""
        every = self.config.incoming_every
        next_incoming = time.monotonic() + every if every > 0 else math.inf
        while not self._stopping.is_set():
            self.cc.changed.clear()
            delay = self.cc.run_due()
            if time.monotonic() >= next_incoming:
                self.ring_demo_agent()
                next_incoming = time.monotonic() + every
                continue  # run_due again: the new call has a deadline
            wait = min(60.0 if delay is None else delay, next_incoming - time.monotonic())
            self.cc.changed.wait(max(0.0, wait))

    def stop(self) -> None:
        """Stop serving and the timers; idempotent and quick (about POLL_INTERVAL)."""
        self._stopping.set()
        self.cc.changed.set()
        self.softphone.close_streams()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.close_connections()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=1.0)
        self._threads.clear()

    def __enter__(self) -> Simulator:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- what the app and tests use ------------------------------------------------------------------------

    def credentials(self) -> dict[str, str]:
        return {"base_url": self.base_url, "app_token": self.app_token, "email": self.email}

    def start_inbound_call(self, callerid: str, queue: str | None = None) -> str:
        """Ring the demo agent from `callerid`; returns the call id (== activecallkey)."""
        return self.cc.start_inbound_call(callerid, queue)

    def ring_demo_agent(self) -> str | None:
        """An inbound call from the next seeded regular customer; None (no call) while the agent is busy."""
        if self.cc.is_busy(self.cc.tenant.demo_agent) or not self._customers:
            return None
        with self._lock:
            callerid = self._customers[self._next_customer % len(self._customers)]
            self._next_customer += 1
        return self.start_inbound_call(callerid)

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call events ({"type": "call", "callid", "state", ...}); returns the unsubscribe function."""
        return self.cc.subscribe(callback)

    # --- routes --------------------------------------------------------------------------------------------

    def _api(self, request: Request) -> Response:
        function = request.query.get("function", "")
        params = {k: v for k, v in request.query.items() if k != "function"}
        with self._lock:
            self._log.append(
                {
                    "function": function,
                    "params": {k: "<redacted>" if k in REDACTED_PARAMS else v for k, v in params.items()},
                }
            )
        fault = self._take_fault(function)
        early = self._fault_response(fault)
        if early is not None:
            return early
        answer = api.handle(self.cc, request.query)
        return DROP if fault and fault.mode == "drop_after" else json_response(answer)

    def _v1(self, request: Request) -> Response:
        """Public API v1 (simulator/v1.py). Faults for it name the function `v1` (every v1 request) or
        `v1/<path>`; a fault without a function stays with the classic API, so a poll cannot eat it."""
        path = request.match["v1path"]
        headers = request.handler.headers
        with self._lock:
            self._log.append(
                {
                    "function": f"v1/{path}",
                    "method": request.method,
                    "params": {
                        k: "<redacted>" if k in REDACTED_PARAMS else v for k, v in request.query.items()
                    },
                    "headers": sorted(h for h in ("app_token", "tenant") if headers.get(h) is not None),
                }
            )
        fault = self._take_fault(f"v1/{path}", family="v1")
        early = self._fault_response(fault)
        if early is not None:
            return early
        reached_as = urlsplit(f"http://{headers.get('Host') or ''}").hostname or ""
        status, body = v1.handle(
            self.cc, request.method, path, request.query, request.body, headers, reached_as
        )
        if fault and fault.mode == "drop_after":
            return DROP
        if isinstance(body, str):
            return Response(status, body.encode(), "text/plain; charset=utf-8")
        return json_response(body, status)

    def _fault_response(self, fault: Fault | None) -> Response | None:
        """What a fault answers instead of the API (None: the API answers, perhaps after a delay)."""
        mode = fault.mode if fault else ""
        if mode == "delay" and fault is not None:
            self._stopping.wait(fault.seconds)
        elif mode == "drop":
            return DROP
        elif mode == "http500":
            return Response(500, b"<html><body><h1>500 Internal Server Error</h1></body></html>", "text/html")
        elif mode == "http429" and fault is not None:
            response = json_response({"success": False, "message": "Too many requests"}, 429)
            response.headers["Retry-After"] = str(math.ceil(fault.seconds) if fault.seconds > 0 else 1)
            return response
        elif mode == "malformed":
            return Response(200, b'{"success": true, "message": "Call req')
        return None

    def _take_fault(self, function: str, family: str = "") -> Fault | None:
        """The first fault for this request: one naming it, or its `family`; a fault naming nothing is the
        classic API's (family "")."""
        with self._lock:
            for fault in self._faults:
                matches = fault.function in (function, family) if fault.function else not family
                if matches:
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def _recording(self, request: Request) -> Response:
        record = self.cc.store.get(request.match["callid"])
        if record is None or not record["recordingurl"]:
            return json_response({"success": False, "message": "Not found"}, 404)
        return Response(200, tone_wav(), "audio/wav")

    # --- test controls (/_sim/, only with config.test_controls) --------------------------------------------

    def _add_test_controls(self) -> None:
        for method, path, route in (
            ("POST", "expire-sessions", self._sim_expire),
            ("POST", "faults", self._sim_faults),
            ("GET", "requests", self._sim_requests),
            ("POST", "requests/clear", self._sim_clear_requests),
            ("GET", "state", self._sim_state),
            ("POST", "incoming", self._sim_incoming),
            ("POST", "reset", self._sim_reset),
            ("POST", "restrict-manual-calls", self._sim_restrict),
        ):
            self.add_route(method, f"/_sim/{path}", _json_body_errors(route))

    def _sim_expire(self, request: Request) -> Response:
        return json_response({"success": True, "expired": self.cc.expire_sessions()})

    def _sim_faults(self, request: Request) -> Response:
        body = request.json()
        mode = body.get("mode")
        if mode not in FAULT_MODES:
            return json_response(
                {"success": False, "message": f"mode must be one of {', '.join(FAULT_MODES)}"}, 400
            )
        fault = Fault(
            mode,
            int(body.get("count", 1)),
            float(body.get("seconds") or 0.0),
            str(body.get("function") or ""),
        )
        if fault.count < 1:
            return json_response({"success": False, "message": "count must be at least 1"}, 400)
        with self._lock:
            self._faults.append(fault)
            faults = [f.as_dict() for f in self._faults]
        return json_response({"success": True, "faults": faults})

    def _sim_requests(self, request: Request) -> Response:
        with self._lock:
            return json_response(list(self._log))

    def _sim_clear_requests(self, request: Request) -> Response:
        with self._lock:
            self._log.clear()
        return json_response({"success": True})

    def _sim_state(self, request: Request) -> Response:
        state = self.cc.snapshot()
        state["event_streams"] = self.softphone.stream_count()
        state["listeners"] = self.cc.listener_count()
        with self._lock:
            state["faults"] = [f.as_dict() for f in self._faults]
        return json_response(state)

    def _sim_incoming(self, request: Request) -> Response:
        body = request.json()
        callerid = str(body.get("callerid") or "").strip()
        if not callerid:
            return json_response({"success": False, "message": "callerid is required"}, 400)
        try:
            callid = self.start_inbound_call(callerid, body.get("queue") or None)
        except ValueError as exc:
            return json_response({"success": False, "message": str(exc)}, 400)
        return json_response({"success": True, "callid": callid})

    def _sim_restrict(self, request: Request) -> Response:
        """{"email": ..., "restricted": true|false}: the user's "Restrict Manual Calls" permission."""
        body = request.json()
        agent = self.cc.tenant.agent_by_email(str(body.get("email") or self.email))
        if agent is None:
            return json_response({"success": False, "message": "Unknown user"}, 400)
        self.cc.restrict_manual_calls(agent, bool(body.get("restricted", True)))
        return json_response({"success": True})

    def _sim_reset(self, request: Request) -> Response:
        with self._lock:
            self._faults.clear()
            self._log.clear()
        return json_response({"success": True})


def _json_body_errors(route: Route) -> Route:
    """Test controls answer 400 to a body that is not a JSON object instead of dropping the connection."""

    def checked(request: Request) -> Response | None:
        try:
            if not isinstance(request.json(), dict):
                raise TypeError("not an object")
            return route(request)
        except (ValueError, TypeError, AttributeError) as exc:
            return json_response({"success": False, "message": f"Bad request body: {exc}"}, 400)

    return checked


def _url_host(host: str) -> str:
    """A host clients can connect to: a wildcard bind address is reached through loopback."""
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    return f"[{host}]" if ":" in host else host


@contextlib.contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT/SIGTERM set `stop`; only the main thread may install handlers, elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run(config: SimulatorConfig, out: TextIO = sys.stdout, stop: threading.Event | None = None) -> int:
    """Blocking: start, print ONE JSON line with the credentials, serve until SIGINT/SIGTERM, stop, return 0.

    `stop` lets an embedding thread (or a test) end it without a signal.
    """
    stop = stop or threading.Event()
    with _stop_on_signals(stop), Simulator(config) as simulator:
        out.write(json.dumps(simulator.credentials()) + "\n")
        out.flush()
        while not stop.wait(0.5):
            pass
    return 0
