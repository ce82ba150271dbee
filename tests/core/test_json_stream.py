"""json_stream.loads answers as json.loads does, for good and broken texts alike."""

from __future__ import annotations

import json
import random

import pytest

from ccs_desktop.core import json_stream

GOOD = [
    "[]",
    "{}",
    " [ ] ",
    '{"items": []}',
    '{"items": [{"name": "Ayşe", "number": "0532 123 45 67"}, {"name": "Ali"}], "refresh": 3600}',
    '[{"a": [1, 2, {"b": [3]}]}, 2, "x", null, true, false, 1.5e3]',
    '{"a": {"b": [1, 2]}, "c": [[1], [2, [3]]], "d": "\\u00e7\\"q"}',
    '{"dup": 1, "dup": 2}',
    "\n\t{\r\n  \"items\" :\n [ 1 ,\n 2 ] \n}\n",
    '"just a string"',
    "42",
    "null",
]
BROKEN = [
    "",
    " ",
    "[",
    "[1,]",
    "[1 2]",
    '{"a": 1,}',
    '{"a" 1}',
    "{a: 1}",
    '{"a": [1, 2}',
    '{"items": [1, 2]] ',
    "[1] x",
    '{"a": [01]}',
    "[NaN-]",
    '{"a": "unterminated}',
    "[1,,2]",
    '{"a":1 "b":2}',
]


@pytest.mark.parametrize("text", GOOD)
def test_it_reads_what_json_reads(text: str):
    assert json_stream.loads(text) == json.loads(text)


@pytest.mark.parametrize("text", BROKEN)
def test_it_refuses_what_json_refuses(text: str):
    with pytest.raises(ValueError):
        json.loads(text)
    with pytest.raises(json.JSONDecodeError):
        json_stream.loads(text)


def random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(7 if depth < 4 else 4)
    if kind == 0:
        return rng.randint(-(10**6), 10**6)
    if kind == 1:
        return "".join(rng.choice('aç "\\/\n\tğ€') for _ in range(rng.randrange(6)))
    if kind == 2:
        return rng.choice([None, True, False, 0.25])
    if kind == 3:
        return rng.random() * 100
    if kind in (4, 5):
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(5))]
    return {f"k{rng.randrange(5)}": random_value(rng, depth + 1) for _ in range(rng.randrange(5))}


def test_random_documents_and_their_mutilations_agree_with_json():
    rng = random.Random(15)
    for _ in range(400):
        text = json.dumps(random_value(rng), ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1]))
        assert json_stream.loads(text) == json.loads(text)
        cut = text[: rng.randrange(len(text) + 1)] + rng.choice(["", ",", "]", "}", " x"])
        try:
            expected = json.loads(cut)
        except ValueError:
            with pytest.raises(json.JSONDecodeError):
                json_stream.loads(cut)
        else:
            assert json_stream.loads(cut) == expected
