"""The CardDAV source against a real Radicale on loopback (tests/support/carddav_server.py): discovery, every
address book, first and incremental sync with sync-collection and with the ctag/etag fallback, bad cards,
failures in words."""

from __future__ import annotations

import json

import pytest

from ccs_desktop.core.directories.carddav import CardDavConfig, CardDavSource
from ccs_desktop.core.directories.source import (
    DirectoryAuthFailed,
    DirectoryError,
    DirectoryNumber,
    DirectoryUnreachable,
)
from tests.support.carddav_server import PASSWORD, USER, vcard
from tests.support.ldap_server import free_port

# Radicale takes it (vobject reads it), but its base64 name is in a charset Python does not know.
BROKEN = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:broken\r\nFN;ENCODING=b;CHARSET=x-unknown:SGVsbG8=\r\nEND:VCARD\r\n"
)


def fill(server):
    server.make_book("work", "Work")
    server.make_book("family", "Family")
    server.put(
        "work",
        "ayse",
        vcard(
            "ayse",
            "Ayşe Yılmaz",
            "TEL;TYPE=CELL:0532 123 45 67",
            "TEL;TYPE=WORK,VOICE:+90 212 555 00 00 ext. 123",
            "EMAIL;TYPE=INTERNET:ayse@example.com",
            "URL:https://crm.example.com/customers/17",
            company="Koç Holding",
        ),
    )
    server.put("work", "broken", BROKEN)
    server.put("family", "mehmet", vcard("mehmet", "Mehmet Demir", "TEL;TYPE=HOME:0216 444 00 00"))


def source(server, url=None, **overrides):
    config = CardDavConfig(**{"url": url or server.root, "username": USER, **overrides})
    return CardDavSource("nextcloud", config, PASSWORD)


def uids(result):
    return sorted(entry.uid for entry in result.entries)


@pytest.mark.parametrize("start", ["root", "well-known", "principal"])
def test_discovery_finds_every_address_book(radicale_server, start):
    fill(radicale_server)
    url = {
        "root": radicale_server.root,
        "well-known": radicale_server.root + ".well-known/carddav",
        "principal": radicale_server.root + USER + "/",
    }[start]
    text = source(radicale_server, url).test()
    assert "Work" in text and "Family" in text
    result = source(radicale_server, url).fetch({})
    assert uids(result) == ["/agent/family/mehmet.vcf", "/agent/work/ayse.vcf"]


def test_an_address_book_url_is_used_alone(radicale_server):
    fill(radicale_server)
    result = source(radicale_server, radicale_server.book_url("family")).fetch({})
    assert uids(result) == ["/agent/family/mehmet.vcf"]


def test_first_sync_maps_the_cards_and_skips_the_broken_one(radicale_server):
    fill(radicale_server)
    result = source(radicale_server, strip_prefix="+90").fetch({})
    assert result.full and not result.removed
    ayse = next(entry for entry in result.entries if entry.uid.endswith("ayse.vcf"))
    assert (ayse.name, ayse.company, ayse.email, ayse.url) == (
        "Ayşe Yılmaz",
        "Koç Holding",
        "ayse@example.com",
        "https://crm.example.com/customers/17",
    )
    assert ayse.numbers == (
        DirectoryNumber("0532 123 45 67", "mobile"),
        DirectoryNumber("212 555 00 00", "work ext. 123"),
    )
    assert [href for href, _ in result.skipped] == ["/agent/work/broken.vcf"]
    assert "x-unknown" in result.skipped[0][1]
    json.dumps(result.state)  # the sync keeps it as JSON


def change(server):
    """An add, a change and a delete, in two books."""
    server.put("work", "ayse", vcard("ayse", "Ayşe Kaya", "TEL;TYPE=CELL:0532 123 45 67"))
    server.put("work", "zeynep", vcard("zeynep", "Zeynep Ak", "TEL:0312 111 22 33"))
    server.delete("family", "mehmet")


def test_incremental_sync_with_sync_collection(radicale_server):
    fill(radicale_server)
    carddav = source(radicale_server)
    first = carddav.fetch({})
    assert all(book["token"] for book in first.state["books"].values())  # RFC 6578 was used
    nothing = carddav.fetch(first.state)
    assert (nothing.full, nothing.entries, nothing.removed) == (False, [], [])
    assert [href for href, _ in nothing.skipped] == ["/agent/work/broken.vcf"]  # still reported, asked again
    change(radicale_server)
    later = carddav.fetch(nothing.state)
    assert not later.full
    assert uids(later) == ["/agent/work/ayse.vcf", "/agent/work/zeynep.vcf"]
    assert next(e for e in later.entries if e.uid.endswith("ayse.vcf")).name == "Ayşe Kaya"
    assert later.removed == ["/agent/family/mehmet.vcf"]


def test_incremental_sync_by_ctag_and_etag_where_sync_collection_is_not_offered(radicale_without_sync):
    server = radicale_without_sync
    fill(server)
    carddav = source(server)
    first = carddav.fetch({})
    assert uids(first) == ["/agent/family/mehmet.vcf", "/agent/work/ayse.vcf"]
    assert not any(book["token"] for book in first.state["books"].values())
    assert all(book["ctag"] and book["etags"] for book in first.state["books"].values())
    nothing = carddav.fetch(first.state)
    assert (nothing.entries, nothing.removed) == ([], [])
    change(server)
    later = carddav.fetch(nothing.state)
    assert uids(later) == ["/agent/work/ayse.vcf", "/agent/work/zeynep.vcf"]
    assert later.removed == ["/agent/family/mehmet.vcf"]
    assert [href for href, _ in later.skipped] == ["/agent/work/broken.vcf"]


def test_a_refused_sync_collection_falls_back_to_etags(radicale_refusing_sync):
    server = radicale_refusing_sync
    fill(server)
    carddav = source(server)
    first = carddav.fetch({})
    assert uids(first) == ["/agent/family/mehmet.vcf", "/agent/work/ayse.vcf"]
    change(server)
    later = carddav.fetch(first.state)
    assert uids(later) == ["/agent/work/ayse.vcf", "/agent/work/zeynep.vcf"]
    assert later.removed == ["/agent/family/mehmet.vcf"]


def test_sync_collection_can_be_turned_off(radicale_server):
    fill(radicale_server)
    result = source(radicale_server, sync_collection=False).fetch({})
    assert not any(book["token"] for book in result.state["books"].values())


def test_an_expired_token_lists_the_book_again_and_removes_what_is_gone(radicale_server):
    fill(radicale_server)
    carddav = source(radicale_server)
    state = json.loads(json.dumps(carddav.fetch({}).state))
    work = state["books"]["/agent/work/"]
    work["token"] = "http://radicale.org/ns/sync/" + "0" * 64  # a token the server never gave
    work["etags"]["/agent/work/gone-meanwhile.vcf"] = '"1"'
    result = carddav.fetch(state)
    assert "/agent/work/gone-meanwhile.vcf" in result.removed
    assert "/agent/work/ayse.vcf" in uids(result)


def test_a_removed_address_book_removes_its_cards(radicale_server):
    fill(radicale_server)
    carddav = source(radicale_server)
    first = carddav.fetch({})
    radicale_server.http.delete(radicale_server.book_url("family")).raise_for_status()
    later = carddav.fetch(first.state)
    assert later.removed == ["/agent/family/mehmet.vcf"] and "/agent/family/" not in later.state["books"]


def test_https_with_the_servers_ca_and_an_untrusted_certificate(radicale_https):
    fill(radicale_https)
    trusted = source(radicale_https, ca_file=radicale_https.http.verify)
    assert uids(trusted.fetch({})) == ["/agent/family/mehmet.vcf", "/agent/work/ayse.vcf"]
    with pytest.raises(DirectoryError) as caught:
        source(radicale_https).fetch({})  # the system's CAs do not know the test CA
    assert type(caught.value) is DirectoryError and "certificate is not trusted" in str(caught.value)


def test_wrong_password_and_server_down(radicale_server):
    fill(radicale_server)
    wrong = CardDavSource("x", CardDavConfig(radicale_server.root, USER), "not-" + PASSWORD)
    with pytest.raises(DirectoryAuthFailed) as caught:
        wrong.fetch({})
    assert PASSWORD not in str(caught.value)
    with pytest.raises(DirectoryAuthFailed):
        wrong.test()
    down = CardDavSource("x", CardDavConfig(f"http://127.0.0.1:{free_port()}/", USER, timeout=2), PASSWORD)
    with pytest.raises(DirectoryUnreachable, match="cannot be reached"):
        down.fetch({})
    with pytest.raises(DirectoryError, match="http://"):
        CardDavSource("x", CardDavConfig("ftp://127.0.0.1/", USER), PASSWORD).fetch({})
