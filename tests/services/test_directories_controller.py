"""The directories controller without the window: the synchronous runner, real SQLite in the test's data dir, and a
real HTTP server for the directory URL and the CRM look-up. Scheduling is checked through the waits it chose (no
timer is waited for)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from ccs_desktop.core.directories.config import DirectoryConfig, find_config, save_config
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.phone import try_parse
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.contacts import ContactsController
from ccs_desktop.services.directories import DirectoriesController, connect_directories
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.stores import Stores
from ccs_desktop.ui.calls_model import CallRecordsModel
from tests.support.http_files import Reply

DIRECTORY = {"items": [{"name": "Ayşe Demir", "company": "Demir Lojistik", "number": "0532 123 45 67"}]}


class Monotonic:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Parts:
    def __init__(self, runner, tmp_path) -> None:
        self.bus = MessageBus()
        self.settings = Settings(tmp_path / "config.ini")
        self.stores = Stores(demo=False, region=lambda: "TR")
        history = CallHistory(
            runner, CallRecordsModel(), self.stores.calls, self.stores.names_for, CallTracker(), self.bus
        )
        self.contacts = ContactsController(runner, self.bus, self.settings, self.stores, history)
        self.secrets: dict[str, str] = {}
        self.monotonic = Monotonic()
        self.directories = DirectoriesController(
            runner,
            self.bus,
            self.settings,
            self.stores,
            clock=lambda: 5_000.0,
            monotonic=self.monotonic,
            secret=lambda config: self.secrets.get(config.name, ""),
            keep_secret=self.keep,
        )
        self.contacts.ask_crm = self.directories.ask_crm
        self.errors: list[str] = []
        self.bus.message.connect(lambda level, text: self.errors.append(text) if level == "error" else None)

    def keep(self, name: str, secret: str | None) -> None:
        if secret is None:
            self.secrets.pop(name, None)
        else:
            self.secrets[name] = secret


@pytest.fixture
def parts(qapp, sync_runner, tmp_path) -> Iterator[Parts]:
    p = Parts(sync_runner, tmp_path)
    yield p
    p.stores.close()


def serve(file_server, cache_control: str = "max-age=900") -> str:
    file_server.routes["/dir.json"] = Reply(
        200, json.dumps(DIRECTORY), {"Content-Type": "application/json", "Cache-Control": cache_control}
    )
    return file_server.url("/dir.json")


def test_a_sync_follows_cache_control_and_backs_off_when_the_server_is_down(parts, file_server):
    save_config(parts.settings, DirectoryConfig("Rehber", "url", serve(file_server)))
    synced, rows, changed = [], [], []
    parts.directories.synced.connect(lambda *a: synced.append(a))
    parts.directories.rows.connect(rows.append)
    parts.directories.changed.connect(lambda: changed.append(True))
    parts.directories.start()
    assert synced == [("Rehber", True, "")] and changed == [True]
    assert parts.directories.waits == {"Rehber": 900.0}  # the file's Cache-Control
    row = rows[-1][0]
    assert (row.config.name, row.status.count, row.status.last_success, row.next_sync_in) == (
        "Rehber",
        1,
        5000.0,
        900.0,
    )

    file_server.stop()
    parts.directories.sync_now("Rehber")
    assert synced[-1][:2] == ("Rehber", False) and "Cannot reach 127.0.0.1" in synced[-1][2]
    assert parts.directories.waits == {"Rehber": 60.0}  # the back-off's first wait, not the file's
    parts.monotonic.now += 60
    parts.directories.sync_now("Rehber")
    assert parts.directories.waits == {"Rehber": 300.0}  # then longer
    assert rows[-1][0].status.count == 1 and rows[-1][0].status.error.startswith("Cannot reach")
    assert parts.errors == []  # a server that is down is a status on the page, not an error box at every try


def test_cards_name_directory_entries_and_the_crm_completes_unknown_ones(parts, file_server):
    save_config(parts.settings, DirectoryConfig("Rehber", "url", serve(file_server)))

    def lookup(request):
        if "phone=%2B905330000001" in request.path:
            return Reply(200, json.dumps({"customer": {"name": "Can Ak", "firm": "Ak Gıda"}}))
        return Reply(404)

    file_server.routes["/api/lookup"] = lookup
    save_config(
        parts.settings,
        DirectoryConfig(
            "CRM",
            "crm",
            file_server.url("/api/lookup?phone={e164}"),
            options={"name_key": "customer.name", "company_key": "customer.firm"},
        ),
    )
    parts.directories.start()
    cards: list[tuple] = []
    parts.contacts.copied_card.connect(lambda *card: cards.append(card))

    known = try_parse("0532 123 45 67", "TR")
    parts.contacts.look_up_copied(known)
    assert [card[2] for card in cards] == ["Ayşe Demir (Demir Lojistik) · from Rehber"]
    crm_asked = len([r for r in file_server.requests if r.path.startswith("/api/lookup")])
    assert crm_asked == 0  # a number a synced source knows never goes to the CRM

    cards.clear()
    named: list[tuple] = []
    parts.contacts.card_named.connect(lambda *card: named.append(card))
    unknown = try_parse("0533 000 00 01", "TR")
    parts.contacts.look_up_copied(unknown)
    assert [card[2] for card in cards] == [None]  # shown at once
    assert named == [(unknown.e164, "Can Ak (Ak Gıda) · from CRM")]  # then named, on the card still showing it

    cards.clear()
    nobody = try_parse("0533 000 00 02", "TR")
    parts.contacts.look_up_copied(nobody)
    parts.contacts.look_up_copied(nobody)
    assert [card[2] for card in cards] == [None, None]
    asked = [r.path for r in file_server.requests if r.path.startswith("/api/lookup")]
    assert asked.count("/api/lookup?phone=%2B905330000002") == 1  # "unknown" is kept too


def test_save_rename_and_remove(parts, file_server):
    url = serve(file_server)
    parts.directories.save(DirectoryConfig("Rehber", "url", url, user="it"), "s3cret")
    assert parts.secrets == {"Rehber": "s3cret"}
    assert parts.stores.directories().count("Rehber") == 1  # saved, then synced
    parts.directories.save(
        DirectoryConfig("IT rehberi", "url", url, user="it", priority=3), None, replaces="Rehber"
    )
    assert parts.secrets == {"IT rehberi": "s3cret"}  # the secret moved with the name
    assert find_config(Settings(parts.settings.path), "Rehber") is None  # saved to the file
    assert [s.name for s in parts.stores.directories().statuses()] == ["IT rehberi"]
    with pytest.raises(InvalidInput):
        parts.directories.save(DirectoryConfig("Bad", "ldap", "http://x"), None)
    parts.directories.remove("IT rehberi")
    assert parts.secrets == {} and parts.stores.directories().statuses() == []
    assert parts.directories.waits == {}


def test_test_connection_says_how_it_went(parts, file_server):
    results = []
    parts.directories.tested.connect(lambda *a: results.append(a))
    parts.directories.test(DirectoryConfig("Rehber", "url", serve(file_server)), None)
    parts.directories.test(DirectoryConfig("Yok", "url", file_server.url("/missing.json")), None)
    assert results[0] == ("Rehber", True, "The directory file answered with 1 entry.")
    assert results[1][:2] == ("Yok", False) and "HTTP 404" in results[1][2]


def test_connect_wires_the_contacts_and_the_call_list(parts):
    directories = connect_directories(
        parts.directories.runner, parts.bus, parts.settings, parts.stores, parts.contacts
    )
    assert parts.contacts.ask_crm == directories.ask_crm


def test_names_for_the_call_list_come_from_the_directories_too(parts, file_server):
    save_config(parts.settings, DirectoryConfig("Rehber", "url", serve(file_server)))
    parts.directories.start()
    assert parts.stores.names_for({"5321234567", "5330000009"}) == {"5321234567": "Ayşe Demir"}


def test_with_the_real_runner_the_sync_runs_in_workers(qapp, qtbot, runner, tmp_path, file_server):
    """Fetch in the net pool, store in the bulk pool, each result back on this thread."""
    p = Parts(runner, tmp_path)
    try:
        save_config(p.settings, DirectoryConfig("Rehber", "url", serve(file_server)))
        with qtbot.waitSignal(p.directories.synced, timeout=10_000) as done:
            p.directories.start()
        assert done.args == ["Rehber", True, ""]
        assert p.directories.waits == {"Rehber": 900.0}
        cards: list[tuple] = []
        p.contacts.copied_card.connect(lambda *card: cards.append(card))
        with qtbot.waitSignal(p.contacts.copied_card, timeout=10_000):
            p.contacts.look_up_copied(try_parse("0532 123 45 67", "TR"))
        assert cards[0][2] == "Ayşe Demir (Demir Lojistik) · from Rehber"
    finally:
        runner.shutdown(wait=True)
        p.stores.close()


def test_a_directory_removed_while_it_syncs_leaves_no_copy_behind(parts, file_server):
    """From the review: the fetch registered the source and its answer was stored after the agent removed it, so
    cards kept naming callers from a deleted directory that could no longer be removed."""
    from ccs_desktop.core.directories.config import remove_config

    def answer_after_the_removal(_request):
        remove_config(parts.settings, "Rehber")  # the agent removes it while the server is answering
        return Reply(200, json.dumps(DIRECTORY), {"Content-Type": "application/json"})

    file_server.routes["/dir.json"] = answer_after_the_removal
    save_config(parts.settings, DirectoryConfig("Rehber", "url", file_server.url("/dir.json")))
    parts.directories.sync_now("Rehber")
    assert parts.stores.directories().statuses() == [] and parts.stores.directories().count() == 0
    assert parts.stores.identify("+905321234567").card_text() is None
