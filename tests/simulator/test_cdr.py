"""reportsCDRLogs over real HTTP: keyset paging, filters, lookups, validation, and the seeded data."""

from __future__ import annotations

import io
import math
import wave
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from ccs_desktop.simulator import Simulator
from tests.simulator.conftest import WIDE, Client, fast_config

SEEDED = 1234
FIELDS = {
    "callid", "queued", "answered", "assigned", "abandon", "queuedate", "calldate", "talkdate", "hangupdate",
    "waitduration", "duration", "sl", "shortcall", "callerid", "called_num", "queue", "around", "agent",
    "agentid", "hold", "holdduration", "queuekey", "voicemail", "recordingurl", "localrelease", "transferred",
    "answeredby", "status", "hangupcause", "inbound", "click2call", "uniqueid", "callkey",
}  # fmt: skip


@pytest.fixture(scope="module", params=["empty-page", "no-cursor"])
def seeded(request: pytest.FixtureRequest) -> Iterator[Client]:
    sim = Simulator(fast_config(seed_calls=SEEDED, paging_end=request.param))
    sim.start()
    client = Client(sim)
    try:
        yield client
    finally:
        client.close()
        sim.stop()


@pytest.fixture(scope="module")
def everything(seeded: Client) -> list[dict]:
    return [r for page in seeded.pages(**WIDE) for r in page["CallList"]]


def ids(records: list[dict]) -> list[str]:
    return [r["callid"] for r in records]


@pytest.mark.parametrize("sorting", [None, "desc", "asc"])
def test_paging_returns_every_record_exactly_once(seeded: Client, sorting: str | None):
    params = dict(WIDE, sorting=sorting) if sorting else dict(WIDE)
    pages = seeded.pages(**params)
    records = [r for page in pages for r in page["CallList"]]
    assert len(records) == SEEDED
    assert len(set(ids(records))) == SEEDED
    assert all(len(page["CallList"]) <= 100 for page in pages)
    keys = [(r["calldate"], r["callid"]) for r in records]
    assert keys == sorted(keys, reverse=sorting != "asc")
    full_pages = math.ceil(SEEDED / 100)
    if seeded.sim.config.paging_end == "empty-page":
        assert len(pages) == full_pages + 1
        assert pages[-1] == {"CallList": [], "cursor": ""}
        assert all(page["cursor"] for page in pages[:-1])
    else:
        assert len(pages) == full_pages
        assert "cursor" not in pages[-1]
        assert len(pages[-1]["CallList"]) == SEEDED % 100
        assert all(page["cursor"] for page in pages[:-1])


def test_records_have_the_ccs_fields(everything: list[dict]):
    for record in everything:
        assert set(record) == FIELDS
        assert record["callkey"] == record["callid"]
        assert (record["duration"] is None) == (not record["answered"])
        assert (record["recordingurl"] != "") == record["answered"]
        datetime.strptime(record["calldate"], "%Y-%m-%d %H:%M:%S")


def test_filters_match_the_unfiltered_records(seeded: Client, everything: list[dict]):
    demo = seeded.sim.cc.tenant.demo_agent
    support = next(r["queuekey"] for r in everything if r["queue"] == "Destek")

    def fetch(**params: str) -> list[str]:
        found = ids([r for page in seeded.pages(**WIDE, **params) for r in page["CallList"]])
        assert len(found) == len(set(found))
        return found

    by_agent = [r["callid"] for r in everything if r["agentid"] == demo.agentid]
    assert 0 < len(by_agent) < len(everything)
    assert fetch(agent_username=demo.email.upper()) == by_agent
    assert fetch(agent=demo.agentid) == by_agent
    assert fetch(agent=demo.agentid, agent_username="elif.kaya@demo.callcenterstudio.com") == []
    assert fetch(agent_username="nobody@example.com") == []
    by_queue = [r["callid"] for r in everything if r["queuekey"] == support]
    assert 0 < len(by_queue) < len(everything)
    assert fetch(queue=support) == by_queue
    untransferred = [r["callid"] for r in everything if not r["transferred"]]
    assert 0 < len(untransferred) < len(everything)
    assert fetch(untransferred="true") == untransferred
    with_csat = fetch(csat_only="true", include_csat="true")
    assert 0 < len(with_csat) < len(everything)


def test_include_flags_add_csat_tags_and_history(seeded: Client):
    page = seeded.cdr(**WIDE, csat_only="true", include_csat="true", include_call_tags="true",
                      include_call_history="true")  # fmt: skip
    assert page["CallList"]
    for record in page["CallList"]:
        assert 1 <= record["csat"]["score"] <= 5
        assert isinstance(record["csat"]["survey"], str) and record["csat"]["survey"]
        assert isinstance(record["call_tags"], list)
        history = record["call_history"]
        assert history[0] == {"event": "start", "date": record["calldate"]}
        assert history[-1] == {"event": "hangup", "date": record["hangupdate"]}
    assert any(record["call_tags"] for record in page["CallList"])
    plain = seeded.cdr(**WIDE)["CallList"][0]
    assert not {"csat", "call_tags", "call_history"} & set(plain)


def test_date_range_is_inclusive_and_tenant_local(seeded: Client, everything: list[dict]):
    moment = everything[len(everything) // 2]["calldate"]
    found = [r for page in seeded.pages(startdate=moment, finishdate=moment) for r in page["CallList"]]
    assert moment in [r["calldate"] for r in found]
    assert {r["calldate"] for r in found} == {moment}
    assert len(found) == sum(1 for r in everything if r["calldate"] == moment)
    # the newest record is from the last 30 days in Istanbul time (UTC+3), never in the future
    local_now = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=3)
    newest = datetime.strptime(everything[0]["calldate"], "%Y-%m-%d %H:%M:%S")
    oldest = datetime.strptime(everything[-1]["calldate"], "%Y-%m-%d %H:%M:%S")
    assert newest <= local_now
    assert oldest >= local_now - timedelta(days=31)


def test_cursor_misuse_is_rejected(seeded: Client):
    first = seeded.cdr(**WIDE)
    cursor = first["cursor"]
    assert cursor and "=" not in cursor
    assert seeded.cdr(**WIDE, cursor=cursor)["CallList"][0]["callid"] != first["CallList"][0]["callid"]
    invalid = {"success": False, "message": "Invalid cursor"}
    assert seeded.cdr(**WIDE, cursor=cursor, sorting="asc") == invalid
    assert seeded.cdr(**WIDE, cursor=cursor, queue="ag-other") == invalid
    assert (
        seeded.cdr(startdate="2000-01-01 00:00:01", finishdate=WIDE["finishdate"], cursor=cursor) == invalid
    )
    assert seeded.cdr(**WIDE, cursor="garbage!") == invalid
    assert seeded.cdr(**WIDE, cursor="E-ABAIICO2oSc35tdXN0ZXJp") == invalid
    tampered = cursor[:-3] + ("AAA" if cursor[-3:] != "AAA" else "BBB")
    assert seeded.cdr(**WIDE, cursor=tampered) == invalid
    # include_* flags do not change which records match, so the cursor stays valid with them
    assert seeded.cdr(**WIDE, cursor=cursor, include_csat="true")["CallList"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"finishdate": WIDE["finishdate"]}, "Invalid startdate: expected YYYY-MM-DD HH:MM:SS"),
        ({"startdate": WIDE["startdate"]}, "Invalid finishdate: expected YYYY-MM-DD HH:MM:SS"),
        ({"startdate": "2024-01-01", "finishdate": WIDE["finishdate"]}, "Invalid startdate: expected YYYY-MM-DD HH:MM:SS"),
        ({"startdate": WIDE["startdate"], "finishdate": "01.01.2030 10:00:00"}, "Invalid finishdate: expected YYYY-MM-DD HH:MM:SS"),
        ({"startdate": "2024-02-30 00:00:00", "finishdate": WIDE["finishdate"]}, "Invalid startdate: expected YYYY-MM-DD HH:MM:SS"),
        ({"startdate": "2024-01-02 00:00:00", "finishdate": "2024-01-01 23:59:59"}, "startdate is after finishdate"),
        ({**WIDE, "sorting": "newest"}, "Invalid sorting: expected asc or desc"),
    ],
)  # fmt: skip
def test_bad_parameters_are_refused(seeded: Client, params: dict, message: str):
    assert seeded.cdr(**params) == {"success": False, "message": message}


def test_bad_app_token_is_refused(seeded: Client):
    refused = {"success": False, "message": "Invalid app_token"}
    assert seeded.api("reportsCDRLogs", app_token="agWRONG", **WIDE) == refused
    assert seeded.api("reportsCDRLogs", **WIDE) == refused
    assert seeded.api("reportsCDRLogs", app_token="agWRONG", callkey="x") == refused


def test_exclusive_lookups_ignore_other_filters(seeded: Client, everything: list[dict]):
    a, b = everything[3], next(r for r in everything if r["uniqueid"] and r is not everything[3])
    end = {"cursor": ""} if seeded.sim.config.paging_end == "empty-page" else {}
    excluding = {"startdate": "2000-01-01 00:00:00", "finishdate": "2000-01-02 00:00:00", "agent": "nobody"}
    assert seeded.cdr(callkey=a["callid"]) == {"CallList": [a], **end}
    assert seeded.cdr(callkey=a["callid"], **excluding) == {"CallList": [a], **end}
    assert seeded.cdr(uniqueid=b["uniqueid"], **excluding)["CallList"] == [b]
    # activecallkey wins, then uniqueid
    assert seeded.cdr(activecallkey=a["callid"], uniqueid=b["uniqueid"])["CallList"] == [a]
    assert seeded.cdr(uniqueid=b["uniqueid"], callkey=a["callid"])["CallList"] == [b]
    assert seeded.cdr(callkey="agUNKNOWN") == {"CallList": [], **end}
    assert seeded.cdr(activecallkey="agUNKNOWN", callkey=a["callid"]) == {"CallList": [], **end}


def test_records_arriving_mid_paging_are_neither_repeated_nor_skipped(make_client):
    client = make_client(seed_calls=250)
    session = client.login()
    params = {"startdate": "2000-01-01 00:00:00", "finishdate": "2100-01-01 00:00:00", "sorting": "asc"}
    first = client.cdr(**params)
    # a new record (ends at once: CONGESTION) lands after everything seeded, i.e. in a page still to come
    placed = client.api("click2call", session=session, phonenumber="05321234568")
    assert client.record(placed["activecallkey"])["status"] == "CONGESTION"
    rest, cursor = [], first["cursor"]
    while cursor:
        page = client.cdr(**params, cursor=cursor)
        rest += page["CallList"]
        cursor = page.get("cursor", "")
    seen = ids(first["CallList"] + rest)
    assert len(seen) == len(set(seen)) == 251
    assert seen[-1] == placed["activecallkey"]
    # newest first: the new record is ahead of the cursor, so the remaining pages are exactly the old records
    desc = client.cdr(startdate=params["startdate"], finishdate=params["finishdate"])
    client.api("click2call", session=session, phonenumber="05321234568")
    later = [r for page in client.pages(startdate=params["startdate"], finishdate=params["finishdate"],
                                        cursor=desc["cursor"]) for r in page["CallList"]]  # fmt: skip
    assert len(ids(desc["CallList"] + later)) == len(set(ids(desc["CallList"] + later))) == 251


def test_seeded_data_looks_like_a_turkish_call_center(seeded: Client, everything: list[dict]):
    demo = seeded.sim.cc.tenant.demo_agent
    assert demo.name == "Deniz Yılmaz"
    assert sum(r["agentid"] == demo.agentid for r in everything) > len(everything) / 2
    assert {"Satış", "Destek", "Tahsilat", "Geri Arama"} <= {r["queue"] for r in everything}
    assert {"Deniz Yılmaz", "Elif Kaya"} <= {r["agent"] for r in everything}
    inbound = [r for r in everything if r["inbound"]]
    outbound = [r for r in everything if not r["inbound"]]
    assert len(inbound) > 300 and len(outbound) > 200
    assert any(r["abandon"] for r in inbound)
    assert {"ANSWER", "NOANSWER", "BUSY"} <= {r["status"] for r in outbound}
    remote = [r["callerid"] if r["inbound"] else r["called_num"] for r in everything]
    assert any(n.startswith("05") for n in remote)
    assert any(n.startswith("905") for n in remote)
    assert any(n.startswith(("0212", "0216", "0312")) for n in remote)
    assert any(n.startswith(("+4", "+3", "+9", "00")) and not n.startswith("+90") for n in remote)
    assert Counter(remote).most_common(1)[0][1] >= 10  # regular customers call again and again
    hours = Counter(int(r["calldate"][11:13]) for r in everything)
    assert sum(hours[h] for h in range(9, 18)) > 0.85 * len(everything)
    answered = [r for r in everything if r["answered"]]
    assert all(r["recordingurl"] == f"{seeded.sim.base_url}/recordings/{r['callid']}.wav" for r in answered)
    talk = sorted(r["duration"] for r in answered)
    assert 30 <= talk[len(talk) // 2] <= 400


def test_seed_is_deterministic():
    one, two, other = (Simulator(fast_config(seed_calls=20, random_seed=s)) for s in (7, 7, 8))
    for sim in (one, two, other):
        sim.cc.seed()
    assert one.app_token == two.app_token != other.app_token
    assert ids(one.cc.store._records) == ids(two.cc.store._records)
    assert ids(one.cc.store._records) != ids(other.cc.store._records)


def test_recordings_are_served_for_answered_calls(seeded: Client, everything: list[dict]):
    answered = next(r for r in everything if r["answered"])
    response = seeded.http.get(answered["recordingurl"], timeout=5)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "audio/wav"
    with wave.open(io.BytesIO(response.content)) as wav:
        assert 1.0 <= wav.getnframes() / wav.getframerate() <= 2.0
    missed = next(r for r in everything if not r["answered"])
    assert seeded.get(f"/recordings/{missed['callid']}.wav").status_code == 404
    assert seeded.get("/recordings/agUNKNOWN.wav").status_code == 404
