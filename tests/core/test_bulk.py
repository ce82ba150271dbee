"""Big jobs, gently: collection pauses while any runs and comes back as it was after the last one; chunked
freeing, decoding and line splitting give what the one-call versions give."""

from __future__ import annotations

import gc
import io
import threading

import pytest

from ccs_desktop.core.bulk import collection_paused, decode, free_in_chunks, freeze_start_up, lines


@pytest.fixture(autouse=True)
def collector_enabled():
    gc.enable()
    yield
    gc.enable()


def test_collection_is_off_while_a_job_runs_and_back_after_it():
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_resumes_only_when_the_last_of_several_jobs_ends_even_from_other_threads():
    first_in, second_done, first_may_end = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with collection_paused():
            first_in.set()
            first_may_end.wait(10)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with collection_paused():
        pass
    second_done.set()
    seen.append(gc.isenabled())  # the first job still runs
    first_may_end.set()
    thread.join(10)
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_job_that_fails_still_resumes_collection():
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("a broken row")
    assert gc.isenabled()


def test_an_embedder_that_turned_collection_off_keeps_it_off():
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


def test_a_big_list_is_emptied_and_what_only_it_held_is_freed():
    class Entry:
        freed = 0

        def __del__(self) -> None:
            Entry.freed += 1

    items = [Entry() for _ in range(5_001)]
    free_in_chunks(items, chunk=1_000)
    assert items == [] and Entry.freed == 5_001


def test_dicts_and_sets_are_emptied_too():
    table, seen = {n: [n] for n in range(5_001)}, set(range(5_001))
    free_in_chunks(table, chunk=1_000)
    free_in_chunks(seen, chunk=1_000)
    assert table == {} and seen == set()


@pytest.mark.parametrize("codec", ["utf-8-sig", "cp1254", "utf-16"])
def test_a_file_decoded_in_chunks_reads_as_one_decoded_at_once(codec):
    text = "\ufeffAd;Telefon\r\n" if codec == "utf-8-sig" else ""
    text += "".join(f"Şule Çağlar Öz {n};0532 {n:07d}\r\n" for n in range(3_000))
    data = text.encode(codec)
    assert "".join(decode(data, codec, chunk=1_001)) == data.decode(codec)


def test_a_broken_byte_fails_as_a_whole_decode_does():
    data = "ğ".encode() * 2_000 + b"\xff" + b"abc"
    with pytest.raises(UnicodeDecodeError):
        decode(data, "utf-8", chunk=100)
    assert "".join(decode(data, "utf-8", errors="replace", chunk=100)) == data.decode("utf-8", errors="replace")


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1_000])
def test_lines_split_piece_by_piece_are_those_of_the_whole_text(size):
    """Line endings of every kind, a CR LF cut between two pieces, a last line with no ending."""
    text = "a;b\r\nc;\"d\ne\"\rf\n\ng\r" * 50 + "last"
    pieces = [text[at : at + size] for at in range(0, len(text), size)]
    assert lines(pieces) == list(io.StringIO(text, newline=""))
    assert lines([]) == [] and lines([""]) == []


def test_start_ups_objects_are_left_out_of_later_collections():
    kept = [[n] for n in range(1_000)]
    try:
        freeze_start_up()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
