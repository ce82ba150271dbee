"""Where bugs go: a handler, slot or thread that raised something nobody expected.

Each one is logged with its traceback, every time, and shown to the agent once as one line: a bug that fires on
every poll must not bury the status bar or the log's neighbours, and it must never stop the next handler. The
same reporter sits behind `sys.excepthook` and `threading.excepthook`, so an exception escaping a Qt slot (which
PySide6 hands to `sys.excepthook`) or a worker thread ends up here too.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


def fault_key(exc: BaseException) -> tuple[str, str, int]:
    """The same bug raised again has the same type and innermost frame; its message may carry changing data."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__, "", 0
    return type(exc).__name__, frames[-1].filename, frames[-1].lineno or 0


class FaultReporter(QObject):
    """`shown(text)` fires once per distinct fault with one line for the agent; `report()` is thread-safe."""

    shown = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seen: set[tuple[str, str, int]] = set()
        self._lock = threading.Lock()
        self.count = 0
        self._previous_hooks: tuple[object, object] | None = None

    def report(self, where: str, exc: BaseException) -> None:
        log.error("unexpected error in %s", where, exc_info=exc)
        key = fault_key(exc)
        with self._lock:
            self.count += 1
            first = key not in self._seen
            self._seen.add(key)
        if first:
            self.shown.emit(
                self.tr("Something went wrong in {where} ({error}); details are in the log.").format(
                    where=where, error=type(exc).__name__
                )
            )

    # --- process-wide hooks ----------------------------------------------------------------------------------

    def install(self) -> None:
        """Route uncaught exceptions (Qt slots, threads) here; `uninstall()` puts the previous hooks back."""
        if self._previous_hooks is None:
            self._previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        if self._previous_hooks is None:
            return
        sys.excepthook, threading.excepthook = self._previous_hooks  # type: ignore[assignment]
        self._previous_hooks = None

    def _excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        self._report_safely("the window", exc)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or isinstance(args.exc_value, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a worker"
        self._report_safely(name, args.exc_value)

    def _report_safely(self, where: str, exc: BaseException) -> None:
        """A hook that raises would print its own traceback and lose the original: never let it."""
        try:
            self.report(where, exc)
        except Exception:  # the last line of defence
            sys.__excepthook__(type(exc), exc, exc.__traceback__)
