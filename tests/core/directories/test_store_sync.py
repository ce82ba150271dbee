"""The directories' store and sync on real SQLite: full and incremental application, the last good copy kept when a
fetch fails, priorities against the local contacts, blocklists, and number look-ups in every format.

The sources here are `Scripted`, a test implementation of our own `Source` protocol (what the LDAP and CardDAV
sources implement); the URL source over real HTTP is in test_url.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore
from ccs_desktop.core.directories.lookup import identify
from ccs_desktop.core.directories.source import (
    DirectoryAuthFailed,
    DirectoryEntry,
    DirectoryNumber,
    DirectoryUnreachable,
    FetchResult,
)
from ccs_desktop.core.directories.store import DirectoryStore, directory_file
from ccs_desktop.core.directories.sync import sync_all, sync_source
from tests.support.clocks import Clock


class Scripted:
    """A Source that gives the results (or raises the errors) it was given, in order, and keeps the states."""

    def __init__(self, name: str, *results: FetchResult | Exception) -> None:
        self.name = name
        self.results = list(results)
        self.states: list[dict[str, Any]] = []

    def fetch(self, state: Mapping[str, Any]) -> FetchResult:
        self.states.append(dict(state))
        result = self.results.pop(0)
        if isinstance(result, Exception):
            raise result
        return result

    def test(self) -> str:
        return "ok"


def entry(uid: str, name: str, *numbers: str, company: str = "") -> DirectoryEntry:
    return DirectoryEntry(uid, name, company, tuple(DirectoryNumber(n, "work") for n in numbers))


AYSE = entry("uid=ayse", "Ayşe Demir", "0532 123 45 67", "2145", company="Demir Lojistik")
MEHMET = entry("uid=mehmet", "Mehmet Kaya", "+90 212 555 12 34")


@pytest.fixture
def store(tmp_path):
    with DirectoryStore(tmp_path / "directories.sqlite3", "TR") as s:
        s.register("AD", "ldap")
        yield s


def test_a_shift_of_look_ups_keeps_a_bounded_memo(store):
    """Every number looked up used to stay parsed for good (a shift's callers); the one parse memo of look-ups
    (core/phone.py lookup_number) is bounded."""
    from ccs_desktop.core.phone import lookup_number

    sync_source(store, Scripted("AD", FetchResult([AYSE, MEHMET], state={"t": 1})), Clock())
    lookup_number.cache_clear()
    for i in range(5000):  # a long shift's distinct callers
        assert store.find_by_number(f"0533 {i:07d}") == []
    info = lookup_number.cache_info()
    assert info.currsize <= info.maxsize == 4096
    assert [h.name for h in store.find_by_number("0532 123 45 67")] == ["Ayşe Demir"]


def test_a_full_sync_stores_entries_found_by_any_number_format_and_by_name(store):
    clock = Clock()
    outcome = sync_source(store, Scripted("AD", FetchResult([AYSE, MEHMET], state={"t": 1})), clock)
    assert outcome.ok and outcome.count == 2 and outcome.error == ""
    for written in ("+905321234567", "0532 123 45 67", "905321234567", "5321234567"):
        assert [h.name for h in store.find_by_number(written)] == ["Ayşe Demir"], written
    assert [h.name for h in store.find_by_number("2145")] == ["Ayşe Demir"]  # an extension, kept as digits
    assert store.find_by_number("0532 000 00 00") == []
    hit = store.find_by_number("02125551234")[0]
    assert (hit.source, hit.uid, hit.numbers) == ("AD", "uid=mehmet", (("+902125551234", "work"),))
    assert [h.name for h in store.search("ayse dem")] == ["Ayşe Demir"]  # folded, word prefixes
    assert [h.name for h in store.search("lojistik")] == ["Ayşe Demir"]  # the company too
    assert [h.name for h in store.search("0212 555")] == ["Mehmet Kaya"]
    assert store.names_for({"5321234567", "2125551234", "5990000000"}) == {
        "5321234567": "Ayşe Demir",
        "2125551234": "Mehmet Kaya",
    }
    status = store.status("AD")
    assert (status.count, status.last_success, status.last_try, status.error) == (2, 1000.0, 1000.0, "")
    assert store.state("AD") == {"t": 1}


def test_incremental_sync_adds_changes_and_removes_and_gets_the_last_state(store):
    clock = Clock()
    source = Scripted(
        "AD",
        FetchResult([AYSE, MEHMET], state={"token": "a"}),
        FetchResult(
            [
                entry("uid=ayse", "Ayşe Demir-Kaya", "0532 123 45 67"),
                entry("uid=new", "Zeynep Ak", "0533 111 22 33"),
            ],
            full=False,
            removed=["uid=mehmet"],
            state={"token": "b"},
        ),
        FetchResult([MEHMET], state={"token": "c"}),
    )
    sync_source(store, source, clock)
    clock.now += 60
    outcome = sync_source(store, source, clock)
    assert source.states == [{}, {"token": "a"}]  # each fetch starts where the last good one left off
    assert outcome.count == 2
    assert sorted(h.name for h in store.entries("AD")) == ["Ayşe Demir-Kaya", "Zeynep Ak"]
    assert store.find_by_number("2145") == []  # the changed entry's numbers were replaced
    assert store.find_by_number("02125551234") == []
    assert store.search("demir")[0].name == "Ayşe Demir-Kaya" and store.search("mehmet") == []
    sync_source(store, source, clock)  # full again: whatever is not in it goes
    assert [h.name for h in store.entries("AD")] == ["Mehmet Kaya"]
    assert store.state("AD") == {"token": "c"}


def test_a_failing_fetch_keeps_the_last_good_copy_and_says_why(store):
    clock = Clock()
    source = Scripted(
        "AD",
        FetchResult([AYSE, MEHMET], state={"token": "a"}),
        DirectoryUnreachable("Cannot reach ldap.example.com: connection refused."),
        DirectoryAuthFailed("The server refused the user name or password."),
    )
    sync_source(store, source, clock)
    clock.now = 2_000.0
    down = sync_source(store, source, clock)
    assert (down.ok, down.count, down.error) == (
        False,
        2,
        "Cannot reach ldap.example.com: connection refused.",
    )
    assert [h.name for h in store.find_by_number("05321234567")] == ["Ayşe Demir"]
    status = store.status("AD")
    assert (status.count, status.last_success, status.last_try) == (2, 1000.0, 2000.0)
    assert status.error == "Cannot reach ldap.example.com: connection refused."
    assert store.state("AD") == {"token": "a"}  # the next try starts from the good sync
    refused = sync_source(store, source, clock)
    assert refused.auth_failed and store.count("AD") == 2


def test_a_result_that_cannot_be_stored_changes_nothing(store, monkeypatch):
    sync_source(store, Scripted("AD", FetchResult([AYSE])), Clock())
    broken = entry("uid=x", "Bozuk", "0533 111 22 33")
    # a store that fails half-way (disk full, a bug): the transaction rolls back, the copy is the old one
    real_put = store._put

    def put(source, e, known):
        if e.uid == "uid=x":
            raise OSError("disk full")
        real_put(source, e, known)

    monkeypatch.setattr(store, "_put", put)
    outcome = sync_source(store, Scripted("AD", FetchResult([MEHMET, broken])), Clock())
    assert not outcome.ok
    assert [h.name for h in store.entries("AD")] == ["Ayşe Demir"]


def test_one_failing_source_does_not_stop_the_others(store):
    store.register("Rehber", "url")
    outcomes = sync_all(
        store,
        [Scripted("AD", DirectoryUnreachable("down")), Scripted("Rehber", FetchResult([MEHMET]))],
        Clock(),
    )
    assert [(o.name, o.ok) for o in outcomes] == [("AD", False), ("Rehber", True)]
    assert store.count("Rehber") == 1


def test_priorities_decide_and_the_card_names_the_source(tmp_path, store):
    store.register("CRM", "url", priority=20)
    sync_source(store, Scripted("AD", FetchResult([AYSE])), Clock())
    sync_source(
        store,
        Scripted("CRM", FetchResult([entry("c1", "A. Demir", "05321234567", company="Müşteri")])),
        Clock(),
    )
    with ContactStore(tmp_path / "contacts.sqlite3", "TR") as contacts:
        caller = identify(contacts, store, "0532 123 45 67")
        assert [f.source for f in caller.facts] == ["AD", "CRM"]
        assert caller.card_text() == "Ayşe Demir (Demir Lojistik) · from AD"

        contacts.add(Contact(None, "Ayşe Hanım", "", [ContactNumber("+905321234567")]))
        caller = identify(contacts, store, "+905321234567")
        assert [f.source for f in caller.facts] == ["local", "AD", "CRM"]  # the agent's own contact first
        # the local contact's name wins; the company it lacks comes from AD, and the card says so
        assert caller.card_text() == "Ayşe Hanım; company Demir Lojistik from AD"

        store.register("AD", "ldap", priority=-1)  # a centre can put a directory before the local contacts
        caller = identify(contacts, store, "+905321234567")
        assert [f.source for f in caller.facts] == ["AD", "local", "CRM"]
        assert caller.card_text() == "Ayşe Demir (Demir Lojistik) · from AD"
        assert identify(contacts, store, "05550000000").card_text() is None


def test_a_blocklist_marks_the_number_whatever_the_others_say(tmp_path, store):
    store.register("Spam", "url", blocklist=True)
    sync_source(store, Scripted("AD", FetchResult([AYSE])), Clock())
    sync_source(
        store,
        Scripted(
            "Spam",
            FetchResult(
                [entry("s1", "Robot arama", "0532 123 45 67"), entry("s2", "Anket", "0850 222 00 00")]
            ),
        ),
        Clock(),
    )
    with ContactStore(tmp_path / "contacts.sqlite3", "TR") as contacts:
        known = identify(contacts, store, "05321234567")
        assert known.blocked and known.blocked_by == ("Spam",)
        assert known.card_text() == "Blocked / spam (Spam) · Ayşe Demir (Demir Lojistik) · from AD"
        only_spam = identify(contacts, store, "0850 222 00 00")
        assert only_spam.card_text() == "Blocked / spam (Spam) · Anket · from Spam"
    assert store.names_for({"8502220000"}) == {}  # the call list never names a caller after a blocklist


def test_removing_a_source_removes_its_rows_only(store):
    store.register("Rehber", "url")
    sync_source(store, Scripted("AD", FetchResult([AYSE])), Clock())
    sync_source(store, Scripted("Rehber", FetchResult([MEHMET])), Clock())
    assert store.remove("AD") and not store.remove("AD")
    assert store.find_by_number("05321234567") == [] and store.count() == 1
    assert [s.name for s in store.statuses()] == ["Rehber"]


def test_the_file_sits_beside_the_contacts_one(tmp_path):
    assert directory_file(tmp_path / "ccs-desktop.sqlite3") == tmp_path / "directories.sqlite3"
    assert directory_file(tmp_path / "demo.sqlite3") == tmp_path / "demo-directories.sqlite3"


def test_a_whole_directory_that_comes_back_empty_keeps_the_last_copy(store):
    """From the review (gonnect#596): a file republished as `[]`, or one whose every item is skipped, must not
    wipe the copy; a directory that was empty from the start is simply empty."""
    clock = Clock()
    source = Scripted(
        "Rehber",
        FetchResult([AYSE, MEHMET]),
        FetchResult([]),
        FetchResult([], skipped=[("item 1", "no number")]),
    )
    assert sync_source(store, source, clock).count == 2
    empty = sync_source(store, source, clock)
    assert not empty.ok and "no entries" in empty.error and store.count("Rehber") == 2
    skipped = sync_source(store, source, clock)
    assert not skipped.ok and "item 1: no number" in skipped.error and store.count("Rehber") == 2
    fresh = sync_source(store, Scripted("New", FetchResult([])), clock)
    assert fresh.ok and fresh.count == 0


def test_a_look_up_reads_the_number_in_the_region_of_the_moment(store):
    """The parsed number is memoised by text and region: a region change (settings) is not answered from the
    memo of the old one."""
    us = entry("uid=us", "Mountain View", "+1 650 253 0000")
    tr = entry("uid=tr", "Istanbul", "+90 650 253 0000")
    sync_source(store, Scripted("AD", FetchResult([us, tr])))
    store.region = "US"
    assert [h.name for h in store.find_by_number("650 253 0000")] == ["Mountain View"]
    store.region = "TR"
    assert [h.name for h in store.find_by_number("650 253 0000")] == ["Istanbul"]
    store.region = "US"
    assert [h.name for h in store.find_by_number("650 253 0000")] == ["Mountain View"]


def test_an_entry_found_through_two_of_its_numbers_comes_once_with_all_its_numbers(store):
    two = entry("uid=two", "İki Numara", "0532 123 45 67", "0212 123 45 67")
    sync_source(store, Scripted("AD", FetchResult([two, MEHMET])))
    hits = store.find_by_number("123 45 67")
    assert [(h.uid, h.numbers) for h in hits] == [
        ("uid=two", (("+905321234567", "work"), ("+902121234567", "work")))
    ]
