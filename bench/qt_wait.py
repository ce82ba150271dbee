"""The benches' one way to let the Qt event loop run until something happened (or for a while)."""

from __future__ import annotations

from collections.abc import Callable


def run_until(done: Callable[[], object], seconds: float, interval_ms: int = 1) -> bool:
    """Run the event loop until done() (checked every `interval_ms`) or for `seconds` at most; whether it is done."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return True
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(interval_ms)
    check.timeout.connect(lambda: loop.quit() if done() else None)
    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)
    check.start()
    limit.start(round(seconds * 1000))
    loop.exec()
    check.stop()
    limit.stop()
    return bool(done())


class Heartbeat:
    """A 2 ms precise timer on the GUI thread: the gaps between its beats are the pauses an agent could feel
    (a frame is 16 ms). `start()`, the work, `stop()`; then `longest()` and `p99()` in milliseconds."""

    def __init__(self, interval_ms: int = 2) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.gaps: list[float] = []
        self.at: list[float] = []  # when each gap ended, in ms since start()
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)
        self._last = 0

    def start(self) -> None:
        self.gaps.clear()
        self.at.clear()
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _beat(self) -> None:
        now = self._clock.nsecsElapsed()
        self.gaps.append((now - self._last) / 1e6)
        self.at.append(now / 1e6)
        self._last = now

    def longest(self) -> float:
        return max(self.gaps, default=0.0)

    def worst(self, count: int = 3) -> list[tuple[float, float]]:
        """The `count` longest gaps as (ms, when it ended in ms since start)."""
        return sorted(zip(self.gaps, self.at, strict=True), reverse=True)[:count]

    def p99(self) -> float:
        if len(self.gaps) < 2:
            return self.longest()
        ordered = sorted(self.gaps)
        return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
