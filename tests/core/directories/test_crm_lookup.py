"""The CRM look-up template against a real HTTP server: dotted keys, the per-number cache (unknown answers too),
header authentication, the timeout, and the rest after a failure."""

from __future__ import annotations

import json
import threading

import pytest

from ccs_desktop.core.directories.crm import CrmLookup, check_lookup_template, dotted
from ccs_desktop.core.directories.source import DirectoryAuthFailed, DirectoryUnreachable
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.phone import parse_number
from tests.support.clocks import Clock
from tests.support.http_files import Reply

AYSE = parse_number("0532 123 45 67", "TR")
UNKNOWN = parse_number("0533 000 00 01", "TR")



def crm_routes(file_server, secret: str = "") -> None:
    def lookup(request):
        if secret and request.headers.get("x-api-key") != secret:
            return Reply(401)
        if "phone=%2B905321234567" in request.path:
            data = {
                "data": {
                    "records": [
                        {
                            "full_name": "Ayşe Demir",
                            "account": {"title": "Demir Lojistik"},
                            "link": "https://crm.example.com/c/42",
                        }
                    ]
                }
            }
            return Reply(200, json.dumps(data), {"Content-Type": "application/json"})
        return Reply(404)

    file_server.routes["/api/lookup"] = lookup


def make(file_server, clock, **kwargs) -> CrmLookup:
    return CrmLookup(
        "CRM",
        file_server.url("/api/lookup?phone={e164}"),
        keys={
            "name": "data.records.0.full_name",
            "company": "data.records.0.account.title",
            "url": "data.records.0.link",
        },
        clock=clock,
        **kwargs,
    )


def test_dotted_keys():
    data = {"a": {"b": [{"c": "x"}, {"c": 5}]}}
    assert (
        dotted(data, "a.b.0.c") == "x" and dotted(data, "a.b.1.c") == "5" and dotted(data, "a.b.-1.c") == "5"
    )
    assert dotted(data, "a.b.2.c") == "" and dotted(data, "a.x") == "" and dotted(data, "a") == ""


def test_a_known_and_an_unknown_number_are_each_asked_once_until_the_cache_expires(file_server):
    crm_routes(file_server)
    clock = Clock(0.0)
    crm = make(file_server, clock, cache_seconds=600)
    hit = crm.look_up(AYSE)
    assert (hit.name, hit.company, hit.url, hit.source) == (
        "Ayşe Demir",
        "Demir Lojistik",
        "https://crm.example.com/c/42",
        "CRM",
    )
    assert file_server.requests[-1].path == "/api/lookup?phone=%2B905321234567"  # {e164}, URL-encoded
    assert crm.look_up(UNKNOWN) is None
    assert crm.look_up(AYSE) == hit and crm.look_up(UNKNOWN) is None
    assert crm.asked == 2  # "unknown" is an answer too, and kept
    clock.now = 601
    crm.look_up(UNKNOWN)
    assert crm.asked == 3


def test_the_secret_goes_in_the_header_and_a_wrong_one_is_said_in_words(file_server):
    crm_routes(file_server, secret="k-123")
    good = make(file_server, Clock(0.0), header="X-Api-Key", secret="k-123")
    assert good.look_up(AYSE).name == "Ayşe Demir"
    assert file_server.requests[-1].headers["x-api-key"] == "k-123"
    bad = make(file_server, Clock(0.0), header="X-Api-Key", secret="wrong")
    with pytest.raises(DirectoryAuthFailed, match=r"HTTP 401") as refused:
        bad.look_up(AYSE)
    assert "wrong" not in str(refused.value)


def test_a_crm_that_does_not_answer_in_time_rests_before_it_is_asked_again(file_server):
    gate = threading.Event()
    file_server.routes["/api/lookup"] = lambda _r: (gate.wait(10), Reply(404))[1]
    clock = Clock(0.0)
    crm = make(file_server, clock, timeout=0.2)
    try:
        with pytest.raises(DirectoryUnreachable, match=r"did not answer within 0\.2 s"):
            crm.look_up(AYSE)
        with pytest.raises(DirectoryUnreachable, match="resting after a failure"):
            crm.look_up(AYSE)  # not asked: the back-off's first wait has not passed
        assert crm.asked == 1
        gate.set()
        clock.now = 3  # Backoff's first wait is 2 s
        assert crm.look_up(AYSE) is None and crm.asked == 2
    finally:
        gate.set()


def test_a_template_must_be_http_and_name_the_number():
    assert check_lookup_template("https://crm.example.com/api/lookup?phone={e164}")
    with pytest.raises(InvalidInput, match=r"must hold \{e164\}"):
        check_lookup_template("https://crm.example.com/api/lookup")
    with pytest.raises(InvalidInput, match="http:// or https://"):
        check_lookup_template("file:///etc/passwd?{e164}")
    with pytest.raises(InvalidInput, match="unknown placeholder"):
        check_lookup_template("https://crm.example.com/{phone}")
