"""The Generic Softphone stand-in: the agent page at `/<build>/sso/` and its server-sent call events.

Real CCS serves a WebRTC single-page app at `softphone.alo-tech.com/<build>/sso/?tenant=..&session=..`
(ccs-api.md §4). This one has no audio, but behaves the same wherever the desktop app can tell: it logs in with
the session, shows its own manual login when the session is bad, reports calls to its host through
`ccs-softphone` DOM events (the bridge contract in static/softphone.js), and, like the real one (§4.3), leaves
a live call up when the page is closed or reloaded: a dropped event stream never hangs up.

Routes (any build path segment works, e.g. `/demo/sso/` or `/generic/sso/`):

- `GET /<build>/sso/?tenant=..&session=..`: the page (the phone, or the login screen for a bad session).
- `GET /<build>/sso/static/<file>`: its CSS and JS.
- `GET /<build>/events?session=..`: text/event-stream of this agent's call events; 401 JSON for a bad session.
- `GET /<build>/session?session=..`: `{"login": true|false, ..}`; the page asks after its stream failed for good.

`set_streams_down(True)` cuts every event stream and answers new ones 503 until `set_streams_down(False)`: the
page shows "Disconnected" and tells its host (`connection` message), then reconnects by itself - what a real
softphone does when its WebSocket to CCS drops.
"""

from __future__ import annotations

import html
import importlib.resources
import json
import logging
import queue
import select
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from ccs_desktop.simulator.routing import AddRoute, Request, Response, json_response
from ccs_desktop.simulator.seed import Agent
from ccs_desktop.simulator.state import CallCenter, Event

log = logging.getLogger(__name__)

STATIC = importlib.resources.files("ccs_desktop.simulator") / "static"
PAGE_TEMPLATE = "softphone.html"
ASSET_TYPES = {
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "svg": "image/svg+xml",
}
HTML_TYPE = "text/html; charset=utf-8"
STREAM_TYPE = "text/event-stream; charset=utf-8"
KEEPALIVE_SECONDS = 15.0  # comment lines keep proxies and idle timers from closing a quiet stream
POLL_SECONDS = 0.25  # how soon a stream notices a gone client, an expired session or stop()
RETRY_MS = 2000  # EventSource's reconnect delay after a drop
NO_SESSION = "Not signed in"
LOGIN_TEXTS = {  # the CCS-style reason -> what the login screen says
    NO_SESSION: "Sign in to start the softphone.",
    "Invalid session": "Your session is not valid. Please sign in again.",
    "Session expired": "Your session has expired. Please sign in again.",
}
BUILD = r"/(?P<build>[^/]+)"
_IDLE: Event = {}


class Softphone:
    """Serves the page and one event stream per open page; every stream is its own subscriber."""

    def __init__(self, cc: CallCenter, stopping: threading.Event) -> None:
        self.cc = cc
        self.stopping = stopping
        self.keepalive_seconds = KEEPALIVE_SECONDS
        self._streams: set[queue.SimpleQueue[Event | None]] = set()
        self._lock = threading.Lock()
        self._down = False
        self.pages_served = 0  # how often the page itself was asked for (a start that loads it twice is seen)

    def install(self, add_route: AddRoute) -> None:
        add_route("GET", BUILD + r"/sso/", self.page)
        add_route("GET", BUILD + r"/sso", self.add_slash)
        add_route("GET", BUILD + r"/sso/static/(?P<name>[A-Za-z0-9_-]+\.(?P<ext>css|js|svg))", self.asset)
        add_route("GET", BUILD + r"/events", self.events)
        add_route("GET", BUILD + r"/session", self.session)

    def stream_count(self) -> int:
        with self._lock:
            return len(self._streams)

    def set_streams_down(self, down: bool) -> None:
        """Cut the pages' link (every stream ends, new ones get 503) or let it come back."""
        with self._lock:
            self._down = down
        if down:
            self.close_streams()

    def close_streams(self) -> None:
        """Wake every stream so it ends now, not at its next poll (stop() must stay fast)."""
        with self._lock:
            streams = list(self._streams)
        for inbox in streams:
            inbox.put(None)

    # --- the page ------------------------------------------------------------------------------------------

    def _agent(self, request: Request) -> tuple[Agent | None, str]:
        session = request.query.get("session", "")
        if not session:
            return None, NO_SESSION
        return self.cc.session_agent(session)

    def page(self, request: Request) -> Response:
        """The phone for a good session, else the login screen; the session itself never goes in the HTML."""
        agent, reason = self._agent(request)
        with self._lock:
            self.pages_served += 1
        base = request.match["build"]
        values = {
            "view": "phone" if agent is not None else "login",
            "base": "/" + base,
            "static": f"/{base}/sso/static",
            "agent": agent.name if agent is not None else "",
            "email": agent.email if agent is not None else "",
            "tenant": request.query.get("tenant", ""),
            "reason": reason,
            "reason_text": LOGIN_TEXTS.get(reason, reason),
        }
        text = (STATIC / PAGE_TEMPLATE).read_text("utf-8")
        for name, value in values.items():
            text = text.replace("{{" + name + "}}", html.escape(value))
        return Response(200, text.encode("utf-8"), HTML_TYPE, {"Referrer-Policy": "no-referrer"})

    def add_slash(self, request: Request) -> Response:
        """`/<build>/sso?..` -> `/<build>/sso/?..`, so the page's own URLs resolve the same either way."""
        query = urlsplit(request.handler.path).query
        target = request.path + "/" + ("?" + query if query else "")
        return Response(302, b"", "text/plain; charset=utf-8", {"Location": target})

    def asset(self, request: Request) -> Response:
        resource = STATIC / request.match["name"]
        if not resource.is_file():
            return json_response({"success": False, "message": "Not found"}, 404)
        return Response(200, resource.read_bytes(), ASSET_TYPES[request.match["ext"]])

    def session(self, request: Request) -> Response:
        """Always 200, with CCS's `login: false` for a bad session: a 401 here would be a console error."""
        agent, reason = self._agent(request)
        if agent is None:
            return json_response({"login": False, "message": reason})
        return json_response({"login": True, "agent": agent.name, "email": agent.email})

    # --- server-sent events --------------------------------------------------------------------------------

    def events(self, request: Request) -> Response | None:
        """Stream the agent's call events until the client leaves, the session ends or the simulator stops.

        Deliberately does nothing to the agent's calls when the client leaves: the real softphone's closed
        socket leaves the call up too (ccs-api.md §4.3).
        """
        agent, reason = self._agent(request)
        if agent is None:
            return json_response({"login": False, "message": reason}, 401)
        inbox: queue.SimpleQueue[Event | None] = queue.SimpleQueue()

        def listen(event: Event) -> None:
            if event.get("agent") == agent.email:
                inbox.put(event)

        with self._lock:
            if self.stopping.is_set():
                return json_response({"success": False, "message": "Shutting down"}, 503)
            if self._down:
                return json_response({"success": False, "message": "Service unavailable"}, 503)
            self._streams.add(inbox)
        unsubscribe = self.cc.subscribe(listen)
        try:
            self._stream(request, agent, inbox)
        except OSError:  # the client went away mid-write
            log.debug("event stream closed by the client")
        finally:
            unsubscribe()
            with self._lock:
                self._streams.discard(inbox)
        return None

    def _stream(self, request: Request, agent: Agent, inbox: queue.SimpleQueue[Event | None]) -> None:
        handler = request.handler
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", STREAM_TYPE)
        handler.send_header("Cache-Control", "no-store")
        handler.send_header("X-Accel-Buffering", "no")
        handler.send_header("Connection", "close")  # the body ends when the stream does
        handler.end_headers()
        live, last = self.cc.agent_calls(agent)
        hello = {"type": "hello", "agent": agent.name, "email": agent.email, "call": live, "last_call": last}
        handler.wfile.write(f"retry: {RETRY_MS}\n\n".encode() + self._frame(hello))
        session = request.query.get("session", "")
        keepalive_at = time.monotonic() + self.keepalive_seconds
        while True:
            try:
                event = inbox.get(timeout=POLL_SECONDS)
            except queue.Empty:
                event = _IDLE
            if event is None or self.stopping.is_set() or _client_gone(handler.connection):
                return
            if event is not _IDLE:
                handler.wfile.write(self._frame(event))
            current, reason = self.cc.session_agent(session)
            if current is None:  # tell the page why, so it shows its login instead of reconnecting
                handler.wfile.write(self._frame({"type": "session_ended", "message": reason}))
                return
            if time.monotonic() >= keepalive_at:
                handler.wfile.write(b": keep-alive\n\n")
                keepalive_at = time.monotonic() + self.keepalive_seconds

    def _frame(self, data: dict[str, Any]) -> bytes:
        """One SSE event; `now` (server clock) lets the page run call timers without trusting its own clock."""
        payload = json.dumps({**data, "now": self.cc.now()}, ensure_ascii=False, separators=(",", ":"))
        return b"data: " + payload.encode("utf-8") + b"\n\n"


def _client_gone(connection: socket.socket) -> bool:
    """An EventSource sends nothing after its request, so a readable socket means it hung up (EOF)."""
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True
