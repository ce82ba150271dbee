"""The calls panel's engine: cached records first, CCS's pages as the agent scrolls, Refresh for what is new, and
(through its `services.call_follower.CallFollower`) every call the app placed or was told about followed until CCS
has its record.

SQLite work runs in the serial worker (the same thread as the contacts, so names join cheaply), HTTP in the net
pool; the rows are only touched here, on the GUI thread. The rows are any `CallRows` (the panel's table model): this
service never imports the ui, and the paging state it keeps (`core.calls.paging.Paging`) is what the model reads. A generation number drops answers that arrive after
the agent switched period or account.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from ccs_desktop.core.calls.paging import Paging
from ccs_desktop.core.calls.timeline import Timeline, stamp
from ccs_desktop.core.errors import CcsError, user_text
from ccs_desktop.core.notifications import RING, CallNotification
from ccs_desktop.services.call_follower import CallFollower
from ccs_desktop.services.call_state import CallTracker, LiveCall
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.api import Agent, CallRecord
    from ccs_desktop.core.calls.cache import CallCache
    from ccs_desktop.core.calls.rows import CallRow, Note
    from ccs_desktop.core.calls.sync import PeriodFetch
    from ccs_desktop.core.calls.table import CallTable

log = logging.getLogger(__name__)

REFRESH_AFTER_CALL_MS = 5000  # CCS writes the record as the call ends; give it a moment


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
    def set_done(self, callids: set[str]) -> None: ...


class CallHistory(QObject):
    """`status(str)` for the panel's status line; `timeline_changed(str)` with the callid of a followed call;
    `incoming(str, str)` with (number, callid) when a notification says the phone rings, `ringing(str, str, str)`
    with its queue too (all from `follower`, which takes the listener's notifications and the placed calls);
    `records_changed()` when the cache's records or done ticks changed, or the account did (the day at a glance)."""

    status = Signal(str)
    records_changed = Signal()
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
        # the company of the contact with a number, for the details' sentence; serial worker only (set by
        # ui.calls_panel.connect_calls_panel from the contacts)
        self.company_of: Callable[[str], str] = lambda _number: ""
        self.agent: Agent | None = None
        self.account = ""
        self.agent_username = ""
        self.period: tuple[str, date | None, date | None] = ("7 days", None, None)
        self._walk: PeriodFetch | None = None
        self._refreshing = False
        self._refresh_again = False
        self._generation = 0
        # the calls placed or notified, followed until CCS has their record; one clock for both
        self.follower = CallFollower(
            runner, model, cache, names_for, tracker, bus, self._load_failed, self, now=self.now
        )
        self.follower.timeline_changed.connect(self.timeline_changed)
        self.follower.incoming.connect(self.incoming)
        self.follower.ringing.connect(self.ringing)
        self.pages_fetched = 0
        # The view asks for more while it scrolls; the request starts after the scroll has painted, so parsing
        # the answer in a worker never competes with that paint for the interpreter (bench/bench_calls.py).
        model.fetch_wanted.connect(lambda: QTimer.singleShot(0, self.fetch_more))
        self._after_call = QTimer(self)  # one refresh for calls that end close together
        self._after_call.setSingleShot(True)
        self._after_call.setInterval(REFRESH_AFTER_CALL_MS)
        self._after_call.timeout.connect(self.refresh)
        tracker.call_ended.connect(self._softphone_call_ended)

    def _softphone_call_ended(self, call: LiveCall) -> None:
        if not self.follower.softphone_call_ended(call):
            # a call nobody told us about (answered in the softphone): its record comes with the next refresh
            self._after_call.start()

    # --- account and period ---------------------------------------------------------------------------------

    def start(self, agent: Agent, account: str, agent_username: str) -> None:
        """Logged in: show this agent's cached calls, fetch what is new, resume following open calls."""
        changed = account != self.account
        self.agent, self.account, self.agent_username = agent, account, agent_username
        if changed:
            self.records_changed.emit()
            self.follower.stop()
            # the period first: the rows of the calls the follower resumes are merged into the loaded ones
            self.open_period(*self.period)
        else:
            self.refresh()
        self.follower.start(agent, account)

    def stop(self) -> None:
        """Logged out: nothing of this agent stays on screen."""
        self._generation += 1
        self.follower.stop()
        self.agent, self.account, self._walk = None, "", None
        self.paging.more_available = self.paging.fetching = False
        self.model.reset_rows([], {}, {})
        self.model.set_done(set())
        self.status.emit("")
        self.records_changed.emit()

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

        def load() -> tuple[CallTable, dict[str, Note], list[tuple[str, str]], set[str]]:
            from ccs_desktop.core.calls.table import CallTable  # noqa: PLC0415

            cache = self._cache()
            rows = cache.rows(account, fmt(start), fmt(finish)) + provisional
            table = CallTable(
                rows, self._names_for({row.party for row in rows})
            )  # sorted here, not on the GUI
            return table, cache.notes(account), cache.coverage(account), cache.done_ticks(account)

        def shown(result: tuple[CallTable, dict[str, Note], list[tuple[str, str]], set[str]]) -> None:
            if generation != self._generation:
                return
            table, notes, coverage, done = result
            rows = table.rows
            self.model.set_done(done)
            self.model.reset_table(table, notes)
            self._walk = PeriodFetch(start, finish, coverage, self._now(), self.agent_username)
            self._show_count()
            if rows and not self._walk.done:
                self.refresh()  # what is new since last time; older gaps wait for the scroll
            else:
                self.paging.more_available = not self._walk.done
                self.fetch_more()

        self.runner.submit(load, shown, self._current(self._load_failed), pool="serial", name="cached calls")

    def _provisional(self, start: datetime, finish: datetime) -> list[CallRow]:
        from ccs_desktop.core.calls.sync import fmt  # noqa: PLC0415

        return self.follower.provisional_rows(fmt(start), fmt(finish))

    def _current(self, handler: Callable[[BaseException], None]) -> Callable[[BaseException], None]:
        """`handler` for a failure of work started now: dropped once a logout or another period has begun."""
        generation = self._generation

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                handler(exc)

        return failed

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

        self.runner.submit(
            coverage, walk, self._current(self._load_failed), pool="serial", name="call coverage"
        )

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
            records, next_cursor, oldest = page
            self.pages_fetched += 1
            span = walk.page_received(records, next_cursor, oldest)
            # read here, on the GUI thread; the model is never touched in a worker
            named, (region, formatted) = set(self.model.names), self.model.numbers_shown()

            def store() -> tuple[list[CallRow], dict[str, str], tuple[str, dict[str, str]]]:
                from ccs_desktop.core.phone import shown  # noqa: PLC0415

                rows = self._cache().store(account, records, span)
                names = self._names_for({row.party for row in rows} - named)
                numbers = {row.number for row in rows} - formatted
                return rows, names, (region, {number: shown(number, region) for number in numbers})

            self.runner.submit(
                store,
                lambda r: self._stored(generation, *r),
                self._current(self._fetch_failed),
                pool="serial",
                name="store calls",
            )

        def fetch() -> tuple[list[CallRecord], str | None, datetime | None]:
            from ccs_desktop.core.calls.sync import oldest_call  # noqa: PLC0415

            records, next_cursor = agent.call_records_page(query, cursor)
            return records, next_cursor, oldest_call(records)  # its dates parsed here, not on the GUI thread

        self.runner.submit(
            fetch,
            fetched,
            self._current(self._fetch_failed),
            name="call records page",
        )

    def _stored(
        self, generation: int, rows: list[CallRow], names: dict[str, str], shown: tuple[str, dict[str, str]]
    ) -> None:
        if generation != self._generation:
            return
        self.model.merge(rows, names, shown)
        if rows:
            self.records_changed.emit()
        self.paging.fetching = False
        self.follower.rows_fetched(rows)
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
            self._current(self._load_failed),
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

    def now(self) -> datetime:
        """The tenant's now, from the clock this history was given."""
        return self._now()

    def notification(self, notification: CallNotification) -> None:
        """The listener's (app.py hands it this method): the follower joins it to its call."""
        self.follower.notification(notification)

    def live_ring(self, key: str, number: str, queue: str) -> None:
        """A ring CCS's live calls showed: its timeline records the live key (the ring desk pops the card)."""
        self.follower.notification(CallNotification(RING, key, callerid=number, queue=queue), announce=False)

    # --- notes, details, export, history ----------------------------------------------------------------

    def save_note(self, callid: str, note: str, outcome: str) -> None:
        row, account, updated = self.model.find(callid), self.account, stamp(self._now())
        if row is None or not account:
            return
        self.runner.submit(
            lambda: self._cache().save_note(account, callid, row.party, note, outcome, updated),
            lambda saved: self.model.set_note(callid, saved),
            self.bus.show_error,
            pool="serial",
            name="save note",
        )

    def tick_done(self, callid: str, done: bool = True) -> None:
        """The agent's worklist tick on a missed call (or its removal), kept in the cache for this account."""
        row, account, ticked = self.model.find(callid), self.account, stamp(self._now())
        if row is None or not account:
            return

        def write() -> set[str]:
            cache = self._cache()
            cache.tick_done(account, callid, row.party, ticked, done)
            return cache.done_ticks(account)

        generation = self._generation

        def saved(ticks: set[str]) -> None:
            if generation == self._generation:
                self.model.set_done(ticks)
                self.records_changed.emit()

        self.runner.submit(write, saved, self.bus.show_error, pool="serial", name="worklist tick")

    def details(self, row: CallRow, done: Callable[[Any], None]) -> None:
        """(record or None, timeline or None, the contact's company) of a row, from the cache and the contacts, for
        the details pane."""
        account, followed = self.account, self.follower.timeline_of(row.callid, row.uniqueid)

        def read() -> tuple[CallRecord | None, Timeline | None, str]:
            cache = self._cache()
            record = cache.record(account, row.callid)
            timeline = followed or cache.timeline_for(account, row.callid, row.uniqueid)
            return record, timeline, self.company_of(row.number) if row.number else ""

        self.runner.submit(read, done, self.bus.show_error, pool="serial", name="call details")

    def export(self, path: Path, done: Callable[[int], None], delimiter: str = ",") -> None:
        """Write the rows shown, in their order, as CSV (`delimiter`: `;` for Excel where the decimal separator is a
        comma, see core.spreadsheet.excel_delimiter)."""
        from ccs_desktop.core.calls.export import export_calls_csv  # noqa: PLC0415

        rows, names, notes, account = (
            self.model.visible_rows(),
            dict(self.model.names),
            dict(self.model.notes),
            self.account,
        )

        def write() -> int:
            records = self._cache().records(account, [row.callid for row in rows])
            return export_calls_csv(path, rows, records, names, notes, delimiter)

        self.runner.submit(write, done, self.bus.show_error, pool="serial", name="export calls")

    def names_changed(self) -> None:
        """Contacts were added, edited or imported: name the numbers shown again."""
        parties = {row.party for row in self.model.visible_rows()} | set(self.model.names)
        self.runner.submit(
            lambda: self._names_for(parties), self.model.set_names, None, pool="serial", name="call names"
        )
