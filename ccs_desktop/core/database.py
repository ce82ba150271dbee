"""The one SQLite file: contacts, cached call records, call notes and call timelines.

Every part opens the file through `open_database`, which applies the migrations in order under `PRAGMA
user_version`, so the tables of all parts move forward together and one file can be copied or backed up whole.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ccs_desktop.core.calls.schema import calls_v2
from ccs_desktop.core.contacts.schema import contacts_v1, contacts_v3
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core
from ccs_desktop.core.paths import private_file, tighten

log = logging.getLogger(__name__)

#: Schema migrations in order; `user_version` is how many have run. Append, never edit or reorder once released.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [contacts_v1, calls_v2, contacts_v3]
SCHEMA_VERSION = len(MIGRATIONS)


class Connection(sqlite3.Connection):
    """Logs its close: after a quit (or a SIGTERM), the log shows that no file was left open mid-write."""

    name = ""
    closed = False

    def close(self) -> None:
        super().close()
        if not self.closed:
            self.closed = True
            log.info("closed the database %s", self.name)


def open_database(path: Path) -> sqlite3.Connection:
    """A connection in WAL mode with foreign keys on and the schema up to date; InvalidInput if unusable.

    The file holds customer names and numbers: it is made 0600 in a 0700 folder before SQLite opens it, and
    SQLite gives its -wal and -shm files the database's mode (older, wider ones are tightened here)."""
    try:
        private_file(path)
        for suffix in ("-wal", "-shm"):
            tighten(path.with_name(path.name + suffix))
        # isolation_level=None: callers issue BEGIN/COMMIT themselves, so a batch is one transaction.
        db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, factory=Connection)
        db.name = path.name
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
        _migrate(db, path)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise InvalidInput(
            Core.tr("{path} is not a usable ccs-desktop database: {error}.").format(path=path, error=exc)
        ) from None
    except BaseException:
        db.close()
        raise
    return db


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    migrations = MIGRATIONS  # read once: tests append to it
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
