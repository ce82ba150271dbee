"""Screen pops without a listener, end to end: the app on the simulator (real HTTP, real QtWebEngine offscreen)
with no IVR request ever reaching it (only the demo tells its simulator the listener's address), so the card comes from CCS's live calls or from the page."""

from __future__ import annotations

import pytest

from ccs_desktop.web.notifications import PageNotifications
from tests.test_app import WAIT, app_on_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def cards_of(app) -> list[tuple]:
    cards: list[tuple] = []
    app.contacts.incoming_card.connect(lambda parsed, raw, *_: cards.append((raw, parsed.e164 if parsed else "")))
    return cards


def test_a_ringing_call_pops_its_card_from_the_live_call_poll_once(qtbot, qapp):
    with app_on_simulator(qtbot, qapp, sim_options={"ring_seconds": 4, "call_seconds": 60}) as h:
        app = h.app
        h.wait_ready()
        app.view.bridge.message.disconnect(app.live.desk.page_call)  # the page's word is left out: poll only
        app.profile.findChild(PageNotifications).rang.disconnect()  # and its Web Notifications
        cards = cards_of(app)
        qtbot.waitUntil(lambda: app.live.poller.running, timeout=WAIT)
        key = h.sim.sim.cc.start_inbound_call("05321234561", "Destek")
        qtbot.waitUntil(lambda: bool(cards), timeout=WAIT)
        assert cards == [("05321234561", "+905321234561")]
        assert dict(app.live.desk.popped) == {"poll": 1}
        assert app.live.poller.next_delay_ms is not None and app.live.poller.next_delay_ms <= 2000
        assert app.history.follower.timeline_of(key) is not None  # the timeline records the live key
        qtbot.waitUntil(lambda: getattr(app.tracker.current(), "state", "") == "talking", timeout=WAIT)
        polls = app.live.poller.polls
        qtbot.waitUntil(lambda: app.live.poller.polls >= polls + 2, timeout=WAIT)  # answered, polled again
        assert len(cards) == 1  # the answer is not a second card


def test_the_pages_ring_pops_first_and_the_poll_joins_it(qtbot, qapp):
    with app_on_simulator(qtbot, qapp, sim_options={"ring_seconds": 4, "call_seconds": 60}) as h:
        app = h.app
        h.wait_ready()
        cards = cards_of(app)
        qtbot.waitUntil(lambda: app.live.poller.running, timeout=WAIT)
        h.sim.sim.cc.start_inbound_call("05321234561")
        qtbot.waitUntil(lambda: app.live.desk.joined["poll"] >= 1, timeout=WAIT)
        assert dict(app.live.desk.popped) == {"page": 1}
        assert len(cards) == 1
