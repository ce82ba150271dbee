"""Parsing and de-duplication of CCS call notifications (ccs-api.md §3.1, §3.3), without a socket."""

from __future__ import annotations

import threading
from urllib.parse import urlencode

import pytest

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.notifications import (
    END,
    HANGUP,
    RING,
    CallNotification,
    Deduper,
    ParamNames,
    new_token,
    parse_hangup,
    parse_ivr,
)

KEY = "agxzfmFsb3RlY2hhcHByEgsSBUNhbGxzGICAgICAgIAKDA"


def ivr(**params: str) -> str:
    return urlencode(params)


def test_ring_with_the_default_macro_names():
    n = parse_ivr(
        ivr(
            call_callerid="+905321234567",
            call_activecallkey=KEY,
            call_agent_email="ayse@demo.com",
            queue="Destek",
            CustomerPassword="1234",
        )
    )
    assert (n.kind, n.key, n.callerid, n.agent_email, n.queue) == (
        RING,
        KEY,
        "+905321234567",
        "ayse@demo.com",
        "Destek",
    )
    assert n.duration is None
    assert n.fields["CustomerPassword"] == "1234"  # tenant IVR variables are kept
    assert n.dedupe_key == (RING, KEY)
    assert n.received > 0


def test_a_duration_makes_it_the_end_of_the_call():
    n = parse_ivr(ivr(call_activecallkey=KEY, call_duration="42"))
    assert (n.kind, n.duration) == (END, 42)


def test_custom_names_as_an_admin_chose_them():
    names = ParamNames(callerid="num", activecallkey="CallID", agent_email="who", duration="secs", queue="q")
    n = parse_ivr(ivr(CallID=KEY, num="05321234567", who="a@b.c", q="Satis", secs="7"), names)
    assert (n.kind, n.key, n.callerid, n.agent_email, n.queue, n.duration) == (
        END,
        KEY,
        "05321234567",
        "a@b.c",
        "Satis",
        7,
    )
    with pytest.raises(InvalidInput, match="without CallID"):
        parse_ivr(ivr(call_activecallkey=KEY), names)  # the default name no longer counts


@pytest.mark.parametrize(
    "query", ["", "call_callerid=123", "call_activecallkey=", "call_activecallkey=%20%20"]
)
def test_no_call_key_is_invalid_input(query):
    with pytest.raises(InvalidInput) as info:
        parse_ivr(query)
    assert str(info.value) == "call notification without call_activecallkey"


def test_unexpanded_macros_count_as_missing():
    with pytest.raises(InvalidInput):
        parse_ivr("call_activecallkey={{call_activecallkey}}")
    n = parse_ivr(f"call_activecallkey={KEY}&call_duration={{{{call_duration}}}}")
    assert (n.kind, n.duration) == (RING, None)


@pytest.mark.parametrize("text", ["abc", "-3", "nan", "inf", "1e999"])
def test_a_bad_duration_is_none_not_a_crash(text):
    n = parse_ivr(ivr(call_activecallkey=KEY, call_duration=text))
    assert (n.kind, n.duration) == (END, None)


def test_first_value_wins_and_fractions_round():
    n = parse_ivr(f"call_activecallkey={KEY}&call_activecallkey=other&call_duration=12.6")
    assert (n.key, n.duration) == (KEY, 13)


def test_hangup_form():
    body = urlencode(
        {
            "call_id": KEY,
            "caller_id": "908502220000",
            "called_num": "0532 123 45 67",
            "call_date": "2026-11-25 18:00:00",
            "transaction_id": "crm-42",
            "agent_username": "ayse@demo.com",
            "duration": "17",
            "disposition": "ANSWER",
            "tenant": "demo",
        }
    )
    n = parse_hangup(body)
    assert n == CallNotification(
        kind=HANGUP,
        key=KEY,
        callerid="908502220000",
        agent_email="ayse@demo.com",
        duration=17,
        transaction_id="crm-42",
        disposition="ANSWER",
        called_num="0532 123 45 67",
        call_date="2026-11-25 18:00:00",
    )
    assert n.fields["tenant"] == "demo"
    assert parse_hangup(urlencode({"call_id": KEY, "duration": "x"})).duration is None
    with pytest.raises(InvalidInput, match="hangup notification without call_id"):
        parse_hangup("transaction_id=crm-42")


def test_notifications_are_immutable_and_hashable():
    n = parse_ivr(ivr(call_activecallkey=KEY))
    with pytest.raises(TypeError):
        n.fields["x"] = "y"  # type: ignore[index]
    assert hash(n) == hash(parse_ivr(ivr(call_activecallkey=KEY)))
    with pytest.raises(ValueError, match="kind"):
        CallNotification(kind="ringing", key=KEY)


def test_deduper_pops_a_ring_once_but_ring_and_end_both():
    deduper = Deduper()
    ring = parse_ivr(ivr(call_activecallkey=KEY))
    assert deduper.first_time(ring)
    assert not deduper.first_time(parse_ivr(ivr(call_activecallkey=KEY, call_callerid="other")))
    assert deduper.first_time(parse_ivr(ivr(call_activecallkey=KEY, call_duration="3")))
    assert not deduper.first_time(parse_ivr(ivr(call_activecallkey=KEY, call_duration="4")))
    assert deduper.first_time(parse_hangup(f"call_id={KEY}"))
    assert deduper.first_time(parse_ivr(ivr(call_activecallkey="another")))


def test_deduper_is_bounded_and_forgets_the_least_recent():
    deduper = Deduper(size=3)
    events = [CallNotification(kind=RING, key=str(i)) for i in range(4)]
    for event in events[:3]:
        assert deduper.first_time(event)
    assert not deduper.first_time(events[0])  # seen again: now the most recent
    assert deduper.first_time(events[3])  # evicts 1, the least recent
    assert len(deduper) == 3
    assert not deduper.first_time(events[0])
    assert deduper.first_time(events[1])
    with pytest.raises(ValueError):
        Deduper(size=0)


def test_deduper_under_threads_lets_exactly_one_through():
    deduper = Deduper()
    event = CallNotification(kind=RING, key=KEY)
    wins: list[bool] = []
    start = threading.Barrier(8)

    def race() -> None:
        start.wait()
        wins.extend(deduper.first_time(event) for _ in range(200))

    threads = [threading.Thread(target=race) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wins.count(True) == 1


def test_new_tokens_are_url_safe_and_distinct():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(t) == 32 and t.replace("-", "").replace("_", "").isalnum() for t in tokens)
