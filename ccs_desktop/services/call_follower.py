"""Every call the app placed or was told about, followed until CCS has its record: a timeline per call, its lookups
on a back-off (FOLLOW_DELAYS), at most MAX_FOLLOWED at once, saved so a restart resumes them.

Split from `services.call_history.CallHistory`, which owns one and pages the call list: the follower merges its
provisional rows into the same `CallRows` and is told (`rows_fetched`) when a page brought a followed call's record.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ccs_desktop.core.calls.rows import clock
from ccs_desktop.core.calls.timeline import DONE, GIVE_UP_AFTER_START, NO_RECORD, OPEN, Timeline, stamp
from ccs_desktop.core.notifications import END, HANGUP, RING, CallNotification
from ccs_desktop.services.call_state import CallTracker, LiveCall
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.api import Agent, CallRecord
    from ccs_desktop.core.calls.cache import CallCache
    from ccs_desktop.core.calls.rows import CallRow
    from ccs_desktop.services.agent_service import RecentCall
    from ccs_desktop.services.call_history import CallRows

log = logging.getLogger(__name__)

#: Seconds between lookups of a followed call's record: quick at first (short calls), then once a minute.
FOLLOW_DELAYS = (2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0)
MAX_FOLLOWED = 50  # calls looked up at once; others wait their turn (a flood of keys is no flood of lookups)
DISPLACE_AFTER = 10 * 60  # s; all turns taken, a new call takes the turn of one that started this long ago
RESUME_STAGGER = 1.0  # seconds between the first lookups of the calls resumed after a restart
KEPT_DONE = 100  # finished calls kept here (late notifications join them); the cache has the rest


def polls_by_age(seconds: float) -> int:
    """How many lookups a call this old has had on FOLLOW_DELAYS: a resumed call goes on from there."""
    polls, waited = 0, 0.0
    while polls < len(FOLLOW_DELAYS) - 1 and waited + FOLLOW_DELAYS[polls] <= seconds:
        waited += FOLLOW_DELAYS[polls]
        polls += 1
    return polls


class CallFollower(QObject):
    """`timeline_changed(str)` with the callid of a followed call; `incoming(str, str)` with (number, callid) when a
    notification says the phone rings, and `ringing(str, str, str)` with its queue as well. `failed` hears a cache
    read or write that failed."""

    timeline_changed = Signal(str)
    incoming = Signal(str, str)
    ringing = Signal(str, str, str)

    def __init__(
        self,
        runner: TaskRunner,
        model: CallRows,
        cache: Callable[[], CallCache],
        names_for: Callable[[set[str]], dict[str, str]],
        tracker: CallTracker,
        bus: MessageBus,
        failed: Callable[[BaseException], None],
        parent: QObject | None = None,
        *,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.model = model
        self._cache = cache  # serial worker only
        self._names_for = names_for  # serial worker only
        self.tracker = tracker
        self.bus = bus
        self._failed = failed
        self._now = now
        self.agent: Agent | None = None
        self.account = ""
        self._timelines: dict[str, Timeline] = {}  # key -> followed call
        self._timers: dict[str, QTimer] = {}  # key -> its next lookup: at most MAX_FOLLOWED
        self._waiting: dict[str, None] = {}  # keys of open calls waiting for a turn
        self._polls: dict[str, int] = {}
        self._done: dict[str, None] = {}  # keys of the finished calls still in _timelines, oldest first

    def start(self, agent: Agent, account: str) -> None:
        """Logged in: a new account's open calls (saved when the app last stopped) are followed again."""
        resume = account != self.account
        self.agent, self.account = agent, account
        if resume:
            self._resume_timelines()

    def stop(self) -> None:
        """Logged out, or another account: nothing is followed or looked up any more."""
        for timer in self._timers.values():
            timer.stop()
            timer.deleteLater()
        self._timers.clear()
        self._waiting.clear()
        self._polls.clear()
        self._timelines.clear()
        self._done.clear()
        self.agent, self.account = None, ""

    def follow_placed(self, recent: RecentCall) -> None:
        """A click2call CCS accepted: follow it until its record says how it went."""
        placed = recent.placed
        timeline = Timeline(
            placed.transaction_id,
            placed.call_id if placed.call_id != placed.transaction_id else "",
            "out",
            placed.dialed,
            self._stamp(),
            hangup_expected=placed.hangup_url_sent,
        )
        self._note_event(
            timeline,
            "click2call",
            self.tr("click2call to {number} (transaction {transaction})").format(
                number=placed.dialed, transaction=placed.transaction_id
            ),
        )
        if timeline.callid:
            self._note_event(
                timeline, "accepted", self.tr("CCS accepted; call key {key}").format(key=timeline.callid)
            )
        else:
            self._note_event(timeline, "accepted", self.tr("CCS accepted"))
        self._follow(timeline)

    def notification(self, notification: CallNotification, *, announce: bool = True) -> None:
        """From the listener (already de-duplicated), or a ring CCS's live calls showed (`announce` False: the
        ring desk pops its card): join it to its call, or start following a new one."""
        if notification.kind == HANGUP:
            timeline = self._timelines.get(notification.transaction_id) or self._by_callid(notification.key)
            if timeline is None:
                timeline = Timeline(
                    notification.transaction_id or notification.key,
                    notification.key,
                    "out",
                    notification.called_num,
                    started=notification.call_date or self._stamp(),
                    hangup_expected=True,
                )
            timeline.callid = timeline.callid or notification.key
            text = self.tr("Hangup notification: {disposition}, {duration}").format(
                disposition=notification.disposition or self.tr("no disposition"),
                duration=clock(notification.duration or 0),
            )
            self._note_event(timeline, HANGUP, text)
            self._follow(timeline, soon=True)
            return
        timeline = self._by_callid(notification.key)
        if timeline is None:
            timeline = Timeline(
                notification.key, notification.key, "in", notification.callerid, self._stamp()
            )
        timeline.number = timeline.number or notification.callerid
        if notification.kind == RING:
            caller = notification.callerid or self.tr("an unknown number")
            if notification.queue:
                text = self.tr("Incoming call from {caller} in queue {queue}").format(
                    caller=caller, queue=notification.queue
                )
            else:
                text = self.tr("Incoming call from {caller}").format(caller=caller)
            self._note_event(timeline, RING, text)
            self._follow(timeline)
            if announce:
                self.incoming.emit(notification.callerid, notification.key)
                self.ringing.emit(notification.callerid, notification.key, notification.queue)
        elif notification.kind == END:
            self._note_event(
                timeline,
                END,
                self.tr("End-of-call notification: {duration}").format(
                    duration=clock(notification.duration or 0)
                ),
            )
            self._follow(timeline, soon=True)

    @property
    def following(self) -> int:
        """Calls with a lookup scheduled (at most MAX_FOLLOWED)."""
        return len(self._timers)

    @property
    def waiting(self) -> int:
        """Open calls waiting for a turn to be looked up."""
        return len(self._waiting)

    def timeline_of(self, callid: str, uniqueid: str = "") -> Timeline | None:
        """A followed call of this session (the details pane asks the cache for older ones)."""
        return self._by_callid(callid) or self._timelines.get(uniqueid) or self._timelines.get(callid)

    def _by_callid(self, callid: str) -> Timeline | None:
        if not callid:
            return None
        return next((t for t in self._timelines.values() if callid in (t.callid, t.key)), None)

    def _follow(self, timeline: Timeline, *, soon: bool = False, delay: float | None = None) -> None:
        self._timelines[timeline.key] = timeline
        self._save(timeline)
        if timeline.state == OPEN:
            self.model.merge([self._row_of(timeline)])
            self._schedule(timeline.key, FOLLOW_DELAYS[0] if soon else delay)
        self.timeline_changed.emit(timeline.callid or timeline.key)

    def provisional_rows(self, low: str, high: str) -> list[CallRow]:
        """Rows for the followed calls without a record yet that started between `low` and `high` (CCS's format)."""
        return [
            self._row_of(t) for t in self._timelines.values() if t.state != DONE and low <= t.started <= high
        ]

    def _row_of(self, timeline: Timeline) -> CallRow:
        from ccs_desktop.core.calls.rows import CallRow  # noqa: PLC0415
        from ccs_desktop.core.phone import digits_suffix  # noqa: PLC0415

        if timeline.state != OPEN:
            status = timeline.state  # "no record" (a done call's row is its record)
        elif timeline.notified:
            status = "awaiting record"
        else:
            status = "ringing" if timeline.direction == "in" else "in progress"
        return CallRow(
            timeline.callid or timeline.key,
            timeline.started,
            timeline.direction == "in",
            timeline.number,
            digits_suffix(timeline.number),
            False,
            None,
            None,
            "",
            "",
            "",
            timeline.key if timeline.direction == "out" else "",
            status,
        )

    def _schedule(self, key: str, delay: float | None = None) -> None:
        polls = self._polls.setdefault(key, 0)
        if delay is None:
            delay = FOLLOW_DELAYS[min(polls, len(FOLLOW_DELAYS) - 1)]
        timer = self._timers.get(key)
        if timer is None:
            if len(self._timers) >= MAX_FOLLOWED and not self._make_room(key):
                self._waiting[key] = None  # its turn comes when a followed call is done
                return
            self._waiting.pop(key, None)
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda k=key: self._poll(k))
            self._timers[key] = timer
        if timer.isActive() and timer.remainingTime() <= delay * 1000:
            return
        timer.start(int(delay * 1000))

    def _make_room(self, key: str) -> bool:
        """Every turn is taken: a call that started in the last DISPLACE_AFTER takes the turn of the call followed
        longest, if that one started before, so a flood of stale keys cannot keep a new call from being looked up."""
        from ccs_desktop.core.calls.sync import fmt  # noqa: PLC0415

        timeline = self._timelines.get(key)
        recent = fmt(self._now() - timedelta(seconds=DISPLACE_AFTER))
        if timeline is None or timeline.started < recent:
            return False
        oldest = min(self._timers, key=self._started)
        if self._started(oldest) >= recent:
            return False
        timer = self._timers.pop(oldest)
        timer.stop()
        timer.deleteLater()
        self._waiting[oldest] = None
        return True

    def _started(self, key: str) -> str:
        timeline = self._timelines.get(key)
        return timeline.started if timeline is not None else ""

    def _next_turn(self) -> None:
        """A turn came free: the waiting call that started last goes first (the likeliest to have a record)."""
        while self._waiting and len(self._timers) < MAX_FOLLOWED:
            key = max(self._waiting, key=self._started)
            del self._waiting[key]
            timeline = self._timelines.get(key)
            if timeline is not None and timeline.state == OPEN:
                self._schedule(key)

    def _poll(self, key: str) -> None:
        from ccs_desktop.core.api.client import CdrQuery  # noqa: PLC0415

        timeline, agent = self._timelines.get(key), self.agent
        if timeline is None or timeline.state != OPEN or agent is None:
            return
        self._polls[key] = self._polls.get(key, 0) + 1
        if timeline.callid:
            query = CdrQuery(activecallkey=timeline.callid)
        else:
            query = CdrQuery(uniqueid=timeline.key)
        account = self.account

        def look() -> list[CallRecord]:
            records, _cursor = agent.call_records_page(query)
            return records

        def found(records: list[CallRecord]) -> None:
            if self.agent is not agent or key not in self._timelines:
                return  # stopped, or another account, while the lookup ran
            if not records:
                self._not_yet(timeline)
                return
            record = records[0]

            def store() -> tuple[list[CallRow], dict[str, str]]:
                rows = self._cache().store(account, [record])
                return rows, self._names_for({r.party for r in rows})

            def stored(result: tuple[list[CallRow], dict[str, str]]) -> None:
                if account == self.account:
                    self._record_arrived(timeline, record, *result)

            self.runner.submit(store, stored, self._failed, pool="serial", name="store followed call")

        def failed(exc: BaseException) -> None:
            if self.agent is not agent or key not in self._timelines:
                return
            log.info("looking up followed call %s failed: %s", key, exc)
            self._not_yet(timeline)

        self.runner.submit(look, found, failed, name="follow call")

    def _not_yet(self, timeline: Timeline) -> None:
        waited = timeline.overdue(self._now())
        if waited is not None:
            timeline.gave_up(waited, at=self._stamp())
            self._finish(timeline)
            self.bus.warning(
                self.tr("CCS has no call record for the call with {number}.").format(
                    number=timeline.number or self.tr("an unknown number")
                )
            )
            return
        self._schedule(timeline.key)

    def _record_arrived(
        self, timeline: Timeline, record: CallRecord, rows: list[CallRow], names: dict[str, str]
    ) -> None:
        provisional = timeline.callid or timeline.key
        timeline.record_received(record, at=self._stamp())
        if provisional != record.call_id:
            self.model.remove(provisional)
        self.model.merge(rows, names)
        self.tracker.record_seen(record.call_id)
        self.tracker.record_seen(timeline.key)
        self._finish(timeline)
        who = names.get(rows[0].party) if rows else None
        other = who or timeline.number or self.tr("an unknown number")
        if timeline.direction == "in":
            text = self.tr("Call from {caller}: {outcome}.").format(caller=other, outcome=timeline.outcome)
        else:
            text = self.tr("Call to {callee}: {outcome}.").format(callee=other, outcome=timeline.outcome)
        self.bus.info(text)

    def _finish(self, timeline: Timeline) -> None:
        timer = self._timers.pop(timeline.key, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        self._waiting.pop(timeline.key, None)
        self._polls.pop(timeline.key, None)
        self._forget_old(timeline.key)
        self._next_turn()
        if timeline.state == NO_RECORD:
            self.model.merge([self._row_of(timeline)])
        self._save(timeline)
        self.timeline_changed.emit(timeline.callid or timeline.key)

    def _forget_old(self, key: str) -> None:
        """A shift's thousands of calls must not stay in memory (and in every `_by_callid` scan): only the last
        KEPT_DONE finished ones do; the details pane reads the older ones' timelines from the cache."""
        self._done.pop(key, None)
        self._done[key] = None
        while len(self._done) > KEPT_DONE:
            oldest = next(iter(self._done))
            del self._done[oldest]
            self._timelines.pop(oldest, None)

    def rows_fetched(self, rows: list[CallRow]) -> None:
        """A page of the call list came in: one that brought a followed call's record before its lookup did has
        that call looked up at once."""
        for row in rows:
            timeline = self._by_callid(row.callid) or (
                self._timelines.get(row.uniqueid) if row.uniqueid else None
            )
            if timeline is not None and timeline.state == OPEN:
                self._schedule(timeline.key, 0.0)

    def softphone_call_ended(self, call: LiveCall) -> bool:
        """The softphone says a call ended: False if it is no call followed here (its record comes with a refresh)."""
        timeline = self._by_callid(call.key) or self._timelines.get(call.transaction_id)
        if timeline is not None and timeline.state == OPEN:
            self._note_event(timeline, "softphone", self.tr("The softphone says the call ended"))
            self._save(timeline)
            self._schedule(timeline.key, FOLLOW_DELAYS[0])
            return True
        return False

    def _stamp(self) -> str:
        """Now, on the tenant's clock (the one CCS writes its records with)."""
        return stamp(self._now())

    def _note_event(self, timeline: Timeline, kind: str, text: str) -> None:
        timeline.add(kind, text, at=self._stamp())

    def _save(self, timeline: Timeline) -> None:
        account = self.account
        if not account:
            return
        snapshot = Timeline.from_json(timeline.to_json())
        self.runner.submit(
            lambda: self._cache().save_timeline(account, snapshot),
            None,
            self._failed,
            pool="serial",
            name="save timeline",
        )

    def _resume_timelines(self) -> None:
        """Calls still followed when the app last stopped (within GIVE_UP_AFTER_START) are followed again, each
        on the back-off its age has reached, their first lookups RESUME_STAGGER apart, newest first."""
        from ccs_desktop.core.calls.sync import fmt, parse  # noqa: PLC0415

        account, since = self.account, fmt(self._now() - GIVE_UP_AFTER_START)

        def resume(timelines: list[Timeline]) -> None:
            if account != self.account:
                return
            now = self._now()
            wanted = [t for t in timelines if t.state == OPEN and t.key not in self._timelines]
            for turn, timeline in enumerate(sorted(wanted, key=lambda t: t.started, reverse=True)):
                try:
                    age = (now - parse(timeline.started)).total_seconds()
                except ValueError:
                    age = 0.0
                self._polls[timeline.key] = polls_by_age(age)
                self._follow(timeline, delay=FOLLOW_DELAYS[0] + turn * RESUME_STAGGER)

        self.runner.submit(
            lambda: self._cache().timelines(account, since),
            resume,
            self._failed,
            pool="serial",
            name="open timelines",
        )
