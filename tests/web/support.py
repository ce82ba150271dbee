"""Test-side helpers for the web layer: in-memory HTTP origins, JS evaluation, explicit Qt deletion."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript

# Qt prints this once per process when Chromium's GPU info arrives late; harmless offscreen (see the report).
ENGINE_MARKS = [
    pytest.mark.webengine,
    pytest.mark.qt_log_ignore("GPUInfo not initialized on GpuInfoUpdate"),
]
TIMEOUT = 15000
F = TypeVar("F")


def engine_test(func: F) -> F:
    """Mark a test that drives the real QtWebEngine."""
    for mark in ENGINE_MARKS:
        func = mark(func)
    return func


MAIN_WORLD = QWebEngineScript.ScriptWorldId.MainWorld


class PageServer:
    """One origin: serves HTML from a dict and records every path it was asked for."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append(self.path)
                body = server.pages.get(urlsplit(self.path).path)
                if body is None:
                    self.send_error(404)
                    return
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="page-server", daemon=True)
        self._thread.start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def url(self, path: str) -> QUrl:
        return QUrl(self.origin + path)

    def add(self, path: str, html: str) -> QUrl:
        self.pages[path] = html
        return self.url(path)

    def reset(self) -> PageServer:
        with self._lock:
            self.pages.clear()
            self.requests.clear()
        return self

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for p in self.requests if urlsplit(p).path == path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(5)


def run_js(qtbot: Any, page: QWebEnginePage, source: str) -> Any:
    """Evaluate `source` in the page's own (main) world and return its value, passed through JSON.

    (PySide hands arrays and objects from runJavaScript to the callback as "", so we never rely on that.)
    """
    wrapped = f"JSON.stringify([eval({json.dumps(source)})])"
    with qtbot.wait_callback(timeout=TIMEOUT) as callback:
        page.runJavaScript(wrapped, MAIN_WORLD, callback)
    return json.loads(callback.args[0])[0]


def eval_async(qtbot: Any, page: QWebEnginePage, expression: str) -> Any:
    """Evaluate a JS expression that may be a promise, and wait for its value."""
    run_js(
        qtbot,
        page,
        f"window.__result = undefined; Promise.resolve({expression}).then(v => window.__result = [v]); 0",
    )
    qtbot.wait_until(lambda: run_js(qtbot, page, "window.__result !== undefined"), timeout=TIMEOUT)
    return run_js(qtbot, page, "window.__result")[0]


_markers = iter(range(1, 1_000_000))


def round_trip(qtbot: Any, page: QWebEnginePage, server: PageServer) -> None:
    """A positive end for "nothing happened" tests: the page fetches a marker from `server` (its own origin) and
    this waits until the request arrives, so what the page was asked to do before (navigate, send, call back)
    has had its turn in the renderer and the network, with no fixed sleep."""
    marker = f"/round-trip-{next(_markers)}"
    run_js(qtbot, page, f"fetch({marker!r}).catch(() => 0), 1")
    qtbot.wait_until(lambda: server.hits(marker) == 1, timeout=TIMEOUT)


def click_until(qtbot: Any, view: Any, button: Qt.MouseButton, done: Callable[[], bool]) -> None:
    """Click into the page until `done()`: right after a load Chromium may not route input yet."""
    deadline = time.monotonic() + TIMEOUT / 1000
    while not done():
        assert time.monotonic() < deadline, "the page never reacted to the click"
        QTest.mouseClick(view.focusProxy(), button, pos=QPoint(100, 100))
        with contextlib.suppress(Exception):  # pytest-qt's TimeoutError: click again
            qtbot.wait_until(done, timeout=1000)


def delete_now(qtbot: Any, obj: QObject) -> None:
    """deleteLater, then run the deferred delete and wait until the C++ object is really gone."""
    gone: list[bool] = []
    obj.destroyed.connect(lambda *_: gone.append(True))
    obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qtbot.wait_until(lambda: bool(gone), timeout=TIMEOUT)


def load(qtbot: Any, view: Any, url: QUrl) -> None:
    """load_softphone and wait until it has loaded."""
    with qtbot.wait_signal(view.loaded, timeout=TIMEOUT) as blocker:
        assert view.load_softphone(url)
    assert blocker.args == [True]


def dispose_profile(qtbot: Any, profile: Any) -> None:
    with contextlib.suppress(RuntimeError):  # already deleted by the test
        delete_now(qtbot, profile)


def dispose_view(qtbot: Any, view: Any) -> None:
    try:
        view.shutdown()
        view.close()
        delete_now(qtbot, view)
    except RuntimeError:  # already deleted by the test
        pass
