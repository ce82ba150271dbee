"""The notification listener over real HTTP: token, de-duplication, delivery on the GUI thread, limits, logs."""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
import requests

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.notifications import CallNotification, ParamNames
from ccs_desktop.services import listener as listener_module
from ccs_desktop.services.listener import (
    EVICT_AFTER,
    MAX_BODY,
    MAX_KEY,
    MAX_OPEN,
    RETRY_DELAYS,
    NotificationListener,
)
from ccs_desktop.services.tasks import TaskRunner

TOKEN = "k3Y-secret_token-0123456789abcdef"
KEY = "agxzfmFsb3RlY2hhcHByEgsSBUNhbGxzGICAgICAgIAKDA"


class Inbox:
    """Collects delivered notifications with the thread each arrived on."""

    def __init__(self) -> None:
        self.items: list[tuple[CallNotification, int]] = []

    def __call__(self, notification: CallNotification) -> None:
        self.items.append((notification, threading.get_ident()))

    @property
    def notifications(self) -> list[CallNotification]:
        return [n for n, _ in self.items]


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def listener(runner: TaskRunner, inbox: Inbox) -> Iterator[NotificationListener]:
    lst = NotificationListener(runner, TOKEN, inbox)
    lst.start()
    yield lst
    lst.stop()


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


def ring_query(key: str = KEY) -> str:
    return urlencode(
        {
            "call_callerid": "+905321234567",
            "call_activecallkey": key,
            "call_agent_email": "ayse@demo.com",
            "queue": "Destek",
        }
    )


def settle(qtbot, runner: TaskRunner) -> None:
    """Let queued deliveries reach the GUI thread. The listener posts a delivery (`call_soon`) before it answers,
    so once the test has its answers, `pending` reaching 0 means every delivery has run."""
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=2000)


def test_urls_and_the_token_only_where_it_belongs(listener: NotificationListener):
    port = listener.port
    assert port > 0
    assert listener.base_url == f"http://127.0.0.1:{port}/{TOKEN}"
    assert listener.ivr_url == f"http://127.0.0.1:{port}/{TOKEN}/call"
    assert listener.hangup_url == f"http://127.0.0.1:{port}/{TOKEN}/hangup"
    assert listener.redacted_base_url == f"http://127.0.0.1:{port}/••••••/"
    assert TOKEN not in listener.redacted_base_url


def test_a_ring_is_delivered_once_on_the_gui_thread(qtbot, listener, inbox, runner, http):
    response = http.get(f"{listener.ivr_url}?{ring_query()}", timeout=5)
    assert (response.status_code, response.text) == (200, "ok\n")
    qtbot.waitUntil(lambda: len(inbox.items) == 1, timeout=2000)
    notification, thread = inbox.items[0]
    assert thread == threading.get_ident()  # the test runs on the GUI thread
    assert (notification.kind, notification.key, notification.callerid, notification.queue) == (
        "ring",
        KEY,
        "+905321234567",
        "Destek",
    )
    for _ in range(3):  # CCS or a relay repeating itself
        assert http.get(f"{listener.ivr_url}?{ring_query()}", timeout=5).status_code == 200
    end = http.get(f"{listener.ivr_url}?{ring_query()}&call_duration=31", timeout=5)
    assert end.status_code == 200
    qtbot.waitUntil(lambda: len(inbox.items) == 2, timeout=2000)
    settle(qtbot, runner)
    assert [(n.kind, n.duration) for n in inbox.notifications] == [("ring", None), ("end", 31)]
    counters = listener.counters
    assert (counters.received, counters.delivered, counters.duplicates, counters.refused) == (5, 2, 3, 0)


def test_post_with_a_form_works_too_and_the_trailing_slash_is_fine(qtbot, listener, inbox, http):
    response = http.post(listener.ivr_url + "/", data=ring_query(), headers=_form(), timeout=5)
    assert response.status_code == 200
    qtbot.waitUntil(lambda: len(inbox.items) == 1, timeout=2000)
    assert inbox.notifications[0].callerid == "+905321234567"


@pytest.mark.parametrize(
    "path",
    [
        "/call",
        "/",
        "/wrong-token-0123456789abcdef/call",
        f"/{TOKEN[:-1]}/call",
        f"/{TOKEN}x/call",
        f"/call/{TOKEN}",
        f"/x{TOKEN}/call",
        "/%E2%80%A2%E2%80%A2/call",
    ],
)
def test_without_the_token_403_and_nothing_changes(qtbot, listener, inbox, runner, http, path):
    base = f"http://127.0.0.1:{listener.port}"
    get = http.get(f"{base}{path}?{ring_query()}", timeout=5)
    post = http.post(f"{base}{path}", data=ring_query(), headers=_form(), timeout=5)
    hangup = http.post(f"{base}{path.replace('/call', '/hangup')}", data=f"call_id={KEY}", timeout=5)
    assert [r.status_code for r in (get, post, hangup)] == [403, 403, 403]
    assert TOKEN not in get.text
    settle(qtbot, runner)
    assert inbox.items == []
    counters = listener.counters
    assert (counters.refused, counters.received, counters.delivered) == (3, 0, 0)
    # and the refused requests did not use up the call key: the real one still pops
    assert http.get(f"{listener.ivr_url}?{ring_query()}", timeout=5).status_code == 200
    qtbot.waitUntil(lambda: len(inbox.items) == 1, timeout=2000)


def test_hangup_post_is_parsed(qtbot, listener, inbox, http):
    form = {
        "call_id": KEY,
        "caller_id": "908502220000",
        "called_num": "05321234567",
        "call_date": "2026-11-25 18:00:00",
        "transaction_id": "crm-42",
        "agent_username": "ayse@demo.com",
        "duration": "17",
        "disposition": "ANSWER",
        "tenant": "demo",
    }
    assert http.post(listener.hangup_url, data=form, timeout=5).status_code == 200
    assert http.post(listener.hangup_url, data=form, timeout=5).status_code == 200
    qtbot.waitUntil(lambda: len(inbox.items) == 1, timeout=2000)
    n = inbox.notifications[0]
    assert (n.kind, n.key, n.transaction_id, n.disposition, n.duration, n.called_num) == (
        "hangup",
        KEY,
        "crm-42",
        "ANSWER",
        17,
        "05321234567",
    )
    assert listener.counters.duplicates == 1


def test_bad_requests_with_the_right_token(qtbot, listener, inbox, runner, http):
    base = listener.base_url
    answers = {
        "unknown path": http.get(f"{base}/calls?{ring_query()}", timeout=5),
        "bare token": http.get(base, timeout=5),
        "no call key": http.get(f"{listener.ivr_url}?call_callerid=123", timeout=5),
        "hangup by GET": http.get(f"{listener.hangup_url}?call_id={KEY}", timeout=5),
        "hangup without call_id": http.post(listener.hangup_url, data={"duration": "3"}, timeout=5),
        "oversize": http.post(listener.hangup_url, data=b"x" * (MAX_BODY + 1), timeout=5),
    }
    assert {name: r.status_code for name, r in answers.items()} == {
        "unknown path": 404,
        "bare token": 404,
        "no call key": 400,
        "hangup by GET": 405,
        "hangup without call_id": 400,
        "oversize": 413,
    }
    assert answers["no call key"].text == "call notification without call_activecallkey\n"
    assert answers["hangup by GET"].headers["Allow"] == "POST"
    assert all(r.text.count("\n") == 1 for r in answers.values())  # one line each
    settle(qtbot, runner)
    assert inbox.items == []
    assert listener.counters.invalid == 6
    assert listener.counters.received == 0


def test_a_body_of_max_body_bytes_is_read_whole(qtbot, listener, inbox, http):
    form = f"call_id={KEY}&disposition=ANSWER&pad=".encode()
    body = form + b"x" * (MAX_BODY - len(form))
    response = http.post(listener.hangup_url, data=body, headers=_form(), timeout=5)
    assert response.status_code == 200
    qtbot.waitUntil(lambda: len(inbox.items) == 1, timeout=2000)
    assert inbox.notifications[0].fields["pad"] == "x" * (MAX_BODY - len(form))


def test_an_oversize_body_without_the_token_is_still_refused(listener, http):
    response = http.post(f"http://127.0.0.1:{listener.port}/call", data=b"x" * (MAX_BODY + 1), timeout=5)
    assert response.status_code == 403


def test_custom_parameter_names(qtbot, runner, inbox, http):
    names = ParamNames(callerid="num", activecallkey="CallID", agent_email="who", duration="secs")
    lst = NotificationListener(runner, TOKEN, inbox, names=names)
    lst.start()
    try:
        assert http.get(f"{lst.ivr_url}?CallID={KEY}&num=05321234567", timeout=5).status_code == 200
        assert http.get(f"{lst.ivr_url}?call_activecallkey={KEY}", timeout=5).status_code == 400
        qtbot.waitUntil(lambda: len(inbox.items) == 1, timeout=2000)
        assert inbox.notifications[0].callerid == "05321234567"
    finally:
        lst.stop()


def test_answers_within_milliseconds(listener, http):
    http.get(f"{listener.ivr_url}?{ring_query('warm-up')}", timeout=5)
    timings = []
    for i in range(20):
        started = time.perf_counter()
        response = http.get(f"{listener.ivr_url}?{ring_query(f'call-{i}')}", timeout=5)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    timings.sort()
    assert timings[len(timings) // 2] < 0.05, timings  # median
    assert timings[-1] < 0.2, timings


def test_answers_even_while_the_gui_thread_is_busy(listener, inbox, http):
    """The reply does not wait for the GUI thread: this test never spins the Qt event loop."""
    started = time.perf_counter()
    response = http.get(f"{listener.ivr_url}?{ring_query()}", timeout=5)
    assert response.status_code == 200
    assert time.perf_counter() - started < 0.2
    assert inbox.items == []  # not delivered yet: the GUI thread has not run
    assert listener.counters.delivered == 1


def test_ipv6_loopback(qtbot, runner, inbox, http):
    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    lst = NotificationListener(runner, TOKEN, inbox, address="::1")
    try:
        lst.start()
    except InvalidInput as exc:
        pytest.skip(f"no IPv6 loopback here: {exc}")
    try:
        assert lst.ivr_url == f"http://[::1]:{lst.port}/{TOKEN}/call"
        assert http.get(f"{lst.ivr_url}?{ring_query()}", timeout=5).status_code == 200
        qtbot.waitUntil(lambda: len(inbox.items) == 1, timeout=2000)
    finally:
        lst.stop()


def test_port_in_use_is_a_clear_error(runner, inbox):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        lst = NotificationListener(runner, TOKEN, inbox, port=port)
        with pytest.raises(InvalidInput) as info:
            lst.start()
    assert str(info.value) == (
        f"cannot listen for call notifications on 127.0.0.1:{port}: the port is already in use"
    )
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert not lst.running
    lst.stop()  # harmless


@pytest.mark.parametrize(
    ("address", "reason"),
    [("no-such-host.invalid", "unknown address"), ("192.0.2.1", "this computer has no such address")],
)
def test_bad_address_is_a_clear_error(runner, inbox, address, reason):
    lst = NotificationListener(runner, TOKEN, inbox, address=address)
    with pytest.raises(InvalidInput, match=f"on {address}:0: {reason}$"):
        lst.start()


@pytest.mark.parametrize(
    ("token", "port"), [("", 0), ("short", 0), ("has/slash-0123456789abcdef", 0), (TOKEN, 70000), (TOKEN, -1)]
)
def test_bad_token_or_port_refused_up_front(runner, inbox, token, port):
    with pytest.raises(InvalidInput):
        NotificationListener(runner, token, inbox, port=port)


def test_stop_is_quick_idempotent_and_frees_the_port(runner, inbox, http):
    lst = NotificationListener(runner, TOKEN, inbox)
    lst.start()
    lst.start()  # already running: no second server
    port = lst.port
    started = time.perf_counter()
    lst.stop()
    lst.stop()
    assert time.perf_counter() - started < 1.0
    with pytest.raises(requests.ConnectionError):
        http.get(f"http://127.0.0.1:{port}/{TOKEN}/call?call_activecallkey=x", timeout=2)
    again = NotificationListener(runner, TOKEN, inbox, port=port)
    again.start()  # the port is free again
    again.stop()


def test_the_token_never_reaches_the_log(qtbot, runner, inbox, http, caplog):
    """Our own records only: the test's HTTP client (urllib3) logs its URLs at DEBUG, the app's filter masks those."""
    caplog.set_level(logging.DEBUG)
    lst = NotificationListener(runner, TOKEN, inbox)
    lst.start()
    try:
        http.get(f"{lst.ivr_url}?{ring_query()}", timeout=5)
        http.get(f"{lst.ivr_url}?{ring_query()}", timeout=5)
        http.get(f"{lst.ivr_url}?call_callerid=1", timeout=5)
        http.get(f"{lst.base_url}/nowhere", timeout=5)
        http.post(lst.hangup_url, data=b"x" * (MAX_BODY + 1), timeout=5)
        http.get(f"http://127.0.0.1:{lst.port}/{TOKEN[:-2]}/call?{ring_query()}", timeout=5)
        qtbot.waitUntil(lambda: len(inbox.items) == 1, timeout=2000)
    finally:
        lst.stop()
    text = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("urllib3"))
    assert "ring notification for " + KEY in text  # kind and key are logged
    assert "refused" in text
    assert TOKEN[:-2] not in text
    assert "/call" not in text


def _form() -> dict[str, str]:
    return {"Content-Type": "application/x-www-form-urlencoded"}


def test_the_token_is_masked_by_value_once_a_listener_holds_it(runner, inbox):
    """Wherever another module writes the listener's URL (a hangup_url, a diagnostics line), logs mask it."""
    from ccs_desktop.core.logs import redact

    token = "Fr3shListenerToken_0123456789"
    NotificationListener(runner, token, inbox)
    assert token not in redact(f"POST http://127.0.0.1:1/{token}/hangup")


# --- limits (issue 10): raw sockets, so the test controls exactly what the client sends and when ----------------


def raw(port: int, data: bytes, *, timeout: float = 5.0) -> bytes:
    """Send `data`, then read until the listener closes (or `timeout`): what a client sees."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        return read_to_end(sock)


def read_to_end(sock: socket.socket) -> bytes:
    chunks = []
    try:
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    except ConnectionResetError:
        pass
    return b"".join(chunks)


def get_request(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()


async def _timed_get(port: int, path: str, limit: float) -> float | None:
    """Seconds until the answer's status line, or None: no 200 within `limit` seconds."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        async with asyncio.timeout(limit):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                writer.write(get_request(path))
                line = await reader.readline()
            finally:
                writer.close()
    except (TimeoutError, OSError):
        return None
    return loop.time() - started if line.startswith(b"HTTP/1.0 200") else None


def burst(port: int, paths: list[str], limit: float) -> list[float | None]:
    """Every request at once, each on its own connection; how long each took to be answered."""

    async def go() -> list[float | None]:
        return list(await asyncio.gather(*(_timed_get(port, p, limit) for p in paths)))

    return asyncio.run(go())


def test_a_burst_of_200_valid_notifications_is_all_answered_within_5_s(qtbot, listener, runner, inbox):
    """The backlog holds what the loop has not accepted yet (it was 5: 40 of 200 went unanswered)."""
    paths = [f"/{TOKEN}/call?{ring_query(f'burst-{i}')}" for i in range(200)]
    times = burst(listener.port, paths, 5.0)
    assert None not in times, f"{times.count(None)} of 200 unanswered within 5 s"
    qtbot.waitUntil(lambda: len(inbox.items) == 200, timeout=5000)
    settle(qtbot, runner)
    assert listener.counters.delivered == 200


def test_a_client_that_does_not_send_its_whole_request_in_time_is_dropped(runner, inbox):
    """The deadline runs from accept: trickling one byte at a time does not extend it."""
    lst = NotificationListener(runner, TOKEN, inbox, deadline=0.6)
    lst.start()
    try:
        with socket.create_connection(("127.0.0.1", lst.port), timeout=5) as silent:
            started = time.perf_counter()
            assert read_to_end(silent) == b""  # closed unanswered
            assert 0.5 < time.perf_counter() - started < 2.0
        request = get_request(f"/{TOKEN}/call?{ring_query()}")
        with socket.create_connection(("127.0.0.1", lst.port), timeout=5) as trickle:
            started = time.perf_counter()
            for byte in request[:-2]:  # never the last CRLF
                try:
                    trickle.send(bytes([byte]))
                except OSError:
                    break
                time.sleep(0.05)
                if time.perf_counter() - started > 3.0:
                    break
            assert read_to_end(trickle) == b""
            assert time.perf_counter() - started < 2.0
        assert lst.counters.dropped == 2
        assert lst.counters.received == 0
    finally:
        lst.stop()


def test_150_slow_clients_hold_no_threads_and_a_valid_notification_is_still_answered(listener, inbox):
    """A silent connection costs a socket, not a thread (it was one thread each: 150 held 194 threads)."""
    threads = threading.active_count()
    slow = [socket.create_connection(("127.0.0.1", listener.port), timeout=5) for _ in range(150)]
    try:
        time.sleep(0.3)  # the listener has accepted them
        assert threading.active_count() <= threads
        started = time.perf_counter()
        answer = raw(listener.port, get_request(f"/{TOKEN}/call?{ring_query()}"))
        assert answer.startswith(b"HTTP/1.0 200"), answer
        assert time.perf_counter() - started < 0.5
        assert threading.active_count() <= threads
    finally:
        for sock in slow:
            sock.close()


def test_at_the_connection_limit_a_stale_connection_gives_way_to_a_waiting_one(runner, inbox):
    lst = NotificationListener(runner, TOKEN, inbox, max_open=16)
    lst.start()
    slow = [socket.create_connection(("127.0.0.1", lst.port), timeout=5) for _ in range(40)]
    try:
        started = time.perf_counter()
        answer = raw(lst.port, get_request(f"/{TOKEN}/call?{ring_query()}"))
        assert answer.startswith(b"HTTP/1.0 200"), answer
        # behind 40 - 16 silent ones in the backlog: each batch of 16 gives way after EVICT_AFTER
        assert time.perf_counter() - started < 3 * EVICT_AFTER + 1.0  # not the 5 s deadline
        assert lst.counters.dropped >= 40 - 16
    finally:
        for sock in slow:
            sock.close()
        lst.stop()


def test_the_connection_limit_leaves_most_file_descriptors_to_the_app():
    """macOS gives an app 256 descriptors: the listener takes at most a quarter of them."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
        assert listener_module.open_limit() == 64
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(4096, hard), hard))
        assert listener_module.open_limit() == min(MAX_OPEN, min(4096, hard) // 4)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_wrong_token_is_refused_before_headers_or_body_are_read(listener):
    port = listener.port
    started = time.perf_counter()
    huge = b"POST /wrong-token-0123456789abcdef/call HTTP/1.1\r\nContent-Length: 100000000\r\n\r\n"
    assert raw(port, huge).startswith(b"HTTP/1.0 403 Forbidden")  # and no body was ever sent
    only_the_line = b"POST /call HTTP/1.1\r\n"  # headers never finished
    assert raw(port, only_the_line).startswith(b"HTTP/1.0 403 Forbidden")
    assert time.perf_counter() - started < 0.5 * 2  # not after the 5 s deadline
    # the right token and a body over MAX_BODY: 413 at once, the body is not waited for either
    started = time.perf_counter()
    oversize = f"POST /{TOKEN}/hangup HTTP/1.1\r\nContent-Length: {MAX_BODY + 1}\r\n\r\n".encode()
    assert raw(port, oversize).startswith(b"HTTP/1.0 413")
    assert time.perf_counter() - started < 0.5
    assert (listener.counters.refused, listener.counters.invalid) == (2, 1)


def test_expect_100_continue_and_malformed_requests(listener):
    port = listener.port
    body = f"call_id={KEY}".encode()
    head = f"POST /{TOKEN}/hangup HTTP/1.1\r\nContent-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(head.encode())
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"  # curl waits for this before the body
        sock.sendall(body)
        assert read_to_end(sock).startswith(b"HTTP/1.0 200")
    big_headers = f"GET /{TOKEN}/call HTTP/1.1\r\n".encode() + b"X-Pad: " + b"x" * 20000 + b"\r\n\r\n"
    assert raw(port, big_headers).startswith(b"HTTP/1.0 431")
    assert raw(port, b"GET /" + b"x" * 20000 + b" HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.0 414")
    assert raw(port, b"hello\r\n\r\n").startswith(b"HTTP/1.0 400")
    assert raw(port, b"GET /x HTTP/1.1\r\n").startswith(b"HTTP/1.0 403")


def test_a_call_key_over_128_characters_is_refused(qtbot, listener, inbox, runner, http):
    """Each new key starts a follow-up with CCS look-ups: an absurd one is not taken."""
    longest = "k" * MAX_KEY
    too_long = "k" * (MAX_KEY + 1)
    assert http.get(f"{listener.ivr_url}?{ring_query(too_long)}", timeout=5).status_code == 400
    assert http.get(f"{listener.ivr_url}?{ring_query('k' * 60000)}", timeout=5).status_code in (400, 414)
    assert http.post(listener.hangup_url, data={"call_id": too_long}, timeout=5).status_code == 400
    hangup = {"call_id": KEY, "transaction_id": too_long}
    assert http.post(listener.hangup_url, data=hangup, timeout=5).status_code == 400
    assert http.get(f"{listener.ivr_url}?{ring_query(longest)}", timeout=5).status_code == 200
    qtbot.waitUntil(lambda: len(inbox.items) == 1, timeout=2000)
    settle(qtbot, runner)
    assert [n.key for n in inbox.notifications] == [longest]


def test_a_second_listener_on_the_same_port_fails_loudly(runner, inbox):
    first = NotificationListener(runner, TOKEN, inbox)
    first.start()
    try:
        second = NotificationListener(runner, TOKEN, inbox, port=first.port)
        with pytest.raises(InvalidInput, match=r"the port is already in use$"):
            second.start()
        assert not second.running
    finally:
        first.stop()


def test_a_restart_rebinds_at_once_although_a_connection_is_in_time_wait(runner, inbox):
    """The listener closes each connection first, so its side waits in TIME_WAIT for a minute after a stop."""
    lst = NotificationListener(runner, TOKEN, inbox)
    lst.start()
    port = lst.port
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(get_request(f"/{TOKEN}/call?{ring_query()}"))
        assert read_to_end(sock).startswith(b"HTTP/1.0 200")  # the listener closed first
    lst.stop()
    again = NotificationListener(runner, TOKEN, inbox, port=port)
    again.start()
    try:
        assert raw(port, get_request(f"/{TOKEN}/call?{ring_query('again')}")).startswith(b"HTTP/1.0 200")
    finally:
        again.stop()


class FakeTimers:
    """`later` for the listener: records each (delay, function) instead of waiting; `fire` runs the last."""

    def __init__(self) -> None:
        self.now = 100.0
        self.delays: list[float] = []
        self.pending: list[tuple[float, object]] = []
        self.cancelled = 0

    def later(self, seconds, function):
        entry = (seconds, function)
        self.pending.append(entry)
        self.delays.append(seconds)

        def cancel():
            self.cancelled += 1
            if entry in self.pending:
                self.pending.remove(entry)

        return cancel

    def fire(self) -> None:
        seconds, function = self.pending.pop()
        self.now += seconds
        function()


def test_a_failed_bind_is_retried_on_back_off_until_the_port_comes_free(runner, inbox):
    timers = FakeTimers()
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    lst = NotificationListener(runner, TOKEN, inbox, port=port, later=timers.later, clock=lambda: timers.now)
    try:
        with pytest.raises(InvalidInput, match="already in use"):
            lst.start(retry=True)
        assert not lst.running
        assert lst.problem == (
            f"cannot listen for call notifications on 127.0.0.1:{port}: the port is already in use; "
            "trying again in 2 s (attempt 2)"
        )
        timers.now += 1.4
        assert lst.problem.endswith("trying again in 1 s (attempt 2)")
        timers.now -= 1.4
        for _ in range(8):
            timers.fire()
        assert timers.delays == [*RETRY_DELAYS, RETRY_DELAYS[-1], RETRY_DELAYS[-1]]  # backs off, then capped
        assert lst.problem.endswith("(attempt 10)")
        taken.close()
        timers.fire()
        assert lst.running and lst.problem == "" and lst.port == port
        assert timers.pending == []
        assert raw(port, get_request(f"/{TOKEN}/call?{ring_query()}")).startswith(b"HTTP/1.0 200")
    finally:
        taken.close()
        lst.stop()


def test_stop_cancels_a_pending_retry(runner, inbox):
    timers = FakeTimers()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        lst = NotificationListener(
            runner, TOKEN, inbox, port=taken.getsockname()[1], later=timers.later, clock=lambda: timers.now
        )
        with pytest.raises(InvalidInput):
            lst.start(retry=True)
        with pytest.raises(InvalidInput):
            lst.start()  # without retry: the pending one is dropped, none added
        assert timers.pending == [] and lst.problem == ""
        with pytest.raises(InvalidInput):
            lst.start(retry=True)
        lst.stop()
        assert timers.pending == [] and timers.cancelled == 2
        assert lst.problem == "" and not lst.running


def test_the_default_timer_retries_on_the_qt_event_loop(qtbot, runner, inbox, monkeypatch):
    monkeypatch.setattr(listener_module, "RETRY_DELAYS", (0.05,))
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    lst = NotificationListener(runner, TOKEN, inbox, port=taken.getsockname()[1])
    try:
        with pytest.raises(InvalidInput):
            lst.start(retry=True)
        taken.close()
        qtbot.waitUntil(lambda: lst.running, timeout=3000)
    finally:
        taken.close()
        lst.stop()


def test_bind_errors_other_than_a_taken_port_keep_their_reason(runner, inbox):
    lst = NotificationListener(runner, TOKEN, inbox, port=1)
    try:
        lst.start()
    except InvalidInput as exc:  # not root: ports below 1024 are refused
        assert errno.EACCES and "permission denied" in str(exc)
    else:  # root may bind anywhere
        lst.stop()
