"""Collection pauses while any bulk job runs and comes back as it was after the last one."""

from __future__ import annotations

import gc
import threading

import pytest

from ccs_desktop.core.gc_pause import collection_paused, free_in_chunks


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
