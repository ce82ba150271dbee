"""Task runners for tests: the real `TaskRunner`, and `SyncRunner`, which does the work where it is submitted.

`SyncRunner` has TaskRunner's interface (`submit`, `call_soon`, `pending`, `shutdown`, `report`), runs the work and
then its handler inline, and sends a handler's own exception to `report` as TaskRunner does, so a controller test
needs no event loop and no wait: when `submit` returns, everything it started has happened. Use it for
controllers whose logic is the point; keep the real runner where threads are (ordering, cancellation, quitting).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

import pytest

log = logging.getLogger(__name__)


class SyncRunner:
    """TaskRunner's interface, without threads: `submitted` lists the names of the jobs, in order."""

    def __init__(self, *, report: Callable[[str, BaseException], None] | None = None) -> None:
        self.faults: list[tuple[str, BaseException]] = []  # what the default `report` received
        self.report = report or self._record
        self.pending = 0
        self.submitted: list[str] = []
        self._closed = False

    def _record(self, label: str, exc: BaseException) -> None:
        log.error("unexpected error in %s", label, exc_info=exc)
        self.faults.append((label, exc))

    def submit(
        self,
        work: Callable[[], Any],
        on_ok: Callable[[Any], None] | None = None,
        on_err: Callable[[BaseException], None] | None = None,
        *,
        pool: str = "net",
        name: str = "",
    ) -> Future[Any]:
        label = name or getattr(work, "__name__", "task")
        future: Future[Any] = Future()
        if self._closed:
            future.cancel()
            return future
        self.submitted.append(label)
        self.pending += 1  # until its handler has run, as in TaskRunner
        try:
            try:
                result = work()
            except Exception as exc:
                future.set_exception(exc)
                if on_err is not None:
                    self._handle(on_err, exc, label)
                else:
                    log.error("%s failed: %s", label, exc, exc_info=exc)
                return future
            future.set_result(result)
            if on_ok is not None:
                self._handle(on_ok, result, label)
            return future
        finally:
            self.pending -= 1

    def call_soon(self, handler: Callable[[Any], None], value: Any = None) -> None:
        if not self._closed:
            self._handle(handler, value, "call_soon")

    def _handle(self, handler: Callable[[Any], None], value: Any, label: str) -> None:
        try:
            handler(value)
        except Exception as exc:  # like TaskRunner: one broken handler never silences the rest
            self.report(label, exc)

    def shutdown(self, wait: bool = False) -> None:
        self._closed = True


@pytest.fixture
def sync_runner() -> Iterator[SyncRunner]:
    """A SyncRunner whose handlers must not raise: a fault they report fails the test at teardown."""
    r = SyncRunner()
    yield r
    assert not r.faults, f"handlers raised: {r.faults}"


@pytest.fixture
def runner(qapp: Any) -> Iterator[Any]:
    """A real task runner of the test's own, shut down (waiting for its workers) after the test."""
    from ccs_desktop.services.tasks import TaskRunner  # PySide6 only where asked for

    r = TaskRunner()
    yield r
    r.shutdown(wait=True)
