"""The one narrow channel from the softphone page to Python.

The page (or, for the real CCS softphone, an adapter script injected later) reports what happens by
dispatching DOM events on `window`::

    window.dispatchEvent(new CustomEvent("ccs-softphone", {detail: JSON.stringify(message)}))

`detail` is a JSON *string*: our listener runs in Qt's isolated ApplicationWorld, and only primitives cross
between JS worlds intact. The page never sees the QWebChannel (it lives in that isolated world) and cannot
call anything but this one-way message. Messages (extra keys are kept, for forward compatibility):

- `{"type": "ready", "agent": str, "email": str}`: logged in, can take calls.
- `{"type": "login_required", "message": str}`: the page rejected the session and shows its own login.
- `{"type": "call", "callid": str, "state": "ringing"|"talking"|"hold"|"ended", "direction": "in"|"out",
  "number": str, "disposition"?: str, "queue"?: str}`: a call changed state (an inbound ring pops the caller's
  card at once, services/rings.py).
- `{"type": "status", "status": str}`: the agent's status text.
- `{"type": "connection", "state": "connected"|"disconnected"}`: the page's own link to CCS dropped or came
  back (the page reconnects by itself; the app only shows it, within a second).

Anything else (not JSON, not an object, over 16 KiB, an unknown type, a missing or mistyped field) is logged
and dropped, so `SoftphoneBridge.message` only ever carries dicts of the shapes above.

Two scripts are injected into the main frame only, both in ApplicationWorld: at DocumentCreation a listener
that queues events (so one dispatched by the page's first inline script is not lost), and at DocumentReady
Qt's qwebchannel.js plus the code that connects and flushes the queue.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QFile, QIODevice, QObject, Signal, SignalInstance, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEngineLoadingInfo, QWebEnginePage, QWebEngineScript

from ccs_desktop.core import startup
from ccs_desktop.core.logs import redact

EVENT_NAME = "ccs-softphone"
CHANNEL_OBJECT = "ccsBridge"
MAX_MESSAGE_BYTES = 16 * 1024
WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld

CALL_STATES = frozenset({"ringing", "talking", "hold", "ended"})
CALL_DIRECTIONS = frozenset({"in", "out"})
CONNECTION_STATES = frozenset({"connected", "disconnected"})
# type -> required string fields; optional fields are checked in _problem().
MESSAGE_FIELDS: dict[str, tuple[str, ...]] = {
    "ready": ("agent", "email"),
    "login_required": ("message",),
    "call": ("callid", "state", "direction", "number"),
    "status": ("status",),
    "connection": ("state",),
}

_log = logging.getLogger(__name__)

# Runs before any page script: queue events until the channel is up (the queue is bounded).
_LISTENER_JS = """
(function () {
  "use strict";
  if (window.__ccsBridge) { return; }
  var bridge = { queue: [], endpoint: null };
  window.__ccsBridge = bridge;  // visible in this isolated world only
  window.addEventListener("__EVENT__", function (event) {
    var text = typeof event.detail === "string" ? event.detail : "";
    if (bridge.endpoint) { bridge.endpoint.receive(text); }
    else if (bridge.queue.length < 64) { bridge.queue.push(text); }
  });
})();
""".replace("__EVENT__", EVENT_NAME)

_CONNECT_JS = """
(function () {
  "use strict";
  var bridge = window.__ccsBridge;
  if (!bridge || bridge.connecting) { return; }
  bridge.connecting = true;
  new QWebChannel(qt.webChannelTransport, function (channel) {
    bridge.endpoint = channel.objects.__OBJECT__;
    var queued = bridge.queue;
    bridge.queue = [];
    queued.forEach(function (text) { bridge.endpoint.receive(text); });
  });
})();
""".replace("__OBJECT__", CHANNEL_OBJECT)


def _qwebchannel_js() -> str:
    """Qt's own client library, from the resource that ships with QtWebChannel."""
    source = QFile(":/qtwebchannel/qwebchannel.js")
    if not source.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError(
            "Qt resource :/qtwebchannel/qwebchannel.js is missing (QtWebChannel not installed?)"
        )
    try:
        return bytes(source.readAll().data()).decode("utf-8")
    finally:
        source.close()


def _script(name: str, source: str, point: QWebEngineScript.InjectionPoint) -> QWebEngineScript:
    script = QWebEngineScript()
    script.setName(name)
    script.setSourceCode(source)
    script.setInjectionPoint(point)
    script.setWorldId(WORLD)
    script.setRunsOnSubFrames(False)
    return script


def _problem(message: dict[str, Any]) -> str | None:
    """Why a decoded message breaks the contract, or None when it is fine."""
    kind = message.get("type")
    if not isinstance(kind, str) or kind not in MESSAGE_FIELDS:
        return f"unknown type {kind!r}"
    for field in MESSAGE_FIELDS[kind]:
        if not isinstance(message.get(field), str):
            return f"{kind}: field {field!r} must be a string"
    if kind == "call":
        if message["state"] not in CALL_STATES:
            return f"call: unknown state {message['state']!r}"
        if message["direction"] not in CALL_DIRECTIONS:
            return f"call: unknown direction {message['direction']!r}"
        for optional in ("disposition", "queue"):
            if optional in message and not isinstance(message[optional], str):
                return f"call: field {optional!r} must be a string"
    if kind == "connection" and message["state"] not in CONNECTION_STATES:
        return f"connection: unknown state {message['state']!r}"
    return None


def parse_message(text: str) -> dict[str, Any] | None:
    """Decode and check one message from the page; None (after logging why) when it is dropped."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_MESSAGE_BYTES:
        _log.warning("dropped a softphone message of %d bytes (limit %d)", size, MAX_MESSAGE_BYTES)
        return None
    try:
        message = json.loads(text)
    except ValueError:
        _log.warning("dropped a softphone message that is not JSON: %s", redact(text[:200]))
        return None
    if not isinstance(message, dict):
        _log.warning("dropped a softphone message that is not a JSON object: %s", redact(text[:200]))
        return None
    problem = _problem(message)
    if problem is not None:
        _log.warning("dropped a softphone message (%s)", redact(problem))
        return None
    return message


class _Endpoint(QObject):
    """The only object the page's isolated world can reach: one slot, one string in, nothing out."""

    def __init__(self, deliver: Callable[[str], None], parent: QObject) -> None:
        super().__init__(parent)
        self._deliver = deliver

    @Slot(str)
    def receive(self, text: str) -> None:
        self._deliver(text)


class SoftphoneBridge(QObject):
    """Turns the page's DOM events into `message(dict)`; also runs our own JS once the page is ready.

    Signals:
        message: a checked message from the page (see the module docstring for the shapes).
    """

    message = Signal(dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page: QWebEnginePage | None = None
        self._channel = QWebChannel(self)
        self._endpoint = _Endpoint(self.receive, self)
        self._channel.registerObject(CHANNEL_OBJECT, self._endpoint)
        self._ready = False
        self._has_document = False
        self._pending: list[tuple[str, Callable[[Any], None] | None]] = []
        self._torn_down = False
        self.held: list[tuple[SignalInstance, tuple[object, ...]]] | None = None  # SoftphoneView.hold_events
        self.calls_pass = False  # calls are not held (SoftphoneView.release_calls)

    def install(self, page: QWebEnginePage) -> None:
        """Attach to one page: register the channel in the isolated world and inject the two scripts."""
        if self._page is not None:
            raise RuntimeError("SoftphoneBridge is already installed on a page")
        self._page = page
        page.setWebChannel(self._channel, WORLD)
        scripts = page.scripts()
        scripts.insert(
            _script("ccs-bridge-listener", _LISTENER_JS, QWebEngineScript.InjectionPoint.DocumentCreation)
        )
        scripts.insert(
            _script(
                "ccs-bridge-channel",
                _qwebchannel_js() + _CONNECT_JS,
                QWebEngineScript.InjectionPoint.DocumentReady,
            )
        )
        page.loadingChanged.connect(self._on_loading_changed)
        page.destroyed.connect(self.teardown)

    @Slot(str)
    def receive(self, text: str) -> None:
        """One message from the page: check it and emit it, or log and drop it."""
        if self._torn_down:
            return
        message = parse_message(text if isinstance(text, str) else "")
        if message is not None:
            _log.debug("softphone says %s", message.get("type"))
            if message.get("type") == "ready":
                startup.mark("page_ready")
            if self.held is not None and not (self.calls_pass and message.get("type") == "call"):
                self.held.append((self.message, (message,)))
            else:
                self.message.emit(message)

    def run_javascript(self, source: str, callback: Callable[[Any], None] | None = None) -> None:
        """Run our own JS in the isolated world once the page has loaded; dropped after teardown."""
        if self._torn_down:
            return
        if not self._ready:
            self._pending.append((source, callback))
            return
        self._run_now(source, callback)

    def teardown(self) -> None:
        """Stop everything: no more messages, queued JS dropped, late JS callbacks ignored."""
        if self._torn_down:
            return
        self._torn_down = True
        self._pending.clear()
        page, self._page = self._page, None
        if page is not None:
            try:
                page.loadingChanged.disconnect(self._on_loading_changed)
                page.setWebChannel(None, WORLD)  # type: ignore[arg-type]  # Qt accepts a null channel
            except RuntimeError:  # the page's C++ object is already gone (teardown from `destroyed`)
                pass
        self._channel.deregisterObject(self._endpoint)

    def _run_now(self, source: str, callback: Callable[[Any], None] | None) -> None:
        assert self._page is not None

        def deliver(result: Any) -> None:
            if not self._torn_down and callback is not None:
                callback(result)

        self._page.runJavaScript(source, WORLD, deliver)

    def _on_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        """Ready once a document has loaded; a navigation refused or stopped leaves that document in place."""
        status = info.status()
        if status == QWebEngineLoadingInfo.LoadStatus.LoadStartedStatus:
            self._ready = False
            return
        if status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            self._has_document = True
        elif status == QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            self._has_document = False  # an error page is showing: wait for a real document
        self._ready = self._has_document
        if self._ready and not self._torn_down:
            pending, self._pending = self._pending, []
            for source, callback in pending:
                self._run_now(source, callback)
