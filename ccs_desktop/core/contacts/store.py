"""The contact store: one SQLite file that answers "who is calling?" and search-as-you-type in well under a frame.

Every number is kept as E.164 plus two keys derived from it, each with its own index: the national significant
number (so "5321234567" typed without a country code finds "+90 532 …") and the digits reversed (so "ends with
these digits" is an index range, which rescues numbers stored oddly). Names and companies are stored as folded
word-suffix keys in their own table ("ahmet yilmaz", "yilmaz"), so a typed prefix is an index range too, and the rows
carry copies of the sort keys so hits are sorted without visiting the contacts. Mid-word fragments ("lmaz") go to an
FTS5 trigram index; only an SQLite without FTS5 scans, and only when nothing else matched.
The schema and its migrations live in `core.database`, shared with the call-records cache.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ccs_desktop.core.contacts.fold import fold
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.database import open_database, row_ids, write_transaction
from ccs_desktop.core.errors import InvalidInput, InvalidNumber
from ccs_desktop.core.i18n import Core
from ccs_desktop.core.phone import PhoneNumber, check_region, digits_suffix, lookup_number, parse_possible

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d")
# A query made only of these characters (and at least MIN_NUMBER_DIGITS digits) is searched as a phone number.
_PHONEISH = re.compile(r"^[\d\s+()\-./]+$")
MIN_NUMBER_DIGITS = 3
# A condition matching more than 1/_BROAD_SHARE of all contacts (at least _BROAD_MIN) is "broad": walking contacts
# in display order usually finds `limit` matches sooner than sorting all of its hits.
_BROAD_SHARE = 20
_BROAD_MIN = 2000
_WALK_SECONDS = 0.004  # how long a broad search walks contacts in display order before it gathers and sorts
_KEY_MAX = 64  # longest search key kept; longer names still match on their first 64 characters
#: Words of a search that are used; the rest are ignored. Each word is one SQL condition, and a pasted paragraph
#: (1,000 words) would exceed SQLite's expression depth ("Expression tree is too large").
MAX_TERMS = 16
# Control characters (NUL, ESC, ...) never belong in a name; notes keep their line breaks and tabs.
_SPACING = re.compile(r"[\t\n\r\x0b\x0c]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_NOTES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HIGH = "\U0010ffff"  # sorts after every character: `x <= token < x + _HIGH` is "token starts with x"
# "<> ''" repeats the partial index's condition, so SQLite may use the index instead of scanning.
_BY_EXTERNAL_ID = "SELECT id FROM contacts WHERE external_id = ? AND external_id <> ''"
_CONTACT_COLUMNS = "c.id, c.name, c.company, c.email, c.notes, c.favourite, c.external_id"
_LISTED_ORDER = "ORDER BY favourite DESC, sort_name, id"  # the list's order: favourites, then by name


class ContactStore:
    """Contacts in one SQLite file (WAL); safe to call from one thread at a time, whichever thread that is."""

    def __init__(self, path: Path, region: str = "TR") -> None:
        self.path = Path(path)
        self.region = check_region(region)
        self._lock = threading.RLock()
        self._depth = 0
        self._parsed: dict[str, PhoneNumber] = {}
        self._count: int | None = None  # contacts, cached for the search planner
        self._db = open_database(self.path)
        self._trigrams = bool(
            self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'contacts_text'").fetchone()
        )

    # -- lifecycle -------------------------------------------------------------------------------------------

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
            if self._depth:  # inside another: the outer one commits or rolls back
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            try:
                with write_transaction(self._db):
                    self._depth = 1
                    yield self
            except BaseException:
                self._count = None
                raise
            finally:
                self._depth = 0

    # -- writes ----------------------------------------------------------------------------------------------

    def normalise_numbers(self, numbers: Iterable[ContactNumber]) -> list[ContactNumber]:
        """E.164 with the store's region, each number once; raises InvalidNumber naming the bad one."""
        result: dict[str, ContactNumber] = {}
        for number in numbers:
            normal = self.normalise_number(number)
            result.setdefault(normal.e164, normal)
        return list(result.values())

    def normalise_number(self, number: ContactNumber) -> ContactNumber:
        """One number in E.164 with the store's region; a possible but not valid one is kept, flagged, with the
        text it was given as. Raises InvalidNumber, naming it, for anything that cannot be a number."""
        parsed = self._parse(number.e164)
        if parsed.valid:
            return ContactNumber(parsed.e164, number.label.strip())
        return ContactNumber(
            parsed.e164, number.label.strip(), True, _clean(number.typed or number.e164).strip()
        )

    def _parse(self, text: str) -> PhoneNumber:
        """parse_possible with a memo: an import parses each number three times (merge check, add, index keys)."""
        number = self._parsed.get(text)
        if number is None:
            try:
                number = parse_possible(text, self.region)
            except InvalidNumber as exc:
                raise InvalidNumber(
                    Core.tr("Invalid phone number {number}: {error}").format(number=repr(text), error=exc)
                ) from None
            if len(self._parsed) > 50_000:
                self._parsed.clear()
            self._parsed[text] = self._parsed[number.e164] = number
        return number

    def add(self, contact: Contact) -> Contact:
        """Save a new contact; returns it with its id and normalised numbers."""
        return self._insert(replace(contact, id=None))

    def restore(self, contact: Contact) -> Contact:
        """Bring a deleted contact back (Undo) with its own id, or a new one if that id was taken meanwhile."""
        if contact.id is not None:
            with self._lock:
                taken = self._db.execute("SELECT 1 FROM contacts WHERE id = ?", (contact.id,)).fetchone()
            if taken:
                contact = replace(contact, id=None)
        return self._insert(contact)

    def _insert(self, contact: Contact) -> Contact:
        contact = cleaned(contact)
        numbers = self.normalise_numbers(contact.numbers)
        with self.transaction():
            cursor = self._db.execute(
                "INSERT INTO contacts (id, name, company, email, notes, favourite, external_id, sort_name, folded)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (contact.id, *self._row(contact)),
            )
            saved = replace(contact, id=int(cursor.lastrowid or 0), numbers=numbers)
            self._count = None
            self._write_children(saved)
        return saved

    def update(self, contact: Contact) -> Contact:
        """Replace a saved contact's fields and numbers."""
        if contact.id is None:
            raise InvalidInput(Core.tr("This contact has not been saved yet."))
        contact = cleaned(contact)
        numbers = self.normalise_numbers(contact.numbers)
        with self.transaction():
            cursor = self._db.execute(
                "UPDATE contacts SET name = ?, company = ?, email = ?, notes = ?, favourite = ?, external_id = ?,"
                " sort_name = ?, folded = ? WHERE id = ?",
                (*self._row(contact), contact.id),
            )
            if cursor.rowcount == 0:
                raise InvalidInput(Core.tr("There is no contact with id {id}.").format(id=contact.id))
            self._db.execute("DELETE FROM numbers WHERE contact_id = ?", (contact.id,))
            self._db.execute("DELETE FROM tokens WHERE contact_id = ?", (contact.id,))
            saved = replace(contact, numbers=numbers)
            self._write_children(saved)
        return saved

    def delete(self, contact_id: int) -> bool:
        """Remove a contact and its numbers; False if there was none."""
        with self.transaction():
            self._count = None
            return self._db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,)).rowcount > 0

    def set_favourite(self, contact_id: int, favourite: bool) -> None:
        with self.transaction():
            cursor = self._db.execute(
                "UPDATE contacts SET favourite = ? WHERE id = ?", (int(favourite), contact_id)
            )
            if cursor.rowcount == 0:
                raise InvalidInput(Core.tr("There is no contact with id {id}.").format(id=contact_id))
            for table in ("numbers", "tokens"):
                self._db.execute(
                    f"UPDATE {table} SET favourite = ? WHERE contact_id = ?", (int(favourite), contact_id)
                )

    def _row(self, contact: Contact) -> tuple[object, ...]:
        external = contact.external_id.strip()
        if external:
            with self._lock:
                row = self._db.execute(_BY_EXTERNAL_ID, (external,)).fetchone()
            if row and row[0] != contact.id:
                raise InvalidInput(
                    Core.tr("Another contact already has the external id {id}.").format(id=repr(external))
                )
        return (
            contact.name.strip(),
            contact.company.strip(),
            contact.email.strip(),
            contact.notes,
            int(contact.favourite),
            external,
            fold(contact.name.strip()),
            " ".join(_WORD.findall(fold(f"{contact.name} {contact.company}"))),
        )

    def _write_children(self, contact: Contact) -> None:
        sort = (int(contact.favourite), fold(contact.name.strip()))
        rows = []
        for position, number in enumerate(contact.numbers):
            parsed = self._parse(number.e164)
            rows.append(
                (
                    contact.id,
                    position,
                    parsed.e164,
                    number.label,
                    parsed.national_number,
                    parsed.digits[::-1],
                    *sort,
                    int(number.flagged),
                    number.typed,
                )
            )
        self._db.executemany(
            "INSERT INTO numbers (contact_id, position, e164, label, nsn, rdigits, favourite, sort_name, flagged,"
            " typed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        tokens = search_keys(contact.name, contact.company)
        self._db.executemany(
            "INSERT INTO tokens (token, contact_id, favourite, sort_name) VALUES (?, ?, ?, ?)",
            [(token, contact.id, *sort) for token in tokens],
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
            row = self._db.execute(_BY_EXTERNAL_ID, (external_id.strip(),)).fetchone()
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

    def first(self, limit: int) -> list[Contact]:
        """The first `limit` contacts in display order: the list before anything is typed (reading all 100,000
        ids for it held the interpreter for tens of ms after an import)."""
        return self._load(
            self._ids(f"SELECT id FROM contacts {_LISTED_ORDER} LIMIT ?", (limit,))
        )

    def all(self) -> Iterator[Contact]:
        """Every contact in display order, loaded 500 at a time so an export never holds 100,000 at once."""
        ids = self._ids(f"SELECT id FROM contacts {_LISTED_ORDER}", ())
        for start in range(0, len(ids), 500):
            yield from self._load(ids[start : start + 500])

    def find_by_number(self, text: str) -> list[Contact]:
        """Who has this number, typed in any format: exact E.164, else same national number, else same ending.

        One statement finds the matching numbers and reads their contacts with all their numbers: the card asks
        on every ring (about 20 µs at 100,000 contacts once the number is parsed, bench/bench_contacts.py)."""
        params = number_match_params(lookup_number(text, self.region), text)
        with self._lock:
            rows = self._db.execute(_FIND_BY_NUMBER, params).fetchall()
        found: dict[int, Contact] = {}
        first: dict[int, int] = {}  # contact -> the number that matched first: its rows bring the numbers
        for row in rows:
            level, nid, cid = row[0], row[1], row[2]
            if level != rows[0][0]:
                break  # a worse match than the best one found
            if cid not in found:
                first[cid] = nid
                found[cid] = Contact(
                    id=cid,
                    name=row[3],
                    company=row[4],
                    email=row[5],
                    notes=row[6],
                    favourite=bool(row[7]),
                    external_id=row[8],
                )
            if first[cid] == nid:
                found[cid].numbers.append(ContactNumber(row[9], row[10], bool(row[11]), row[12]))
        return list(found.values())

    def names_for(self, parties: Iterable[str]) -> dict[str, str]:
        """Contact names for numbers given as their last ten digits (the call cache's key); unknown ones left out.

        One index range per number, so naming a page of calls costs well under a millisecond per call.
        """
        found: dict[str, str] = {}
        with self._lock:
            for party in parties:
                if len(party) < 7 or party in found:
                    continue
                key = party[::-1]
                row = self._db.execute(
                    "SELECT c.name FROM numbers n JOIN contacts c ON c.id = n.contact_id "
                    "WHERE n.rdigits >= ? AND n.rdigits < ? ORDER BY n.favourite DESC, n.sort_name LIMIT 1",
                    (key, key + _HIGH),
                ).fetchone()
                if row is not None:
                    found[party] = str(row[0])
        return found

    def search(self, query: str, limit: int = 50) -> list[Contact]:
        """Search-as-you-type over names, companies and numbers; favourites first, then by name.

        Sources, merged in display order: the typed words as one prefix ("ahmet yi"); the digits as a number
        (prefix in national or international form, or suffix) when the query is made of >= 3 digits and phone
        punctuation; the words in any order ("yilmaz ahmet") when that left room. A single word that filled
        fewer than `limit` is then looked for mid-word, and those matches come after the others.
        """
        terms = _WORD.findall(fold(query))[:MAX_TERMS]
        if not terms or limit <= 0:
            return []
        phrase = " ".join(terms)[:_KEY_MAX]
        hits = self._hits([_prefix_condition(phrase)], limit)
        phoneish = len(_DIGITS.findall(query)) >= MIN_NUMBER_DIGITS and bool(_PHONEISH.match(query.strip()))
        if phoneish:
            hits += self._hits([_number_condition(query)], limit)
        if len(terms) > 1 and len(hits) < limit:
            hits += self._hits([_prefix_condition(term) for term in terms], limit)
        ids = list(dict.fromkeys(hit[2] for hit in sorted(hits)))[:limit]
        # Mid-word only for one word: a fragment of a full "first last" name is already a prefix match.
        if len(ids) < limit and len(terms) == 1 and len(phrase) >= 3 and not phoneish:
            ids = self._mid_word(ids, phrase, limit)
        return self._load(ids)

    def _mid_word(self, ids: list[int], phrase: str, limit: int) -> list[int]:
        """Add contacts with `phrase` inside a word, after the prefix matches `ids`."""
        if self._trigrams:
            # The trigram index answers in a few ms; the cap bounds the sort for a very common fragment.
            rows = self._ids(
                "SELECT c.id FROM (SELECT rowid AS id FROM contacts_text WHERE contacts_text MATCH ? LIMIT 5000) f"
                " CROSS JOIN contacts c ON c.id = f.id ORDER BY c.favourite DESC, c.sort_name, c.id LIMIT ?",
                (f'"{phrase}"', limit + len(ids)),
            )
        elif not ids:
            # No FTS5: scan, but only when nothing matched at all (a typo or fragment), never on ordinary typing.
            rows = self._ids(
                "SELECT id FROM contacts NOT INDEXED WHERE instr(folded, ?) > 0"
                " ORDER BY favourite DESC, sort_name, id LIMIT ?",
                (phrase, limit),
            )
        else:
            return ids
        seen = set(ids)
        return ids + [i for i in rows if i not in seen][: limit - len(ids)]

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Many writes in a row (an import): the WAL is checkpointed once at the end rather than every 4 MB,
        which makes a 30,000-row import about 40 % faster."""
        with self._lock:
            self._db.execute("PRAGMA wal_autocheckpoint = 20000")
        try:
            yield
        finally:
            with self._lock:
                self._db.execute("PRAGMA wal_autocheckpoint = 1000")
                self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def changed_elsewhere(self) -> None:
        """Another connection (a bulk import) wrote contacts: forget what was cached about the table."""
        with self._lock:
            self._count = None

    def _size(self) -> int:
        if self._count is None:
            self._count = self.count()
        return self._count

    def _hits(self, conditions: list[_Condition], limit: int) -> list[tuple[int, str, int]]:
        """(-favourite, sort_name, id) of the first `limit` contacts matching every condition, in display order.

        If some condition has few index hits, start from those (their rows carry the sort keys) and let SQLite
        keep the top `limit`. If all have many (one typed letter), walk contacts in display order instead: a
        broad condition usually fills `limit` within the first few hundred.
        """
        broad = max(_BROAD_MIN, self._size() // _BROAD_SHARE)
        driver: tuple[int, _Condition] | None = None
        for cond in conditions:
            count = 0
            for part, params in cond.parts:
                with self._lock:
                    count += self._db.execute(
                        f"SELECT count(*) FROM (SELECT 1 FROM {part.format(a='d')} LIMIT {broad})", params
                    ).fetchone()[0]
            if count == 0:
                return []
            if driver is None or count < driver[0]:
                driver = (count, cond)
        assert driver is not None  # conditions is never empty
        if driver[0] >= broad:
            rows = self._walk(conditions, limit)
            if rows is not None:
                return rows
        return self._gather(driver[1], [cond for cond in conditions if cond is not driver[1]], limit)

    def _gather(self, driver: _Condition, rest: list[_Condition], limit: int) -> list[tuple[int, str, int]]:
        """Top `limit` of the driver's hits that meet `rest`, sorted by SQLite's top-N sorter.

        A contact can hit twice ("Demir" as surname and in "Demir Lojistik"); DISTINCT would cost 3x, so each
        part fetches a little extra and duplicates are dropped here, fetching more in the rare case that is short.
        """
        where = "".join(" AND " + cond.exists.format(id="d.contact_id") for cond in rest)
        rest_params = [p for cond in rest for p in cond.params]
        fetch = limit * 2
        while True:
            found: set[tuple[int, str, int]] = set()
            complete = True
            for part, part_params in driver.parts:
                sql = f"SELECT -d.favourite, d.sort_name, d.contact_id FROM {part.format(a='d')}{where} ORDER BY 1, 2, 3 LIMIT ?"
                with self._lock:
                    fetched = self._db.execute(sql, (*part_params, *rest_params, fetch)).fetchall()
                rows = {tuple(row) for row in fetched}
                # Exact when each part either ran out of hits or has `limit` distinct ones among those fetched.
                complete = complete and (len(fetched) < fetch or len(rows) >= limit)
                found |= rows
            if complete:
                return sorted(found)[:limit]
            fetch *= 4

    def _walk(self, conditions: list[_Condition], limit: int) -> list[tuple[int, str, int]] | None:
        """Walk contacts in display order until `limit` match, or None after _WALK_SECONDS.

        The budget matters when the matches sit late in the alphabet ("se" matches only from S on): then
        gathering and sorting the hits is cheaper, and either plan gives the same answer.
        """
        where = " AND ".join(cond.exists.format(id="c.id") for cond in conditions)
        params = [p for cond in conditions for p in cond.params]
        sql = (
            f"SELECT -c.favourite, c.sort_name, c.id FROM contacts c INDEXED BY contacts_order WHERE {where}"
            " ORDER BY c.favourite DESC, c.sort_name, c.id LIMIT ?"
        )
        deadline = time.perf_counter() + _WALK_SECONDS
        with self._lock:
            self._db.set_progress_handler(lambda: time.perf_counter() > deadline, 1000)
            try:
                return [tuple(row) for row in self._db.execute(sql, (*params, limit))]
            except sqlite3.OperationalError as exc:
                if "interrupt" not in str(exc):
                    raise
                return None
            finally:
                self._db.set_progress_handler(None, 0)

    def _ids(self, sql: str, params: Iterable[object]) -> list[int]:
        with self._lock:
            return row_ids(self._db, sql, params)

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
                f"SELECT contact_id, e164, label, flagged, typed FROM numbers WHERE contact_id IN ({marks})"
                " ORDER BY contact_id, position",
                ids,
            ).fetchall()
        by_contact: dict[int, list[ContactNumber]] = {}
        for contact_id, e164, label, flagged, typed in numbers:
            by_contact.setdefault(contact_id, []).append(ContactNumber(e164, label, bool(flagged), typed))
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


#: The rows of a `numbers` table (columns e164, nsn, rdigits, `{owner}`) that match a typed number, each tagged with
#: how well: 0 same E.164, else 1 same national number, else 2 same last 10 digits, else 3 same last 7. One
#: statement instead of up to four; each level runs only when the better ones found nothing (the NOT EXISTS are
#: evaluated once, as index probes), so only the best level's rows are joined, as asking them in turn would give.
#: `key, nid` is the order each index gives its rows, so results come in the order they always did.
_BETTER = (
    "EXISTS (SELECT 1 FROM numbers WHERE e164 = ?1)",
    "EXISTS (SELECT 1 FROM numbers WHERE nsn = ?2)",
    "EXISTS (SELECT 1 FROM numbers WHERE rdigits >= ?3 AND rdigits < ?4)",
)
NUMBER_MATCH = (
    "SELECT 0 AS level, {owner} AS owner, e164 AS key, rowid AS nid FROM numbers WHERE e164 = ?1"
    f" UNION ALL SELECT 1, {{owner}}, nsn, rowid FROM numbers WHERE nsn = ?2 AND NOT {_BETTER[0]}"
    " UNION ALL SELECT 2, {owner}, rdigits, rowid FROM numbers WHERE rdigits >= ?3 AND rdigits < ?4"
    f" AND NOT {_BETTER[0]} AND NOT {_BETTER[1]}"
    " UNION ALL SELECT 3, {owner}, rdigits, rowid FROM numbers WHERE rdigits >= ?5 AND rdigits < ?6"
    " AND (?7 = 0 OR length(rdigits) < 10)"
    f" AND NOT {_BETTER[0]} AND NOT {_BETTER[1]} AND NOT {_BETTER[2]}"
)
_FIND_BY_NUMBER = (
    f"SELECT h.level, h.nid, {_CONTACT_COLUMNS}, m.e164, m.label, m.flagged, m.typed"
    f" FROM ({NUMBER_MATCH.format(owner='contact_id')}) h CROSS JOIN contacts c ON c.id = h.owner"
    " JOIN numbers m ON m.contact_id = c.id ORDER BY h.level, h.key, h.nid, m.position"
)


def number_match_params(
    number: PhoneNumber | None, text: str, *, digits_as_e164: bool = False
) -> tuple[str | int | None, ...]:
    """NUMBER_MATCH's parameters for a number typed in any format (None: not a phone number, then only its last
    10 and 7 digits are looked for; the 7 only of a number kept short when `number` is a full one).
    `digits_as_e164`: such a text is also looked up as its bare digits (a
    directory's extensions are kept so). A level that cannot apply gets NULL, which matches nothing."""
    if number is not None:
        e164, nsn, digits = number.e164, number.national_number, number.digits
    else:
        digits = digits_suffix(text, 64)
        e164, nsn = (digits if digits and digits_as_e164 else None), None
    ten = digits[-10:][::-1] if len(digits) >= 10 else None
    seven = digits[-7:][::-1] if len(digits) >= 7 else None
    # a full, valid number's last 7 digits match only a number kept that short (a local number without its area
    # code): two full numbers that share their last 7 digits (0212 555 12 34, 0216 555 12 34) are two people; a
    # short or unreadable text (a wrong country code) keeps the lenient match
    full = 1 if number is not None and len(digits) >= 10 else 0
    return (e164, nsn, ten, ten and ten + _HIGH, seven, seven and seven + _HIGH, full)


def _clean(text: str) -> str:
    """`text` without control characters; a tab or line break between words becomes a space."""
    return _CONTROL.sub("", _SPACING.sub(" ", text))


def cleaned(contact: Contact) -> Contact:
    """The contact without control characters: a NUL from a broken export must not reach names or the index."""
    fields = (contact.name, contact.company, contact.email, contact.external_id)
    if not any(map(_CONTROL.search, fields)) and not _CONTROL_IN_NOTES.search(contact.notes):
        return contact  # nearly always: no copy
    return replace(
        contact,
        name=_clean(contact.name),
        company=_clean(contact.company),
        email=_clean(contact.email),
        external_id=_clean(contact.external_id),
        notes=_CONTROL_IN_NOTES.sub("", contact.notes),
    )


def search_keys(name: str, company: str) -> set[str]:
    """The index keys of a contact: every word-suffix of its folded name and company.

    "Ahmet Yılmaz" gives "ahmet yilmaz" and "yilmaz", so both "yil" and "ahmet yi" are a single prefix range;
    words typed in another order ("yilmaz ahmet") are matched word by word instead.
    """
    keys: set[str] = set()
    for text in (name, company):
        words = _WORD.findall(fold(text))
        keys.update(" ".join(words[i:])[:_KEY_MAX] for i in range(len(words)))
    return keys


@dataclass(frozen=True)
class _Condition:
    """One search condition, in two forms that match the same contacts.

    `parts` are index ranges, "FROM table {a} WHERE range" with their params, whose rows carry contact_id and the
    sort keys; `exists` is the same test for one contact ("{id}" is filled in), taking `params`.
    """

    parts: list[tuple[str, list[object]]]
    exists: str
    params: list[object]


def _ranges(table: str, columns: list[str], bounds: list[str]) -> _Condition:
    """Rows of `table` whose column i starts with bounds[i], for any i."""
    ranges = [f"({{a}}.{column} >= ? AND {{a}}.{column} < ?)" for column in columns]
    pairs: list[list[object]] = [[bound, bound + _HIGH] for bound in bounds]
    inner = " OR ".join(r.format(a="x") for r in ranges)
    return _Condition(
        parts=[(f"{table} {{a}} WHERE {r}", pair) for r, pair in zip(ranges, pairs, strict=True)],
        exists=f"EXISTS (SELECT 1 FROM {table} x WHERE x.contact_id = {{id}} AND ({inner}))",
        params=[p for pair in pairs for p in pair],
    )


def _prefix_condition(text: str) -> _Condition:
    return _ranges("tokens", ["token"], [text])


def _number_condition(query: str) -> _Condition:
    """Numbers that start like what was typed, in national ("0532 1") or international ("+90 532", "0090 532")
    form, or that end with it ("45 67")."""
    digits = "".join(_DIGITS.findall(query))
    bare = digits.lstrip("0") or digits
    return _ranges("numbers", ["nsn", "e164", "rdigits"], [bare, "+" + bare, digits[::-1]])
