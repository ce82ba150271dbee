"""The calls table's model: rows in memory, sorted and filtered in Python, more pages fetched as the view scrolls.

QSortFilterProxyModel would call `data()` through Python for every comparison: seconds for 100,000 rows. Here
each row carries its sort keys and a folded search text, so a sort is one `list.sort` and a filter one pass
(`bench/bench_calls.py` measures both). The view keeps an ascending list of row positions; descending order reads
it backwards, so a page of older calls arriving at the bottom is an append, not a re-sort.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from ccs_desktop.core.calls.cache import CallRow, Note
from ccs_desktop.core.calls.export import direction_text, result_text
from ccs_desktop.core.contacts.fold import fold

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "Time",
    "Dir",
    "Number",
    "Contact",
    "Result",
    "Talk",
    "Wait",
    "Queue",
    "Agent",
    "Recording",
    "Note",
)
TIME, DIR, NUMBER, CONTACT, RESULT, TALK, WAIT, QUEUE, AGENT, RECORDING, NOTE = range(len(COLUMNS))
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the CallRow


@dataclass(frozen=True)
class CallFilter:
    text: str = ""
    result: str = ""  # "" | "answered" | "missed"
    direction: str = ""  # "" | "in" | "out"

    def matcher(self) -> Callable[[CallRow, str], bool] | None:
        needle = fold(self.text.strip())
        digits = "".join(ch for ch in needle if ch.isdigit())
        if needle and digits and len(digits) == len(needle.replace(" ", "")):
            needle = digits  # "0532 123" finds 05321234567
        if not needle and not self.result and not self.direction:
            return None
        answered = {"answered": True, "missed": False}.get(self.result)
        inbound = {"in": True, "out": False}.get(self.direction)

        def match(row: CallRow, haystack: str) -> bool:
            if answered is not None and row.answered is not answered:
                return False
            if inbound is not None and row.inbound is not inbound:
                return False
            return needle in haystack

        return match


def clock(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


class CallRecordsModel(QAbstractTableModel):
    """Rows keyed by callid; `fetch_wanted` when the view scrolls to the end and more pages exist."""

    fetch_wanted = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CallRow] = []
        self._haystacks: list[str] = []
        self._where: dict[str, int] = {}  # callid -> position in _rows
        self._names: dict[str, str] = {}  # party -> contact name
        self._notes: dict[str, Note] = {}
        self._view: list[int] = []  # positions in _rows, ascending by key
        self._keys: list[tuple[Any, ...]] = []  # the keys of _view, for bisect
        self._column = TIME
        self._descending = True
        self._filter = CallFilter()
        self._match: Callable[[CallRow, str], bool] | None = None
        self.more_available = False  # set by the loader: CCS has pages we have not fetched
        self.fetching = False
        self.paused = False  # the last fetch failed: wait for Refresh instead of hammering CCS
        self.region = "TR"
        self._shown_numbers: dict[str, str] = {}  # as CCS wrote it -> as the agent reads it

    # --- Qt model interface ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == RECORDING and row.recording:
                return "Double-click to open the recording in the browser"
            if column == NOTE and row.callid in self._notes:
                return self._notes[row.callid].note
            return "Double-click to call back" if row.number else None
        if role == Qt.ItemDataRole.FontRole and row.status:
            font = QFont()
            font.setItalic(True)  # provisional: CCS has no record of this call yet
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TALK, WAIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more_available and not self.paused

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid() and self.more_available and not self.fetching and not self.paused:
            self.fetch_wanted.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        self._rebuild()

    # --- reading ----------------------------------------------------------------------------------------

    def row_at(self, visible: int) -> CallRow:
        position = self._view[-1 - visible] if self._descending else self._view[visible]
        return self._rows[position]

    def visible_rows(self) -> list[CallRow]:
        ordered = reversed(self._view) if self._descending else self._view
        return [self._rows[p] for p in ordered]

    def visible_row_of(self, callid: str) -> int | None:
        position = self._where.get(callid)
        if position is None:
            return None
        for visible in range(len(self._view)):
            if self.row_at(visible).callid == callid:
                return visible
        return None

    def find(self, callid: str) -> CallRow | None:
        position = self._where.get(callid)
        return self._rows[position] if position is not None else None

    def total(self) -> int:
        return len(self._rows)

    def name_of(self, party: str) -> str:
        return self._names.get(party, "")

    def note_of(self, callid: str) -> Note | None:
        return self._notes.get(callid)

    @property
    def names(self) -> dict[str, str]:
        return self._names

    @property
    def notes(self) -> dict[str, Note]:
        return self._notes

    # --- changing -------------------------------------------------------------------------------------

    def reset_rows(self, rows: Iterable[CallRow], names: dict[str, str], notes: dict[str, Note]) -> None:
        """A new period: replace everything (rows come from the cache, newest first)."""
        self.beginResetModel()
        self._rows, self._where, self._haystacks = [], {}, []
        self._names, self._notes = dict(names), dict(notes)
        for row in rows:
            if row.callid not in self._where:
                self._where[row.callid] = len(self._rows)
                self._rows.append(row)
                self._haystacks.append(self._haystack(row))
        self._sort_view()
        self.endResetModel()

    def merge(self, rows: Iterable[CallRow], names: dict[str, str] | None = None) -> int:
        """Add fetched rows (a call seen again is updated in place); returns how many were new."""
        if names:
            self._names.update(names)
        added, replaced = 0, False
        for row in rows:
            position = self._where.get(row.callid)
            if position is not None:
                if self._rows[position] != row:  # a call seen again (Refresh re-reads the unsettled hour)
                    self._rows[position] = row
                    self._haystacks[position] = self._haystack(row)
                    replaced = True
                continue
            position = len(self._rows)
            self._where[row.callid] = position
            self._rows.append(row)
            self._haystacks.append(self._haystack(row))
            added += 1
            if self._match is None or self._match(row, self._haystacks[position]):
                self._insert_visible(position)
        if replaced:
            self._rebuild()
        return added

    def remove(self, callid: str) -> None:
        """Drop a provisional row whose record arrived under another key."""
        position = self._where.get(callid)
        if position is None:
            return
        self.beginResetModel()
        del self._rows[position], self._haystacks[position]
        self._where = {row.callid: i for i, row in enumerate(self._rows)}
        self._sort_view()
        self.endResetModel()

    def set_filter(self, wanted: CallFilter) -> None:
        self._filter, self._match = wanted, wanted.matcher()
        self._rebuild()

    def set_names(self, names: dict[str, str]) -> None:
        """Contacts changed: new names for the numbers shown (and search texts that include them)."""
        self._names = dict(names)
        self._haystacks = [self._haystack(row) for row in self._rows]
        self._rebuild()

    def set_note(self, callid: str, note: Note | None) -> None:
        if note is None:
            self._notes.pop(callid, None)
        else:
            self._notes[callid] = note
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
            return self._display_number(row.number)
        if column == CONTACT:
            return self._names.get(row.party, "")
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
            return "▶ Play" if row.recording else ""
        if column == NOTE:
            note = self._notes.get(row.callid)
            if note is None:
                return ""
            first = note.note.splitlines()[0] if note.note else ""
            return " · ".join(part for part in (note.outcome, first) if part)
        return ""

    def _display_number(self, number: str) -> str:
        """CCS writes one number many ways (05.., 905.., +905..); show one national format. Only visible
        cells are formatted, once each."""
        shown = self._shown_numbers.get(number)
        if shown is None:
            from ccs_desktop.core.phone import try_parse  # noqa: PLC0415

            parsed = try_parse(number, self.region) if number else None
            shown = parsed.display(self.region) if parsed is not None else number
            self._shown_numbers[number] = shown
        return shown

    def _haystack(self, row: CallRow) -> str:
        name = self._names.get(row.party, "")
        digits = "".join(ch for ch in row.number if ch.isdigit())
        return f"{digits} {fold(name)} {fold(row.queue)}"

    def _key(self, position: int) -> tuple[Any, ...]:
        row = self._rows[position]
        column = self._column
        if column == TIME:
            primary: Any = row.calldate
        elif column == DIR:
            primary = -1 if row.inbound is None else int(row.inbound)
        elif column == NUMBER:
            primary = row.party
        elif column == CONTACT:
            primary = fold(self._names.get(row.party, ""))
        elif column == RESULT:
            primary = result_text(row)
        elif column == TALK:
            primary = -1 if row.duration is None else row.duration
        elif column == WAIT:
            primary = -1 if row.wait is None else row.wait
        elif column == QUEUE:
            primary = fold(row.queue)
        elif column == AGENT:
            primary = fold(row.agent)
        elif column == RECORDING:
            primary = bool(row.recording)
        else:
            note = self._notes.get(row.callid)
            primary = (note.outcome, note.note) if note else ("", "")
        return (primary, row.calldate, row.callid)

    def _sort_view(self) -> None:
        match = self._match
        if match is None:
            positions = list(range(len(self._rows)))
        else:
            rows, haystacks = self._rows, self._haystacks
            positions = [i for i in range(len(rows)) if match(rows[i], haystacks[i])]
        keyed = sorted((self._key(p), p) for p in positions)
        self._keys = [k for k, _ in keyed]
        self._view = [p for _, p in keyed]

    def _rebuild(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        remembered = [
            (index, self.row_at(index.row()).callid) for index in old if index.row() < len(self._view)
        ]
        self._sort_view()
        rows = {
            self._rows[p].callid: i
            for i, p in enumerate(reversed(self._view) if self._descending else self._view)
        }
        for index, callid in remembered:
            visible = rows.get(callid)
            if visible is None:
                self.changePersistentIndex(index, QModelIndex())
            else:
                self.changePersistentIndex(index, self.index(visible, index.column()))
        self.layoutChanged.emit()

    def _insert_visible(self, position: int) -> None:
        key = self._key(position)
        at = bisect.bisect_left(self._keys, key)
        visible = len(self._view) - at if self._descending else at
        self.beginInsertRows(QModelIndex(), visible, visible)
        self._keys.insert(at, key)
        self._view.insert(at, position)
        self.endInsertRows()
