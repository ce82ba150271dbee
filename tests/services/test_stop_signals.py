"""The stop-signal catcher on its own: a real signal to this process wakes an idle Qt loop."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from ccs_desktop.services.stop_signals import StopSignals

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def test_a_signal_wakes_the_loop_and_close_gives_the_handlers_back(qtbot):
    before = signal.getsignal(signal.SIGHUP), signal.getsignal(signal.SIGTERM)
    wakeup_before = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(wakeup_before)
    stop = StopSignals(signals=(signal.SIGHUP, signal.SIGTERM), call_active=lambda: True)
    try:
        with qtbot.waitSignal(stop.received, timeout=5000) as caught:
            os.kill(os.getpid(), signal.SIGHUP)
        assert caught.args == ["SIGHUP"]
    finally:
        stop.close()
    assert (signal.getsignal(signal.SIGHUP), signal.getsignal(signal.SIGTERM)) == before
    assert signal.set_wakeup_fd(wakeup_before) == wakeup_before  # nothing of ours is left behind
