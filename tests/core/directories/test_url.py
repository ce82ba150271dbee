"""The directory URL source (MicroSIP's `usersDirectory` format) against a real HTTP server on loopback."""

from __future__ import annotations

import json

import pytest

from ccs_desktop.core.directories.source import DirectoryAuthFailed, DirectoryError, DirectoryUnreachable
from ccs_desktop.core.directories.store import DirectoryStore
from ccs_desktop.core.directories.sync import sync_source
from ccs_desktop.core.directories.url import UrlSource, clamp_refresh, parse_directory, refresh_from
from tests.support.http_files import Reply

JSON = {
    "refresh": 120,
    "items": [
        {
            "name": "Ayşe Demir",
            "company": "Demir Lojistik",
            "number": "0532 123 45 67",
            "mobile": "05337751519",
        },
        {"firstname": "Mehmet", "lastname": "Kaya", "extension": "2145"},
        {"name": "No number"},
        "not an object",
    ],
}
XML = """<?xml version="1.0" encoding="UTF-8"?>
<directory>
  <entries>
    <entry><name>Ayşe Demir</name><number>0532 123 45 67</number><presence>1</presence></entry>
    <entry><name>Santral</name><extension>2145</extension></entry>
    <entry><name>Boş</name></entry>
  </entries>
</directory>
"""


def test_json_and_xml_in_microsips_format():
    entries, skipped, hint = parse_directory(json.dumps(JSON).encode(), "application/json")
    assert [(e.name, e.company, [n.number for n in e.numbers]) for e in entries] == [
        ("Ayşe Demir", "Demir Lojistik", ["0532 123 45 67", "05337751519"]),
        ("Mehmet Kaya", "", ["2145"]),
    ]
    assert [where for where, _why in skipped] == ["item 3", "item 4"] and hint == 120
    entries, skipped, hint = parse_directory(XML.encode(), "text/xml")
    assert [(e.name, [n.number for n in e.numbers]) for e in entries] == [
        ("Ayşe Demir", ["0532 123 45 67"]),
        ("Santral", ["2145"]),
    ]
    assert len(skipped) == 1 and hint is None
    bare = parse_directory(b'[{"name": "A", "number": "101"}]')[0]
    assert [e.name for e in bare] == ["A"]
    with pytest.raises(DirectoryError, match="not valid JSON"):
        parse_directory(b"{nope", "application/json")
    with pytest.raises(DirectoryError, match="neither JSON nor XML"):
        parse_directory(b"hello")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("max-age=600", 600),
        ("public, max-age=5", 60),  # at least a minute
        ("max-age=999999", 86400),  # at most a day
        ("max-age=0", 60),
        ("no-cache", 60),
        ("", 3600),  # says nothing: an hour, as MicroSIP
    ],
)
def test_cache_control_is_clamped(header, seconds):
    assert refresh_from({"Cache-Control": header} if header else {}) == seconds


def test_the_files_own_refresh_counts_when_the_server_says_nothing():
    assert refresh_from({}, 120) == 120 and clamp_refresh(10) == 60


def test_sync_then_304_then_server_down_keeps_the_copy(file_server, tmp_path):
    body = json.dumps(JSON)
    file_server.routes["/dir.json"] = lambda request: (
        Reply(304, b"", {"ETag": '"v1"'})
        if request.headers.get("if-none-match") == '"v1"'
        else Reply(
            200, body, {"Content-Type": "application/json", "ETag": '"v1"', "Cache-Control": "max-age=300"}
        )
    )
    source = UrlSource("Rehber", file_server.url("/dir.json"))
    with DirectoryStore(tmp_path / "d.sqlite3", "TR") as store:
        store.register("Rehber", "url")
        first = sync_source(store, source, lambda: 100.0)
        assert (first.ok, first.count, first.refresh, first.skipped) == (True, 2, 300, 2)
        assert [h.name for h in store.find_by_number("05337751519")] == ["Ayşe Demir"]
        again = sync_source(store, source, lambda: 200.0)
        assert file_server.requests[-1].headers["if-none-match"] == '"v1"'
        assert (again.ok, again.count) == (True, 2)  # unchanged: nothing rewritten, nothing lost
        file_server.stop()
        down = sync_source(store, source, lambda: 300.0)
        assert not down.ok and down.count == 2
        assert down.error.startswith("Cannot reach 127.0.0.1")
        assert [h.name for h in store.find_by_number("2145")] == ["Mehmet Kaya"]
        status = store.status("Rehber")
        assert (status.last_success, status.last_try, status.error) == (200.0, 300.0, down.error)


def test_a_file_behind_basic_auth_and_a_wrong_password(file_server):
    import base64

    good = "Basic " + base64.b64encode(b"rehber:dogru-2026").decode()
    file_server.routes["/secret.xml"] = lambda request: (
        Reply(200, XML, {"Content-Type": "text/xml"})
        if request.headers.get("authorization") == good
        else Reply(401, b"", {"WWW-Authenticate": 'Basic realm="x"'})
    )
    url = file_server.url("/secret.xml")
    result = UrlSource("R", url, auth=("rehber", "dogru-2026")).fetch({})
    assert [e.name for e in result.entries] == ["Ayşe Demir", "Santral"]
    with pytest.raises(DirectoryAuthFailed, match=r"refused the user name or password \(HTTP 401\)"):
        UrlSource("R", url, auth=("rehber", "yanlis")).fetch({})
    with pytest.raises(DirectoryAuthFailed):
        UrlSource("R", url).fetch({})


def test_errors_in_words_without_the_url(file_server):
    file_server.routes["/broken"] = Reply(500, b"oops")
    file_server.routes["/html"] = Reply(200, b"hello", {"Content-Type": "text/plain"})
    with pytest.raises(DirectoryUnreachable, match=r"could not answer now \(HTTP 500\)") as down:
        UrlSource("R", file_server.url("/broken?token=s3cr3t")).fetch({})
    assert "s3cr3t" not in str(down.value)
    with pytest.raises(DirectoryError, match=r"answered HTTP 404"):
        UrlSource("R", file_server.url("/missing")).fetch({})
    with pytest.raises(DirectoryError, match="neither JSON nor XML"):
        UrlSource("R", file_server.url("/html")).fetch({})
