"""The one SQLite file's write queue: writers of this process take turns in order, so no writer needs a pause."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from ccs_desktop.core.database import open_database, write_queue, write_transaction


def _until(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


@pytest.fixture
def two_connections(tmp_path):
    path = tmp_path / "ccs.db"
    first, second = open_database(path), open_database(path)
    first.execute("CREATE TABLE written (what TEXT)")
    yield path, first, second
    first.close()
    second.close()


def test_a_writer_waiting_during_a_batch_goes_before_the_next_batch(two_connections):
    """The import's case: it commits a batch and begins the next at once. SQLite alone lets the import win that
    race every time (its waiter is asleep in the busy handler); the queue lets the waiter in first."""
    path, importer, cache = two_connections
    queue = write_queue(path)

    def cache_write() -> None:
        with write_transaction(cache):
            cache.execute("INSERT INTO written VALUES ('cache')")

    with write_transaction(importer):
        importer.execute("INSERT INTO written VALUES ('batch 1')")
        writer = threading.Thread(target=cache_write)
        writer.start()
        assert _until(lambda: queue.waiting == 1), "the cache's write never queued"
    with write_transaction(importer):  # the next batch, begun at once
        importer.execute("INSERT INTO written VALUES ('batch 2')")
    writer.join(5)
    assert [w for (w,) in importer.execute("SELECT what FROM written ORDER BY rowid")] == [
        "batch 1",
        "cache",
        "batch 2",
    ]


def test_a_writer_gives_up_as_sqlite_would_when_its_turn_never_comes(two_connections):
    path, holder, _other = two_connections
    queue = write_queue(path)
    failed: list[BaseException] = []

    def impatient() -> None:
        try:
            with queue.turn(timeout=0.05):
                pass
        except sqlite3.OperationalError as exc:
            failed.append(exc)

    with write_transaction(holder):
        waiter = threading.Thread(target=impatient)
        waiter.start()
        waiter.join(5)
    assert [str(e) for e in failed] == ["database is locked"]
    assert queue.waiting == 0  # it left the line: the next writer is not stuck behind it
    with write_transaction(holder):
        holder.execute("INSERT INTO written VALUES ('after')")


def test_a_thread_writing_on_two_connections_is_not_queued_behind_itself(two_connections):
    path, first, second = two_connections
    with write_queue(path).turn(timeout=0.05), write_queue(path).turn(timeout=0.05):
        pass  # a second turn on the same thread does not wait for the first
    with write_transaction(first):
        first.execute("INSERT INTO written VALUES ('one')")
    with write_transaction(second):
        second.execute("INSERT INTO written VALUES ('two')")
    assert first.execute("SELECT count(*) FROM written").fetchone() == (2,)


def test_a_failed_write_rolls_back_and_frees_the_turn(two_connections):
    _path, first, second = two_connections
    with pytest.raises(ValueError), write_transaction(first):
        first.execute("INSERT INTO written VALUES ('lost')")
        raise ValueError
    with write_transaction(second):
        second.execute("INSERT INTO written VALUES ('kept')")
    assert [w for (w,) in first.execute("SELECT what FROM written")] == ["kept"]
