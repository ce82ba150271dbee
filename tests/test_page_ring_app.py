"""The page's Web Notification pops the caller's card, end to end: the whole app on the simulator (real HTTP,
real QtWebEngine offscreen), with no listener, the bridge's word left out (the real CCS page does not speak our
bridge) and no live-call poll answer yet; the poll's later answer joins the card instead of popping another."""

from __future__ import annotations

import pytest

from ccs_desktop.web.notifications import PageNotifications
from tests.test_app import WAIT, app_on_simulator
from tests.test_live_calls_app import cards_of
from tests.web.support import run_js

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def test_the_page_notification_pops_the_card_and_the_poll_joins_it(qtbot, qapp):
    with app_on_simulator(qtbot, qapp, sim_options={"ring_seconds": 30, "call_seconds": 60}) as h:
        app = h.app
        h.wait_ready()
        assert app.listener is None  # no IVR request can reach the app
        app.view.bridge.message.disconnect(app.live.desk.page_call)  # the page's notification only
        notifications = app.profile.findChild(PageNotifications)
        assert notifications is not None
        qtbot.waitUntil(lambda: app.live.poller.running, timeout=WAIT)
        v1 = app.live.poller.v1
        app.live.poller.stop()  # no poll answer until the card is up
        qtbot.waitUntil(lambda: run_js(qtbot, app.view.page(), "Notification.permission") == "granted")
        cards = cards_of(app)

        with qtbot.waitSignal(notifications.rang, timeout=WAIT):
            key = h.sim.sim.cc.start_inbound_call("05321234561", "Destek")
        qtbot.waitUntil(lambda: bool(cards), timeout=WAIT)
        assert cards == [("+905321234561", "+905321234561")]
        assert dict(app.live.desk.popped) == {"page": 1}
        assert app.live.desk.joiner.seen(key)  # the notification's tag is the live-call key

        app.live.poller.start(v1)  # the poll now sees the same call ringing
        qtbot.waitUntil(lambda: app.live.desk.joined["poll"] >= 1, timeout=WAIT)
        assert len(cards) == 1
        assert dict(app.live.desk.popped) == {"page": 1}
