from __future__ import annotations

import threading

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
