from __future__ import annotations

import threading
import time

from ccs_desktop.services.tasks import TaskRunner


def test_results_come_back_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    main = threading.get_ident()
    seen: list[tuple[str, int, int]] = []
    done = threading.Event()

    def work() -> int:
        seen.append(("work", threading.get_ident(), 0))
        return 42

    with qtbot.waitCallback() as callback:
        runner.submit(work, lambda value: callback(value, threading.get_ident()))
    value, thread = callback.args
    assert value == 42
    assert thread == main
    assert seen[0][1] != main
    runner.shutdown(wait=True)
    assert not done.is_set()


def test_errors_go_to_the_error_handler(qtbot):
    runner = TaskRunner()

    def boom() -> None:
        raise ValueError("nope")

    with qtbot.waitCallback() as callback:
        runner.submit(boom, lambda _v: None, callback)
    assert isinstance(callback.args[0], ValueError)
    runner.shutdown(wait=True)


def test_serial_pool_keeps_order(qtbot):
    runner = TaskRunner()
    order: list[int] = []
    for i in range(20):
        runner.submit(lambda i=i: order.append(i), pool="serial")
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert order == list(range(20))
    runner.shutdown(wait=True)


def test_work_submitted_after_shutdown_is_dropped_quietly(qapp):
    runner = TaskRunner()
    runner.shutdown(wait=True)
    ran: list[int] = []
    future = runner.submit(lambda: ran.append(1), ran.append, ran.append)  # a late timer's poll, say
    qapp.processEvents()
    assert future.cancelled() and ran == [] and runner.pending == 0


def test_a_failing_handler_never_silences_the_ones_queued_behind_it(qapp):
    """101 results wait in the queue; the first handler raises: the other 100 are still delivered."""
    reported: list[tuple[str, BaseException]] = []
    runner = TaskRunner(report=lambda label, exc: reported.append((label, exc)))
    delivered: list[int] = []
    gate = threading.Event()

    def broken(_value: object) -> None:
        raise RuntimeError("handler bug")

    runner.submit(gate.wait, broken, pool="serial", name="first")
    for i in range(100):
        runner.submit(lambda i=i: i, delivered.append, pool="serial")
    gate.set()
    deadline = 200
    while runner.pending and deadline:
        qapp.processEvents()
        threading.Event().wait(0.01)
        deadline -= 1
    assert delivered == list(range(100))
    assert [(label, type(exc)) for label, exc in reported] == [("first", RuntimeError)]
    runner.shutdown(wait=True)


def test_results_posted_while_a_handler_runs_a_nested_loop_are_delivered_inside_it(qapp):
    """A handler that opens a modal dialog runs a nested event loop: what arrives meanwhile is not held back."""
    from PySide6.QtCore import QEventLoop, QTimer

    runner = TaskRunner()
    seen: list[str] = []

    def modal(_value: object) -> None:
        loop = QEventLoop()
        runner.submit(lambda: "late", lambda v: (seen.append(v), loop.quit()), pool="serial")
        QTimer.singleShot(2000, loop.quit)
        loop.exec()
        seen.append("modal closed")

    runner.submit(lambda: None, modal, pool="serial")
    runner.submit(lambda: "queued", seen.append, pool="serial")  # waits behind the modal handler
    for _ in range(500):  # both results are queued before the GUI thread drains (no events processed yet)
        if len(runner._done) == 2:
            break
        threading.Event().wait(0.01)
    for _ in range(600):
        if "modal closed" in seen:
            break
        qapp.processEvents()
        threading.Event().wait(0.01)
    assert seen == ["queued", "late", "modal closed"]
    runner.shutdown(wait=True)


def test_quitting_waits_for_a_write_but_not_for_a_slow_request(qapp):
    """A request hanging on a dead server (connect + read timeouts: 25 s) must not hold the window's quit."""
    runner = TaskRunner()
    release, written = threading.Event(), []
    runner.submit(release.wait, pool="net", name="slow request")
    runner.submit(lambda: (threading.Event().wait(0.2), written.append(True)), pool="serial", name="write")
    started = time.perf_counter()
    runner.shutdown(wait=True, network=False)
    took = time.perf_counter() - started
    release.set()
    assert written == [True], "the write finished before the quit went on"
    assert took < 2.0
