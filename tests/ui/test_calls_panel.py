"""The Calls tab against the simulator over real HTTP, with a real SQLite file: paging as the view scrolls,
the cache when CCS is out of reach, filters, export, notes. (No softphone here; tests/test_calls_app.py runs the
whole window.)"""

from __future__ import annotations

import csv
import time as clock
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QModelIndex

from ccs_desktop.core.api import Agent, CcsClient, CdrQuery
from ccs_desktop.core.api.tenant import resolve_tenant
from ccs_desktop.core.calls.cache import CallCache, account_key
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.simulator import SimulatorConfig
from ccs_desktop.simulator.seed import build_tenant, seed_records
from ccs_desktop.ui.calls_model import CONTACT, NOTE
from ccs_desktop.ui.calls_panel import CallsPanel, connect_calls_panel
from tests.helpers import SimHandle, start_simulator

pytestmark = pytest.mark.gui
WAIT = 20_000


def seed_calls_for(wanted: int) -> int:
    """How many seeded calls give the demo agent exactly `wanted` records: the simulator spreads its seed over
    the last 30 days up to now, so the answer moves with the clock (checked again over the API by the test)."""
    config = SimulatorConfig(seed_calls=wanted * 3)
    tenant = build_tenant(config)
    demo = tenant.demo_agent
    mine = 0
    for made, (_start, record, _extra) in enumerate(
        seed_records(config, tenant, clock.time(), lambda c: ""), 1
    ):
        mine += record.get("agentid") == demo.agentid
        if mine == wanted:
            return made
    raise AssertionError(f"the seed never gives {wanted} records")


WHOLE_HISTORY = (date.today() - timedelta(days=40), date.today())


class Tab:
    """The Calls tab and its history service, as App wires them, on one database file."""

    def __init__(self, qtbot, sim: SimHandle, db, runner: TaskRunner) -> None:
        self.qtbot = qtbot
        self.cache = CallCache(db)
        self.contacts = ContactStore(db)
        self.panel = CallsPanel()
        qtbot.addWidget(self.panel)
        self.panel.resize(1100, 700)
        self.panel.show()
        self.bus = MessageBus()
        self.messages: list[tuple[str, str]] = []
        self.bus.message.connect(lambda level, text: self.messages.append((level, text)))
        self.history = CallHistory(
            runner, self.panel.model, lambda: self.cache, self.contacts.names_for, CallTracker(), self.bus
        )
        connect_calls_panel(self.panel, self.history)
        self.agent = Agent(CcsClient(resolve_tenant(sim.base_url)), sim.email, sim.app_token)
        self.account = account_key(resolve_tenant(sim.base_url).host, sim.email)

    def open_whole_history(self) -> None:
        self.panel.first_day.setDate(WHOLE_HISTORY[0])
        self.panel.last_day.setDate(WHOLE_HISTORY[1])
        self.panel.period.setCurrentIndex(self.panel.period.findData("custom"))
        self.history.start(self.agent, self.account, self.agent.email)

    def settle(self) -> None:
        model = self.panel.model
        self.qtbot.waitUntil(
            lambda: not model.paging.fetching and self.history.runner.pending == 0, timeout=WAIT
        )

    def scroll_to_the_end(self) -> None:
        model = self.panel.model
        for _ in range(100):
            self.settle()
            if not model.canFetchMore(QModelIndex()):
                return
            pages = self.history.pages_fetched
            self.panel.table.scrollToBottom()  # the view asks for the next page, which settle() then waits for
            self.qtbot.waitUntil(lambda before=pages: self.history.pages_fetched > before, timeout=WAIT)
        raise AssertionError("still more to fetch after 100 scrolls")

    def close(self) -> None:
        self.history.stop()
        self.panel.close()
        self.cache.close()
        self.contacts.close()


@pytest.fixture
def many(request) -> Iterator[SimHandle]:
    paging_end = getattr(request, "param", "empty-page")
    sim = start_simulator(seed_calls=seed_calls_for(2500), paging_end=paging_end)
    handle = SimHandle(sim)
    yield handle
    handle.http.close()
    sim.stop()


def page_requests(sim: SimHandle) -> list[dict]:
    return [e["params"] for e in sim.requests_log() if e["function"] == "reportsCDRLogs"]


@pytest.mark.parametrize("many", ["empty-page", "no-cursor"], indirect=True)
def test_scrolling_through_2500_records_fetches_25_pages_each_once(qtbot, many, runner, tmp_path):
    agent = Agent(CcsClient(resolve_tenant(many.base_url)), many.email, many.app_token)
    first, last = WHOLE_HISTORY
    query = CdrQuery(
        start=datetime.combine(first, time.min),
        finish=datetime.combine(last, time(23, 59, 59)),
        agent_username=many.email,
    )
    assert sum(1 for _ in agent.call_records(query)) == 2500  # the premise, asked of the simulator directly
    many.clear_log()

    tab = Tab(qtbot, many, tmp_path / "ccs.sqlite3", runner)
    tab.open_whole_history()
    tab.settle()
    assert tab.panel.model.rowCount() == 100  # one page to fill the view, not the whole period
    tab.scroll_to_the_end()

    pages = page_requests(many)
    cursors = [p.get("cursor", "") for p in pages]
    assert len(set(cursors)) == len(cursors), "a page was fetched twice"
    expected = 25 if many.sim.config.paging_end == "no-cursor" else 26  # the 26th: CCS's empty last page
    assert len(pages) == expected
    assert tab.panel.model.rowCount() == tab.cache.count(tab.account) == 2500
    assert tab.history.pages_fetched == expected
    assert all(p["agent_username"] == many.email for p in pages)
    tab.close()


def test_a_second_open_with_the_network_down_shows_the_cached_records(qtbot, runner, tmp_path):
    sim = SimHandle(start_simulator(seed_calls=600))
    db = tmp_path / "ccs.sqlite3"
    tab = Tab(qtbot, sim, db, runner)
    tab.open_whole_history()
    tab.scroll_to_the_end()
    shown = tab.panel.model.rowCount()
    assert shown > 100
    tab.close()
    sim.sim.stop()  # CCS out of reach

    again = Tab(qtbot, sim, db, runner)
    again.open_whole_history()
    qtbot.waitUntil(lambda: again.panel.model.rowCount() == shown, timeout=WAIT)
    again.settle()
    qtbot.waitUntil(lambda: "Refresh to try again" in again.panel.status.text(), timeout=WAIT)
    assert "(saved)" in again.panel.status.text()
    assert not again.panel.model.canFetchMore(QModelIndex())  # no retry loop while offline
    assert again.panel.model.rowCount() == shown  # nothing lost
    again.close()
    sim.http.close()


@pytest.fixture
def tab(qtbot, simulator, runner, tmp_path) -> Iterator[Tab]:
    tab = Tab(qtbot, simulator, tmp_path / "ccs.sqlite3", runner)
    tab.open_whole_history()
    tab.scroll_to_the_end()
    yield tab
    tab.close()


def test_filters_give_the_expected_rows(qtbot, tab):
    model, panel = tab.panel.model, tab.panel
    rows = model.visible_rows()
    assert len(rows) > 50
    assert [r.calldate for r in rows] == sorted((r.calldate for r in rows), reverse=True)

    panel.result.setCurrentIndex(panel.result.findData("missed"))
    assert model.rowCount() == sum(1 for r in rows if not r.answered) > 0
    assert all(not r.answered for r in model.visible_rows())
    panel.result.setCurrentIndex(0)

    panel.direction.setCurrentIndex(panel.direction.findData("in"))
    assert model.rowCount() == sum(1 for r in rows if r.inbound) > 0
    panel.direction.setCurrentIndex(0)

    some = rows[7]
    panel.search.setText(some.party[-7:])  # a part of a number, as an agent remembers it
    qtbot.waitUntil(lambda: model.rowCount() < len(rows), timeout=WAIT)
    assert some in model.visible_rows()
    assert all(some.party[-7:] in r.number.replace(" ", "") for r in model.visible_rows())

    panel.search.setText(rows[0].queue.upper())  # queues match without case
    qtbot.waitUntil(lambda: all(r.queue == rows[0].queue for r in model.visible_rows()), timeout=WAIT)
    assert model.rowCount() == sum(1 for r in rows if r.queue == rows[0].queue)
    panel.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == len(rows), timeout=WAIT)


def test_contact_names_show_and_are_searchable(qtbot, tab):
    model = tab.panel.model
    row = model.visible_rows()[3]
    tab.contacts.add(Contact(None, "Şükrü Öztürk", numbers=[ContactNumber("0" + row.party)]))
    tab.history.names_changed()
    qtbot.waitUntil(lambda: model.name_of(row.party) == "Şükrü Öztürk", timeout=WAIT)
    visible = model.visible_row_of(row.callid)
    assert model.index(visible, CONTACT).data() == "Şükrü Öztürk"
    tab.panel.search.setText("sukru ozturk")  # typed without Turkish letters
    qtbot.waitUntil(lambda: 0 < model.rowCount() < model.total(), timeout=WAIT)
    assert all(r.party == row.party for r in model.visible_rows())


def test_notes_survive_a_restart_and_export_gives_the_view(qtbot, tab, simulator, runner, tmp_path):
    panel, model = tab.panel, tab.panel.model
    panel.result.setCurrentIndex(panel.result.findData("answered"))
    target = model.visible_rows()[2]
    panel.table.selectRow(2)
    qtbot.waitUntil(lambda: panel.fields.topLevelItemCount() > 10, timeout=WAIT)  # every CCS field
    names = {panel.fields.topLevelItem(i).text(0) for i in range(panel.fields.topLevelItemCount())}
    assert {"callid", "calldate", "recordingurl", "queuekey"} <= names
    panel.note.setPlainText("Müşteri fatura itirazı; =SUM(A1) yazdı")
    panel.outcome.setCurrentText("Complaint")
    panel.save_note_button.click()
    qtbot.waitUntil(lambda: model.note_of(target.callid) is not None, timeout=WAIT)
    visible = model.visible_row_of(target.callid)
    assert model.index(visible, NOTE).data().startswith("Complaint · Müşteri fatura")

    out = tmp_path / "calls.csv"
    done: list[int] = []
    tab.history.export(out, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    header, body = table[0], table[1:]
    assert done == [len(body)] == [model.rowCount()]
    assert header[:4] == ["Time", "Direction", "Number", "Contact"] and "callid" in header
    assert [line[header.index("callid")] for line in body] == [r.callid for r in model.visible_rows()]
    assert all(line[header.index("Result")] == "answered" for line in body)
    noted = next(line for line in body if line[header.index("callid")] == target.callid)
    assert noted[header.index("Outcome")] == "Complaint"
    assert (
        noted[header.index("Note")] == "Müşteri fatura itirazı; =SUM(A1) yazdı"
    )  # not a formula: leading text

    tab.close()
    again = Tab(qtbot, simulator, tmp_path / "ccs.sqlite3", runner)
    again.open_whole_history()
    qtbot.waitUntil(lambda: again.panel.model.note_of(target.callid) is not None, timeout=WAIT)
    assert again.panel.model.note_of(target.callid).outcome == "Complaint"
    again.close()


def test_double_click_calls_back_and_refresh_fetches_only_what_is_new(qtbot, tab, simulator):
    model, panel = tab.panel.model, tab.panel
    dialed: list[str] = []
    panel.dial_requested.connect(dialed.append)
    row = model.visible_rows()[0]
    panel.table.doubleClicked.emit(model.index(0, 2))
    assert dialed == [row.number]

    before = model.total()
    simulator.clear_log()
    tab.agent.place_call("05321234561")  # a new call on CCS; the fast simulator ends it within a second
    qtbot.waitUntil(lambda: not simulator.state()["live_calls"], timeout=WAIT)  # ended: its record is written
    panel.refresh_button.click()
    qtbot.waitUntil(lambda: model.total() == before + 1, timeout=WAIT)
    tab.settle()
    pages = page_requests(simulator)
    # only the newest gap (since the last fetch, and its unsettled hour): one page, plus the simulator's empty
    # end-of-data page
    assert len(pages) <= 2 and len({p["startdate"] for p in pages}) == 1
    assert pages[0]["startdate"] > WHOLE_HISTORY[1].isoformat()  # not the whole period again
    assert model.visible_rows()[0].number == "05321234561"


def test_followed_calls_are_dated_on_the_tenant_clock(qtbot, simulator, runner, tmp_path):
    from ccs_desktop.core.api.agent import PlacedCall
    from ccs_desktop.core.phone import parse_number
    from ccs_desktop.services.agent_service import RecentCall

    tab = Tab(qtbot, simulator, tmp_path / "ccs.sqlite3", runner)
    tenant_time = datetime(2026, 11, 25, 9, 30, 0)  # say the tenant is three hours behind this computer
    tab.history._now = lambda: tenant_time
    tab.open_whole_history()
    tab.settle()
    placed = PlacedCall("tx-clock", "05321234561", "key-clock")
    tab.history.follower.follow_placed(RecentCall(parse_number("05321234561", "TR"), placed))
    row = tab.panel.model.find("key-clock")
    assert row is not None and row.status == "in progress"
    assert row.calldate == "2026-11-25 09:30:00"
    assert all(e.at == "2026-11-25 09:30:00" for e in tab.history.follower.timeline_of("key-clock").events)
    tab.close()


def test_custom_days_start_as_the_tenants_last_week_not_this_computers(qtbot, sync_runner, tmp_path):
    """At 23:30 UTC on Dec 31 a tenant at +03:00 is already in the new year: its week ends on Jan 1."""
    from ccs_desktop.core.api.records import tenant_clock
    from tests.helpers import clock_at

    panel = CallsPanel()
    qtbot.addWidget(panel)
    history = CallHistory(
        sync_runner,
        panel.model,
        lambda: None,
        lambda parties: {},
        CallTracker(),
        MessageBus(),
        now=tenant_clock(lambda: "+03:00", clock_at(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))),
    )
    connect_calls_panel(panel, history)
    panel.period.setCurrentIndex(panel.period.findData("custom"))
    assert panel.first_day.date().toPython() == date(2026, 12, 26)
    assert panel.last_day.date().toPython() == date(2027, 1, 1)
