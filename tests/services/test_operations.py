"""run_op: the work runs in a worker, the answer comes back on the GUI thread, and an error nobody handles is
shown in words on the message bus."""

from __future__ import annotations

import threading

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op


def bus_and_shown() -> tuple[MessageBus, list[tuple[str, str]]]:
    bus = MessageBus()
    shown: list[tuple[str, str]] = []
    bus.message.connect(lambda level, text: shown.append((level, text)))
    return bus, shown


def test_the_result_comes_back_on_the_gui_thread(qtbot, runner):
    bus, shown = bus_and_shown()
    gui = threading.get_ident()
    with qtbot.waitCallback() as done:
        run_op(runner, bus, threading.get_ident, lambda worker: done(worker, threading.get_ident()))
    worker, handler = done.args
    assert worker != gui and handler == gui
    assert shown == []


def test_an_unhandled_error_is_shown_in_words_on_the_bus(qtbot, runner):
    bus, shown = bus_and_shown()

    def work() -> None:
        raise InvalidInput("The number 12 is too short.")

    with qtbot.waitSignal(bus.message, timeout=5000):
        run_op(runner, bus, work, lambda _r: None, pool="serial", name="test")
    assert shown == [("error", "The number 12 is too short.")]


def test_a_failure_handler_replaces_the_default(qtbot, runner):
    bus, shown = bus_and_shown()
    with qtbot.waitCallback() as failed:
        run_op(runner, bus, lambda: 1 / 0, fail=failed)
    assert isinstance(failed.args[0], ZeroDivisionError)
    qtbot.waitUntil(lambda: runner.pending == 0)  # the default would have been shown in the same drain
    assert shown == []
