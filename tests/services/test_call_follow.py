"""Following calls until CCS has their record, bounded: at most MAX_FOLLOWED looked up at once, a new call before
stale ones, and the calls resumed after a restart staggered on their own back-off. Real simulator over HTTP, real
SQLite, real Qt timers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from ccs_desktop.core.api import Agent, CcsClient
from ccs_desktop.core.api.records import CCS_DATETIME
from ccs_desktop.core.api.tenant import resolve_tenant
from ccs_desktop.core.calls.cache import CallCache, account_key
from ccs_desktop.core.calls.timeline import Timeline
from ccs_desktop.core.contacts.store import ContactStore
from ccs_desktop.core.notifications import RING, CallNotification
from ccs_desktop.services.call_follower import (
    FOLLOW_DELAYS,
    MAX_FOLLOWED,
    RESUME_STAGGER,
    polls_by_age,
)
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.ui.calls_model import CallRecordsModel
from tests.helpers import SimHandle

pytestmark = pytest.mark.gui
T0 = datetime(2026, 11, 25, 9, 0, 0)


class Follower:
    """CallHistory as App wires it, on one database file, with the clock in the test's hand."""

    def __init__(self, qtbot, sim: SimHandle, db, runner) -> None:
        self.qtbot = qtbot
        self.sim = sim
        self.now = T0
        self.cache = CallCache(db)
        self.contacts = ContactStore(db)
        self.model = CallRecordsModel()
        self.history = CallHistory(
            runner,
            self.model,
            lambda: self.cache,
            self.contacts.names_for,
            CallTracker(),
            MessageBus(),
            now=lambda: self.now,
        )
        self.calls = self.history.follower  # the CallFollower the history built
        self.agent = Agent(CcsClient(resolve_tenant(sim.base_url)), sim.email, sim.app_token)
        self.account = account_key(resolve_tenant(sim.base_url).host, sim.email)

    def start(self) -> None:
        self.history.start(self.agent, self.account, self.agent.email)

    def ring(self, key: str) -> None:
        self.calls.notification(CallNotification(RING, key, callerid="05321234567"))

    def lookups(self) -> list[str]:
        """The call keys looked up one by one (not the pages of the calls panel), in order."""
        return [
            e["params"]["activecallkey"]
            for e in self.sim.requests_log()
            if e["function"] == "reportsCDRLogs" and e["params"].get("activecallkey")
        ]

    def scheduled(self) -> dict[str, float]:
        """Each followed call's next lookup: the seconds its timer was set to (active timers only)."""
        timers = self.calls._timers
        return {key: timer.interval() / 1000 for key, timer in timers.items() if timer.isActive()}

    def next_lookups(self) -> list[float]:
        return sorted(self.scheduled().values())

    def close(self) -> None:
        self.history.stop()
        self.cache.close()
        self.contacts.close()


@pytest.fixture
def follower(qtbot, simulator, sync_runner, tmp_path) -> Iterator[Follower]:
    """A lookup's answer is handled as its timer fires (SyncRunner): what a test reads is never half-done."""
    f = Follower(qtbot, simulator, tmp_path / "ccs.sqlite3", sync_runner)
    yield f
    f.close()


def test_a_flood_of_new_call_keys_is_looked_up_at_most_50_at_once(qtbot, follower):
    """It was one follow-up per key: about 800 keys made 2,684 CCS lookups in 3 minutes."""
    follower.start()
    for i in range(200):
        follower.ring(f"flood-{i}")
    assert (follower.calls.following, follower.calls.waiting) == (MAX_FOLLOWED, 200 - MAX_FOLLOWED)
    qtbot.waitUntil(lambda: len(follower.lookups()) >= MAX_FOLLOWED, timeout=10_000)  # the first at 2 s
    # each answer was handled as its lookup ran: every followed call's next lookup is FOLLOW_DELAYS[1] away
    assert follower.next_lookups() == [FOLLOW_DELAYS[1]] * MAX_FOLLOWED
    looked = follower.lookups()
    assert len(looked) == MAX_FOLLOWED == len(set(looked))
    assert set(looked) == {f"flood-{i}" for i in range(MAX_FOLLOWED)}  # the first ones came first


def test_a_new_call_takes_the_turn_of_a_stale_one(qtbot, follower):
    """Stale keys (no end, no record) must not keep the agent's new call from being looked up for hours."""
    follower.start()
    for i in range(MAX_FOLLOWED):
        follower.ring(f"stale-{i}")
    follower.now = T0 + timedelta(minutes=11)
    for i in range(MAX_FOLLOWED + 1):
        follower.ring(f"new-{i}")
    assert (follower.calls.following, follower.calls.waiting) == (MAX_FOLLOWED, MAX_FOLLOWED + 1)
    qtbot.waitUntil(lambda: len(follower.lookups()) >= MAX_FOLLOWED, timeout=10_000)
    assert follower.next_lookups() == [FOLLOW_DELAYS[1]] * MAX_FOLLOWED
    looked = set(follower.lookups())
    assert looked == {f"new-{i}" for i in range(MAX_FOLLOWED)}  # new-50 waits: no stale turn was left to take


def test_a_finished_call_hands_its_turn_to_the_newest_waiting_one(qtbot, follower):
    from ccs_desktop.core.calls.timeline import DONE

    real = follower.sim.control("incoming", {"callerid": "05321234567"})["callid"]  # over before its lookup
    follower.start()
    follower.ring(real)
    for i in range(MAX_FOLLOWED - 1):
        follower.ring(f"call-{i:02}")
    follower.ring("waiting-older")
    follower.now += timedelta(seconds=1)
    follower.ring("waiting-newer")
    assert (follower.calls.following, follower.calls.waiting) == (MAX_FOLLOWED, 2)
    qtbot.waitUntil(lambda: follower.calls.waiting == 1, timeout=10_000)
    assert follower.calls.timeline_of(real).state == DONE
    assert follower.calls.following == MAX_FOLLOWED
    qtbot.waitUntil(lambda: "waiting-newer" in follower.lookups(), timeout=10_000)
    assert "waiting-older" not in follower.lookups()


def test_a_shift_of_finished_calls_keeps_only_the_last_ones_in_memory(qtbot, follower, monkeypatch):
    """Every followed call stayed in memory until logout (2,000 timelines in a shift, each scanned by every
    notification); now the last KEPT_DONE finished ones do, and the older ones' timelines come from the cache."""
    from ccs_desktop.core.calls.timeline import DONE
    from ccs_desktop.services import call_follower

    monkeypatch.setattr(call_follower, "KEPT_DONE", 3)
    follower.start()
    # the first is answered, the others find the agent busy: each is over, with its record, before its lookup
    keys = [follower.sim.control("incoming", {"callerid": f"0532123456{i}"})["callid"] for i in range(8)]
    for key in keys:
        follower.ring(key)
    qtbot.waitUntil(lambda: follower.calls.following == 0, timeout=10_000)  # all 8 looked up and finished
    assert [follower.calls.timeline_of(key) is not None for key in keys] == [False] * 5 + [True] * 3
    assert follower.calls.timeline_of(keys[-1]).state == DONE
    saved = follower.cache.timeline_for(follower.account, keys[0])  # the details pane still finds the oldest
    assert saved is not None and saved.state == DONE


def test_calls_resumed_after_a_restart_are_staggered_on_their_own_back_off(qtbot, follower):
    """It was every open call looked up 2 s after the start: 3,261 lookups in 20 s after a restart."""
    follower.now = T0 + timedelta(minutes=30)
    for i in range(80):
        started = (T0 + timedelta(seconds=i)).strftime(CCS_DATETIME)
        follower.cache.save_timeline(
            follower.account, Timeline(f"old-{i:02}", f"old-{i:02}", "in", "", started)
        )
    follower.start()
    qtbot.waitUntil(lambda: follower.calls.following == MAX_FOLLOWED, timeout=5000)
    assert follower.calls.waiting == 80 - MAX_FOLLOWED
    # not all 50 at once: the first lookups are RESUME_STAGGER apart, the newest first
    first = sorted(follower.scheduled().items(), key=lambda item: item[1])
    assert [seconds for _key, seconds in first] == [
        FOLLOW_DELAYS[0] + turn * RESUME_STAGGER for turn in range(50)
    ]
    assert [key for key, _seconds in first] == [f"old-{i:02}" for i in range(79, 29, -1)]
    qtbot.waitUntil(lambda: len(follower.lookups()) >= 2, timeout=5000)
    assert follower.lookups()[:2] == ["old-79", "old-78"]
    # half an hour old: once looked up, the next lookup of each is a minute later
    assert follower.scheduled()["old-79"] == FOLLOW_DELAYS[-1]


def test_the_history_shows_its_followers_calls_and_relays_their_changes(qtbot, follower):
    """The split must keep the wiring: a followed call without a record is a row of a period opened again, and
    `CallHistory.timeline_changed` (what the calls panel listens to) hears the follower's changes."""
    changed: list[str] = []
    follower.history.timeline_changed.connect(changed.append)
    follower.start()
    follower.ring("k-open")  # no record on CCS: it stays open
    assert changed == ["k-open"]
    follower.history.open_period("7 days")  # the model is reset from the cache, which has no row for it
    qtbot.waitUntil(lambda: not follower.model.paging.fetching, timeout=5000)
    row = follower.model.find("k-open")
    assert row is not None and row.status == "ringing"


@pytest.mark.parametrize(
    ("seconds", "polls"),
    [(0, 0), (1.9, 0), (2, 1), (4.9, 1), (5, 2), (40, 5), (70, 6), (3600, len(FOLLOW_DELAYS) - 1)],
)
def test_polls_by_age_follows_the_back_off(seconds, polls):
    assert polls_by_age(seconds) == polls


def test_a_lookup_that_answers_after_logout_follows_nothing_again(qtbot, simulator, runner, tmp_path):
    """A lookup in flight when the agent logs out: its answer schedules no new lookup (which used to hold one of
    the 50 turns for good) and warns of nothing."""
    f = Follower(qtbot, simulator, tmp_path / "ccs.sqlite3", runner)
    try:
        f.start()
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
        f.ring("late-key")
        simulator.fault("delay", count=5, function="reportsCDRLogs", seconds=0.5)
        f.calls._timers["late-key"].setInterval(0)  # look it up now instead of in 2 s
        f.calls._timers["late-key"].start()
        qtbot.waitUntil(lambda: "late-key" in f.lookups(), timeout=10_000)  # CCS has the lookup, answering late
        f.history.stop()
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
        assert f.calls._timers == {} and f.calls.following == 0
    finally:
        f.close()
