"""The calls panel's engine: cached records first, CCS's pages as the agent scrolls, Refresh for what is new, and
every call the app placed or was told about followed until CCS has its record.

SQLite work runs in the serial worker (the same thread as the contacts, so names join cheaply), HTTP in the net
pool; the rows are only touched here, on the GUI thread. The rows are any `CallRows` (the panel's table model): this
service never imports the ui, and the paging state it keeps (`core.calls.paging.Paging`) is what the model reads. A generation number drops answers that arrive after
the agent switched period or account.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from ccs_desktop.core.calls.paging import Paging
from ccs_desktop.core.calls.rows import clock
from ccs_desktop.core.calls.timeline import DONE, GIVE_UP_AFTER_START, NO_RECORD, OPEN, Timeline, stamp
from ccs_desktop.core.errors import CcsError, user_text
from ccs_desktop.core.notifications import END, HANGUP, RING, CallNotification
from ccs_desktop.services.call_state import CallTracker, LiveCall
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.api import Agent, CallRecord
    from ccs_desktop.core.calls.cache import CallCache
    from ccs_desktop.core.calls.rows import CallRow, Note
    from ccs_desktop.core.calls.sync import PeriodFetch
    from ccs_desktop.core.calls.table import CallTable
    from ccs_desktop.services.agent_service import RecentCall

log = logging.getLogger(__name__)

#: Seconds between lookups of a followed call's record: quick at first (short calls), then once a minute.
FOLLOW_DELAYS = (2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0)
REFRESH_AFTER_CALL_MS = 5000  # CCS writes the record as the call ends; give it a moment
MAX_FOLLOWED = 50  # calls looked up at once; others wait their turn (a flood of keys is no flood of lookups)
DISPLACE_AFTER = 10 * 60  # s; all turns taken, a new call takes the turn of one that started this long ago
RESUME_STAGGER = 1.0  # seconds between the first lookups of the calls resumed after a restart


class CallRows(Protocol):
    """What the history needs of the rows it shows (`ui.calls_model.CallRecordsModel` is one): it feeds them rows
    and reads back names and notes; `fetch_wanted` is the view asking for the next page."""

    fetch_wanted: SignalInstance
    paging: Paging

    @property
    def names(self) -> dict[str, str]: ...
    @property
    def notes(self) -> dict[str, Note]: ...
    def rowCount(self) -> int: ...  # Qt's name
    def total(self) -> int: ...
    def find(self, callid: str) -> CallRow | None: ...
    def visible_rows(self) -> list[CallRow]: ...
    def reset_rows(self, rows: list[CallRow], names: dict[str, str], notes: dict[str, Note]) -> None: ...
    def reset_table(self, table: CallTable, notes: dict[str, Note]) -> None: ...
    def merge(self, rows: list[CallRow], names: dict[str, str] | None = None) -> int: ...
    def remove(self, callid: str) -> None: ...
    def set_note(self, callid: str, note: Note | None) -> None: ...
    def set_names(self, names: dict[str, str]) -> None: ...


def polls_by_age(seconds: float) -> int:
    """How many lookups a call this old has had on FOLLOW_DELAYS: a resumed call goes on from there."""
    polls, waited = 0, 0.0
    while polls < len(FOLLOW_DELAYS) - 1 and waited + FOLLOW_DELAYS[polls] <= seconds:
        waited += FOLLOW_DELAYS[polls]
        polls += 1
    return polls


class CallHistory(QObject):
    """`status(str)` for the panel's status line; `timeline_changed(str)` with the callid of a followed call;
    `incoming(str, str)` with (number, callid) when a notification says the phone rings."""

    status = Signal(str)
    timeline_changed = Signal(str)
    incoming = Signal(str, str)

    def __init__(
        self,
        runner: TaskRunner,
        model: CallRows,
        cache: Callable[[], CallCache],
        names_for: Callable[[set[str]], dict[str, str]],
        tracker: CallTracker,
        bus: MessageBus,
        parent: QObject | None = None,
        *,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.model = model
        self.paging = Paging()  # where the walk through CCS's pages stands; the model reads it
        model.paging = self.paging
        self._cache = cache  # serial worker only
        self._names_for = names_for  # serial worker only
        self.tracker = tracker
        self.bus = bus
        self._now = now
        self.agent: Agent | None = None
        self.account = ""
        self.agent_username = ""
        self.period: tuple[str, date | None, date | None] = ("7 days", None, None)
        self._walk: PeriodFetch | None = None
        self._refreshing = False
        self._refresh_again = False
        self._generation = 0
        self._timelines: dict[str, Timeline] = {}  # key -> followed call
        self._timers: dict[str, QTimer] = {}  # key -> its next lookup: at most MAX_FOLLOWED
        self._waiting: dict[str, None] = {}  # keys of open calls waiting for a turn
        self._polls: dict[str, int] = {}
        self.pages_fetched = 0
        # The view asks for more while it scrolls; the request starts after the scroll has painted, so parsing
        # the answer in a worker never competes with that paint for the interpreter (bench/bench_calls.py).
        model.fetch_wanted.connect(lambda: QTimer.singleShot(0, self.fetch_more))
        self._after_call = QTimer(self)  # one refresh for calls that end close together
        self._after_call.setSingleShot(True)
        self._after_call.setInterval(REFRESH_AFTER_CALL_MS)
        self._after_call.timeout.connect(self.refresh)
        tracker.call_ended.connect(self._softphone_call_ended)

    # --- account and period ---------------------------------------------------------------------------------

    def start(self, agent: Agent, account: str, agent_username: str) -> None:
        """Logged in: show this agent's cached calls, fetch what is new, resume following open calls."""
        changed = account != self.account
        self.agent, self.account, self.agent_username = agent, account, agent_username
        if changed:
            self._stop_following()
            self.open_period(*self.period)
            self._resume_timelines()
        else:
            self.refresh()

    def stop(self) -> None:
        """Logged out: nothing of this agent stays on screen."""
        self._generation += 1
        self._stop_following()
        self.agent, self.account, self._walk = None, "", None
        self.paging.more_available = self.paging.fetching = False
        self.model.reset_rows([], {}, {})
        self.status.emit("")

    def open_period(self, name: str, first: date | None = None, last: date | None = None) -> None:
        from ccs_desktop.core.calls.sync import PeriodFetch, fmt, period_bounds  # noqa: PLC0415

        try:
            start, finish = period_bounds(name, self._now(), first, last)
        except CcsError as exc:
            self.status.emit(str(exc))
            return
        self.period = (name, first, last)
        self._generation += 1
        generation, account = self._generation, self.account
        self._walk = None
        self._refreshing = False
        self.paging.reset()
        if not account:
            return

        provisional = self._provisional(start, finish)

        def load() -> tuple[CallTable, dict[str, Note], list[tuple[str, str]]]:
            from ccs_desktop.core.calls.table import CallTable  # noqa: PLC0415

            cache = self._cache()
            rows = cache.rows(account, fmt(start), fmt(finish)) + provisional
            table = CallTable(
                rows, self._names_for({row.party for row in rows})
            )  # sorted here, not on the GUI
            return table, cache.notes(account), cache.coverage(account)

        def shown(result: tuple[CallTable, dict[str, Note], list[tuple[str, str]]]) -> None:
            if generation != self._generation:
                return
            table, notes, coverage = result
            rows = table.rows
            self.model.reset_table(table, notes)
            self._walk = PeriodFetch(start, finish, coverage, self._now(), self.agent_username)
            self._show_count()
            if rows and not self._walk.done:
                self.refresh()  # what is new since last time; older gaps wait for the scroll
            else:
                self.paging.more_available = not self._walk.done
                self.fetch_more()

        self.runner.submit(load, shown, self._load_failed, pool="serial", name="cached calls")

    def _provisional(self, start: datetime, finish: datetime) -> list[CallRow]:
        from ccs_desktop.core.calls.sync import fmt  # noqa: PLC0415

        low, high = fmt(start), fmt(finish)
        return [
            self._row_of(t) for t in self._timelines.values() if t.state != DONE and low <= t.started <= high
        ]

    def _load_failed(self, exc: BaseException) -> None:
        error = user_text(exc, log, "reading the call cache failed")
        self.status.emit(self.tr("Saved calls cannot be read: {error}").format(error=error))

    # --- fetching ------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask CCS for what happened since the newest saved record (and the last hour again, see core.calls.sync)."""
        from ccs_desktop.core.calls.sync import PeriodFetch, period_bounds  # noqa: PLC0415

        if self.agent is None or not self.account:
            return
        if self.paging.fetching:
            self._refresh_again = True
            return
        start, finish = period_bounds(self.period[0], self._now(), self.period[1], self.period[2])
        generation, account = self._generation, self.account

        def coverage() -> list[tuple[str, str]]:
            return self._cache().coverage(account)

        def walk(spans: list[tuple[str, str]]) -> None:
            if generation != self._generation or self.paging.fetching:
                return
            self._walk = PeriodFetch(start, finish, spans, self._now(), self.agent_username)
            if self._walk.done:
                self.paging.more_available = False
                return
            self._walk.newest_gap_only()
            self._refreshing = True
            self.paging.paused = False
            self.paging.more_available = True
            self.fetch_more()

        self.runner.submit(coverage, walk, self._load_failed, pool="serial", name="call coverage")

    def fetch_more(self) -> None:
        """The next page of the current walk (the view scrolled to the end, or Refresh)."""
        walk, agent = self._walk, self.agent
        if walk is None or agent is None or self.paging.fetching:
            return
        request = walk.next_request()
        if request is None:
            self.paging.more_available = False
            return
        query, cursor = request
        self.paging.fetching = True
        generation, account = self._generation, self.account
        self.status.emit(self.tr("{count} · fetching from CCS…").format(count=self._count_text()))

        def fetched(page: tuple[list[CallRecord], str | None]) -> None:
            if generation != self._generation:
                return
            records, next_cursor = page
            self.pages_fetched += 1
            span = walk.page_received(records, next_cursor)
            named = set(
                self.model.names
            )  # read here, on the GUI thread; the model is never touched in a worker

            def store() -> tuple[list[CallRow], dict[str, str]]:
                rows = self._cache().store(account, records, span)
                names = self._names_for({row.party for row in rows} - named)
                return rows, names

            self.runner.submit(
                store,
                lambda r: self._stored(generation, *r),
                self._fetch_failed,
                pool="serial",
                name="store calls",
            )

        self.runner.submit(
            lambda: agent.call_records_page(query, cursor),
            fetched,
            self._fetch_failed,
            name="call records page",
        )

    def _stored(self, generation: int, rows: list[CallRow], names: dict[str, str]) -> None:
        if generation != self._generation:
            return
        self.model.merge(rows, names)
        self.paging.fetching = False
        self._match_followed(rows)
        walk = self._walk
        done = walk is None or walk.done
        if self._refreshing and done:
            self._refreshing = False
            self._after_refresh()
            return
        self.paging.more_available = not done
        self._show_count()
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()
        elif self._refreshing:
            self.fetch_more()  # a refresh fetches its whole gap at once; scrolling fetches page by page

    def _after_refresh(self) -> None:
        """The newest gap is in; older gaps of the period (if any) are fetched as the agent scrolls."""
        from ccs_desktop.core.calls.sync import SETTLE, PeriodFetch, fmt, period_bounds  # noqa: PLC0415

        start, finish = period_bounds(self.period[0], self._now(), self.period[1], self.period[2])
        generation, account, fetched_at = self._generation, self.account, self._now()

        def walk(spans: list[tuple[str, str]]) -> None:
            if generation != self._generation:
                return
            # the unsettled hour was just read: do not read it again when the agent scrolls
            known = [*spans, (fmt(fetched_at.replace(microsecond=0) - SETTLE), fmt(finish))]
            self._walk = PeriodFetch(start, finish, known, fetched_at, self.agent_username)
            self.paging.more_available = not self._walk.done
            self._show_count()
            if self._refresh_again:
                self._refresh_again = False
                self.refresh()

        self.runner.submit(
            lambda: self._cache().coverage(account),
            walk,
            self._load_failed,
            pool="serial",
            name="call coverage",
        )

    def _fetch_failed(self, exc: BaseException) -> None:
        self.paging.fetching = False
        self.paging.paused = True  # no retry loop from the view; Refresh or the next open tries again
        self._refreshing = False
        why = user_text(exc, log, "fetching call records failed")
        self.status.emit(
            self.tr("{count} (saved) · {why} Refresh to try again.").format(count=self._count_text(), why=why)
        )

    def _count_text(self) -> str:
        shown, total = self.model.rowCount(), self.model.total()
        if shown == total:
            return self.tr("%Ln call(s)", "", shown)
        return self.tr("%Ln of {total} call(s)", "", shown).format(total=f"{total:,}")

    def _show_count(self) -> None:
        if self.paging.more_available:
            self.status.emit(self.tr("{count} · scroll for older calls").format(count=self._count_text()))
        else:
            self.status.emit(self._count_text())

    # --- following calls ---------------------------------------------------------------------------------

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

    def notification(self, notification: CallNotification) -> None:
        """From the listener (already de-duplicated): join it to its call, or start following a new one."""
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
            self.incoming.emit(notification.callerid, notification.key)
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

            self.runner.submit(store, stored, self._load_failed, pool="serial", name="store followed call")

        def failed(exc: BaseException) -> None:
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
        self._next_turn()
        if timeline.state == NO_RECORD:
            self.model.merge([self._row_of(timeline)])
        self._save(timeline)
        self.timeline_changed.emit(timeline.callid or timeline.key)

    def _match_followed(self, rows: list[CallRow]) -> None:
        """A page brought the record of a followed call before its poll did."""
        for row in rows:
            timeline = self._by_callid(row.callid) or (
                self._timelines.get(row.uniqueid) if row.uniqueid else None
            )
            if timeline is not None and timeline.state == OPEN:
                self._schedule(timeline.key, 0.0)

    def _softphone_call_ended(self, call: LiveCall) -> None:
        timeline = self._by_callid(call.key) or self._timelines.get(call.transaction_id)
        if timeline is not None and timeline.state == OPEN:
            self._note_event(timeline, "softphone", self.tr("The softphone says the call ended"))
            self._save(timeline)
            self._schedule(timeline.key, FOLLOW_DELAYS[0])
        else:  # a call nobody told us about (answered in the softphone): its record comes with the next refresh
            self._after_call.start()

    def now(self) -> datetime:
        """The tenant's now, from the clock this history was given."""
        return self._now()

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
            self._load_failed,
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
            self._load_failed,
            pool="serial",
            name="open timelines",
        )

    def _stop_following(self) -> None:
        for timer in self._timers.values():
            timer.stop()
            timer.deleteLater()
        self._timers.clear()
        self._waiting.clear()
        self._polls.clear()
        self._timelines.clear()

    # --- notes, details, export, history ----------------------------------------------------------------

    def save_note(self, callid: str, note: str, outcome: str) -> None:
        row, account, updated = self.model.find(callid), self.account, self._stamp()
        if row is None or not account:
            return
        self.runner.submit(
            lambda: self._cache().save_note(account, callid, row.party, note, outcome, updated),
            lambda saved: self.model.set_note(callid, saved),
            self.bus.show_error,
            pool="serial",
            name="save note",
        )

    def details(self, row: CallRow, done: Callable[[Any], None]) -> None:
        """(record or None, timeline or None) of a row, from the cache, for the details pane."""
        account, followed = self.account, self.timeline_of(row.callid, row.uniqueid)

        def read() -> tuple[CallRecord | None, Timeline | None]:
            cache = self._cache()
            record = cache.record(account, row.callid)
            timeline = followed or cache.timeline_for(account, row.callid, row.uniqueid)
            return record, timeline

        self.runner.submit(read, done, self.bus.show_error, pool="serial", name="call details")

    def export(self, path: Path, done: Callable[[int], None]) -> None:
        from ccs_desktop.core.calls.export import export_calls_csv  # noqa: PLC0415

        rows, names, notes, account = (
            self.model.visible_rows(),
            dict(self.model.names),
            dict(self.model.notes),
            self.account,
        )

        def write() -> int:
            records = self._cache().records(account, [row.callid for row in rows])
            return export_calls_csv(path, rows, records, names, notes)

        self.runner.submit(write, done, self.bus.show_error, pool="serial", name="export calls")

    def names_changed(self) -> None:
        """Contacts were added, edited or imported: name the numbers shown again."""
        parties = {row.party for row in self.model.visible_rows()} | set(self.model.names)
        self.runner.submit(
            lambda: self._names_for(parties), self.model.set_names, None, pool="serial", name="call names"
        )
