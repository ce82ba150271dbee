"""CallHistory reads "now" only from the clock it is given: its timelines' stamps and give-up deadlines follow it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from ccs_desktop.core.calls.cache import CallCache
from ccs_desktop.core.calls.timeline import GIVE_UP_AFTER_END, NO_RECORD, OPEN
from ccs_desktop.core.notifications import END, CallNotification
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.ui.calls_model import CallRecordsModel

pytestmark = pytest.mark.gui


def test_a_followed_call_gives_up_by_the_injected_clock_across_midnight(qapp, sync_runner, tmp_path):
    now = [datetime(2026, 12, 31, 23, 55)]  # tenant-local; the wall clock says something else entirely
    bus = MessageBus()
    warnings: list[str] = []
    bus.message.connect(lambda level, text: warnings.append(text))
    model = CallRecordsModel()
    cache = CallCache(tmp_path / "ccs.sqlite3")
    history = CallHistory(
        sync_runner, model, lambda: cache, lambda numbers: {}, CallTracker(), bus, now=lambda: now[0]
    )
    history.follower.account = "agent@tenant"  # logged in, so timelines are saved (SyncRunner: at once)
    try:
        history.follower.notification(CallNotification(END, "call-1", callerid="05321234567", duration=42))
        timeline = history.follower.timeline_of("call-1")
        assert timeline is not None and timeline.started == "2026-12-31 23:55:00"
        assert timeline.give_up_at() == now[0] + GIVE_UP_AFTER_END  # 2027-01-01 00:05
        now[0] += GIVE_UP_AFTER_END
        history.follower._not_yet(timeline)  # what a poll that found no record does
        assert timeline.state == OPEN
        now[0] += timedelta(seconds=1)
        history.follower._not_yet(timeline)
        assert timeline.state == NO_RECORD
        assert timeline.events[-1].at == "2027-01-01 00:05:01"
        assert timeline.events[-1].text == "No call record from CCS after 10 min"
        assert warnings and "no call record" in warnings[-1]
        assert [t.state for t in cache.timelines("agent@tenant")] == [NO_RECORD]  # saved as it gave up
    finally:
        history.stop()
        cache.close()
