"""The notification listener over real HTTP: token, de-duplication, delivery on the GUI thread, limits, logs."""

from __future__ import annotations

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
from ccs_desktop.services.listener import MAX_BODY, NotificationListener
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
    """Let queued deliveries reach the GUI thread."""
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=2000)
    qtbot.wait(20)


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
