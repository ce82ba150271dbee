"""Guards against binding bugs that would crash an agent's long-running app."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal(object)


def test_signal_emit_does_not_steal_references(qapp):
    """PySide6 6.12.0 returns a borrowed True from emit(): every emit costs True one reference until the
    interpreter aborts ("bool_dealloc"). pyproject excludes that version; this catches a regression."""
    emitter = Emitter()
    emitter.changed.connect(lambda _value: None)
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.changed.emit("x")
    gc.collect()
    assert sys.getrefcount(True) - before > -50
