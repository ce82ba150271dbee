"""The call tables (schema version 2).

A record keeps CCS's JSON whole in `raw` (nothing CCS sends is lost) plus copies of the columns the calls panel
shows, so the panel loads 100,000 cached rows without parsing 100,000 JSON documents. `party` is the last ten
digits of the other party's number: the key that joins records, notes and contacts whatever the number's format.
"""

from __future__ import annotations

import sqlite3

from ccs_desktop.core.contacts.schema import run_script


def calls_v2(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TABLE call_records (
            account TEXT NOT NULL,        -- "tenant host|agent e-mail": records of one agent on one tenant
            callid TEXT NOT NULL,
            calldate TEXT NOT NULL,       -- CCS's tenant-local 'YYYY-MM-DD HH:MM:SS', sorts as text
            inbound INTEGER,              -- NULL when CCS did not say
            number TEXT NOT NULL,         -- the other party as CCS wrote it
            party TEXT NOT NULL,          -- its last ten digits
            answered INTEGER NOT NULL,
            duration INTEGER,
            wait INTEGER,
            queue TEXT NOT NULL,
            agent TEXT NOT NULL,
            recording TEXT NOT NULL,
            uniqueid TEXT NOT NULL,       -- the click2call transactionid, for calls placed through the API
            raw TEXT NOT NULL,            -- the record as CCS sent it, JSON
            PRIMARY KEY (account, callid)
        ) WITHOUT ROWID;
        CREATE INDEX call_records_date ON call_records(account, calldate);
        CREATE INDEX call_records_party ON call_records(account, party, calldate);
        CREATE INDEX call_records_uniqueid ON call_records(account, uniqueid) WHERE uniqueid <> '';
        CREATE TABLE call_coverage (      -- time spans whose records are all in call_records
            account TEXT NOT NULL,
            start TEXT NOT NULL,
            finish TEXT NOT NULL,
            PRIMARY KEY (account, start)
        ) WITHOUT ROWID;
        CREATE TABLE call_notes (
            account TEXT NOT NULL,
            callid TEXT NOT NULL,
            party TEXT NOT NULL,
            note TEXT NOT NULL,
            outcome TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (account, callid)
        ) WITHOUT ROWID;
        CREATE INDEX call_notes_party ON call_notes(account, party);
        CREATE TABLE call_timelines (     -- calls followed from their click2call or notification to their record
            account TEXT NOT NULL,
            key TEXT NOT NULL,            -- our transaction id, or the activecallkey of a notified call
            callid TEXT NOT NULL,         -- the activecallkey once known
            started TEXT NOT NULL,
            data TEXT NOT NULL,           -- JSON: direction, number, events, outcome
            PRIMARY KEY (account, key)
        ) WITHOUT ROWID;
        CREATE INDEX call_timelines_callid ON call_timelines(account, callid);
        CREATE INDEX call_timelines_started ON call_timelines(account, started);
        """,
    )


def calls_v4(db: sqlite3.Connection) -> None:
    """The worklist's "done" ticks: missed calls the agent marked as handled (core.calls.worklist)."""
    run_script(
        db,
        """
        CREATE TABLE call_worklist_done (
            account TEXT NOT NULL,
            callid TEXT NOT NULL,
            party TEXT NOT NULL,
            ticked TEXT NOT NULL,         -- when, tenant-local, CCS format
            PRIMARY KEY (account, callid)
        ) WITHOUT ROWID;
        """,
    )
