"""The calls table's model: rows in memory, sorted and filtered in Python, more pages fetched as the view scrolls.

QSortFilterProxyModel would call `data()` through Python for every comparison: seconds for 100,000 rows. Here
each row carries its sort keys and a folded search text, so a sort is one `list.sort` and a filter one pass
(`bench/bench_calls.py` measures both). The view keeps an ascending list of row positions; descending order reads
it backwards, so a page of older calls arriving at the bottom is an append, not a re-sort.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from ccs_desktop.core.calls.paging import Paging
from ccs_desktop.core.calls.rows import CallRow, Note, clock, direction_text, result_text
from ccs_desktop.core.calls.table import (
    AGENT,
    COLUMNS,
    CONTACT,
    DIR,
    NOTE,
    NUMBER,
    QUEUE,
    RECORDING,
    RESULT,
    TALK,
    TIME,
    WAIT,
    CallFilter,
    CallTable,
    Match,
)
from ccs_desktop.core.calls.worklist import Missed, missed_not_returned, open_callids, scope_start

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the CallRow
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_PAINTED_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole}
)
_ANSWERED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        ROW_ROLE,
    }
)
__all__ = ["COLUMNS", "CONTACT", "NOTE", "RECORDING", "ROW_ROLE", "CallFilter", "CallRecordsModel"]


class CallRecordsModel(QAbstractTableModel):
    """Rows keyed by callid; `fetch_wanted` when the view scrolls to the end and more pages exist.

    Whether more exist is `paging`, which the call history owns and updates; the model only reads it."""

    fetch_wanted = Signal()
    worklist_changed = Signal()  # the done ticks changed (rows arriving say so with Qt's own signals)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._table = CallTable()
        self._view: list[int] = []  # positions in the table, ascending by the sort column
        self._column = TIME
        self._descending = True
        self._match: Match | None = None
        self.paging = Paging()  # replaced by the call history's own, which it keeps up to date
        self.region = "TR"
        self._titles: list[str] | None = None
        self._italic = QFont()
        self._italic.setItalic(True)
        self._shown_numbers: dict[str, str] = {}  # as CCS wrote it -> as the agent reads it
        # the "Missed, not returned" worklist (core.calls.worklist): the agent's done ticks, and while the view
        # shows the worklist, its scope and the tenant's day
        self._done: set[str] = set()
        self._worklist: tuple[str, date] | None = None

    # --- Qt model interface ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if self._titles is None:
                self._titles = self._column_titles()
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks seven roles per cell on every paint; the ones we never answer return at once.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        return self._value(self.row_at(index.row()), index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:
        """What a view's delegate asks for each cell it paints, in one call instead of seven to `data()`:
        painting a page of calls costs a third less, which is what keeps the loop responsive while pages load."""
        if not index.isValid():
            return
        row = self.row_at(index.row())
        column = index.column()
        # The delegate hands the same span to every cell it paints: a role left unset keeps the previous cell's
        # value (the Talk column's right alignment moved the next row's Time to the right, all but the first row).
        for role_data in roleDataSpan:
            role = role_data.role()
            value = self._value(row, column, role) if role in _PAINTED_ROLES else None
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _value(self, row: CallRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == RECORDING and row.recording:
                return self.tr("Double-click to open the recording in the browser")
            note = self._table.notes.get(row.callid)
            if column == NOTE and note is not None:
                return note.note
            return self.tr("Double-click to call back") if row.number else None
        if role == Qt.ItemDataRole.FontRole and row.status:
            return self._italic  # provisional: CCS has no record of this call yet
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TALK, WAIT):
            return _RIGHT
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.paging.can_fetch_more()

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid() and self.paging.wants_page():
            self.fetch_wanted.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        self._rebuild()

    def _column_titles(self) -> list[str]:
        titles = [
            self.tr("Time"),
            self.tr("Dir"),
            self.tr("Number"),
            self.tr("Contact"),
            self.tr("Result"),
            self.tr("Talk"),
            self.tr("Wait"),
            self.tr("Queue"),
            self.tr("Agent"),
            self.tr("Recording"),
            self.tr("Note"),
        ]
        assert len(titles) == len(COLUMNS)
        return titles

    # --- reading ----------------------------------------------------------------------------------------

    def row_at(self, visible: int) -> CallRow:
        position = self._view[-1 - visible] if self._descending else self._view[visible]
        return self._table.rows[position]

    def visible_rows(self) -> list[CallRow]:
        rows = self._table.rows
        ordered = reversed(self._view) if self._descending else self._view
        return [rows[p] for p in ordered]

    def visible_row_of(self, callid: str) -> int | None:
        position = self._table.where.get(callid)
        if position is None:
            return None
        try:
            at = self._view.index(position)
        except ValueError:
            return None
        return len(self._view) - 1 - at if self._descending else at

    def find(self, callid: str) -> CallRow | None:
        position = self._table.where.get(callid)
        return self._table.rows[position] if position is not None else None

    def total(self) -> int:
        return len(self._table)

    def name_of(self, party: str) -> str:
        return self._table.names.get(party, "")

    def note_of(self, callid: str) -> Note | None:
        return self._table.notes.get(callid)

    @property
    def names(self) -> dict[str, str]:
        return self._table.names

    @property
    def notes(self) -> dict[str, Note]:
        return self._table.notes

    # --- changing -------------------------------------------------------------------------------------

    def reset_rows(self, rows: Iterable[CallRow], names: dict[str, str], notes: dict[str, Note]) -> None:
        """A new period: replace everything. (Large sets are better built with `CallTable` in a worker.)"""
        self.reset_table(CallTable(rows, names), notes)

    def reset_table(self, table: CallTable, notes: dict[str, Note]) -> None:
        self.beginResetModel()
        self._table = table
        table.notes = dict(notes)
        self._view = self._view_of(table)
        self.endResetModel()

    def merge(
        self,
        rows: Iterable[CallRow],
        names: dict[str, str] | None = None,
        shown: tuple[str, dict[str, str]] | None = None,
    ) -> int:
        """Add fetched rows (a call seen again is updated in place); returns how many were new. `shown`:
        (region, {number: as shown}) formatted in a worker, kept unless the region changed meanwhile.

        New rows that all land in one place of the view (a page of older calls at the bottom, Refresh's
        newer calls at the top) go in as one block, so the view keeps its scroll position and selection.
        """
        table = self._table
        if names:
            table.names.update(names)
        if shown is not None and shown[0] == self.region:
            self._shown_numbers.update(shown[1])
        fresh: list[int] = []
        replaced = False
        for row in rows:
            position = table.where.get(row.callid)
            if position is not None:
                if table.rows[position] != row:  # a call seen again (Refresh re-reads the unsettled hour)
                    table.replace(position, row)
                    replaced = True
            else:
                fresh.append(table.add(row))
        if replaced or (fresh and self._worklist is not None):  # a call back clears a worklist row
            self._rebuild()
            return len(fresh)
        shown = [p for p in fresh if self._match is None or self._match(table.rows[p], table.haystacks[p])]
        if not shown:
            return len(fresh)
        column = self._column
        points = {table.insertion_point(self._view, column, p) for p in shown}
        if len(points) > 1:
            self._rebuild()
            return len(fresh)
        at = points.pop()
        shown.sort(key=lambda p: table.composite(column, p))
        count = len(shown)
        first = len(self._view) - at if self._descending else at
        self.beginInsertRows(QModelIndex(), first, first + count - 1)
        self._view[at:at] = shown
        self.endInsertRows()
        return len(fresh)

    def remove(self, callid: str) -> None:
        """Drop a provisional row whose record arrived under another key (one row out, nothing re-sorted)."""
        table = self._table
        position = table.where.get(callid)
        if position is None:
            return
        visible = self.visible_row_of(callid)
        if visible is not None:
            self.beginRemoveRows(QModelIndex(), visible, visible)
        table.remove(callid)
        self._view = [p - (p > position) for p in self._view if p != position]
        if visible is not None:
            self.endRemoveRows()

    def worklist(self, scope: str, today: date) -> list[Missed]:
        """The numbers to call back among the rows held (see core.calls.worklist); only the scope's rows are
        read (the table's time order), so 100,000 older calls cost nothing."""
        return missed_not_returned(self._scope_rows(self._table, scope, today), self._done, scope, today)

    @staticmethod
    def _scope_rows(table: CallTable, scope: str, today: date) -> list[CallRow]:
        rows, order = table.rows, table.by_time
        first = bisect.bisect_left(order, scope_start(scope, today), key=lambda p: rows[p].calldate)
        return [rows[p] for p in order[first:]]

    def showing_worklist(self) -> bool:
        return self._worklist is not None

    def show_worklist(self, scope: str | None, today: date | None = None) -> None:
        """Show only the worklist's rows (one per number, the other filters still apply), or everything again."""
        self._worklist = None if scope is None or today is None else (scope, today)
        self._rebuild()

    def set_done(self, callids: set[str]) -> None:
        """The agent's done ticks (all of the account's, from the cache)."""
        self._done = set(callids)
        if self._worklist is not None:
            self._rebuild()
        self.worklist_changed.emit()

    def is_done(self, callid: str) -> bool:
        return callid in self._done

    def set_filter(self, wanted: CallFilter) -> None:
        self._match = wanted.matcher()
        self._rebuild()

    def set_names(self, names: dict[str, str]) -> None:
        """Contacts changed: new names for the numbers shown (and search texts that include them)."""
        self._table.set_names(names)
        self._rebuild()

    def set_region(self, region: str) -> None:
        """Numbers are shown for `region` from now on (the setting changed)."""
        self.region = region
        self._shown_numbers.clear()
        self._rebuild()

    def set_note(self, callid: str, note: Note | None) -> None:
        self._table.set_note(callid, note)
        visible = self.visible_row_of(callid)
        if visible is not None:
            self.dataChanged.emit(self.index(visible, NOTE), self.index(visible, NOTE))

    # --- internals --------------------------------------------------------------------------------------

    def _text(self, row: CallRow, column: int) -> str:
        if column == TIME:
            return row.calldate
        if column == DIR:
            return direction_text(row.inbound)
        if column == NUMBER:
            return self.display_number(row.number)
        if column == CONTACT:
            return self._table.names.get(row.party, "")
        if column == RESULT:
            return result_text(row)
        if column == TALK:
            return clock(row.duration)
        if column == WAIT:
            return clock(row.wait)
        if column == QUEUE:
            return row.queue
        if column == AGENT:
            return row.agent
        if column == RECORDING:
            return self.tr("▶ Play") if row.recording else ""
        if column == NOTE:
            note = self._table.notes.get(row.callid)
            if note is None:
                return ""
            first = note.note.splitlines()[0] if note.note else ""
            return " · ".join(part for part in (note.outcome, first) if part)
        return ""

    def display_number(self, number: str) -> str:
        """CCS writes one number many ways (05.., 905.., +905..); show one national format. Fetched pages come
        with theirs (formatted in the worker, `merge(shown=...)`); any other is formatted here once."""
        shown = self._shown_numbers.get(number)
        if shown is None:
            from ccs_desktop.core.phone import shown as shown_number  # noqa: PLC0415

            shown = self._shown_numbers[number] = shown_number(number, self.region)
        return shown

    def numbers_shown(self) -> tuple[str, frozenset[str]]:
        """(region, the numbers formatted for it so far): what a worker need not format again."""
        return self.region, frozenset(self._shown_numbers)

    def _view_of(self, table: CallTable) -> list[int]:
        if self._worklist is None:
            return table.view(self._column, self._match)
        scope, today = self._worklist
        wanted = open_callids(
            missed_not_returned(self._scope_rows(table, scope, today), self._done, scope, today)
        )
        match = self._match

        def worklisted(row: CallRow, haystack: str) -> bool:
            return row.callid in wanted and (match is None or match(row, haystack))

        return table.view(self._column, worklisted)

    def _rebuild(self) -> None:
        """New order or filter: the view is rebuilt and selections follow their calls."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        remembered = [
            (index, self.row_at(index.row()).callid) for index in old if index.row() < len(self._view)
        ]
        self._view = self._view_of(self._table)
        if remembered:
            rows = self._table.rows
            ordered = reversed(self._view) if self._descending else self._view
            visible = {rows[p].callid: i for i, p in enumerate(ordered)}
            for index, callid in remembered:
                at = visible.get(callid)
                self.changePersistentIndex(
                    index, QModelIndex() if at is None else self.index(at, index.column())
                )
        self.layoutChanged.emit()
