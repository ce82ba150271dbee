"""Big jobs in workers without freezing the window: the GUI thread needs the interpreter lock for every cell it
paints, and a single long C call in a worker (a collection, a decode, a split, a free) keeps it waiting.

Automatic garbage collection is paused while a worker builds many objects (a contact import, a directory sync);
big lists are freed, big files decoded and split into lines, a chunk at a time.

CPython's full collection visits every tracked object with the interpreter lock held, so every thread, the GUI's
too, stops meanwhile. A job that keeps 100,000 new objects alive makes those collections come often and grow with
it: bench_frames measured full collections of 20-100 ms during a 50,000-entry directory sync, each one a frozen
window. While any such job runs, automatic collection is off; the job's objects are still freed by reference
counting the moment they are dropped, and only reference cycles wait for the last job to end (seconds).

Freeing is one C call too: dropping a list of 50,000 directory entries takes 13 ms with the lock held (and a
function's locals go at once when it returns), so `free_in_chunks` empties such a list, dict or set a slice at a
time.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import io
import threading
from collections.abc import Iterable, Iterator
from typing import Any


class _Jobs:
    """How many jobs run now, and whether collection was on before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.was_enabled = True


_jobs = _Jobs()


def _enter() -> None:
    with _jobs.lock:
        if _jobs.count == 0:
            _jobs.was_enabled = gc.isenabled()
            gc.disable()
        _jobs.count += 1


def _leave() -> None:
    with _jobs.lock:
        _jobs.count -= 1
        if _jobs.count == 0 and _jobs.was_enabled:
            gc.enable()


class CollectionPause:
    """A pause that one thread begins and another ends: a file fetched in one worker and stored by another keeps
    its entries alive in between, and a collection then would visit them all. `end()` twice, or without
    `begin()`, does nothing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._on = False

    def begin(self) -> None:
        with self._lock:
            if not self._on:
                self._on = True
                _enter()

    def end(self) -> None:
        with self._lock:
            if self._on:
                self._on = False
                _leave()


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Any thread, nested or concurrent: collection resumes when the last job ends, as it was before the first
    (an embedder that had turned it off keeps it off)."""
    pause = CollectionPause()
    pause.begin()
    try:
        yield
    finally:
        pause.end()


FREEZE_AFTER_MS = 10_000  # start-up is over by then: the page loaded, the panels filled


def freeze_start_up() -> None:
    """What start-up made (modules, classes, Qt's wrappers, the window) stays for good: leave it out of every
    later collection (gc.freeze), which takes about 9 ms off each full one. Start-up's garbage is collected first
    (once, at an idle moment); a start-up object that later becomes cyclic garbage (the first session's, after a
    logout) is never collected."""
    gc.collect()
    gc.freeze()


def free_in_chunks(items: list[Any] | dict[Any, Any] | set[Any], chunk: int = 2_000) -> None:
    """Empty `items`, freeing what only it held a slice at a time (about half a millisecond each)."""
    if isinstance(items, list):
        while items:
            del items[-chunk:]
        return
    pop = items.popitem if isinstance(items, dict) else items.pop
    while items:
        for _ in range(min(chunk, len(items))):
            pop()


def decode(data: bytes, codec: str, errors: str = "strict", chunk: int = 1 << 18) -> list[str]:
    """`data.decode(codec, errors)` as a list of pieces, a quarter megabyte of bytes each (join them, or hand
    them to `lines`): decoding a 6 MB Windows-1254 file in one call holds the lock for 8 ms, and joining the
    pieces into one string another 6 ms (bench_frames)."""
    decoder = codecs.getincrementaldecoder(codec)(errors)
    view = memoryview(data)
    parts = [decoder.decode(view[at : at + chunk]) for at in range(0, len(data), chunk)]
    parts.append(decoder.decode(b"", final=True))
    return parts


def lines(pieces: Iterable[str]) -> list[str]:
    """The lines of the text made of `pieces`, with their endings (any of \\n, \\r\\n, \\r), as
    `list(io.StringIO(text, newline=""))` gives them, split a piece at a time: 100,000 lines in one call hold
    the lock for about 10 ms."""
    found: list[str] = []
    carry = ""  # an unfinished line, or one ending in a carriage return whose line feed may start the next piece
    for piece in pieces:
        batch = list(io.StringIO(carry + piece, newline=""))
        carry = batch.pop() if batch and not batch[-1].endswith("\n") else ""
        found.extend(batch)
    if carry:
        found.append(carry)
    return found
