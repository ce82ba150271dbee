"""One place where blocking work leaves the UI thread and its results come back to it.

Network, keyring and disk calls run in thread pools; `on_ok`/`on_err` always run on the thread that owns the
runner (the GUI thread), so no widget is ever touched from a worker. Results wait in a locked queue and a
signal *without arguments* wakes the GUI thread to drain it: PySide6 6.12 miscounts references of Python
objects sent through a queued `Signal(object)` from other threads (it aborts with "bool_dealloc" after a few
thousand results), and an argument-less signal sidesteps that entirely.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)

GUI_SWITCH_INTERVAL = 0.001  # seconds; CPython's default is 0.005


def favour_the_gui_thread() -> None:
    """Paint asks Python for every visible cell of a Python model, and each ask waits for the GIL: while a
    worker runs Python, a paint waits up to one switch interval per cell. A shorter interval keeps that wait
    short (bench/bench_calls.py); workers lose a little throughput, which nobody sees."""
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)


def _log_fault(label: str, exc: BaseException) -> None:
    log.error("unexpected error in %s", label, exc_info=exc)


OkHandler = Callable[[Any], None]
ErrHandler = Callable[[BaseException], None]


class TaskRunner(QObject):
    """`submit(work, on_ok, on_err)`; `net` runs in parallel, `serial` keeps order (keyring, SQLite), `bulk`
    takes long jobs that must not hold up `serial`."""

    _wake = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        net_workers: int = 4,
        report: Callable[[str, BaseException], None] | None = None,
    ) -> None:
        super().__init__(parent)
        # where a handler's own exception goes (the app's FaultReporter); it never stops the next handler
        self.report = report or _log_fault
        self._pools = {
            "net": ThreadPoolExecutor(net_workers, thread_name_prefix="ccs-net"),
            "serial": ThreadPoolExecutor(1, thread_name_prefix="ccs-serial"),
            # long jobs (a contact import) with their own SQLite connection, so lookups in `serial` go on
            "bulk": ThreadPoolExecutor(1, thread_name_prefix="ccs-bulk"),
        }
        self._done: deque[tuple[Callable[[Any], None] | None, Any, bool, str]] = deque()
        self._lock = threading.Lock()
        self._wake_pending = False
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)
        self._closed = False
        self.pending = 0

    def submit(
        self,
        work: Callable[[], Any],
        on_ok: OkHandler | None = None,
        on_err: ErrHandler | None = None,
        *,
        pool: str = "net",
        name: str = "",
    ) -> Future[Any]:
        label = name or getattr(work, "__name__", "task")
        if self._closed:  # quitting: a timer's late request has nobody left to answer
            log.debug("%s dropped: the runner is shut down", label)
            dropped: Future[Any] = Future()
            dropped.cancel()
            return dropped
        self.pending += 1

        def run() -> Any:
            started = time.perf_counter()
            try:
                result = work()
            except BaseException as exc:
                self._post((on_err, exc, True, label))
                raise
            log.debug("%s took %.0f ms", label, (time.perf_counter() - started) * 1000)
            self._post((on_ok, result, False, label))
            return result

        return self._pools[pool].submit(run)

    def call_soon(self, handler: Callable[[Any], None], value: Any = None) -> None:
        """From any thread: run `handler(value)` on the GUI thread."""
        self.pending += 1
        self._post((handler, value, False, "call_soon"))

    def _post(self, item: tuple[Callable[[Any], None] | None, Any, bool, str]) -> None:
        with self._lock:
            if self._closed:  # shut down: this object may be deleted any moment now (a late request's answer)
                return
            self._done.append(item)
            if not self._wake_pending:
                self._wake_pending = True
                # under the lock: shutdown() takes it too, so the object is never deleted mid-emit
                self._wake.emit()

    def _drain(self) -> None:
        # Cleared before the first pop: results posted while a handler runs (even one that opens a modal
        # dialog, whose nested loop drains them) always get a wake of their own.
        with self._lock:
            self._wake_pending = False
        while True:
            with self._lock:
                if not self._done:
                    return
                handler, value, failed, label = self._done.popleft()
            self.pending -= 1
            if self._closed:
                continue
            if handler is not None:
                try:
                    handler(value)
                except Exception as exc:  # one broken handler must not silence the rest
                    self.report(label, exc)
            elif failed:
                log.error("%s failed: %s", label, value, exc_info=value)

    def shutdown(self, wait: bool = False, *, network: bool = True) -> None:
        """Drop late results: their widgets may be gone. `wait`: for the workers to finish, the network pool's
        too unless `network` is False (quitting waits for a file being written, not for a slow server)."""
        with self._lock:
            self._closed = True
        for name, pool in self._pools.items():
            pool.shutdown(wait=wait and (network or name != "net"), cancel_futures=True)
