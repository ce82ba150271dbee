"""The day at a glance's engine: the figures of today or this week counted from the call cache in the serial
worker (core.calls.day_stats), and CCS's own figures for the same days (reportsAgentPerf) in the net pool.

Offline first: the cache's figures never wait for CCS, and CCS failing is said in words beside them. The cache is
counted again whenever the call history says its records changed; CCS is asked when the agent opens the tab,
switches the period or presses Refresh, and after a change of the records at most once a minute (the figures of
a report change slowly; a busy afternoon must not turn into one report request per stored page). A generation
number drops answers that arrive after a switch of period or account.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ccs_desktop.core.errors import user_text
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.calls.cache import CallCache
    from ccs_desktop.core.calls.day_stats import DayStats
    from ccs_desktop.services.call_history import CallHistory

log = logging.getLogger(__name__)

CCS_MIN_INTERVAL = 60.0  # seconds between automatic reportsAgentPerf requests
COALESCE_MS = 250  # records arriving page after page are counted once


class MyDay(QObject):
    """Signals: `stats_ready(DayStats, complete)` (complete: the cache holds every record of the period but
    CCS's last, unsettled hour), `ccs_ready(object)` with CCS's `AgentPerf` (None: CCS has no row for the
    agent), `ccs_asked()` when a request for them starts, `ccs_failed(str)` with why in words, `ccs_unavailable()` when there is no session to ask CCS with,
    `failed(str)` when the cache cannot be read, `cleared()` when nobody is logged in.

    `first_weekday`: 0 Monday … 6 Sunday (the locale's). `monotonic`: seconds, for the CCS throttle."""

    stats_ready = Signal(object, bool)
    ccs_asked = Signal()
    ccs_ready = Signal(object)
    ccs_failed = Signal(str)
    ccs_unavailable = Signal()
    failed = Signal(str)
    cleared = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        history: CallHistory,
        cache: Callable[[], CallCache],
        parent: QObject | None = None,
        *,
        first_weekday: int = 0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.runner, self.history, self._cache = runner, history, cache
        self.first_weekday = first_weekday
        self._monotonic = monotonic
        self.period = "today"
        self.active = False  # the tab is on screen: changes are counted at once, not when it is next shown
        self._generation = 0
        self._ccs_asked: tuple[str, str, float] | None = None  # (account, period, when) of the last request
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(COALESCE_MS)
        self._coalesce.timeout.connect(lambda: self.refresh(ccs="if due"))
        history.records_changed.connect(self.records_changed)

    def now(self) -> datetime:
        return self.history.now()

    # --- what starts a count ------------------------------------------------------------------------------

    def set_active(self, active: bool) -> None:
        """The tab was shown (or hidden): shown, it counts what changed meanwhile and asks CCS if due."""
        self.active = active
        if active:
            self.refresh(ccs="if due")

    def set_period(self, period: str) -> None:
        if period != self.period:
            self.period = period
            self.refresh(ccs="always")

    def records_changed(self) -> None:
        if not self.history.account:  # logged out: nothing of the agent stays, not even for a moment
            self._coalesce.stop()
            self._generation += 1
            self._ccs_asked = None
            self.cleared.emit()
        elif self.active:  # else the count waits for the tab to be shown
            self._coalesce.start()

    def coalescing(self) -> bool:
        """A count is due once the records stop arriving."""
        return self._coalesce.isActive()

    def refresh(self, ccs: str = "always") -> None:
        """Count the cache again; `ccs`: "always" (the agent asked), "if due" (a minute since the last request
        for this account and period), or "never"."""
        from ccs_desktop.core.calls.day_stats import day_stats, period_days, period_span, rows_span  # noqa: PLC0415
        from ccs_desktop.core.calls.sync import SETTLE, gaps, parse  # noqa: PLC0415

        self._generation += 1
        generation, account, period, weekday = (
            self._generation,
            self.history.account,
            self.period,
            self.first_weekday,
        )
        if not account:
            self.cleared.emit()
            return
        now = self.now()
        today = now.date()

        def count() -> tuple[DayStats, bool]:
            cache = self._cache()
            start, finish = rows_span(period, today, weekday)
            stats = day_stats(
                cache.rows(account, start, finish), cache.tick_times(account, start), period, today, weekday
            )
            # complete: every record of the period up to CCS's last hour (the settle rule) has been fetched
            first = parse(period_span(period, today, weekday)[0])
            settled = min(parse(finish), now.replace(microsecond=0) - SETTLE)
            complete = settled < first or not gaps(cache.coverage(account), first, settled)
            return stats, complete

        self.runner.submit(
            count,
            lambda result: generation == self._generation and self.stats_ready.emit(*result),
            lambda exc: generation == self._generation and self._count_failed(exc),
            pool="serial",
            name="day at a glance",
        )
        if ccs == "never" or (ccs == "if due" and not self._ccs_due(account, period)):
            return
        agent = self.history.agent
        if agent is None:
            self.ccs_unavailable.emit()
            return
        first, last = period_days(period, today, weekday)
        self._ccs_asked = (account, period, self._monotonic())
        self.ccs_asked.emit()
        self.runner.submit(
            lambda: agent.performance(first, last),
            lambda perf: generation == self._generation and self.ccs_ready.emit(perf),
            lambda exc: generation == self._generation and self._ccs_failed(exc),
            name="agent report",
        )

    def _ccs_due(self, account: str, period: str) -> bool:
        asked = self._ccs_asked
        if asked is None or asked[:2] != (account, period):
            return True
        return self._monotonic() - asked[2] >= CCS_MIN_INTERVAL

    def _count_failed(self, exc: BaseException) -> None:
        error = user_text(exc, log, "counting the day at a glance failed")
        self.failed.emit(self.tr("Saved calls cannot be read: {error}").format(error=error))

    def _ccs_failed(self, exc: BaseException) -> None:
        self.ccs_failed.emit(user_text(exc, log, "reportsAgentPerf failed"))
