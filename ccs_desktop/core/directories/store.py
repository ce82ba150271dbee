"""The synced copy of every directory source: read-only rows tagged with their source, in their own SQLite file.

Why a file of its own (`directories.sqlite3` beside the contacts' file) rather than tables in it: a full sync of a
50,000-entry directory is one transaction that writes for a second or more, and SQLite locks a whole file, so in
the contacts' file it would make a contact save or the call cache wait; here it never does. The copy can also be
thrown away and fetched again, while the contacts file holds the agent's own work: backups of that stay small, and
the two schemas move forward apart. It is opened through `core.database.open_database` like the other (WAL,
owner-only, migrations under `user_version`, the per-file write queue).

Numbers are kept as the contacts keep theirs (E.164 in the store's region, plus the national number and the
reversed digits, each indexed), so "who is this number" is one or two index look-ups whichever way it was typed.
A fetch is applied in one transaction, whole or not at all; a failed fetch only records the try and its error in
words, never touching the rows (the last good copy stays, gonnect#596). Each source's status (last success, last
try, count, error) and the state its next incremental fetch needs live in `sources`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccs_desktop.core.bulk import free_in_chunks
from ccs_desktop.core.contacts.fold import fold
from ccs_desktop.core.contacts.schema import run_script
from ccs_desktop.core.contacts.store import NUMBER_MATCH, number_match_params, search_keys
from ccs_desktop.core.database import open_database, row_ids, write_transaction
from ccs_desktop.core.directories import DEFAULT_PRIORITY
from ccs_desktop.core.directories.source import DirectoryEntry, FetchResult
from ccs_desktop.core.phone import check_region, lookup_number

_HIGH = "\U0010ffff"  # sorts after every character: `x <= key < x + _HIGH` is "key starts with x"
_DIGITS_ONLY = str.maketrans("", "", " -./()\t")
MAX_TERMS = 16  # as ContactStore.search: words past this are ignored
_FIND_BY_NUMBER = (
    "SELECT h.level, h.nid, e.id, e.source, e.uid, e.name, e.company, e.email, e.url, s.priority, s.blocklist,"
    f" m.e164, m.label FROM ({NUMBER_MATCH.format(owner='entry_id')}) h CROSS JOIN entries e ON e.id = h.owner"
    " JOIN sources s ON s.name = e.source JOIN numbers m ON m.entry_id = e.id"
    " ORDER BY h.level, s.priority, e.sort_name, e.id, h.nid, m.position"
)


def directories_v1(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TABLE sources (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL DEFAULT '',
            priority INTEGER NOT NULL DEFAULT 10,  -- lower first, the local contacts are 0
            blocklist INTEGER NOT NULL DEFAULT 0,  -- its numbers are "blocked / spam"
            last_success REAL,                     -- clock seconds of the last good sync, NULL: never
            last_try REAL,
            count INTEGER NOT NULL DEFAULT 0,      -- entries in the copy
            skipped INTEGER NOT NULL DEFAULT 0,    -- items the last good sync could not read
            error TEXT NOT NULL DEFAULT '',        -- the last try's failure in words, empty after a success
            state TEXT NOT NULL DEFAULT '{}'       -- FetchResult.state of the last good sync (JSON)
        );
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
            uid TEXT NOT NULL,
            name TEXT NOT NULL,
            company TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            digest TEXT NOT NULL,                  -- of the entry as fetched: an unchanged one is not rewritten
            sort_name TEXT NOT NULL,
            UNIQUE (source, uid)
        );
        CREATE TABLE numbers (
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            e164 TEXT NOT NULL,                    -- or the bare digits of an extension ("2145")
            label TEXT NOT NULL DEFAULT '',
            nsn TEXT NOT NULL,
            rdigits TEXT NOT NULL
        );
        CREATE INDEX numbers_e164 ON numbers(e164);
        CREATE INDEX numbers_nsn ON numbers(nsn);
        CREATE INDEX numbers_rdigits ON numbers(rdigits);
        CREATE INDEX numbers_entry ON numbers(entry_id);
        CREATE TABLE tokens (
            token TEXT NOT NULL,                   -- search_keys() of name and company, as the contacts'
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            PRIMARY KEY (token, entry_id)
        ) WITHOUT ROWID;
        CREATE INDEX tokens_entry ON tokens(entry_id)
        """,
    )


MIGRATIONS = [directories_v1]


def directory_file(database: Path) -> Path:
    """The directories' file beside the contacts' one (`demo.sqlite3` gets `demo-directories.sqlite3`)."""
    stem = "directories" if database.stem == "ccs-desktop" else f"{database.stem}-directories"
    return database.with_name(stem + ".sqlite3")


@dataclass(frozen=True)
class Hit:
    """One directory entry that has a number (or matched a search), with its source's priority and kind."""

    source: str
    uid: str
    name: str
    company: str
    email: str
    url: str
    numbers: tuple[tuple[str, str], ...]  # (e164, label)
    priority: int
    blocklist: bool

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.company})" if self.company else self.name


@dataclass(frozen=True)
class _Prepared:
    """An entry read for the store before the write transaction: its digest, number keys and search keys."""

    digest: str
    numbers: list[tuple[str, str, str, str]]  # (e164, label, nsn, rdigits), each number once
    tokens: set[str]


@dataclass(frozen=True)
class SourceStatus:
    """What the settings page and `directory list` say about a source's copy."""

    name: str
    kind: str
    priority: int
    blocklist: bool
    last_success: float | None
    last_try: float | None
    count: int
    skipped: int
    error: str


class DirectoryStore:
    """The directories' file; safe to call from one thread at a time, whichever thread that is."""

    def __init__(self, path: Path, region: str = "TR") -> None:
        self.path = Path(path)
        self.region = check_region(region)
        self._lock = threading.RLock()
        self._db = open_database(self.path, MIGRATIONS)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> DirectoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sources ---------------------------------------------------------------------------------------------

    def register(
        self, name: str, kind: str, priority: int = DEFAULT_PRIORITY, blocklist: bool = False
    ) -> None:
        """Make (or update) a source's row: its priority and blocklist flag take effect for look-ups at once."""
        with self._lock, write_transaction(self._db):
            self._db.execute(
                "INSERT INTO sources (name, kind, priority, blocklist) VALUES (?, ?, ?, ?) ON CONFLICT(name)"
                " DO UPDATE SET kind = excluded.kind, priority = excluded.priority, blocklist = excluded.blocklist",
                (name, kind, priority, int(blocklist)),
            )

    def remove(self, name: str) -> bool:
        """Forget a source and every row of it; False if there was none."""
        with self._lock, write_transaction(self._db):
            return self._db.execute("DELETE FROM sources WHERE name = ?", (name,)).rowcount > 0

    def statuses(self) -> list[SourceStatus]:
        with self._lock:
            rows = self._db.execute(
                "SELECT name, kind, priority, blocklist, last_success, last_try, count, skipped, error"
                " FROM sources ORDER BY priority, name"
            ).fetchall()
        return [SourceStatus(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7], r[8]) for r in rows]

    def status(self, name: str) -> SourceStatus | None:
        return next((s for s in self.statuses() if s.name == name), None)

    def state(self, name: str) -> dict[str, Any]:
        """What the source's next incremental fetch needs ({} before the first good sync)."""
        with self._lock:
            row = self._db.execute("SELECT state FROM sources WHERE name = ?", (name,)).fetchone()
        try:
            state = json.loads(row[0]) if row else {}
        except ValueError:
            state = {}
        return state if isinstance(state, dict) else {}

    def record_failure(self, name: str, error: str, now: float) -> None:
        """A fetch failed: only the try and its words are written; the rows stay as the last good sync left them."""
        with self._lock, write_transaction(self._db):
            self._db.execute(
                "UPDATE sources SET last_try = ?, error = ? WHERE name = ?", (now, error or "?", name)
            )

    # -- applying a fetch ------------------------------------------------------------------------------------

    def apply(self, name: str, result: FetchResult, now: float) -> int:
        """Store a fetch in one transaction (all or nothing) and mark the sync good; returns the entry count.

        Full: the entries are the whole directory, rows not among them go. Incremental: entries are added or
        replaced, `removed` uids go. An entry whose content did not change is not rewritten."""
        state = json.dumps(dict(result.state), ensure_ascii=False, sort_keys=True)
        # The slow part (reading numbers with phonenumbers, ~0.1 ms each) runs before the write lock is taken,
        # for the entries that changed since the file was last read: the transaction only writes.
        with self._lock:
            before = dict(
                self._db.execute("SELECT uid, digest FROM entries WHERE source = ?", (name,)).fetchall()
            )
        prepared: dict[str, _Prepared] = {}
        for entry in result.entries:
            if entry.uid not in prepared:
                digest = _digest(entry)
                if before.get(entry.uid) != digest:
                    prepared[entry.uid] = self._prepare(entry, digest)
        with self._lock, write_transaction(self._db):
            if not self._db.execute("SELECT 1 FROM sources WHERE name = ?", (name,)).fetchone():
                self._db.execute("INSERT INTO sources (name) VALUES (?)", (name,))
            known = {
                uid: (entry_id, digest)
                for entry_id, uid, digest in self._db.execute(
                    "SELECT id, uid, digest FROM entries WHERE source = ?", (name,)
                )
            }
            seen: set[str] = set()
            for entry in result.entries:
                if entry.uid in seen:
                    continue  # a source that lists one uid twice: the first wins
                seen.add(entry.uid)
                self._put(name, entry, known.get(entry.uid), prepared.get(entry.uid))
            gone = (set(known) - seen) if result.full else set(result.removed) - seen
            self._db.executemany(
                "DELETE FROM entries WHERE source = ? AND uid = ?", [(name, uid) for uid in gone]
            )
            count = int(
                self._db.execute("SELECT count(*) FROM entries WHERE source = ?", (name,)).fetchone()[0]
            )
            self._db.execute(
                "UPDATE sources SET last_success = ?, last_try = ?, count = ?, skipped = ?, error = '', state = ?"
                " WHERE name = ?",
                (now, now, count, len(result.skipped), state, name),
            )
        for big in (prepared, known, before, seen):  # 50,000 of each: not all at once when this returns
            free_in_chunks(big)
        return count

    def _prepare(self, entry: DirectoryEntry, digest: str) -> _Prepared:
        numbers: dict[str, tuple[str, str, str, str]] = {}
        for number in entry.numbers:
            keys = self.number_keys(number.number)
            if keys is not None and keys[0] not in numbers:
                numbers[keys[0]] = (keys[0], number.label.strip(), keys[1], keys[2])
        return _Prepared(digest, list(numbers.values()), search_keys(entry.name, entry.company))

    def _put(
        self,
        source: str,
        entry: DirectoryEntry,
        known: tuple[int, str] | None,
        prepared: _Prepared | None = None,
    ) -> None:
        digest = prepared.digest if prepared is not None else _digest(entry)
        if known is not None and known[1] == digest:
            return
        if prepared is None:  # changed since it was prepared (another writer of the file): read it now
            prepared = self._prepare(entry, digest)
        row = (entry.name.strip(), entry.company.strip(), entry.email.strip(), entry.url.strip(), digest)
        if known is None:
            cursor = self._db.execute(
                "INSERT INTO entries (source, uid, name, company, email, url, digest, sort_name)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (source, entry.uid, *row, fold(entry.name.strip())),
            )
            entry_id = int(cursor.lastrowid or 0)
        else:
            entry_id = known[0]
            self._db.execute(
                "UPDATE entries SET name = ?, company = ?, email = ?, url = ?, digest = ?, sort_name = ?"
                " WHERE id = ?",
                (*row, fold(entry.name.strip()), entry_id),
            )
            self._db.execute("DELETE FROM numbers WHERE entry_id = ?", (entry_id,))
            self._db.execute("DELETE FROM tokens WHERE entry_id = ?", (entry_id,))
        self._db.executemany(
            "INSERT INTO numbers (entry_id, position, e164, label, nsn, rdigits) VALUES (?, ?, ?, ?, ?, ?)",
            [(entry_id, position, *keys) for position, keys in enumerate(prepared.numbers)],
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO tokens (token, entry_id) VALUES (?, ?)",
            [(token, entry_id) for token in prepared.tokens],
        )

    def number_keys(self, text: str) -> tuple[str, str, str] | None:
        """(e164, national number, reversed digits) of a directory's number; an extension or service number
        that is no phone number of the region ("2145") is kept as its digits; None for no digits at all."""
        parsed = lookup_number(text, self.region)
        if parsed is not None:
            return parsed.e164, parsed.national_number, parsed.digits[::-1]
        digits = text.translate(_DIGITS_ONLY)
        if not digits.isdigit() or len(digits) > 20:
            return None
        return digits, digits, digits[::-1]

    # -- look-ups --------------------------------------------------------------------------------------------

    def find_by_number(self, text: str) -> list[Hit]:
        """Entries with this number, typed in any format (as ContactStore.find_by_number), best priority first;
        one statement, as there."""
        params = number_match_params(lookup_number(text, self.region), text, digits_as_e164=True)
        with self._lock:
            rows = self._db.execute(_FIND_BY_NUMBER, params).fetchall()
        hits: dict[int, tuple[Any, ...]] = {}
        numbers: dict[int, list[tuple[str, str]]] = {}
        first: dict[int, int] = {}  # entry -> the number that matched first: its rows bring the numbers
        for row in rows:
            level, nid, entry_id = row[0], row[1], row[2]
            if level != rows[0][0]:
                break  # a worse match than the best one found
            if entry_id not in hits:
                first[entry_id], hits[entry_id], numbers[entry_id] = nid, row, []
            if first[entry_id] == nid:
                numbers[entry_id].append((row[11], row[12]))
        return [
            Hit(r[3], r[4], r[5], r[6], r[7], r[8], tuple(numbers[i]), r[9], bool(r[10]))
            for i, r in hits.items()
        ]

    def names_for(self, parties: Iterable[str]) -> dict[str, str]:
        """Names for numbers given as their last ten digits (the call list's key), from the best source that is
        not a blocklist; unknown ones left out."""
        found: dict[str, str] = {}
        with self._lock:
            for party in parties:
                if len(party) < 7 or party in found:
                    continue
                key = party[::-1]
                row = self._db.execute(
                    "SELECT e.name FROM numbers n JOIN entries e ON e.id = n.entry_id"
                    " JOIN sources s ON s.name = e.source"
                    " WHERE n.rdigits >= ? AND n.rdigits < ? AND s.blocklist = 0"
                    " ORDER BY s.priority, e.sort_name LIMIT 1",
                    (key, key + _HIGH),
                ).fetchone()
                if row is not None:
                    found[party] = str(row[0])
        return found

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """Entries whose name or company has words starting as typed (every word), or whose number starts or
        ends with the typed digits; best priority first, then by name."""
        text = query.strip()
        if not text or limit <= 0:
            return []
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits and len(digits) >= 3 and not any(ch.isalpha() for ch in text):
            bare = digits.lstrip("0") or digits
            ids = self._ids(
                "SELECT n.entry_id FROM numbers n WHERE (n.nsn >= ? AND n.nsn < ?) OR (n.e164 >= ? AND n.e164 < ?)"
                " OR (n.rdigits >= ? AND n.rdigits < ?)",
                (bare, bare + _HIGH, "+" + bare, "+" + bare + _HIGH, digits[::-1], digits[::-1] + _HIGH),
            )
            return self._load(ids)[:limit]
        words = [fold(w) for w in text.split()][:MAX_TERMS]
        words = [w for w in words if w]
        if not words:
            return []
        where = " AND ".join(
            "EXISTS (SELECT 1 FROM tokens t WHERE t.entry_id = e.id AND t.token >= ? AND t.token < ?)"
            for _ in words
        )
        params: list[object] = [p for w in words for p in (w, w + _HIGH)]
        ids = self._ids(
            f"SELECT e.id FROM entries e JOIN sources s ON s.name = e.source WHERE {where}"
            " ORDER BY s.priority, e.sort_name, e.id LIMIT ?",
            (*params, limit),
        )
        return self._load(ids)

    def count(self, source: str | None = None) -> int:
        with self._lock:
            if source is None:
                return int(self._db.execute("SELECT count(*) FROM entries").fetchone()[0])
            return int(
                self._db.execute("SELECT count(*) FROM entries WHERE source = ?", (source,)).fetchone()[0]
            )

    def entries(self, source: str) -> list[Hit]:
        """Every entry of a source, by name (tests and the settings page's preview)."""
        return self._load(
            self._ids("SELECT id FROM entries WHERE source = ? ORDER BY sort_name, id", (source,))
        )

    def _ids(self, sql: str, params: Iterable[object]) -> list[int]:
        with self._lock:
            return row_ids(self._db, sql, params)

    def _load(self, ids: list[int]) -> list[Hit]:
        """Hits for these entry ids, best priority first (ties: by name), with their numbers."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self._db.execute(
                "SELECT e.id, e.source, e.uid, e.name, e.company, e.email, e.url, s.priority, s.blocklist"
                f" FROM entries e JOIN sources s ON s.name = e.source WHERE e.id IN ({marks})"
                " ORDER BY s.priority, e.sort_name, e.id",
                ids,
            ).fetchall()
            numbers = self._db.execute(
                f"SELECT entry_id, e164, label FROM numbers WHERE entry_id IN ({marks}) ORDER BY entry_id, position",
                ids,
            ).fetchall()
        by_entry: dict[int, list[tuple[str, str]]] = {}
        for entry_id, e164, label in numbers:
            by_entry.setdefault(entry_id, []).append((e164, label))
        return [
            Hit(r[1], r[2], r[3], r[4], r[5], r[6], tuple(by_entry.get(r[0], ())), r[7], bool(r[8]))
            for r in rows
        ]


def _digest(entry: DirectoryEntry) -> str:
    """A short fingerprint of everything the store keeps of an entry."""
    parts: list[Any] = [entry.name, entry.company, entry.email, entry.url]
    parts += [(n.number, n.label) for n in entry.numbers]
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()


def status_dict(status: SourceStatus) -> Mapping[str, Any]:
    """A status as JSON for `directory list --json`."""
    return {
        "name": status.name,
        "kind": status.kind,
        "priority": status.priority,
        "blocklist": status.blocklist,
        "last_success": status.last_success,
        "last_try": status.last_try,
        "count": status.count,
        "skipped": status.skipped,
        "error": status.error,
    }
