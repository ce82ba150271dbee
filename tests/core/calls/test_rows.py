"""The details pane's sentence about a call, in every case it has to say."""

import pytest

from ccs_desktop.core import i18n
from ccs_desktop.core.calls.rows import CallRow, call_sentence, hours_minutes


def row(
    inbound,
    answered,
    *,
    number="05321234567",
    duration=271,
    wait=12,
    queue="Destek",
    agent="deniz",
    status="",
):
    return CallRow(
        "c1",
        "2026-12-02 10:00:00",
        inbound,
        number,
        number[-10:],
        answered,
        duration,
        wait,
        queue,
        agent,
        "",
        "",
        status,
    )


@pytest.mark.parametrize(
    ("call", "who", "company", "expected"),
    [
        (
            row(True, True),
            "Ayşe Demir",
            "Demir Lojistik",
            "Incoming from Ayşe Demir (Demir Lojistik), answered by you, 4:31, queue Destek",
        ),
        (
            row(True, True, agent="ali"),
            "Ayşe Demir",
            "",
            "Incoming from Ayşe Demir, answered by ali, 4:31, queue Destek",
        ),
        (
            row(True, False, duration=0),
            "0532 123 45 67",
            "",
            "Incoming from 0532 123 45 67, missed, rang 0:12, queue Destek",
        ),
        (
            row(False, True, queue=""),
            "Ayşe Demir",
            "Demir Lojistik",
            "Outgoing to Ayşe Demir (Demir Lojistik), answered, 4:31",
        ),
        (
            row(False, False, duration=0, queue=""),
            "0532 123 45 67",
            "",
            "Outgoing to 0532 123 45 67, no answer",
        ),
        (row(True, False, number="", wait=None, queue=""), "", "", "Incoming from an unknown number, missed"),
        (row(None, True, queue=""), "Ali", "", "Call with Ali, answered by you, 4:31"),
        (row(True, False, status="ringing", wait=None, queue=""), "Ali", "", "Incoming from Ali, ringing"),
    ],
)
def test_the_sentence_says_who_what_and_how_long(call, who, company, expected):
    assert call_sentence(call, who, company, me="Deniz") == expected


def test_the_sentence_and_the_hours_are_turkish_in_turkish():
    i18n.set_language("tr")
    try:
        text = call_sentence(row(True, True), "Ayşe Demir", "Demir Lojistik", me="deniz")
        assert "Ayşe Demir (Demir Lojistik)" in text and "Incoming" not in text and "4:31" in text
        assert "Destek" in text and "queue" not in text
        assert hours_minutes(125) == "0 sa 02 dk"
    finally:
        i18n.set_language("en")


def test_hours_and_minutes():
    assert hours_minutes(125) == "0 h 02 min"
    assert hours_minutes(3 * 3600 + 59 * 60 + 59) == "3 h 59 min"
