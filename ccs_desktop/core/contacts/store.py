"""The contact store: one SQLite file that answers "who is calling?" and search-as-you-type in well under a frame.

Every number is kept as E.164 plus two keys derived from it, each with its own index: the national significant
number (so "5321234567" typed without a country code finds "+90 532 …") and the digits reversed (so "ends with
these digits" is an index range, which rescues numbers stored oddly). Names are split into folded tokens in their own
table, so a typed prefix is an index range too; a full scan happens only as a last resort for mid-word matches.
The schema carries `PRAGMA user_version` and a list of migrations, so later versions can add tables (call notes).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ccs_desktop.core.contacts.fold import fold
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.errors import InvalidInput, InvalidNumber
from ccs_desktop.core.phone import check_region, digits_suffix, parse_number, try_parse

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d")
# A query made only of these characters (and at least MIN_NUMBER_DIGITS digits) is searched as a phone number.
_PHONEISH = re.compile(r"^[\d\s+()\-./]+$")
MIN_NUMBER_DIGITS = 3
# Above this many index hits for a term, walking contacts in display order is cheaper than sorting the hits.
_BROAD = 2000
_HIGH = "\U0010ffff"  # sorts after every character: `x <= token < x + _HIGH` is "token starts with x"
_CONTACT_COLUMNS = "c.id, c.name, c.company, c.email, c.notes, c.favourite, c.external_id"


def _run(db: sqlite3.Connection, script: str) -> None:
    """executescript() would COMMIT the migration's transaction half-way; run the statements one by one."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _run(
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
            folded TEXT NOT NULL          -- fold(name + company): mid-word fallback scan
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
            rdigits TEXT NOT NULL         -- E.164 digits reversed: suffix match as an index range
        );
        CREATE INDEX numbers_e164 ON numbers(e164);
        CREATE INDEX numbers_nsn ON numbers(nsn);
        CREATE INDEX numbers_rdigits ON numbers(rdigits);
        CREATE INDEX numbers_contact ON numbers(contact_id, nsn, rdigits);
        CREATE TABLE tokens (
            token TEXT NOT NULL,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            PRIMARY KEY (token, contact_id)
        ) WITHOUT ROWID;
        CREATE INDEX tokens_contact ON tokens(contact_id, token);
        """,
    )


#: Schema migrations in order; `user_version` is how many have run. Append, never edit or reorder.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1]
SCHEMA_VERSION = len(MIGRATIONS)


class ContactStore:
    """Contacts in one SQLite file (WAL); safe to call from one thread at a time, whichever thread that is."""

    def __init__(self, path: Path, region: str = "TR") -> None:
        self.path = Path(path)
        self.region = check_region(region)
        self._lock = threading.RLock()
        self._depth = 0
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a batch import is one transaction.
            self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise InvalidInput(f"Cannot open the contacts file {self.path}: {exc}.") from None
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable across app crashes
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise InvalidInput(f"{self.path} is not a usable contacts file: {exc}.") from None

    # -- lifecycle -------------------------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InvalidInput(
                f"{self.path} was written by a newer ccs-desktop (schema {version}, this one knows {SCHEMA_VERSION})."
            )
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                migration(self._db)
                self._db.execute(f"PRAGMA user_version = {number}")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def journal_mode(self) -> str:
        with self._lock:
            return str(self._db.execute("PRAGMA journal_mode").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ContactStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[ContactStore]:
        """Group many writes (an import) into one transaction: all or nothing, and 100x faster than one each."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._db.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if outer:
                    self._db.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._db.execute("COMMIT")

    # -- writes ----------------------------------------------------------------------------------------------

    def normalise_numbers(self, numbers: Iterable[ContactNumber]) -> list[ContactNumber]:
        """E.164 with the store's region, each number once; raises InvalidNumber naming the bad one."""
        result: dict[str, ContactNumber] = {}
        for number in numbers:
            try:
                e164 = parse_number(number.e164, self.region).e164
            except InvalidNumber as exc:
                raise InvalidNumber(f"Invalid phone number {number.e164!r}: {exc}") from None
            result.setdefault(e164, ContactNumber(e164, number.label.strip()))
        return list(result.values())

    def add(self, contact: Contact) -> Contact:
        """Save a new contact; returns it with its id and normalised numbers."""
        numbers = self.normalise_numbers(contact.numbers)
        with self.transaction():
            cursor = self._db.execute(
                "INSERT INTO contacts (name, company, email, notes, favourite, external_id, sort_name, folded)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                self._row(contact),
            )
            saved = replace(contact, id=int(cursor.lastrowid or 0), numbers=numbers)
            self._write_children(saved)
        return saved

    def update(self, contact: Contact) -> Contact:
        """Replace a saved contact's fields and numbers."""
        if contact.id is None:
            raise InvalidInput("This contact has not been saved yet.")
        numbers = self.normalise_numbers(contact.numbers)
        with self.transaction():
            cursor = self._db.execute(
                "UPDATE contacts SET name = ?, company = ?, email = ?, notes = ?, favourite = ?, external_id = ?,"
                " sort_name = ?, folded = ? WHERE id = ?",
                (*self._row(contact), contact.id),
            )
            if cursor.rowcount == 0:
                raise InvalidInput(f"There is no contact with id {contact.id}.")
            self._db.execute("DELETE FROM numbers WHERE contact_id = ?", (contact.id,))
            self._db.execute("DELETE FROM tokens WHERE contact_id = ?", (contact.id,))
            saved = replace(contact, numbers=numbers)
            self._write_children(saved)
        return saved

    def delete(self, contact_id: int) -> bool:
        """Remove a contact and its numbers; False if there was none."""
        with self.transaction():
            return self._db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,)).rowcount > 0

    def set_favourite(self, contact_id: int, favourite: bool) -> None:
        with self.transaction():
            cursor = self._db.execute(
                "UPDATE contacts SET favourite = ? WHERE id = ?", (int(favourite), contact_id)
            )
            if cursor.rowcount == 0:
                raise InvalidInput(f"There is no contact with id {contact_id}.")

    def _row(self, contact: Contact) -> tuple[object, ...]:
        external = contact.external_id.strip()
        if external:
            with self._lock:
                row = self._db.execute(
                    "SELECT id FROM contacts WHERE external_id = ?", (external,)
                ).fetchone()
            if row and row[0] != contact.id:
                raise InvalidInput(f"Another contact already has the external id {external!r}.")
        return (
            contact.name.strip(),
            contact.company.strip(),
            contact.email.strip(),
            contact.notes,
            int(contact.favourite),
            external,
            fold(contact.name.strip()),
            fold(f"{contact.name} {contact.company}"),
        )

    def _write_children(self, contact: Contact) -> None:
        rows = []
        for position, number in enumerate(contact.numbers):
            parsed = parse_number(number.e164, self.region)
            rows.append(
                (contact.id, position, parsed.e164, number.label, parsed.national_number, parsed.digits[::-1])
            )
        self._db.executemany(
            "INSERT INTO numbers (contact_id, position, e164, label, nsn, rdigits) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        tokens = set(_WORD.findall(fold(f"{contact.name} {contact.company}")))
        self._db.executemany(
            "INSERT INTO tokens (token, contact_id) VALUES (?, ?)", [(token, contact.id) for token in tokens]
        )

    # -- reads -----------------------------------------------------------------------------------------------

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM contacts").fetchone()[0])

    def get(self, contact_id: int) -> Contact | None:
        found = self._load([contact_id])
        return found[0] if found else None

    def get_by_external_id(self, external_id: str) -> Contact | None:
        if not external_id.strip():
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT id FROM contacts WHERE external_id = ?", (external_id.strip(),)
            ).fetchone()
        return self.get(row[0]) if row else None

    def find_by_e164(self, e164: str) -> list[Contact]:
        """Contacts holding exactly this E.164 number (what imports merge on: no guessing)."""
        return self._load(self._ids("SELECT contact_id FROM numbers WHERE e164 = ?", (e164,)))

    def find_by_name(self, name: str, company: str = "") -> list[Contact]:
        """Contacts whose folded name and company equal these (imports merge number-less rows on it)."""
        ids = self._ids(
            "SELECT id FROM contacts WHERE sort_name = ? AND company = ? ORDER BY id",
            (fold(name.strip()), company.strip()),
        )
        return self._load(ids)

    def all(self) -> Iterator[Contact]:
        """Every contact in display order, loaded in pages so an export never holds 100,000 at once."""
        last: tuple[int, str, int] = (2, "", 0)
        while True:
            with self._lock:
                rows = self._db.execute(
                    "SELECT favourite, sort_name, id FROM contacts WHERE (-favourite, sort_name, id) > (?, ?, ?)"
                    " ORDER BY favourite DESC, sort_name, id LIMIT 500",
                    (-last[0], last[1], last[2]),
                ).fetchall()
            if not rows:
                return
            yield from self._load([row[2] for row in rows])
            last = rows[-1]

    def find_by_number(self, text: str) -> list[Contact]:
        """Who has this number, typed in any format: exact E.164, else same national number, else same ending."""
        number = try_parse(text, self.region)
        if number is not None:
            ids = self._ids("SELECT contact_id FROM numbers WHERE e164 = ?", (number.e164,))
            if not ids:
                ids = self._ids("SELECT contact_id FROM numbers WHERE nsn = ?", (number.national_number,))
            digits = number.digits
        else:
            ids, digits = [], digits_suffix(text, 64)
        for length in (10, 7):
            if ids:
                break
            if len(digits) < length:
                continue
            key = digits[-length:][::-1]
            ids = self._ids(
                "SELECT contact_id FROM numbers WHERE rdigits >= ? AND rdigits < ?", (key, key + _HIGH)
            )
        return self._load(ids)

    def search(self, query: str, limit: int = 50) -> list[Contact]:
        """Search-as-you-type: every word a prefix of a name/company word, or the digits part of a number.

        Favourites first, then by name. A mid-word match ("lmaz") is looked for by a scan only when the indexed
        matches do not fill `limit`, so ordinary typing never scans.
        """
        terms = _WORD.findall(fold(query))
        if not terms or limit <= 0:
            return []
        conditions = [_token_condition(term) for term in terms]
        if len(_DIGITS.findall(query)) >= MIN_NUMBER_DIGITS and _PHONEISH.match(query.strip()):
            conditions = [_either(conditions, _number_condition(query))]
        ids = self._ordered_ids(conditions, limit)
        needle = " ".join(terms)
        if len(ids) < limit and len(needle) >= 3:
            seen = set(ids)
            extra = self._ids(
                "SELECT id FROM contacts INDEXED BY contacts_order WHERE instr(folded, ?) > 0"
                " ORDER BY favourite DESC, sort_name, id LIMIT ?",
                (needle, limit + len(ids)),
            )
            ids += [i for i in extra if i not in seen][: limit - len(ids)]
        return self._load(ids)

    def _ordered_ids(self, conditions: list[_Condition], limit: int) -> list[int]:
        """Ids matching every condition, favourites first then by name.

        Two plans: if some condition is selective, gather its hits and sort them; if all are broad (one typed
        letter), walk contacts in display order and stop after `limit` hits. Guessing wrong costs milliseconds.
        """
        where = " AND ".join(cond.exists for cond in conditions)
        params = [p for cond in conditions for p in cond.params]
        selective = self._most_selective(conditions)
        if selective is None:
            sql = (
                f"SELECT c.id FROM contacts c INDEXED BY contacts_order WHERE {where}"
                " ORDER BY c.favourite DESC, c.sort_name, c.id LIMIT ?"
            )
        else:
            # NOT INDEXED: look the hits up by rowid and sort them, never walk the whole order index.
            sql = (
                f"SELECT c.id FROM contacts c NOT INDEXED WHERE c.id IN ({selective.probe}) AND {where}"
                " ORDER BY c.favourite DESC, c.sort_name, c.id LIMIT ?"
            )
            params = [*selective.probe_params, *params]
        return self._ids(sql, (*params, limit))

    def _most_selective(self, conditions: list[_Condition]) -> _Condition | None:
        """The condition with the fewest index hits, or None if every one has more than _BROAD."""
        best: tuple[int, _Condition] | None = None
        for cond in conditions:
            with self._lock:
                hits = self._db.execute(
                    f"SELECT count(*) FROM ({cond.probe} LIMIT {_BROAD})", cond.probe_params
                ).fetchone()[0]
            if hits < _BROAD and (best is None or hits < best[0]):
                best = (hits, cond)
        return best[1] if best else None

    def _ids(self, sql: str, params: Iterable[object]) -> list[int]:
        with self._lock:
            rows = self._db.execute(sql, tuple(params)).fetchall()
        return list(dict.fromkeys(row[0] for row in rows))

    def _load(self, ids: list[int]) -> list[Contact]:
        """Contacts for these ids, in this order, with their numbers."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_CONTACT_COLUMNS} FROM contacts c WHERE c.id IN ({marks})", ids
            ).fetchall()
            numbers = self._db.execute(
                f"SELECT contact_id, e164, label FROM numbers WHERE contact_id IN ({marks}) ORDER BY contact_id, position",
                ids,
            ).fetchall()
        by_contact: dict[int, list[ContactNumber]] = {}
        for contact_id, e164, label in numbers:
            by_contact.setdefault(contact_id, []).append(ContactNumber(e164, label))
        found = {
            row[0]: Contact(
                id=row[0],
                name=row[1],
                company=row[2],
                email=row[3],
                notes=row[4],
                favourite=bool(row[5]),
                external_id=row[6],
                numbers=by_contact.get(row[0], []),
            )
            for row in rows
        }
        return [found[i] for i in ids if i in found]


@dataclass(frozen=True)
class _Condition:
    """One search term: `exists` is correlated on contact `c`; `probe` lists a superset of its contact ids."""

    exists: str
    params: list[object]
    probe: str
    probe_params: list[object]


def _token_condition(term: str) -> _Condition:
    bounds: list[object] = [term, term + _HIGH]
    return _Condition(
        "EXISTS (SELECT 1 FROM tokens t WHERE t.contact_id = c.id AND t.token >= ? AND t.token < ?)",
        bounds,
        "SELECT contact_id FROM tokens WHERE token >= ? AND token < ?",
        bounds,
    )


def _number_condition(query: str) -> _Condition:
    """Numbers that start like what was typed, in national ("0532 1") or international ("+90 532", "0090 532")
    form, or that end with it ("…45 67")."""
    digits = "".join(_DIGITS.findall(query))
    bare = digits.lstrip("0") or digits
    parts = [
        "(n.nsn >= ? AND n.nsn < ?)",
        "(n.e164 >= ? AND n.e164 < ?)",
        "(n.rdigits >= ? AND n.rdigits < ?)",
    ]
    params: list[object] = [
        bare,
        bare + _HIGH,
        "+" + bare,
        "+" + bare + _HIGH,
        digits[::-1],
        digits[::-1] + _HIGH,
    ]
    probe = " UNION ALL ".join(f"SELECT n.contact_id FROM numbers n WHERE {part}" for part in parts)
    return _Condition(
        f"EXISTS (SELECT 1 FROM numbers n WHERE n.contact_id = c.id AND ({' OR '.join(parts)}))",
        params,
        probe,
        params,
    )


def _either(terms: list[_Condition], number: _Condition) -> _Condition:
    """All the words match a name, or the whole query matches a number."""
    words = " AND ".join(cond.exists for cond in terms)
    return _Condition(
        f"(({words}) OR {number.exists})",
        [p for cond in terms for p in cond.params] + number.params,
        f"{terms[0].probe} UNION ALL {number.probe}",
        terms[0].probe_params + number.probe_params,
    )
