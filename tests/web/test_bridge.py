"""The JS bridge: DOM events from the page arrive as checked dicts; everything else is logged and dropped."""

from __future__ import annotations

import json
import logging

import pytest

from ccs_desktop.web.bridge import MAX_MESSAGE_BYTES, parse_message
from tests.web.support import TIMEOUT, engine_test, load, round_trip, run_js

READY = {"type": "ready", "agent": "Ayşe", "email": "ayse@example.com"}
CALL = {"type": "call", "callid": "c1", "state": "ringing", "direction": "in", "number": "+905551112233"}


def dispatch(detail_js: str) -> str:
    return f"window.dispatchEvent(new CustomEvent('ccs-softphone', {{detail: {detail_js}}}));"


def send(message: dict) -> str:
    return dispatch(json.dumps(json.dumps(message)))


# --- the contract, without a page -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        READY,
        {"type": "login_required", "message": "session expired"},
        CALL,
        {**CALL, "state": "ended", "direction": "out", "disposition": "ANSWERED"},
        {"type": "status", "status": "Available"},
        {"type": "connection", "state": "disconnected"},
        {"type": "connection", "state": "connected"},
        {**READY, "future_field": [1, 2]},
    ],
)
def test_valid_messages_pass(message):
    assert parse_message(json.dumps(message)) == message


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "not JSON"),
        ("{nope", "not JSON"),
        ('["ready"]', "not a JSON object"),
        ('"ready"', "not a JSON object"),
        ('{"type": "dial", "number": "1"}', "unknown type"),
        ('{"agent": "x"}', "unknown type"),
        (json.dumps({**READY, "agent": 5}), "'agent' must be a string"),
        (json.dumps({k: v for k, v in CALL.items() if k != "callid"}), "'callid' must be a string"),
        (json.dumps({**CALL, "state": "parked"}), "unknown state"),
        (json.dumps({**CALL, "direction": "sideways"}), "unknown direction"),
        (json.dumps({**CALL, "disposition": None}), "'disposition' must be a string"),
        ('{"type": "connection", "state": "flaky"}', "unknown state"),
        ('{"type": "connection", "state": false}', "'state' must be a string"),
        (json.dumps({**READY, "pad": "x" * MAX_MESSAGE_BYTES}), "limit"),
    ],
)
def test_bad_messages_are_logged_and_dropped(text, why, caplog):
    with caplog.at_level(logging.WARNING, logger="ccs_desktop.web.bridge"):
        assert parse_message(text) is None
    assert why in caplog.text


def test_the_size_limit_counts_bytes_not_characters():
    padding = MAX_MESSAGE_BYTES // 2 - 40
    assert parse_message(json.dumps({**READY, "pad": "ş" * padding}, ensure_ascii=False)) is not None
    assert parse_message(json.dumps({**READY, "pad": "ş" * (padding + 100)}, ensure_ascii=False)) is None


def test_dropped_messages_do_not_log_the_session(caplog):
    with caplog.at_level(logging.WARNING, logger="ccs_desktop.web.bridge"):
        parse_message("not json ?session=SECRET")
    assert "SECRET" not in caplog.text


# --- the real page -----------------------------------------------------------------------------------------

PAGE = """<!doctype html><html><body><p>softphone</p>
<script>
  // dispatched while the document is still parsing: the bridge must not lose it
  window.dispatchEvent(new CustomEvent("ccs-softphone", {detail: JSON.stringify(%s)}));
</script></body></html>
"""


@pytest.fixture
def bridge_page(softphone_server):
    return softphone_server.add("/bridge.html", PAGE % json.dumps(READY))


@engine_test
def test_messages_arrive_as_dicts_and_bad_ones_are_dropped(qtbot, view, bridge_page, caplog):
    received: list[dict] = []
    view.bridge.message.connect(received.append)
    with qtbot.wait_signal(view.bridge.message, timeout=TIMEOUT) as first:
        load(qtbot, view, bridge_page)
    assert first.args == [READY], "the event sent during parsing arrives"

    bad = [
        dispatch("'not json'"),
        dispatch("{type: 'ready', agent: 'a', email: 'e'}"),  # an object, not a string: does not cross worlds
        dispatch("JSON.stringify([1, 2])"),
        send({"type": "transfer", "to": "123"}),
        send({**CALL, "state": "parked"}),
        dispatch(f"JSON.stringify({{type: 'status', status: 'x'.repeat({MAX_MESSAGE_BYTES})}})"),
    ]
    with (
        caplog.at_level(logging.WARNING, logger="ccs_desktop.web.bridge"),
        qtbot.wait_signal(view.bridge.message, timeout=TIMEOUT) as last,
    ):
        run_js(qtbot, view.page(), "".join(bad) + send(CALL) + "true")
    assert last.args == [CALL]
    assert received == [READY, CALL]
    drops = [r for r in caplog.records if r.message.startswith("dropped a softphone message")]
    assert len(drops) == len(bad)


@engine_test
def test_the_page_cannot_see_the_channel(qtbot, view, bridge_page):
    """The channel and our glue live in the isolated ApplicationWorld; the page's own scripts see nothing."""
    load(qtbot, view, bridge_page)
    seen = run_js(qtbot, view.page(), "[typeof qt, typeof QWebChannel, typeof window.__ccsBridge].join()")
    assert seen == "undefined,undefined,undefined"


@engine_test
def test_subframes_have_no_bridge(qtbot, view, softphone_server, caplog):
    softphone_server.add("/frame.html", PAGE % json.dumps({"type": "status", "status": "from a frame"}))
    url = softphone_server.add(
        "/framed.html",
        """<!doctype html><body><iframe src="/frame.html" onload="window.dispatchEvent(new CustomEvent(
        'ccs-softphone', {detail: JSON.stringify({type: 'status', status: 'main'})}))"></iframe></body>""",
    )
    received: list[dict] = []
    view.bridge.message.connect(received.append)
    with qtbot.wait_signal(view.bridge.message, timeout=TIMEOUT):
        load(qtbot, view, url)
    round_trip(qtbot, view.page(), softphone_server)  # the frame loaded first: its message would be in by now
    assert received == [{"type": "status", "status": "main"}]


@engine_test
def test_our_javascript_waits_for_the_page_and_is_dropped_after_teardown(qtbot, view, bridge_page):
    results: list[object] = []
    view.bridge.run_javascript("document.querySelector('p').textContent", results.append)
    assert results == []
    load(qtbot, view, bridge_page)
    qtbot.wait_until(lambda: results == ["softphone"], timeout=TIMEOUT)

    view.bridge.run_javascript("1 + 1", results.append)
    view.bridge.teardown()
    view.bridge.run_javascript("2 + 2", results.append)
    run_js(
        qtbot, view.page(), "3 + 3"
    )  # scripts run and answer in order: a callback not dropped is in by now
    assert results == ["softphone"], "a callback that arrives after teardown is dropped"
