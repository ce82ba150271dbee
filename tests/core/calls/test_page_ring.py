"""Reading a ring from the softphone page's web notification: wording in English and Turkish, numbers anywhere."""

from __future__ import annotations

import pytest

from ccs_desktop.core.calls.page_ring import (
    PageRing,
    call_key,
    find_number,
    find_queue,
    fold,
    parse_page_ring,
)

KEY = "ahRzfm1pNGJpei1jY3MtdHJyEgsSBUNhbGxzGICAgICAgIAKDA"


@pytest.mark.parametrize(
    ("title", "message", "expected"),
    [
        # the simulator's own wording
        ("Incoming call", "+905321234567\nQueue: Destek", PageRing("+905321234567", KEY, "Destek")),
        # a national number with spaces, no queue
        ("Incoming call", "0532 123 45 67", PageRing("+905321234567", KEY, "")),
        # the number in the title, the words in the body
        ("+90 (532) 123-4567", "Incoming call · Queue: Satış", PageRing("+905321234567", KEY, "Satış")),
        # Turkish, upper case with dotted/dotless i, the queue under its Turkish label
        ("GELEN ARAMA", "0212 555 12 34 — Kuyruk: Destek", PageRing("+902125551234", KEY, "Destek")),
        ("Gelen çağrı: 05321234567", "Sıra: Satış", PageRing("+905321234567", KEY, "Satış")),
        ("Ayşe Yılmaz arıyor", "0532 123 45 67", PageRing("+905321234567", KEY, "")),
        ("Telefon çalıyor", "+44 20 7946 0958", PageRing("+442079460958", KEY, "")),
        ("Ahmet is calling", "Mobile: +1 415 555 2671", PageRing("+14155552671", KEY, "")),
        # an internal extension: digits as written
        ("Incoming call from 1005", "", PageRing("1005", KEY, "")),
        # a queue whose name has a digit is not the caller
        ("Incoming call", "Queue: Destek 2\n0532 123 45 67", PageRing("+905321234567", KEY, "Destek 2")),
    ],
)
def test_rings_are_read(title, message, expected):
    assert parse_page_ring(title, message, f" {KEY} ") == expected


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Missed call", "0532 123 45 67"),
        ("Missed incoming call", "+905321234567"),
        ("Cevapsız gelen arama", "0532 123 45 67"),
        ("Kaçırılan arama", "0532 123 45 67"),
        ("New voicemail", "Incoming message from 0532 123 45 67"),
        ("Incoming call ended", "0532 123 45 67"),
        ("Arama sona erdi", "Gelen arama 0532 123 45 67"),
        ("Softphone", "Registered as 1005"),  # a number, but no ring
        ("Connection lost", "Reconnecting…"),
        ("Incoming call", "Unknown number"),  # a ring, but nobody to pop a card for
        ("Incoming call", "0532*****67"),  # a masked caller
        ("Incoming call", "12"),  # too short to be anyone
    ],
)
def test_what_is_not_a_ring_with_a_caller_is_none(title, message):
    assert parse_page_ring(title, message, KEY) is None


def test_a_ring_without_a_tag_has_an_empty_key():
    assert parse_page_ring("Incoming call", "0532 123 45 67", "") == PageRing("+905321234567", "", "")


@pytest.mark.parametrize(
    ("tag", "key"),
    [
        (KEY, KEY),  # CCS's live-call key
        ("3f2b8c1e-9d4a-4b7e-a1c2-0e5f6a7b8c9d", "3f2b8c1e-9d4a-4b7e-a1c2-0e5f6a7b8c9d"),  # a UUID
        (
            "a84b4c76e66710@pc33.atlanta.example.com",
            "a84b4c76e66710@pc33.atlanta.example.com",
        ),  # a SIP Call-ID
        ("incoming-call", ""),  # one fixed tag for every ring
        ("Incoming Call", ""),
        ("ring", ""),
        ("+90 532 123 45 67", ""),  # the caller's number
        ("05321234567", ""),
        ("", ""),
        ("  ", ""),
    ],
)
def test_only_a_tag_that_can_be_a_call_id_is_the_key(tag, key):
    assert call_key(tag) == key
    ring = parse_page_ring("Incoming call", "0532 123 45 67", tag)
    assert ring is not None and ring.key == key


def test_words_match_whole_words_only():
    """ "incomings" or "bitti" inside another word are no ring words / no refusals."""
    assert parse_page_ring("Recalling", "0532 123 45 67", KEY) is None  # "calling" inside a word is no ring
    assert parse_page_ring("Incoming call", "Bittim Ltd. 0532 123 45 67", KEY) is not None


def test_the_region_reads_national_numbers():
    assert parse_page_ring("Incoming call", "020 7946 0958", KEY, region="GB") == PageRing(
        "+442079460958", KEY, ""
    )


def test_fold_reads_turkish_cases_alike():
    assert fold("GELEN ÇAĞRI") == fold("Gelen çağrı") == "gelen cagri"
    assert fold("ARIYOR") == fold("arıyor") == "ariyor"


def test_find_queue_and_number_pieces():
    assert find_queue("Incoming call", "queue - Destek   Hattı | x") == "Destek Hattı"
    assert find_queue("Incoming call", "0532 123 45 67") == ""
    assert find_number("call 14:32, no caller") == ""
    assert find_number("+49 30 901820") == "+4930901820"


def test_long_text_is_read_only_so_far():
    assert parse_page_ring("Incoming call", "x" * 1000 + " 0532 123 45 67", KEY) is None
