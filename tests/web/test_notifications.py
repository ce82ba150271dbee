"""The page's Web Notifications with the real QtWebEngine: the simulator's softphone page rings, the presenter
hears it and reads the caller; other origins are ignored; each notification is deleted once the page is done."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import requests
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEngineNotification

from ccs_desktop.web.notifications import PageNotifications, connect_page_rings
from tests.helpers import SimHandle, start_simulator
from tests.web.support import TIMEOUT, engine_test, load, round_trip, run_js

CALLER = "0532 123 45 67"


@pytest.fixture
def ringing_sim() -> Iterator[SimHandle]:
    """Inbound calls ring for a minute unless hung up, so a test can look at the ringing call."""
    sim = start_simulator(ring_seconds=60)
    handle = SimHandle(sim)
    try:
        yield handle
    finally:
        handle.http.close()
        sim.stop()


def open_phone(qtbot, view, sim: SimHandle) -> str:
    """Load the simulator's softphone page for a new session of the demo agent; wait until it is on the line."""
    session = sim.sim.cc.login(sim.email)
    assert session
    load(qtbot, view, QUrl(f"{sim.base_url}/demo/sso/?session={session}"))
    qtbot.wait_until(
        lambda: run_js(qtbot, view.page(), "document.getElementById('status').dataset.status") == "ready",
        timeout=TIMEOUT,
    )
    return session


class Desk:
    """What services.rings.RingDesk offers the page: ring(source, key, number, queue)."""

    def __init__(self) -> None:
        self.rings: list[tuple[str, str, str, str]] = []

    def ring(self, source: str, key: str, number: str, queue: str = "") -> None:
        self.rings.append((source, key, number, queue))


def active_keys(sim: SimHandle, session: str) -> list[str]:
    """The `key`s of v1 activecall/user, over HTTP the way CCS clients ask."""
    response = requests.get(
        f"{sim.base_url}/v1/activecall/user",
        params={"session": session},
        headers={"app_token": sim.app_token, "tenant": sim.sim.cc.tenant.host},
        timeout=10,
    )
    response.raise_for_status()
    return [row["key"] for row in response.json()["MyActiveCalls"]]


@engine_test
def test_an_inbound_ring_reaches_the_desk_with_number_key_and_queue(qtbot, view, ringing_sim):
    desk = Desk()
    notifications = connect_page_rings(view, desk)
    session = open_phone(qtbot, view, ringing_sim)
    qtbot.wait_until(
        lambda: run_js(qtbot, view.page(), "Notification.permission") == "granted", timeout=TIMEOUT
    )

    heard: list[tuple] = []
    notifications.notified.connect(lambda *args: heard.append(args))
    with qtbot.wait_signal(notifications.rang, timeout=TIMEOUT):
        callid = ringing_sim.sim.start_inbound_call(CALLER, "Tahsilat")
    [(title, message, tag, origin)] = heard
    assert (title, tag, origin) == ("Incoming call", callid, ringing_sim.base_url)
    assert CALLER in message and "Tahsilat" in message
    assert desk.rings == [("page", callid, "+905321234567", "Tahsilat")]
    # the tag is the live-call key that the poll (v1 activecall/user) and the bridge's events carry
    assert active_keys(ringing_sim, session) == [callid]
    assert notifications.held() == 1

    # the agent hangs up: the page closes its notification, and the presenter lets go of it
    requests.get(
        f"{ringing_sim.base_url}/api/", params={"function": "click2hang", "session": session}, timeout=10
    ).raise_for_status()
    qtbot.wait_until(lambda: notifications.held() == 0, timeout=TIMEOUT)
    assert len(desk.rings) == 1


@engine_test
def test_the_page_tells_the_bridge_the_same_call_id(qtbot, view, ringing_sim):
    notifications = connect_page_rings(view, Desk())
    open_phone(qtbot, view, ringing_sim)
    calls: list[dict] = []
    view.bridge.message.connect(lambda m: calls.append(m) if m.get("type") == "call" else None)
    with qtbot.wait_signal(notifications.rang, timeout=TIMEOUT) as blocker:
        callid = ringing_sim.sim.start_inbound_call(CALLER)
    qtbot.wait_until(lambda: bool(calls), timeout=TIMEOUT)
    assert blocker.args == [callid, "+905321234567", "Destek"]
    assert calls[0]["callid"] == callid and calls[0]["state"] == "ringing"


RAISE = """<!doctype html><body><script>
window.raise = (title, body, tag) => Notification.requestPermission().then(p => {
  const note = new Notification(title, {body: body, tag: tag});
  note.onclose = () => { window.closedTags = (window.closedTags || []).concat([tag]); };
  window.notes = (window.notes || []).concat([note]);
  return p;
});
</script></body>"""


@engine_test
def test_a_notification_from_another_origin_is_ignored(
    qtbot, make_view, make_profile, softphone_server, outside_server, caplog
):
    """A second page on the same profile that may notify (its own view granted it) is still not the softphone."""
    profile = make_profile()
    view = make_view(profile)
    other = make_view(profile)
    desk = Desk()
    notifications = connect_page_rings(view, desk)
    load(qtbot, view, softphone_server.add("/phone.html", RAISE))
    load(qtbot, other, outside_server.add("/ad.html", RAISE))
    heard: list[tuple] = []
    notifications.notified.connect(lambda *args: heard.append(args))

    with caplog.at_level(logging.WARNING, logger="ccs_desktop.web.notifications"):
        assert run_js(qtbot, other.page(), "raise('Incoming call', '0532 123 45 67', 'call-1'), 1") == 1
        qtbot.wait_until(lambda: "ignored a notification from" in caplog.text, timeout=TIMEOUT)
    assert outside_server.origin.replace("http://", "") in caplog.text
    assert heard == [] and desk.rings == [] and notifications.held() == 0

    # the softphone's own is heard (the same presenter, the same profile)
    with qtbot.wait_signal(notifications.rang, timeout=TIMEOUT):
        run_js(qtbot, view.page(), "raise('Incoming call', '0532 123 45 67', 'call-1'), 1")
    assert desk.rings == [("page", "call-1", "+905321234567", "")]


@engine_test
def test_a_notification_that_is_no_ring_goes_to_the_agent(qtbot, view, softphone_server):
    desk = Desk()
    notifications = connect_page_rings(view, desk)
    load(qtbot, view, softphone_server.add("/phone.html", RAISE))
    with qtbot.wait_signal(notifications.said, timeout=TIMEOUT) as said:
        run_js(qtbot, view.page(), "raise('Missed call', '0532 123 45 67', 'k1'), 1")
    assert said.args == ["Missed call", "0532 123 45 67"]
    with qtbot.wait_signal(notifications.said, timeout=TIMEOUT) as said:
        run_js(qtbot, view.page(), "raise('', 'Registered', 'k2'), 1")
    assert said.args == ["Softphone", "Registered"]
    assert desk.rings == []


@engine_test
def test_notifications_are_kept_while_open_and_deleted_after(
    qtbot, make_view, make_profile, softphone_server
):
    profile = make_profile()
    view = make_view(profile)
    notifications = PageNotifications(profile, view.page().softphone_origin, keep=2)
    load(qtbot, view, softphone_server.add("/phone.html", RAISE))
    page = view.page()
    for tag in ("a", "b"):
        with qtbot.wait_signal(notifications.notified, timeout=TIMEOUT):
            run_js(qtbot, page, f"raise('Hello', 'x', '{tag}'), 1")
    assert notifications.held() == 2
    kept = notifications.findChildren(QWebEngineNotification)  # the children Qt owns
    assert len(kept) == 2

    # the same tag again replaces the old one; a third tag pushes the oldest out (the page hears it closed)
    with qtbot.wait_signal(notifications.notified, timeout=TIMEOUT):
        run_js(qtbot, page, "raise('Hello again', 'x', 'b'), 1")
    assert notifications.held() == 2
    with qtbot.wait_signal(notifications.notified, timeout=TIMEOUT):
        run_js(qtbot, page, "raise('Hello', 'x', 'c'), 1")
    assert notifications.held() == 2
    # (Chromium closed the replaced "b" itself)
    qtbot.wait_until(lambda: run_js(qtbot, page, "window.closedTags || []") == ["b", "a"], timeout=TIMEOUT)

    # the page closes its own: released and deleted
    run_js(qtbot, page, "window.notes.forEach(n => n.close()), 1")
    qtbot.wait_until(lambda: notifications.held() == 0, timeout=TIMEOUT)
    qtbot.wait_until(lambda: not notifications.findChildren(QWebEngineNotification), timeout=TIMEOUT)
    round_trip(qtbot, page, softphone_server)


@engine_test
def test_a_title_that_says_a_ring_rings_once(qtbot, view, softphone_server):
    desk = Desk()
    connect_page_rings(view, desk)
    load(qtbot, view, softphone_server.add("/phone.html", "<!doctype html><title>Softphone</title><p>phone"))
    page = view.page()
    for title in ("Gelen arama: 0532 123 45 67", "Softphone", "Gelen arama: 0532 123 45 67"):  # flashing
        with qtbot.wait_signal(view.titleChanged, timeout=TIMEOUT):
            run_js(qtbot, page, f"document.title = {title!r}, 1")
    assert desk.rings == [("page", "", "+905321234567", "")]
    with qtbot.wait_signal(view.titleChanged, timeout=TIMEOUT):
        run_js(qtbot, page, "document.title = 'Incoming call 0212 555 12 34 (Queue: Destek)', 1")
    assert desk.rings[1:] == [("page", "", "+902125551234", "Destek")]


@engine_test
def test_a_tag_used_for_two_callers_is_no_key(qtbot, view, softphone_server):
    """A page that tags every ring alike ("softphone-ring-1" here) would make two calls one call for the desk."""
    desk = Desk()
    notifications = connect_page_rings(view, desk)
    load(qtbot, view, softphone_server.add("/phone.html", RAISE))
    for number in ("0532 123 45 67", "0532 123 45 67", "0212 555 12 34", "0532 123 45 67"):
        with qtbot.wait_signal(notifications.rang, timeout=TIMEOUT):
            run_js(qtbot, view.page(), f"raise('Incoming call', '{number}', 'softphone-ring-1'), 1")
    assert [key for _, key, _, _ in desk.rings] == ["softphone-ring-1", "softphone-ring-1", "", ""]


@engine_test
def test_a_shift_of_notifications_leaves_no_python_objects_behind(
    qtbot, make_view, make_profile, softphone_server
):
    """Each notification the presenter deleted left its Python wrapper behind for good (in the presenter's list of
    children, as Qt's deleteLater never told PySide): one object per ring, 875 in the shift bench."""
    import gc

    def wrappers() -> int:
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, QWebEngineNotification))

    before = wrappers()  # (an earlier test's notifications may still be there)
    profile = make_profile()
    view = make_view(profile)
    notifications = PageNotifications(profile, view.page().softphone_origin, keep=2)
    load(qtbot, view, softphone_server.add("/phone.html", RAISE))
    page = view.page()
    for i in range(6):
        with qtbot.wait_signal(notifications.notified, timeout=TIMEOUT):
            run_js(qtbot, page, f"raise('Hello', 'x', 't{i}'), 1")
    run_js(qtbot, page, "window.notes.forEach(n => n.close()), 1")
    qtbot.wait_until(lambda: notifications.held() == 0, timeout=TIMEOUT)
    qtbot.wait_until(lambda: not notifications.findChildren(QWebEngineNotification), timeout=TIMEOUT)

    qtbot.wait_until(lambda: wrappers() == before, timeout=TIMEOUT)
    round_trip(qtbot, page, softphone_server)
