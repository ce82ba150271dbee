"""SIGTERM, SIGINT and SIGHUP end the window the way the end of the OS session does: a clean quit, exit code 0.

Python runs a signal handler only between bytecodes, and Qt's event loop sits in C++ until an event arrives, so
a handler alone would wait (forever, on an idle window). `signal.set_wakeup_fd` makes the C-level handler write
the signal's number to one end of a socket pair; a QSocketNotifier on the other end wakes the loop, which then
emits `received` on the GUI thread, where quitting is safe.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from collections.abc import Callable, Iterable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

#: The signals a logout, a shutdown, `kill`, Ctrl+C in a terminal and a closed terminal send.
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class StopSignals(QObject):
    """`received(name)` once per stop signal, on the thread that made this object (the GUI thread).

    `call_active` only colours the log: like the end of an OS session that cannot ask the agent, a signal quits
    even during a call (the call stays with CCS), because whoever sends it will not wait for an answer.
    """

    received = Signal(str)  # "SIGTERM", "SIGINT", "SIGHUP"

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        signals: Iterable[signal.Signals] = STOP_SIGNALS,
        call_active: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self._call_active = call_active
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)  # the C handler must never block; a full buffer just drops a byte
        self._signals = tuple(signals)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, _note) for number in self._signals}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._wake)

    def _wake(self) -> None:
        try:
            data = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            if number in self._signals:
                name = signal.Signals(number).name
                if self._call_active():
                    log.warning(
                        "%s during a call: quitting as at the end of the session; the call stays on CCS", name
                    )
                else:
                    log.info("%s: quitting as at the end of the session", name)
                self.received.emit(name)

    def close(self) -> None:
        """Give the signals back to their previous handlers (tests make and close several)."""
        if self._reader.fileno() < 0:
            return
        self._notifier.setEnabled(False)
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        signal.set_wakeup_fd(self._previous_fd)
        with contextlib.suppress(OSError):
            self._reader.close()
            self._writer.close()


def _note(_number: int, _frame: FrameType | None) -> None:
    """Nothing to do here: the wake-up byte has already reached `StopSignals._wake`."""
