"""Fixtures for the simulator's own tests: a fast simulator, an HTTP client for it, a hangup_url receiver."""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from ccs_desktop.simulator import Simulator, SimulatorConfig

WIDE = {"startdate": "2000-01-01 00:00:00", "finishdate": "2100-01-01 00:00:00"}


def fast_config(**overrides: Any) -> SimulatorConfig:
    values: dict[str, Any] = {
        "port": 0,
        "seed_calls": 200,
        "test_controls": True,
        "ring_seconds": 0.2,
        "no_answer_seconds": 30,  # numbers ending in 0 ring until hung up: no races with slow machines
        "call_seconds": 0.3,
    }
    values.update(overrides)
    return SimulatorConfig(**values)


class Client:
    """Talks to one simulator over real HTTP, the way CCS clients do."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.http = requests.Session()

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, **params: str) -> requests.Response:
        return self.http.get(self.sim.base_url + path, params=params, timeout=10)

    def api(self, function: str | None, **params: str) -> dict[str, Any]:
        query = {"function": function, **params} if function is not None else params
        response = self.get("/api/", **query)
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        return response.json()

    def login(self) -> str:
        answer = self.api("login", app_token=self.sim.app_token, email=self.sim.email)
        assert answer["login"] is True, answer
        return answer["session"]

    def cdr(self, **params: str) -> dict[str, Any]:
        return self.api("reportsCDRLogs", app_token=self.sim.app_token, **params)

    def pages(self, cursor: str = "", **params: str) -> list[dict[str, Any]]:
        """Every page of a query (from `cursor` on), following cursors until the configured end signal."""
        pages: list[dict[str, Any]] = []
        for _ in range(1000):
            page = self.cdr(**params, cursor=cursor) if cursor else self.cdr(**params)
            pages.append(page)
            cursor = page.get("cursor", "")
            if not cursor:
                return pages
        raise AssertionError("paging never ended")

    def record(self, callid: str, timeout: float = 5.0) -> dict[str, Any]:
        """The call's record, waiting until the call has ended."""
        found = wait_for(lambda: self.cdr(activecallkey=callid)["CallList"], timeout)
        assert len(found) == 1
        return found[0]

    def control(self, path: str, body: dict[str, Any] | None = None) -> requests.Response:
        return self.http.post(f"{self.sim.base_url}/_sim/{path}", json=body or {}, timeout=10)

    def fault(self, mode: str, **body: Any) -> None:
        response = self.control("faults", {"mode": mode, **body})
        assert response.status_code == 200, response.text

    def state(self) -> dict[str, Any]:
        return self.get("/_sim/state").json()


def wait_for(predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
    """Poll until `predicate` returns something truthy; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.02)


@pytest.fixture(autouse=True)
def user_dirs() -> None:
    """The simulator touches no user dirs or keyring: skip the suite-wide private keyring for these tests."""


@pytest.fixture
def sim() -> Iterator[Simulator]:
    simulator = Simulator(fast_config())
    simulator.start()
    try:
        yield simulator
    finally:
        simulator.stop()


@pytest.fixture
def client(sim: Simulator) -> Iterator[Client]:
    c = Client(sim)
    try:
        yield c
    finally:
        c.close()


class AheadClock:
    """The simulator's clock: real time (its timer thread waits on it) plus `ahead` seconds a test jumps by, so a
    ring, a hold or a session's lifetime passes without waiting for it."""

    def __init__(self) -> None:
        self.ahead = 0.0

    def __call__(self) -> float:
        return time.time() + self.ahead


@pytest.fixture
def make_client() -> Iterator[Callable[..., Client]]:
    """Starts a simulator with config overrides; everything is stopped at teardown."""
    made: list[Client] = []

    def make(**overrides: Any) -> Client:
        simulator = Simulator(fast_config(**overrides))
        simulator.start()
        made.append(Client(simulator))
        return made[-1]

    try:
        yield make
    finally:
        for c in made:
            c.close()
            c.sim.stop()


class Receiver:
    """A tiny HTTP server standing in for a CRM: POSTs (the hangup_url) go to `posts`, GETs (IVR notifications)
    to `gets`; `on_get` runs on each GET before it is answered."""

    def __init__(self) -> None:
        self.posts: queue.Queue[dict[str, Any]] = queue.Queue()
        self.gets: queue.Queue[dict[str, Any]] = queue.Queue()
        self.on_get: Callable[[dict[str, Any]], None] = lambda request: None
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                fields = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
                owner.posts.put(
                    {"path": self.path, "content_type": self.headers["Content-Type"], "fields": fields}
                )
                self._ok()

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                request = {
                    "path": parts.path,
                    "raw_query": parts.query,
                    "params": {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()},
                    "arrived": time.monotonic(),
                }
                owner.on_get(request)
                owner.gets.put(request)  # after on_get, so a test sees what it did
                self._ok()

            def _ok(self) -> None:
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = f"{self.base}/hangup?crm=1"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.start()

    def next(self, timeout: float = 5.0) -> dict[str, Any]:
        return self.posts.get(timeout=timeout)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    try:
        yield r
    finally:
        r.close()


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
