"""The Calls tab built for call-backs: the "Missed, not returned" worklist on a real SQLite cache, the sentence
above the raw fields, the details pane that folds away, the columns at 1200×760, and the first row's alignment.

The history runs on the synchronous runner with an injected tenant clock, so nothing here waits or reads the wall
clock; the cache is a real file, read again by a second panel as after a restart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ccs_desktop.core.api.records import CallRecord
from ccs_desktop.core.calls.cache import CallCache, account_key
from ccs_desktop.core.calls.rows import CallRow
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.ui.calls_model import COLUMNS, CONTACT, QUEUE, TALK, TIME
from ccs_desktop.ui.calls_panel import CallsPanel, connect_calls_panel
from tests.ui.test_widgets import make_window

pytestmark = pytest.mark.gui
ME = account_key("acme.example", "deniz@acme.example")
NOW = datetime(2026, 12, 31, 23, 50, 0)  # the tenant's clock: a year's last minutes


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def record(
    callid: str, minutes_ago: int, number: str, *, inbound: bool, answered: bool, **extra
) -> CallRecord:
    fields = {
        "callid": callid,
        "calldate": stamp(NOW - timedelta(minutes=minutes_ago)),
        "inbound": inbound,
        "answered": answered,
        "duration": 271 if answered else 0,
        "waitduration": 12,
        "queue": "Destek",
        "agent": "deniz@acme.example",
        "callerid" if inbound else "called_num": number,
    }
    return CallRecord.from_api({**fields, **extra})


class Tab:
    """The panel and its history on one database file, as app.py wires them (without the network)."""

    def __init__(self, qtbot, runner, db) -> None:
        self.cache = CallCache(db)
        self.contacts = ContactStore(db)
        self.panel = CallsPanel()
        qtbot.addWidget(self.panel)
        self.panel.resize(1100, 700)
        self.panel.show()
        self.history = CallHistory(
            runner,
            self.panel.model,
            lambda: self.cache,
            self.contacts.names_for,
            CallTracker(),
            MessageBus(),
            now=lambda: NOW,
        )
        connect_calls_panel(self.panel, self.history)
        self.history.company_of = lambda number: next(
            (c.company for c in self.contacts.find_by_number(number)), ""
        )
        self.dialed: list[str] = []
        self.panel.dial_requested.connect(self.dialed.append)

    def open(self, period: str = "7 days") -> None:
        self.history.account, self.history.agent_username = ME, "deniz@acme.example"  # logged in, offline
        self.panel.period.setCurrentIndex(self.panel.period.findData(period))
        self.history.open_period(*self.panel.period_choice())

    def shown(self) -> list[str]:
        return [row.callid for row in self.panel.model.visible_rows()]

    def close(self) -> None:
        self.history.stop()
        self.cache.close()
        self.contacts.close()


@pytest.fixture
def tab(qtbot, sync_runner, tmp_path) -> Iterator[Tab]:
    with CallCache(tmp_path / "ccs.sqlite3") as cache:
        cache.store(
            ME,
            [
                record("ayse-1", 300, "05321112233", inbound=True, answered=False),
                record("ayse-2", 200, "0532 111 22 33", inbound=True, answered=False),
                record("mehmet", 150, "05324445566", inbound=True, answered=False),
                record("called-mehmet", 100, "+905324445566", inbound=False, answered=True),  # connected
                record("zeynep", 90, "05327778899", inbound=True, answered=False),
                record("tried-zeynep", 80, "05327778899", inbound=False, answered=False),  # no answer
                record("can", 60 * 30, "05320001122", inbound=True, answered=False),  # yesterday
                record("old", 60 * 24 * 8, "05329990000", inbound=True, answered=False),  # 8 days ago
                record("served", 10, "05325556677", inbound=True, answered=True),
            ],
        )
    with ContactStore(tmp_path / "ccs.sqlite3") as contacts:
        contacts.add(
            Contact(None, "Ayşe Demir", company="Demir Lojistik", numbers=[ContactNumber("05321112233")])
        )
    tab = Tab(qtbot, sync_runner, tmp_path / "ccs.sqlite3")
    tab.open()
    yield tab
    tab.close()


def test_the_worklist_lists_each_number_to_call_back_once_with_a_count(qtbot, tab):
    panel = tab.panel
    qtbot.waitUntil(lambda: "(2)" in panel.worklist_button.text(), timeout=1000)  # today: Ayşe and Zeynep
    assert panel.worklist_button.text() == "Missed, not returned (2)"
    panel.worklist_button.click()
    assert tab.shown() == ["zeynep", "ayse-2"]  # newest first; Mehmet was called back and it connected
    panel.worklist_scope.setCurrentIndex(panel.worklist_scope.findData("7 days"))
    assert tab.shown() == ["zeynep", "ayse-2", "can"]  # not the call of 8 days ago
    assert panel.worklist_button.text() == "Missed, not returned (3)"
    panel.worklist_button.click()
    assert len(tab.shown()) == 8  # everything of the period again


def test_enter_on_a_worklist_row_calls_back(qtbot, tab):
    panel = tab.panel
    panel.worklist_button.click()
    panel.table.setFocus()
    panel.table.selectRow(1)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert tab.dialed == ["0532 111 22 33"]


def test_a_done_tick_clears_a_number_and_survives_a_restart(qtbot, tab, sync_runner, tmp_path):
    panel = tab.panel
    panel.worklist_button.click()
    assert not panel.done_button.isEnabled()
    panel.table.selectRow(0)
    assert tab.shown()[0] == "zeynep" and panel.done_button.isEnabled()
    panel.done_button.click()
    assert tab.shown() == ["ayse-2"]
    qtbot.waitUntil(lambda: panel.worklist_button.text() == "Missed, not returned (1)", timeout=1000)
    assert not panel.details_box.isVisible()  # the ticked call left the view, and its details with it
    tab.close()

    again = Tab(qtbot, sync_runner, tmp_path / "ccs.sqlite3")
    again.open("today")
    again.panel.worklist_button.click()
    assert again.shown() == ["ayse-2"]
    # the tick is taken back from the row's menu (the period's full table shows the ticked call)
    again.panel.worklist_button.click()
    zeynep = again.panel.model.find("zeynep")
    menu = again.panel.row_menu(zeynep)
    [back] = [a for a in menu.actions() if a.text() == "Back on the call-back list"]
    back.trigger()
    again.panel.worklist_button.click()
    assert again.shown() == ["zeynep", "ayse-2"]
    again.close()


def test_a_ticked_call_stays_off_for_another_agent_on_the_same_computer(tab, tmp_path):
    tab.panel.worklist_button.click()
    tab.panel.table.selectRow(0)
    tab.panel.done_button.click()
    with CallCache(tmp_path / "ccs.sqlite3") as cache:
        assert cache.done_ticks(ME) == {"zeynep"}
        assert cache.done_ticks(account_key("acme.example", "ali@acme.example")) == set()


def test_the_details_start_with_a_sentence(qtbot, tab):
    panel = tab.panel
    panel.search.setText("ayşe")
    qtbot.waitUntil(lambda: tab.shown() == ["ayse-2", "ayse-1"], timeout=1000)
    panel.table.selectRow(0)
    assert (
        panel.summary.text() == "Incoming from Ayşe Demir (Demir Lojistik), missed, rang 0:12, queue Destek"
    )
    panel.search.clear()
    qtbot.waitUntil(lambda: len(tab.shown()) == 8, timeout=1000)
    panel.table.selectRow(tab.shown().index("served"))
    assert panel.summary.text() == "Incoming from 0532 555 66 77, answered by you, 4:31, queue Destek"
    panel.table.selectRow(tab.shown().index("called-mehmet"))
    assert panel.summary.text() == "Outgoing to 0532 444 55 66, answered, 4:31, queue Destek"
    panel.table.selectRow(tab.shown().index("tried-zeynep"))
    assert panel.summary.text() == "Outgoing to 0532 777 88 99, no answer, queue Destek"


def test_the_details_fold_away_without_a_selection_and_when_a_filter_hides_the_selected_call(qtbot, tab):
    panel = tab.panel
    notes: list[tuple[str, str, str]] = []
    panel.note_saved.connect(lambda *args: notes.append(args))
    assert not panel.details_box.isVisible()
    table_height = panel.table.height()
    panel.table.selectRow(tab.shown().index("served"))
    assert panel.details_box.isVisible()
    qtbot.waitUntil(lambda: panel.table.height() < table_height, timeout=1000)
    panel.result.setCurrentIndex(panel.result.findData("missed"))  # hides the answered call
    assert "served" not in tab.shown()
    assert not panel.details_box.isVisible() and not panel.details.isEnabled()
    assert not panel.table.selectionModel().hasSelection()
    panel.note.setPlainText("written blind")
    panel.save_note_button.click()
    assert notes == []  # no note against a call the agent cannot see
    panel.result.setCurrentIndex(0)
    assert not panel.details_box.isVisible()  # shown again, but not selected again behind the agent's back


def test_the_columns_fit_the_default_window_without_sideways_scrolling(qtbot, tab, tmp_path):
    window = make_window(tmp_path)
    qtbot.addWidget(window)
    window.tabs.removeTab(window.tabs.indexOf(window.calls))
    window.tabs.addTab(tab.panel, "Calls")
    window.tabs.setCurrentWidget(tab.panel)
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    table, header = tab.panel.table, tab.panel.table.horizontalHeader()
    assert window.size().width() == 1200 and window.splitter.sizes()[1] < 700  # the softphone takes the rest
    qtbot.waitUntil(lambda: table.isVisible() and table.width() < 700, timeout=1000)
    shown = [c for c in range(len(COLUMNS)) if not header.isSectionHidden(c)]
    assert table.horizontalScrollBar().maximum() == 0
    assert {TIME, 2, CONTACT, 4, TALK, QUEUE} <= set(shown)
    assert header.sectionSize(CONTACT) >= 100
    window.resize(1900, 1000)
    window.splitter.setSizes([600, 1300])
    qtbot.waitUntil(lambda: table.width() > 1200, timeout=1000)
    assert not any(header.isSectionHidden(c) for c in range(len(COLUMNS)))  # a wide window shows them all
    assert table.horizontalScrollBar().maximum() == 0
    tab.panel.setParent(None)  # the fixture's panel outlives this window (which Python may now collect)


def dark_columns(panel: CallsPanel, column: int, rows: int) -> list[tuple[int, int]]:
    """Per row, the first and last x of the text painted in a cell (relative to the cell)."""
    image = panel.table.viewport().grab().toImage()
    x0, width = panel.table.columnViewportPosition(column), panel.table.columnWidth(column)
    found = []
    for row in range(rows):
        middle = panel.table.rowViewportPosition(row) + panel.table.rowHeight(row) // 2
        xs = [
            x
            for x in range(x0, x0 + width)
            for y in range(middle - 4, middle + 4)
            if QColor(image.pixel(x, y)).lightness() < 128
        ]
        found.append((min(xs) - x0, max(xs) - x0))
    return found


def test_every_row_is_aligned_like_the_first_from_the_first_paint(qtbot):
    panel = CallsPanel()
    qtbot.addWidget(panel)
    panel.resize(1100, 400)
    panel.show()
    qtbot.waitExposed(panel)
    rows = [
        CallRow(
            f"c{i}", f"2026-11-25 1{i}:00:00", True, "05321234567", "5321234567", True, 60, 5, "Q", "Ali", ""
        )
        for i in range(4)
    ]
    panel.model.merge(rows)  # as pages arrive: no click, no second paint
    times = dark_columns(panel, TIME, 4)
    talks = dark_columns(panel, TALK, 4)
    assert len(set(times)) == 1 and times[0][0] < 10  # left-aligned, every row
    assert len(set(talks)) == 1 and talks[0][1] > panel.table.columnWidth(TALK) - 12  # right-aligned


def test_a_call_answered_by_me_says_you_when_ccs_names_me_by_display_name(qtbot, tab):
    """CCS's `agent` is the display name ("Deniz Yılmaz") and `answeredby` the e-mail the agent logs in with."""
    from ccs_desktop.core.api.records import CallRecord
    from ccs_desktop.core.calls.rows import CallRow

    panel = tab.panel
    panel.me = lambda: "deniz@example.com"
    row = CallRow("c9", "2026-12-01 10:00:00", True, "05325556677", "5325556677", True, 271, 5, "Destek", "Deniz Yılmaz", "")
    mine = CallRecord({"answeredby": "Deniz@Example.com"})
    theirs = CallRecord({"answeredby": "ali@example.com"})
    assert "answered by you" in panel.sentence(row, "", mine)
    assert "answered by Deniz Yılmaz" in panel.sentence(row, "", theirs)
