"""The "My day" tab in the real main window, offscreen: figures counted from a real SQLite cache (synthetic rows, or
filled from the simulator through the call history as the app fills it), recounted when the history changes and
when the tab is shown; CCS's own figures fetched over real HTTP from the simulator, a difference marked, a CCS
failure said in words with the saved figures still there; every control named; the chart's colours readable on
light and dark palettes.

The history and the tab run on the synchronous runner with an injected tenant clock: nothing reads the wall clock,
and nothing waits except for the tab's own coalescing timer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from ccs_desktop.core.api import Agent, CcsClient, resolve_tenant
from ccs_desktop.core.api.records import CallRecord, tenant_clock
from ccs_desktop.core.calls.cache import CallCache, account_key
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.simulator import Simulator, SimulatorConfig
from ccs_desktop.ui.main_window import MainWindow
from ccs_desktop.ui.my_day import DIFFERS, GRAPHICS_CONTRAST, contrast, readable, series_colours
from ccs_desktop.ui.my_day import connect_my_day as connect
from tests.ui.test_widgets import make_window

pytestmark = pytest.mark.gui
ME = account_key("acme.example", "deniz@acme.example")
NOW = datetime(
    2028, 2, 29, 16, 45, 0
)  # the tenant's clock: a leap day, a Tuesday (the week began Monday 28th)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def record(callid: str, when: datetime, number: str, *, inbound: bool, answered: bool, **extra) -> CallRecord:
    fields = {
        "callid": callid,
        "calldate": stamp(when),
        "inbound": inbound,
        "answered": answered,
        "duration": 271 if answered else 0,
        "waitduration": 12,
        "agent": "deniz@acme.example",
        "callerid" if inbound else "called_num": number,
    }
    return CallRecord.from_api({**fields, **extra})


class Day:
    """The window with its My day tab and the call history on one database file, as app.py wires them."""

    def __init__(self, qtbot, runner, db: Path, now=lambda: NOW) -> None:
        self.cache = CallCache(db)
        self.window: MainWindow = make_window(db.parent)
        qtbot.addWidget(self.window)
        self.history = CallHistory(
            runner,
            self.window.calls.model,
            lambda: self.cache,
            lambda _parties: {},
            CallTracker(),
            MessageBus(),
            now=now,
        )
        self.my_day = connect(self.window.my_day, runner, self.history, lambda: self.cache)
        self.my_day.first_weekday = 0  # the locale's choice; Monday here, whatever the test machine's locale
        self.view = self.window.my_day
        self.runner = runner

    def show_tab(self) -> None:
        self.window.show()
        self.window.tabs.setCurrentWidget(self.view)

    def counts(self) -> int:
        return self.runner.submitted.count("day at a glance")

    def close(self) -> None:
        self.history.stop()
        self.window.quitting = True
        self.window.close()
        self.cache.close()


@pytest.fixture
def day(qtbot, sync_runner, tmp_path) -> Iterator[Day]:
    db = tmp_path / "ccs.sqlite3"
    with CallCache(db) as cache:
        cache.store(
            ME,
            [
                record("a1", NOW.replace(hour=9, minute=5), "05321112233", inbound=True, answered=True),
                record(
                    "a2",
                    NOW.replace(hour=9, minute=40),
                    "05324445566",
                    inbound=True,
                    answered=True,
                    waitduration=30,
                ),
                record("o1", NOW.replace(hour=11), "05327778899", inbound=False, answered=True, duration=60),
                record("n1", NOW.replace(hour=11, minute=30), "05320001122", inbound=False, answered=False),
                record("m1", NOW.replace(hour=14), "05325556677", inbound=True, answered=False),
                record("m2", NOW.replace(hour=15), "05329990000", inbound=True, answered=False),
                record(
                    "monday", NOW - timedelta(days=1), "05321112233", inbound=True, answered=True, duration=29
                ),
                record("sunday", NOW - timedelta(days=2), "05321112233", inbound=True, answered=True),
            ],
        )
    day = Day(qtbot, sync_runner, db)
    day.history.account, day.history.agent_username = ME, "deniz@acme.example"  # logged in, offline
    day.history.open_period("7 days")  # the Calls tab holds the rows (the worklist ticks find them there)
    yield day
    day.close()


def test_the_tab_counts_the_saved_calls_of_today_and_of_this_week(day: Day):
    assert day.window.tabs.tabText(day.window.tabs.indexOf(day.view)) == "My day"
    assert day.counts() == 0  # nothing is counted before the tab is shown
    assert not day.view.built  # nor built: the window starts without it
    day.show_tab()
    view = day.view
    assert view.built and view.answered.value.isVisible() and view.chart.isVisible()
    assert not view.legends[2].isVisible()  # no call of unknown direction
    assert day.counts() == 1
    assert (view.answered.value.text(), view.missed.value.text()) == ("3", "2")
    assert view.missed.detail.text() == "1 outgoing not answered"
    assert view.talk.value.text() == "10:02"  # 271 + 271 + 60 s
    assert view.wait.value.text() == "0:21"  # (12 + 30) / 2, the answered incoming calls
    assert view.callbacks.value.text() == "0"
    assert view.chart.hours[9] == (2, 0, 0) and view.chart.hours[11] == (0, 2, 0)
    # (without a translator loaded, English plurals keep their "(s)"; the catalogue's English forms drop it)
    assert view.chart.accessibleDescription() == "Busiest hour 09:00: 2 call(s). 6 call(s) in all."
    assert "Log in to compare with CCS's own figures" in view.source.text()  # no session: no CCS figures
    # these rows were saved without a walk through the period: the tab says the count may be short
    assert not view.complete and "part of this period has not been fetched" in view.source.text()

    view.week_button.click()  # the week began yesterday, Monday: Sunday's call is last week's
    assert (view.answered.value.text(), view.talk.value.text()) == ("4", "10:31")
    view.today_button.click()
    assert view.answered.value.text() == "3"


def test_a_change_of_the_history_is_counted_while_the_tab_is_shown_and_when_it_is_shown_again(
    qtbot, day: Day
):
    day.show_tab()
    view = day.view
    day.history.tick_done("m1")  # a worklist tick: one call-back done
    qtbot.waitUntil(lambda: view.callbacks.value.text() == "1", timeout=2000)
    day.window.tabs.setCurrentWidget(day.window.calls)
    counted = day.counts()
    day.history.tick_done("m2")
    assert not day.my_day.coalescing()  # a hidden tab counts nothing
    assert day.counts() == counted and view.callbacks.value.text() == "1"
    day.window.tabs.setCurrentWidget(view)
    assert view.callbacks.value.text() == "2"
    day.history.stop()  # logged out: nothing of the agent stays
    assert view.answered.value.text() == "—" and view.source.text() == "Log in to see your day."


def test_every_control_has_an_accessible_name(day: Day):
    day.show_tab()
    controls = [
        w
        for w in day.view.findChildren(QWidget)
        if isinstance(w, QAbstractButton) or w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert len(controls) >= 3
    assert [w for w in controls if not w.accessibleName()] == []
    for figure in day.view.figures:
        assert figure.accessibleName().startswith(figure.title.text())
    assert day.view.answered.accessibleName() == "Answered: 3"
    assert day.view.chart.accessibleName() == "Calls per hour"


def _dark() -> QPalette:
    palette = QPalette(QApplication.style().standardPalette())
    for role, colour in (
        (QPalette.ColorRole.Window, "#1e1e1e"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#121212"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#264f78"),  # a dark theme's selection: too dark to draw bars with
        (QPalette.ColorRole.PlaceholderText, "#5a5a5a"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_charts_colours_and_text_are_readable_in_light_and_dark(qapp, theme):
    palette = QApplication.style().standardPalette() if theme == "light" else _dark()
    window = palette.color(QPalette.ColorRole.Window)
    colours = series_colours(palette)
    assert all(contrast(c, window) >= GRAPHICS_CONTRAST for c in colours)
    assert len({c.name() for c in colours}) == 3  # three series, three colours
    assert contrast(palette.color(QPalette.ColorRole.WindowText), window) >= 4.5  # the labels: WCAG AA text


def test_readable_moves_a_colour_toward_the_text_only_as_far_as_needed():
    white, black = QColor("#ffffff"), QColor("#000000")
    assert readable(QColor("#000080"), white, black).name() == "#000080"  # already readable: unchanged
    pale = readable(QColor("#f0f0f0"), white, black)
    assert contrast(pale, white) >= GRAPHICS_CONTRAST and pale.name() != "#000000"
    assert contrast(QColor("#777777"), white) == pytest.approx(4.48, abs=0.01)  # the WCAG formula


def test_the_view_paints_offscreen(day: Day):
    day.show_tab()
    day.window.resize(1200, 760)
    image = day.view.grab().toImage()
    assert not image.isNull() and image.width() > 0
    # the bars are there: some pixel of the chart has the incoming colour
    chart = day.view.chart.grab().toImage()
    incoming = series_colours(day.view.chart.palette())[0].rgb()
    assert any(
        chart.pixel(x, y) == incoming for x in range(0, chart.width(), 2) for y in range(0, chart.height(), 2)
    )


# --- CCS's own figures, over real HTTP -------------------------------------------------------------------------

SIM_EPOCH = datetime(2026, 12, 2, 14, 30).timestamp()  # any fixed instant; the tenant is at +03:00


@pytest.fixture
def sim() -> Iterator[tuple[Simulator, list[float]]]:
    clock = [SIM_EPOCH]
    config = SimulatorConfig(
        port=0, seed_calls=600, clock=lambda: clock[0], test_controls=True, utc_offset_hours=3
    )
    with Simulator(config) as simulator:
        yield simulator, clock


@pytest.fixture
def ccs_day(qtbot, sync_runner, tmp_path, sim) -> Iterator[tuple[Day, Simulator, list[float]]]:
    simulator, clock = sim
    now = tenant_clock(lambda: "+03:00", lambda: clock[0])
    day = Day(qtbot, sync_runner, tmp_path / "ccs.sqlite3", now=now)
    agent = Agent(CcsClient(resolve_tenant(simulator.base_url)), simulator.email, simulator.app_token)
    # logged in: the history fills the cache with the last 7 days from CCS, as in the app
    day.history.start(agent, account_key(agent.client.tenant.host, simulator.email), simulator.email)
    assert day.cache.count(day.history.account) > 0
    yield day, simulator, clock
    day.close()
    agent.client.close()


def test_ccs_agrees_with_a_complete_cache_and_reports_pauses(ccs_day):
    day, simulator, clock = ccs_day
    agent = simulator.cc.tenant.demo_agent
    simulator.cc.set_status(agent, "lunch")
    clock[0] += 1800
    simulator.cc.set_status(agent, "available")
    day.show_tab()
    view = day.view
    # half an hour passed since the cache was filled: CCS's settled hours now reach past what it holds
    assert not view.complete and "part of this period has not been fetched" in view.source.text()
    view.refresh_button.click()  # fetches what is new (as the Calls tab's Refresh) and asks CCS again
    assert view.ccs_state == "figures"
    assert view.perf is not None and view.stats is not None
    assert view.perf.answered == view.stats.answered and view.perf.missed == view.stats.unanswered
    assert view.answered.ccs.text() == f"CCS agrees: {view.stats.answered} answered"
    assert not any(f.differs for f in view.figures)
    assert view.pauses.value.text() == "30:00" and view.pauses.detail.text() == "1 pause(s)"
    assert view.source.text() == "Counted from the calls saved on this computer. CCS's own figures agree."
    assert view.complete  # the history walked the whole period (all but the unsettled last hour)
    view.week_button.click()  # the week: CCS is asked for the same days as the cache is counted for
    assert (view.perf.first, view.perf.last) == (view.stats.first, view.stats.last)
    assert view.stats.first.weekday() == 0
    assert view.answered.ccs.text() == f"CCS agrees: {view.stats.answered} answered"


def test_a_call_the_cache_never_saw_shows_as_a_marked_difference(ccs_day):
    day, simulator, clock = ccs_day
    # a call taken ten minutes ago on another phone: CCS has it, this computer never fetched it
    mine = simulator.cc.tenant.demo_agent.agentid
    answered = [
        r for r in simulator.cc.store.between(0, int(clock[0])) if r["answered"] and r["agentid"] == mine
    ]
    when = day.history.now() - timedelta(minutes=10)
    simulator.cc.store.add(
        int(clock[0]) - 600, dict(answered[-1], callid="elsewhere-1", calldate=stamp(when))
    )
    day.show_tab()
    view = day.view
    saved = view.stats.answered
    assert view.perf.answered == saved + 1
    assert view.answered.differs
    assert view.answered.ccs.text() == f"{DIFFERS} CCS: {saved + 1} answered (saved: {saved})"
    assert "another computer or phone" in view.answered.ccs.toolTip()
    assert view.answered.ccs.font().bold()
    assert DIFFERS in view.source.text()
    assert view.answered.value.text() == str(saved)  # the saved figure stays the big one


def test_a_ccs_failure_is_said_in_words_and_the_saved_figures_stay(ccs_day):
    day, simulator, _clock = ccs_day
    requests.post(
        f"{simulator.base_url}/_sim/faults",
        json={"mode": "http500", "count": 2, "function": "reportsAgentPerf"},  # the client asks twice
        timeout=5,
    ).raise_for_status()
    day.show_tab()
    view = day.view
    assert view.ccs_state == "failed"
    assert "CCS's own figures could not be fetched" in view.source.text()
    assert "HTTP 500" in view.source.text()
    assert view.stats is not None and view.answered.value.text() == str(view.stats.answered) != "—"
    assert not any(f.ccs.isVisible() for f in view.figures)
    # not asked again on its own within a minute; Refresh asks at once, and CCS answers this time
    day.window.tabs.setCurrentWidget(day.window.calls)
    day.window.tabs.setCurrentWidget(view)
    assert view.ccs_state == "failed"
    view.refresh_button.click()
    assert view.ccs_state == "figures"


def test_with_the_real_runner_the_figures_come_from_workers(qtbot, runner, tmp_path, sim):
    """The threads' path: the count runs in the serial worker, CCS's report in the net pool; until they answer,
    the tab says it is asking, and nothing of it blocks the GUI thread."""
    simulator, clock = sim
    day = Day(qtbot, runner, tmp_path / "ccs.sqlite3", now=tenant_clock(lambda: "+03:00", lambda: clock[0]))
    agent = Agent(CcsClient(resolve_tenant(simulator.base_url)), simulator.email, simulator.app_token)
    try:
        day.history.start(agent, account_key(agent.client.tenant.host, simulator.email), simulator.email)
        qtbot.waitUntil(
            lambda: day.cache.count(day.history.account) > 0 and not day.history.paging.fetching,
            timeout=10_000,
        )
        day.show_tab()
        view = day.view
        assert view.stats is None and view.source.text().endswith("Asking CCS for its own figures…")
        qtbot.waitUntil(lambda: view.stats is not None and view.ccs_state == "figures", timeout=10_000)
        assert (
            view.answered.ccs.text() == f"CCS agrees: {view.stats.answered} answered"
        )  # today's: all fetched
    finally:
        day.close()
        agent.client.close()
