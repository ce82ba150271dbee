"""The one SQLite file: contacts, cached call records, call notes and call timelines.

Every part opens the file through `open_database`, which applies the migrations in order under `PRAGMA
user_version`, so the tables of all parts move forward together and one file can be copied or backed up whole.
Every write goes through `write_transaction`, which queues the writers of one file in this process in order.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ccs_desktop.core.calls.schema import calls_v2, calls_v4
from ccs_desktop.core.contacts.schema import contacts_v1, contacts_v3
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core
from ccs_desktop.core.paths import private_file, tighten

log = logging.getLogger(__name__)

#: Schema migrations in order; `user_version` is how many have run. Append, never edit or reorder once released.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [contacts_v1, calls_v2, contacts_v3, calls_v4]
SCHEMA_VERSION = len(MIGRATIONS)


#: Seconds a writer waits for its turn before it gives up as SQLite would ("database is locked"); the same as
#: the connections' busy_timeout, which still applies between processes (the CLI beside the app).
WRITE_WAIT = 5.0


class WriteQueue:
    """The writers of one database file in this process, first come, first served.

    SQLite does not queue writers: one that finds the file locked sleeps and retries (busy_timeout), so a loop that
    commits and begins again at once, an import's batches, wins every race and a call-cache write waits its whole
    timeout. Here a writer takes its place in line before BEGIN IMMEDIATE: one that waits while a batch runs goes
    before the next batch, with no pause anywhere. A thread already writing to the file (on another connection)
    is not queued behind itself: SQLite decides, as before.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._line: deque[object] = deque()
        self._owner: int | None = None
        self._depth = 0

    @property
    def waiting(self) -> int:
        """Writers in line behind the current one."""
        with self._changed:
            return len(self._line)

    @contextmanager
    def turn(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the file's write turn; sqlite3.OperationalError if it does not come within `timeout` seconds."""
        me = threading.get_ident()
        with self._changed:
            if self._owner != me:
                place = object()
                self._line.append(place)
                wait = WRITE_WAIT if timeout is None else timeout
                if not self._changed.wait_for(lambda: self._owner is None and self._line[0] is place, wait):
                    self._line.remove(place)
                    self._changed.notify_all()
                    raise sqlite3.OperationalError("database is locked")
                self._line.popleft()
                self._owner = me
            self._depth += 1
        try:
            yield
        finally:
            with self._changed:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    self._changed.notify_all()


_queues: dict[str, WriteQueue] = {}
_queues_lock = threading.Lock()


def write_queue(path: Path) -> WriteQueue:
    """The one queue of this file in this process, whichever connection writes."""
    key = str(Path(path).resolve())
    with _queues_lock:
        return _queues.setdefault(key, WriteQueue())


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an exception) in the file's write queue."""
    writers = db.writers if isinstance(db, Connection) else WriteQueue()
    with writers.turn():
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


class Connection(sqlite3.Connection):
    """Logs its close: after a quit (or a SIGTERM), the log shows that no file was left open mid-write."""

    name = ""
    closed = False
    writers: WriteQueue  # the file's queue, set by open_database

    def close(self) -> None:
        super().close()
        if not self.closed:
            self.closed = True
            log.info("closed the database %s", self.name)


def row_ids(db: sqlite3.Connection, sql: str, params: Iterable[object]) -> list[int]:
    """The first column of a query's rows, each id once, in the order they came (the stores' look-ups)."""
    return list(dict.fromkeys(row[0] for row in db.execute(sql, tuple(params)).fetchall()))


def open_database(
    path: Path, migrations: list[Callable[[sqlite3.Connection], None]] | None = None
) -> sqlite3.Connection:
    """A connection in WAL mode with foreign keys on and the schema up to date; InvalidInput if unusable.
    `migrations` are the file's own (the directories' copy, core/directories/store.py); by default MIGRATIONS.

    The file holds customer names and numbers: it is made 0600 in a 0700 folder before SQLite opens it, and
    SQLite gives its -wal and -shm files the database's mode (older, wider ones are tightened here)."""
    try:
        private_file(path)
        for suffix in ("-wal", "-shm"):
            tighten(path.with_name(path.name + suffix))
        # isolation_level=None: callers issue BEGIN/COMMIT themselves, so a batch is one transaction.
        db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, factory=Connection)
        db.name = path.name
        db.writers = write_queue(path)
    except (sqlite3.Error, OSError) as exc:
        raise InvalidInput(
            Core.tr("Cannot open the database file {path}: {error}.").format(path=path, error=exc)
        ) from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable across app crashes
        db.execute("PRAGMA busy_timeout = 5000")  # the contacts and the call cache share the file
        # Up to 32 MB of page cache: a 100,000-contact file stays in memory and search never waits on reads.
        db.execute("PRAGMA cache_size = -32768")
        _migrate(db, path, MIGRATIONS if migrations is None else migrations)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise InvalidInput(
            Core.tr("{path} is not a usable ccs-desktop database: {error}.").format(path=path, error=exc)
        ) from None
    except BaseException:
        db.close()
        raise
    return db


def _migrate(
    db: sqlite3.Connection, path: Path, migrations: list[Callable[[sqlite3.Connection], None]]
) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(migrations):
        raise InvalidInput(
            Core.tr(
                "{path} was written by a newer ccs-desktop (schema {version}, this one knows {known})."
            ).format(path=path, version=version, known=len(migrations))
        )
    for number, migration in enumerate(migrations[version:], start=version + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process (a second instance's CLI) may have migrated while we waited for the lock.
            if db.execute("PRAGMA user_version").fetchone()[0] >= number:
                db.execute("ROLLBACK")
                continue
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
