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
