"""The rows behind the calls table, sorted and filtered in plain Python fast enough for 100,000 calls.

Sorting goes through `list.sort` with a C-level key (`list.__getitem__` over one precomputed key per row), and
stability does the tie-breaking: rows are kept in time order, so a sort by queue shows each queue's calls in
time order without a composite key. Filtering is one pass over precomputed search texts. `bench/bench_calls.py`
measures both; the Qt model (`ui.calls_model`) only maps view rows to these positions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ccs_desktop.core.calls.rows import CallRow, Note, result_text
from ccs_desktop.core.contacts.fold import fold

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
_NON_DIGITS = re.compile(r"\D")

Match = Callable[[CallRow, str], bool]


@dataclass(frozen=True)
class CallFilter:
    text: str = ""
    result: str = ""  # "" | "answered" | "missed"
    direction: str = ""  # "" | "in" | "out"

    def matcher(self) -> Match | None:
        needle = fold(self.text.strip())
        digits = _NON_DIGITS.sub("", needle)
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


def _time_key(row: CallRow) -> tuple[str, str]:
    return row.calldate, row.callid


class CallTable:
    """Rows (keyed by callid) with their search texts, the time order, and per-column sort keys on demand."""

    def __init__(self, rows: Iterable[CallRow] = (), names: dict[str, str] | None = None) -> None:
        self.rows: list[CallRow] = []
        self.names: dict[str, str] = dict(names or {})
        self.notes: dict[str, Note] = {}
        self.where: dict[str, int] = {}
        self.haystacks: list[str] = []
        self.by_time: list[int] = []  # positions ascending by (calldate, callid)
        self._keys: dict[int, list[Any]] = {}  # column -> one primary key per row
        for row in rows:
            if row.callid not in self.where:
                self.where[row.callid] = len(self.rows)
                self.rows.append(row)
                self.haystacks.append(self.haystack(row))
        rows_ = self.rows
        self.by_time = sorted(range(len(rows_)), key=lambda p: (rows_[p].calldate, rows_[p].callid))

    def __len__(self) -> int:
        return len(self.rows)

    def haystack(self, row: CallRow) -> str:
        return f"{_NON_DIGITS.sub('', row.number)} {fold(self.names.get(row.party, ''))} {fold(row.queue)}"

    # --- sort keys ---------------------------------------------------------------------------------------

    def primary(self, column: int, row: CallRow) -> Any:
        if column == TIME:
            return row.calldate
        if column == DIR:
            return -1 if row.inbound is None else int(row.inbound)
        if column == NUMBER:
            return row.party
        if column == CONTACT:
            return fold(self.names.get(row.party, ""))
        if column == RESULT:
            return result_text(row)
        if column == TALK:
            return -1 if row.duration is None else row.duration
        if column == WAIT:
            return -1 if row.wait is None else row.wait
        if column == QUEUE:
            return fold(row.queue)
        if column == AGENT:
            return fold(row.agent)
        if column == RECORDING:
            return bool(row.recording)
        note = self.notes.get(row.callid)
        return (note.outcome, note.note) if note else ("", "")

    def keys(self, column: int) -> list[Any]:
        found = self._keys.get(column)
        if found is None:
            found = self._keys[column] = [self.primary(column, row) for row in self.rows]
        return found

    def composite(self, column: int, position: int) -> tuple[Any, str, str]:
        row = self.rows[position]
        return (self.keys(column)[position], row.calldate, row.callid)

    # --- views ---------------------------------------------------------------------------------------------

    def view(self, column: int, match: Match | None) -> list[int]:
        """Positions passing the filter, ascending by the column (ties in time order)."""
        rows, hay = self.rows, self.haystacks
        base = self.by_time if match is None else [p for p in self.by_time if match(rows[p], hay[p])]
        base = list(base)
        if column != TIME:
            base.sort(key=self.keys(column).__getitem__)
        return base

    def insertion_point(self, view: list[int], column: int, position: int) -> int:
        return bisect.bisect_left(
            view, self.composite(column, position), key=lambda p: self.composite(column, p)
        )

    # --- changes -------------------------------------------------------------------------------------------

    def add(self, row: CallRow) -> int:
        """Append a new row (its callid unseen); returns its position."""
        position = len(self.rows)
        self.where[row.callid] = position
        self.rows.append(row)
        self.haystacks.append(self.haystack(row))
        for column, keys in self._keys.items():
            keys.append(self.primary(column, row))
        rows = self.rows
        bisect.insort(self.by_time, position, key=lambda p: (rows[p].calldate, rows[p].callid))
        return position

    def replace(self, position: int, row: CallRow) -> None:
        old = self.rows[position]
        self.rows[position] = row
        self.haystacks[position] = self.haystack(row)
        for column, keys in self._keys.items():
            keys[position] = self.primary(column, row)
        if _time_key(old) != _time_key(row):
            rows = self.rows
            self.by_time.sort(key=lambda p: (rows[p].calldate, rows[p].callid))

    def remove(self, callid: str) -> None:
        """Take a row out; positions after it move down by one, orders are kept as they were."""
        position = self.where.pop(callid)
        del self.rows[position], self.haystacks[position]
        for keys in self._keys.values():
            del keys[position]
        self.where = {row.callid: i for i, row in enumerate(self.rows)}
        self.by_time = [p - (p > position) for p in self.by_time if p != position]

    def set_names(self, names: dict[str, str]) -> None:
        self.names = dict(names)
        self.haystacks = [self.haystack(row) for row in self.rows]
        self._keys.pop(CONTACT, None)

    def set_note(self, callid: str, note: Note | None) -> None:
        if note is None:
            self.notes.pop(callid, None)
        else:
            self.notes[callid] = note
        self._keys.pop(NOTE, None)
