"""The call-records cache: what reportsCDRLogs returned, kept in the app's SQLite file so the calls panel opens at
once, works offline, and asks CCS only for what it has not seen.

Alongside the records it keeps which time spans are complete (`call_coverage`, see `core.calls.sync`), the
agent's notes and outcome tags per call, and the timelines of calls the app followed. Everything is scoped by an
account key (tenant host and agent e-mail), so a shared workstation never shows one agent another's calls.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from ccs_desktop.core.api.records import CCS_DATETIME, CallRecord
from ccs_desktop.core.calls.rows import CallRow, Note
from ccs_desktop.core.calls.timeline import Timeline
from ccs_desktop.core.database import open_database, write_transaction

_CHUNK = 500  # parameters per IN (...) query, well under SQLite's limit
_ROW_COLUMNS = (
    "callid, calldate, inbound, number, party, answered, duration, wait, queue, agent, recording, uniqueid"
)


def account_key(tenant_host: str, email: str) -> str:
    return f"{tenant_host.strip().lower()}|{email.strip().lower()}"


class CallCache:
    """Records, coverage, notes and timelines; one connection, safe from one thread at a time (any thread)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._db = open_database(self.path)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> CallCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        with self._lock, write_transaction(self._db):
            yield

    # -- records ---------------------------------------------------------------------------------------------

    def store(
        self, account: str, records: Iterable[CallRecord], cover: tuple[str, str] | None = None
    ) -> list[CallRow]:
        """Save a page of records (a record seen again replaces the old copy) and, in the same transaction, the
        span the page proves complete; returns the rows as the panel shows them."""
        rows: list[CallRow] = []
        params = []
        for record in records:
            if not record.call_id:
                continue  # nothing to key it on; CCS always sends callid
            row = CallRow.from_record(record)
            rows.append(row)
            params.append(
                (
                    account,
                    row.callid,
                    row.calldate,
                    None if row.inbound is None else int(row.inbound),
                    row.number,
                    row.party,
                    int(row.answered),
                    row.duration,
                    row.wait,
                    row.queue,
                    row.agent,
                    row.recording,
                    row.uniqueid,
                    json.dumps(dict(record.raw), ensure_ascii=False, default=str),
                )
            )
        with self._write():
            self._db.executemany(
                "INSERT OR REPLACE INTO call_records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                params,
            )
            if cover is not None:
                self._cover(account, *cover)
        return rows

    def rows(self, account: str, start: str, finish: str) -> list[CallRow]:
        """Cached rows with calldate in [start, finish], newest first."""
        with self._lock:
            cursor = self._db.execute(
                f"SELECT {_ROW_COLUMNS} FROM call_records WHERE account = ? AND calldate BETWEEN ? AND ? "
                "ORDER BY calldate DESC, callid DESC",
                (account, start, finish),
            )
            return [_row(values) for values in cursor]

    def count(self, account: str) -> int:
        with self._lock:
            return int(
                self._db.execute(
                    "SELECT count(*) FROM call_records WHERE account = ?", (account,)
                ).fetchone()[0]
            )

    def record(self, account: str, callid: str) -> CallRecord | None:
        with self._lock:
            found = self._db.execute(
                "SELECT raw FROM call_records WHERE account = ? AND callid = ?", (account, callid)
            ).fetchone()
        return CallRecord.from_api(json.loads(found[0])) if found else None

    def records(self, account: str, callids: list[str]) -> dict[str, CallRecord]:
        """The full records of these calls (for an export or the details pane), by callid."""
        found: dict[str, CallRecord] = {}
        with self._lock:
            for i in range(0, len(callids), _CHUNK):
                chunk = callids[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for callid, raw in self._db.execute(
                    f"SELECT callid, raw FROM call_records WHERE account = ? AND callid IN ({marks})",
                    (account, *chunk),
                ):
                    found[callid] = CallRecord.from_api(json.loads(raw))
        return found

    def history(self, account: str, parties: Iterable[str], limit: int = 200) -> list[CallRow]:
        """Calls with any of these numbers (keys from `digits_suffix`), newest first: a contact's full history."""
        keys = sorted({p for p in parties if p})
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        with self._lock:
            cursor = self._db.execute(
                f"SELECT {_ROW_COLUMNS} FROM call_records WHERE account = ? AND party IN ({marks}) "
                "ORDER BY calldate DESC LIMIT ?",
                (account, *keys, limit),
            )
            return [_row(values) for values in cursor]

    # -- coverage --------------------------------------------------------------------------------------------

    def coverage(self, account: str) -> list[tuple[str, str]]:
        with self._lock:
            return [
                (start, finish)
                for start, finish in self._db.execute(
                    "SELECT start, finish FROM call_coverage WHERE account = ? ORDER BY start", (account,)
                )
            ]

    def cover(self, account: str, start: str, finish: str) -> None:
        with self._write():
            self._cover(account, start, finish)

    def _cover(self, account: str, start: str, finish: str) -> None:
        """Add a span and merge it with the spans it touches (one second apart counts as touching)."""
        if start > finish:
            return
        spans = [*self.coverage(account), (start, finish)]
        spans.sort()
        merged: list[tuple[str, str]] = []
        for span_start, span_finish in spans:
            if merged and span_start <= _next_second(merged[-1][1]):
                merged[-1] = (merged[-1][0], max(merged[-1][1], span_finish))
            else:
                merged.append((span_start, span_finish))
        self._db.execute("DELETE FROM call_coverage WHERE account = ?", (account,))
        self._db.executemany(
            "INSERT INTO call_coverage VALUES (?, ?, ?)", [(account, s, f) for s, f in merged]
        )

    # -- notes -----------------------------------------------------------------------------------------------

    def save_note(
        self, account: str, callid: str, party: str, note: str, outcome: str, updated: str
    ) -> Note | None:
        """Keep the agent's note and outcome tag for a call; both empty removes it. Returns what is stored.
        `updated`: when, on the tenant's clock (the caller's, so tests choose the instant)."""
        note, outcome = note.strip(), outcome.strip()
        with self._write():
            if not note and not outcome:
                self._db.execute("DELETE FROM call_notes WHERE account = ? AND callid = ?", (account, callid))
                return None
            saved = Note(callid, party, note, outcome, updated)
            self._db.execute(
                "INSERT OR REPLACE INTO call_notes VALUES (?, ?, ?, ?, ?, ?)",
                (account, callid, party, note, outcome, saved.updated),
            )
        return saved

    def notes(self, account: str) -> dict[str, Note]:
        """Every note of the account by callid: agents write a few a day, so all of them fit in memory."""
        with self._lock:
            return {
                row[0]: Note(*row)
                for row in self._db.execute(
                    "SELECT callid, party, note, outcome, updated FROM call_notes WHERE account = ?",
                    (account,),
                )
            }

    # -- worklist ticks --------------------------------------------------------------------------------------

    def tick_done(self, account: str, callid: str, party: str, ticked: str, done: bool = True) -> None:
        """The agent marked a missed call handled (`done` False takes the tick back); see core.calls.worklist."""
        with self._write():
            if done:
                self._db.execute(
                    "INSERT OR REPLACE INTO call_worklist_done VALUES (?, ?, ?, ?)",
                    (account, callid, party, ticked),
                )
            else:
                self._db.execute(
                    "DELETE FROM call_worklist_done WHERE account = ? AND callid = ?", (account, callid)
                )

    def done_ticks(self, account: str) -> set[str]:
        """The callids the agent ticked done (a few a day: all of them fit in memory)."""
        with self._lock:
            return {
                callid
                for (callid,) in self._db.execute(
                    "SELECT callid FROM call_worklist_done WHERE account = ?", (account,)
                )
            }

    def tick_times(self, account: str, since: str = "") -> dict[str, str]:
        """The callids ticked done at or after `since`, with when (the day-at-a-glance's call-backs done)."""
        with self._lock:
            return dict(
                self._db.execute(
                    "SELECT callid, ticked FROM call_worklist_done WHERE account = ? AND ticked >= ?",
                    (account, since),
                )
            )

    # -- timelines -------------------------------------------------------------------------------------------

    def save_timeline(self, account: str, timeline: Timeline) -> None:
        with self._write():
            self._db.execute(
                "INSERT OR REPLACE INTO call_timelines VALUES (?, ?, ?, ?, ?)",
                (account, timeline.key, timeline.callid, timeline.started, json.dumps(timeline.to_json())),
            )

    def timelines(self, account: str, since: str = "") -> list[Timeline]:
        """Followed calls started at or after `since`, oldest first."""
        with self._lock:
            return [
                Timeline.from_json(json.loads(data))
                for (data,) in self._db.execute(
                    "SELECT data FROM call_timelines WHERE account = ? AND started >= ? ORDER BY started",
                    (account, since),
                )
            ]

    def timeline_for(self, account: str, callid: str, uniqueid: str = "") -> Timeline | None:
        keys = [k for k in (callid, uniqueid) if k]
        if not keys:
            return None
        with self._lock:
            found = self._db.execute(
                "SELECT data FROM call_timelines WHERE account = ? AND (callid IN (?, ?) OR key IN (?, ?))",
                (account, keys[0], keys[-1], keys[0], keys[-1]),
            ).fetchone()
        return Timeline.from_json(json.loads(found[0])) if found else None


def _row(values: tuple[object, ...]) -> CallRow:
    callid, calldate, inbound, number, party, answered, duration, wait, queue, agent, recording, uniqueid = (
        values
    )
    return CallRow(
        str(callid),
        str(calldate),
        None if inbound is None else bool(inbound),
        str(number),
        str(party),
        bool(answered),
        duration,  # type: ignore[arg-type]
        wait,  # type: ignore[arg-type]
        str(queue),
        str(agent),
        str(recording),
        str(uniqueid),
    )


def _next_second(text: str) -> str:
    try:
        return (datetime.strptime(text, CCS_DATETIME) + timedelta(seconds=1)).strftime(CCS_DATETIME)
    except ValueError:
        return text
