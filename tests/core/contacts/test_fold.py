from __future__ import annotations

import pytest

from ccs_desktop.core.contacts.fold import fold


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("yilmaz", "Yılmaz"),
        ("ISMAIL", "İsmail"),
        ("sahin", "Şahin"),
        ("caglar", "ÇAĞLAR"),
        ("ÇAĞLAR", "caglar"),
        ("ozturk", "Öztürk"),
        ("unal", "Ünal"),
        ("IŞIK", "ışık"),
        ("Hâkim", "hakim"),
        ("josé", "JOSE"),
    ],
)
def test_turkish_spellings_fold_equal(typed, stored):
    assert fold(typed) == fold(stored)


def test_every_i_folds_to_plain_i():
    assert fold("ıIiİ") == "iiii"
    # Python's own lower() gets this wrong: "İ".lower() is "i" plus a combining dot.
    assert len(fold("İ")) == 1


def test_folding_keeps_what_it_should():
    assert fold("Ayşe-Nur 3M") == "ayse-nur 3m"
    assert fold("") == ""
    assert fold("ozturk") != fold("Özdemir")
