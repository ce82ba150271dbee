"""One card per incoming call, whichever witness tells of it first (core/calls/rings.py)."""

from __future__ import annotations

from ccs_desktop.core.calls.rings import RingJoiner, number_digits
from tests.support.clocks import Clock


def test_one_card_per_key_whatever_the_number_says():
    joiner = RingJoiner(Clock())
    assert joiner.admit("k1", "05321234561")
    assert not joiner.admit("k1", "05321234561")  # the poll again, a second later
    assert not joiner.admit("k1", "")  # the answer: CCS keeps inbound true, the key is the identity
    assert joiner.seen("k1")


def test_a_ring_without_a_key_is_joined_by_number_to_the_keyed_one():
    clock = Clock()
    joiner = RingJoiner(clock)
    assert joiner.admit("", "+90 532 123 45 61")  # the page's notification, no tag
    clock.now += 1.5
    assert not joiner.admit("k1", "05321234561")  # the poll, with the key: the same call
    assert joiner.seen("k1")
    assert not joiner.admit("k1", "05321234561")  # and every later poll


def test_a_keyed_ring_then_the_keyless_notification_is_one_call():
    clock = Clock()
    joiner = RingJoiner(clock)
    assert joiner.admit("k1", "05321234561")
    clock.now += 0.5
    assert not joiner.admit("", "0532 123 45 61")


def test_two_keys_are_two_calls_even_from_one_number():
    joiner = RingJoiner(Clock())
    assert joiner.admit("k1", "05321234561")
    assert joiner.admit("k2", "05321234561")


def test_the_join_window_ends():
    clock = Clock()
    joiner = RingJoiner(clock, join_window=30)
    assert joiner.admit("", "05321234561")
    clock.now += 31
    assert joiner.admit("k9", "05321234561")  # a new call of the same caller, later
    clock.now += 31
    assert joiner.admit("", "05321234561")


def test_other_numbers_are_other_calls_and_withheld_ones_join_each_other():
    clock = Clock()
    joiner = RingJoiner(clock)
    assert joiner.admit("", "05321234561")
    assert joiner.admit("", "05330000000")
    assert joiner.admit("", "")  # a withheld number
    assert not joiner.admit("k3", "")  # its keyed ring


def test_keys_are_remembered_up_to_a_bound():
    joiner = RingJoiner(Clock(), remembered=3, join_window=0)
    for key in ("a", "b", "c", "d"):
        assert joiner.admit(key, key)
    assert not joiner.seen("a") and joiner.seen("d")


def test_number_digits_compares_the_last_ten():
    assert number_digits("+90 (532) 123-45-61") == number_digits("05321234561") == "5321234561"
    assert number_digits("") == ""


def test_the_pages_own_key_is_a_hint_that_ccs_key_joins_by_number():
    """A notification's tag may be a SIP Call-ID or a UUID: CCS's key 1.5 s later is the same call."""
    clock = Clock()
    joiner = RingJoiner(clock)
    assert joiner.admit("8c1f-uuid", "05321234561", hint=True)
    clock.now += 1.5
    assert not joiner.admit("CCSKEY", "05321234561")
    assert joiner.seen("CCSKEY")
    assert not joiner.admit("CCSKEY", "05321234561")  # and every later poll
    assert joiner.admit("OTHER", "05321234561")  # another of CCS's keys is another call
