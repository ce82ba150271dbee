"""The contacts tables (schema versions 1 and 3): numbers indexed three ways, folded search keys, mid-word trigrams."""

from __future__ import annotations

import sqlite3


def run_script(db: sqlite3.Connection, script: str) -> None:
    """executescript() would COMMIT the migration's transaction half-way; run the statements one by one."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def contacts_v1(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            company TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            favourite INTEGER NOT NULL DEFAULT 0,
            external_id TEXT NOT NULL DEFAULT '',
            sort_name TEXT NOT NULL,      -- fold(name): display order and duplicate checks
            folded TEXT NOT NULL          -- folded words of name and company: mid-word matches
        );
        CREATE UNIQUE INDEX contacts_external_id ON contacts(external_id) WHERE external_id <> '';
        CREATE INDEX contacts_order ON contacts(favourite DESC, sort_name, id);
        CREATE INDEX contacts_sort_name ON contacts(sort_name);
        CREATE TABLE numbers (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            e164 TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            nsn TEXT NOT NULL,            -- national significant number: 5321234567
            rdigits TEXT NOT NULL,        -- E.164 digits reversed: suffix match as an index range
            favourite INTEGER NOT NULL,   -- copies of the contact's sort keys, so search sorts hits without
            sort_name TEXT NOT NULL       -- visiting the contacts table (kept in step by every write)
        );
        CREATE INDEX numbers_e164 ON numbers(e164);
        CREATE INDEX numbers_nsn ON numbers(nsn);
        CREATE INDEX numbers_rdigits ON numbers(rdigits);
        CREATE INDEX numbers_contact ON numbers(contact_id, nsn, rdigits);
        CREATE TABLE tokens (
            token TEXT NOT NULL,          -- search_keys(): "ahmet yilmaz", "yilmaz", "koc holding", "holding"
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            favourite INTEGER NOT NULL,   -- sort keys, as in numbers
            sort_name TEXT NOT NULL,
            PRIMARY KEY (token, contact_id)
        ) WITHOUT ROWID;
        CREATE INDEX tokens_contact ON tokens(contact_id, token);
        """,
    )
    db.execute("SAVEPOINT trigrams")
    try:
        for statement in _TRIGRAMS:
            db.execute(statement)
    except sqlite3.OperationalError:
        # SQLite without FTS5 or older than 3.34: no trigram index, mid-word search falls back to a scan.
        db.execute("ROLLBACK TO trigrams")
    db.execute("RELEASE trigrams")


# Mid-word search ("lmaz" finds "Yılmaz") through an FTS5 trigram index over `contacts.folded`, kept in step
# by triggers. The name of the table tells search() it exists.
_TRIGRAMS = (
    """CREATE VIRTUAL TABLE contacts_text USING fts5(
        folded, content='contacts', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER contacts_text_insert AFTER INSERT ON contacts BEGIN
        INSERT INTO contacts_text(rowid, folded) VALUES (new.id, new.folded);
    END""",
    """CREATE TRIGGER contacts_text_delete AFTER DELETE ON contacts BEGIN
        INSERT INTO contacts_text(contacts_text, rowid, folded) VALUES ('delete', old.id, old.folded);
    END""",
    """CREATE TRIGGER contacts_text_update AFTER UPDATE OF folded ON contacts BEGIN
        INSERT INTO contacts_text(contacts_text, rowid, folded) VALUES ('delete', old.id, old.folded);
        INSERT INTO contacts_text(rowid, folded) VALUES (new.id, new.folded);
    END""",
)


def contacts_v3(db: sqlite3.Connection) -> None:
    """Numbers libphonenumber does not list as valid are kept, flagged, with the text they were given as."""
    run_script(
        db,
        """
        ALTER TABLE numbers ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE numbers ADD COLUMN typed TEXT NOT NULL DEFAULT ''
        """,
    )
