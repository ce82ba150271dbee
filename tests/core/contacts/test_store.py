from __future__ import annotations

import sqlite3
import threading

import pytest

from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore
from ccs_desktop.core.database import SCHEMA_VERSION
from ccs_desktop.core.errors import InvalidInput

FIVE_FORMATS = ["0532 123 45 67", "+90 (532) 123-4567", "905321234567", "5321234567", "0090 532 123 45 67"]


@pytest.fixture
def store(tmp_path):
    with ContactStore(tmp_path / "contacts.db") as opened:
        yield opened


def person(name, *numbers, **fields):
    return Contact(None, name, numbers=[ContactNumber(n) for n in numbers], **fields)


def test_new_file_gets_schema_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "new.db"
    store = ContactStore(path)
    assert store.schema_version() == SCHEMA_VERSION >= 1
    assert store.journal_mode() == "wal"
    store.close()
    raw = sqlite3.connect(path)
    tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"contacts", "numbers", "tokens"} <= tables
    raw.close()


def test_empty_existing_file_is_migrated(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with ContactStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.count() == 0


def test_reopening_keeps_contacts_and_does_not_migrate_again(tmp_path):
    path = tmp_path / "c.db"
    with ContactStore(path) as store:
        saved = store.add(person("Ayşe Kaya", "0532 123 45 67"))
    with ContactStore(path) as store:
        assert store.count() == 1
        assert store.get(saved.id) == saved
        assert store.schema_version() == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(InvalidInput, match="newer"):
        ContactStore(path)


def test_not_a_database_is_a_readable_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InvalidInput, match="not a usable ccs-desktop database"):
        ContactStore(path)


def test_foreign_keys_cascade_on_delete(store):
    saved = store.add(person("Ali Veli", "0532 123 45 67"))
    assert store.delete(saved.id)
    assert store.get(saved.id) is None
    assert store.find_by_number("05321234567") == []
    assert store.search("ali") == []
    assert not store.delete(saved.id)


def test_add_normalises_numbers_to_e164(store):
    saved = store.add(person("Ali", "0532 123 45 67", "+90 (532) 123-4567", "0212 555 12 12"))
    assert [n.e164 for n in saved.numbers] == ["+905321234567", "+902125551212"]
    assert store.get(saved.id).numbers == saved.numbers


def test_invalid_number_is_named_and_nothing_is_saved(store):
    with pytest.raises(InvalidInput, match="12ab"):
        store.add(person("Ali", "0532 123 45 67", "12ab"))
    assert store.count() == 0


@pytest.mark.parametrize("typed", FIVE_FORMATS)
def test_five_formats_find_the_single_contact(store, typed):
    target = store.add(person("Mehmet Öz", FIVE_FORMATS[FIVE_FORMATS.index(typed) - 1]))
    store.add(person("Other", "0532 123 45 68"))
    found = store.find_by_number(typed)
    assert [c.id for c in found] == [target.id]


def test_stored_national_found_as_international_and_reverse(store):
    national = store.add(person("National", "0532 111 22 33"))
    international = store.add(person("International", "+90 533 444 55 66"))
    assert [c.id for c in store.find_by_number("+90 532 111 22 33")] == [national.id]
    assert [c.id for c in store.find_by_number("0533 444 55 66")] == [international.id]


def test_wrong_country_code_still_finds_by_last_digits(store):
    german = store.add(person("Berlin", "+49 30 1234567"))
    # "+90 30 …" is not a valid Turkish number: no E.164 or national match, the 7-digit suffix key finds it.
    assert [c.id for c in store.find_by_number("+90 30 1234567")] == [german.id]


def test_suffix_fallback_and_unknown(store):
    saved = store.add(person("Suffix", "0532 123 45 67"))
    assert [c.id for c in store.find_by_number("123 45 67")] == [saved.id]
    assert store.find_by_number("0532 999 99 99") == []
    assert store.find_by_number("12") == []
    assert store.find_by_number("") == []


def test_update_replaces_numbers_and_search_terms(store):
    saved = store.add(person("Ahmet Yılmaz", "0532 123 45 67"))
    saved.name = "Ahmet Demir"
    saved.numbers = [ContactNumber("0533 000 00 01", "work")]
    store.update(saved)
    assert store.search("yilmaz") == []
    assert [c.id for c in store.search("demir")] == [saved.id]
    assert store.find_by_number("0532 123 45 67") == []
    assert store.get(saved.id).numbers == [ContactNumber("+905330000001", "work")]
    with pytest.raises(InvalidInput):
        store.update(Contact(9999, "Ghost"))


def test_external_id_is_unique_when_set(store):
    store.add(person("A", external_id="crm-1"))
    store.add(person("B"))
    store.add(person("C"))  # two empty external ids are fine
    with pytest.raises(InvalidInput, match="crm-1"):
        store.add(person("D", external_id="crm-1"))
    assert store.get_by_external_id("crm-1").name == "A"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("yilmaz", ["Ahmet Yılmaz"]),
        ("ISMAIL", ["İsmail Şahin"]),
        ("sahin", ["İsmail Şahin"]),
        ("caglar", ["Çağlar Öztürk"]),
        ("ozturk", ["Çağlar Öztürk"]),
        ("unal", ["Ünal Ak"]),
        ("ahm yil", ["Ahmet Yılmaz"]),
        ("koc", ["Ünal Ak"]),  # company
        ("lmaz", ["Ahmet Yılmaz"]),  # mid-word, found by the fallback scan
        ("0532 12", ["Ahmet Yılmaz"]),
        ("+90 533", ["İsmail Şahin"]),
        ("45 67", ["Ahmet Yılmaz"]),
        ("zzz", []),
    ],
)
def test_search(store, query, expected):
    store.add(person("Ahmet Yılmaz", "0532 123 45 67"))
    store.add(person("İsmail Şahin", "0533 765 43 21"))
    store.add(person("Çağlar Öztürk", "0212 555 12 12"))
    store.add(Contact(None, "Ünal Ak", company="Koç Holding"))
    assert [c.name for c in store.search(query)] == expected


def test_search_orders_favourites_first_then_name_and_limits(store):
    for name in ["Deniz C", "Deniz A", "Deniz B"]:
        store.add(person(name))
    fav = store.add(person("Deniz Z"))
    store.set_favourite(fav.id, True)
    assert [c.name for c in store.search("deniz")] == ["Deniz Z", "Deniz A", "Deniz B", "Deniz C"]
    assert [c.name for c in store.search("den", limit=2)] == ["Deniz Z", "Deniz A"]
    assert store.get(fav.id).favourite


def test_search_broad_and_narrow_plans_agree(store):
    # Enough contacts that "a" takes the walk-in-order plan and "ahmet 7" the gather-and-sort plan.
    with store.transaction():
        for i in range(2500):
            store.add(person(f"Ahmet {i:04d}", favourite=(i % 500 == 7)))
    broad = [c.name for c in store.search("a", limit=10)]
    assert broad[:5] == ["Ahmet 0007", "Ahmet 0507", "Ahmet 1007", "Ahmet 1507", "Ahmet 2007"]
    assert broad[5:] == ["Ahmet 0000", "Ahmet 0001", "Ahmet 0002", "Ahmet 0003", "Ahmet 0004"]
    narrow = [c.name for c in store.search("ahmet 000")]
    assert narrow == [f"Ahmet 000{i}" for i in (7, 0, 1, 2, 3, 4, 5, 6, 8, 9)]


def test_transaction_rolls_back_on_error(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.add(person("Kept?"))
        raise RuntimeError("boom")
    assert store.count() == 0


def test_usable_from_another_thread(store):
    store.add(person("Ali", "0532 123 45 67"))
    result = []
    worker = threading.Thread(target=lambda: result.append(store.find_by_number("05321234567")[0].name))
    worker.start()
    worker.join()
    assert result == ["Ali"]


def test_all_pages_through_every_contact(store):
    with store.transaction():
        for i in range(1203):
            store.add(person(f"P{i:05d}", favourite=(i == 900)))
    names = [c.name for c in store.all()]
    assert len(names) == 1203
    assert names[0] == "P00900"
    assert names[1:] == sorted(names[1:])


def test_mid_word_index_follows_updates_and_deletes(store):
    saved = store.add(person("Ahmet Yılmaz"))
    assert [c.id for c in store.search("ilma")] == [saved.id]
    saved.name = "Ahmet Demir"
    store.update(saved)
    assert store.search("ilma") == []
    assert [c.id for c in store.search("emir")] == [saved.id]
    store.delete(saved.id)
    assert store.search("emir") == []


def test_mid_word_without_fts5_scans_only_when_nothing_matched(store, monkeypatch):
    store.add(person("Ahmet Yılmaz"))
    store.add(person("Lmazan Test"))
    monkeypatch.setattr(store, "_trigrams", False)
    assert [c.name for c in store.search("ilma")] == ["Ahmet Yılmaz"]
    # A prefix match exists, so the scan is skipped and "Yılmaz" is not added.
    assert [c.name for c in store.search("lmaz")] == ["Lmazan Test"]


def test_trigram_index_is_used_when_sqlite_has_fts5(store):
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no FTS5 trigram tokenizer")
    finally:
        con.close()
    assert store._trigrams


def test_later_migrations_run_once_on_existing_files(tmp_path, monkeypatch):
    from ccs_desktop.core import database as store_module

    path = tmp_path / "c.db"
    with ContactStore(path) as store:
        saved = store.add(person("Ali", "0532 123 45 67"))

    def v2(db):
        db.execute(
            "CREATE TABLE contact_tags (contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE, text TEXT)"
        )

    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, v2])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with ContactStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION + 1
        assert store.get(saved.id).name == "Ali"
    with ContactStore(path) as store:  # v2 must not run again (CREATE TABLE would fail)
        assert store.count() == 1


def test_failed_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    from ccs_desktop.core import database as store_module

    path = tmp_path / "c.db"
    ContactStore(path).close()

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk on fire")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, broken])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(InvalidInput, match="disk on fire"):
        ContactStore(path)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    raw.close()


@pytest.mark.parametrize("walk_seconds", [0.0, 10.0])
def test_broad_search_gives_the_same_answer_whether_it_walks_or_gathers(store, monkeypatch, walk_seconds):
    from ccs_desktop.core.contacts import store as store_module

    with store.transaction():
        for i in range(2100):
            store.add(person(f"Ali {i:04d}"))
            store.add(person(f"Zeynep {i:04d}", favourite=(i == 2000)))
    monkeypatch.setattr(store_module, "_WALK_SECONDS", walk_seconds)
    # "z" matches 2100 contacts (broad), all after every "Ali": a walk has to pass them all first.
    found = [c.name for c in store.search("z", limit=4)]
    assert found == ["Zeynep 2000", "Zeynep 0000", "Zeynep 0001", "Zeynep 0002"]


def test_search_uses_its_first_words_and_never_crashes_on_a_pasted_paragraph(store):
    from ccs_desktop.core.contacts.store import MAX_TERMS

    store.add(person("Ahmet Yılmaz", "0532 123 45 67", company="Koç Holding"))
    words = " ".join(f"word{i}" for i in range(1000))
    assert store.search(words) == []  # was: sqlite3.OperationalError "Expression tree is too large"
    assert store.search("1 " * 1000) == []
    assert [c.name for c in store.search("ahmet " * 1000)] == ["Ahmet Yılmaz"]
    # only the first MAX_TERMS words count: a match on those is found whatever follows
    query = "yilmaz koc " + " ".join(["ahmet"] * (MAX_TERMS - 2)) + " nomatch"
    assert [c.name for c in store.search(query)] == ["Ahmet Yılmaz"]


def test_version_2_files_gain_the_flagged_number_columns(tmp_path, monkeypatch):
    from ccs_desktop.core import database

    path = tmp_path / "old.db"
    monkeypatch.setattr(database, "MIGRATIONS", database.MIGRATIONS[:2])
    with ContactStore(path) as old:
        old._db.execute("INSERT INTO contacts (name, sort_name, folded) VALUES ('Ali', 'ali', 'ali')")
        old._db.execute(
            "INSERT INTO numbers (contact_id, position, e164, label, nsn, rdigits, favourite, sort_name)"
            " VALUES (1, 0, '+905321234567', 'mobile', '5321234567', '765432123509', 0, 'ali')"
        )
    monkeypatch.undo()
    with ContactStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 4
        assert store.get(1).numbers == [ContactNumber("+905321234567", "mobile")]
        flagged = store.add(person("Jane", "+44 7700 900123"))
        assert flagged.numbers == [ContactNumber("+447700900123", "", flagged=True, typed="+44 7700 900123")]


def test_restore_brings_a_deleted_contact_back_whole_with_its_id(store):
    """Undo of a delete: the same id, numbers (searchable again), notes, favourite and CRM key."""
    saved = store.add(person("Ayşe Demir", "0533 775 15 19", "0212 555 12 34", notes="sabah", favourite=True))
    saved = store.update(Contact(**{**saved.__dict__, "external_id": "crm-7"}))
    later = store.add(person("Zeki Ak", "0532 123 45 67"))  # so the deleted id is not the highest
    assert store.delete(saved.id)
    back = store.restore(saved)
    assert back == saved and store.get(saved.id) == saved
    assert [c.id for c in store.find_by_number("05337751519")] == [saved.id]
    assert [c.id for c in store.search("ayşe")] == [saved.id]
    store.delete(saved.id)
    store.delete(later.id)
    # the highest id is free now: SQLite hands it out again
    taken = store.add(person("Emre Koç", "0536 919 95 20"))
    saved = Contact(**{**saved.__dict__, "id": taken.id})
    again = store.restore(saved)
    assert taken.id == saved.id and again.id != saved.id and store.get(taken.id).name == "Emre Koç"
    assert store.get(again.id).numbers == saved.numbers


def test_two_full_numbers_that_share_their_last_seven_digits_are_two_people(store):
    """From the review: a blocklisted 0216 555 12 34 flagged 0212 555 12 34 as spam through the 7-digit fallback."""
    istanbul_asian = store.add(person("Kadıköy", "0216 555 12 34"))
    assert store.find_by_number("0212 555 12 34") == []
    assert [c.id for c in store.find_by_number("+90 216 555 12 34")] == [istanbul_asian.id]
    assert [c.id for c in store.find_by_number("555 12 34")] == [istanbul_asian.id]  # typed short: its ending


def test_a_number_lookup_keeps_only_the_closest_match_in_the_order_the_numbers_were_saved(store):
    istanbul = store.add(person("Istanbul", "+90 532 123 45 67"))
    german = store.add(person("German", "+49 532 1234567"))  # the same national number in another country
    assert [c.id for c in store.find_by_number("+90 532 123 45 67")] == [istanbul.id]  # E.164 wins
    assert [c.id for c in store.find_by_number("+44 532 123 4567")] == [istanbul.id, german.id]  # national


def test_a_contact_found_through_two_of_its_numbers_comes_once_with_all_its_numbers(store):
    both = store.add(person("Both", "0532 123 45 67", "0212 123 45 67", "0533 999 99 99"))
    found = store.find_by_number("123 45 67")  # the last seven digits of two of its numbers
    assert found == [store.get(both.id)]
    assert [n.e164 for n in found[0].numbers] == ["+905321234567", "+902121234567", "+905339999999"]


def test_a_number_saved_by_another_connection_is_found_at_once(store, tmp_path):
    """Nothing about the numbers is cached but the parsed text: a save by another process (the CLI, an import's
    own store) is found by the next look-up, and a number deleted there is gone."""
    assert store.find_by_number("0532 123 45 67") == []
    with ContactStore(tmp_path / "contacts.db") as other:
        saved = other.add(person("Elsewhere", "0532 123 45 67"))
        assert [c.id for c in store.find_by_number("0532 123 45 67")] == [saved.id]
        other.delete(saved.id)
    assert store.find_by_number("0532 123 45 67") == []


def test_the_first_contacts_come_in_display_order_favourites_first(store):
    for name, favourite in (("Zeynep", False), ("ahmet", False), ("Ömer", True), ("Büşra", False)):
        store.add(Contact(None, name, "", [], favourite=favourite))
    assert [c.name for c in store.first(3)] == ["Ömer", "ahmet", "Büşra"]
    assert [c.name for c in store.first(10)] == [c.name for c in store.all()]
