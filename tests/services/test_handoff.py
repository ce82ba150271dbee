"""What the app does with a request from outside the window (a second process, a tel: link), decided by the
Handoff controller alone: real session and agent on the simulator over HTTP, real SQLite for the name; the UI's
two questions are plain functions here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ccs_desktop.core.contacts.model import Contact, ContactNumber
from tests.services.session_parts import WAIT, Answer, Parts, logged_in, parts_for


@pytest.fixture
def parts(qapp, runner, tmp_path) -> Iterator[Parts]:
    yield from parts_for(runner, tmp_path)


def test_requests_while_logged_out(parts):
    call, link, unknown, ping, show = Answer(), Answer(), Answer(), Answer(), Answer()
    parts.handoff.handle({"action": "call", "number": "05321234567"}, call)
    assert call.error == ("ccs-desktop is running but not logged in.", 2)
    parts.handoff.handle({"action": "ping"}, ping)
    assert ping.result == {} and parts.raised == []  # a login-time start only wants to know we run
    parts.handoff.handle({"action": "open", "uri": "tel:05321234567"}, link)
    assert link.result == {"queued": True} and parts.handoff.pending_uri == "tel:05321234567"
    assert parts.raised == [True]  # the window comes up, to log in
    parts.handoff.handle({"action": "reboot"}, unknown)
    assert unknown.error == ("unknown request 'reboot'", 2)
    parts.handoff.handle({"action": "show"}, show)
    assert show.sent and parts.raised == [True, True]
    parts.handoff.dial("05321234567")
    assert ("error", "Log in first.") in parts.shown and parts.confirmed == []


def test_a_start_in_the_other_mode_is_told_why_not_just_shown_the_window(parts):
    """`ccs-desktop --demo` while the real app runs used to raise the real window without a word."""
    demo, plain, old = Answer(), Answer(), Answer()
    parts.handoff.handle({"action": "show", "demo": True}, demo)
    wanted = "ccs-desktop is already running (not in demo mode); quit it first to try the demo."
    assert demo.error == (wanted, 2)
    assert ("warning", wanted) in parts.shown and parts.raised == [True]  # the window says it too
    parts.handoff.handle({"action": "show", "demo": False}, plain)
    parts.handoff.handle({"action": "show"}, old)  # a sender that does not say (an older version)
    assert plain.result == {} and old.result == {} and len(parts.shown) == 1
    parts.session.demo = True  # the demo runs: a plain start is refused the same way
    refused = Answer()
    parts.handoff.handle({"action": "show", "demo": False}, refused)
    assert refused.error == ("ccs-desktop is already running in demo mode; quit it first to use your account.", 2)


def test_a_link_asks_with_the_contacts_name_then_calls(parts, qtbot, simulator):
    with qtbot.waitSignal(parts.contacts.card, timeout=WAIT):
        parts.contacts.save(Contact(None, "Ayşe Demir", "", [ContactNumber("+905337751519", "mobile")]))
    parts.handoff.open_uri("tel:0533 775 15 19")  # logged out: kept for after the login
    assert parts.asked == []
    logged_in(parts, qtbot, simulator)
    parts.handoff.open_pending()
    qtbot.waitUntil(lambda: bool(parts.asked), timeout=WAIT)
    assert parts.asked == [("Ayşe Demir", "0533 775 15 19")] and parts.handoff.pending_uri is None
    assert "click2call" not in simulator.functions()  # asked, not called yet
    assert parts.pending_call is not None
    parts.pending_call()  # the agent says Call
    qtbot.waitUntil(lambda: "click2call" in simulator.functions(), timeout=WAIT)
    assert parts.confirmed == [("+905337751519", "")]


def test_a_link_during_a_call_asks_once_through_the_call_guard(parts, qtbot, simulator):
    logged_in(parts, qtbot, simulator)
    parts.tracker.call_placed("k1", "+905321234561")  # the line is busy
    parts.handoff.open_uri("tel:05337751519")
    qtbot.waitUntil(lambda: bool(parts.confirmed), timeout=WAIT)
    assert parts.asked == []  # the guard's question says it all: one dialog, not two
    assert parts.confirmed == [("+905337751519", "an unknown number")]


def test_a_call_from_a_second_process_answers_with_the_call(parts, qtbot, simulator):
    logged_in(parts, qtbot, simulator)
    answer = Answer()
    parts.handoff.handle({"action": "call", "number": "05321234567"}, answer)
    qtbot.waitUntil(lambda: answer.sent, timeout=WAIT)
    assert answer.error is None, answer.error
    assert (
        answer.result is not None and answer.result["number"] == "+905321234567" and answer.result["call_id"]
    )



def test_calling_the_copied_number_scans_it_off_the_gui_thread(parts, qtbot, simulator, monkeypatch):
    """The tray's call of the copied number: the text is scanned in a worker, then one message or a dial."""
    import threading

    from PySide6.QtGui import QGuiApplication

    from ccs_desktop.core import phone

    scanned_on: list[int] = []
    original = phone.extract_numbers

    def noting(*args, **kwargs):
        scanned_on.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(phone, "extract_numbers", noting)
    logged_in(parts, qtbot, simulator)
    QGuiApplication.clipboard().setText("no number here")
    parts.handoff.call_clipboard()
    qtbot.waitUntil(lambda: ("warning", "The clipboard holds no phone number.") in parts.shown, timeout=WAIT)
    QGuiApplication.clipboard().setText("Ayşe'yi ara: 0533 775 15 19")
    parts.handoff.call_clipboard()
    qtbot.waitUntil(lambda: bool(parts.confirmed), timeout=WAIT)
    assert parts.confirmed == [("+905337751519", "")]
    assert scanned_on and threading.get_ident() not in scanned_on
