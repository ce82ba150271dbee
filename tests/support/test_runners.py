"""SyncRunner keeps TaskRunner's contract, so a controller test on it proves what the app does."""

from __future__ import annotations

from tests.support.runners import SyncRunner


def test_work_and_handler_run_inline_in_order():
    runner = SyncRunner()
    seen: list[object] = []
    future = runner.submit(lambda: 21 * 2, seen.append, seen.append, pool="serial", name="answer")
    assert (seen, future.result(), runner.pending, runner.submitted) == ([42], 42, 0, ["answer"])
    runner.submit(lambda: 1 / 0, seen.append, lambda exc: seen.append(type(exc).__name__))
    assert seen == [42, "ZeroDivisionError"]


def test_a_failing_handler_is_reported_and_never_silences_the_next():
    reported: list[tuple[str, str]] = []
    runner = SyncRunner(report=lambda label, exc: reported.append((label, str(exc))))
    seen: list[int] = []

    def broken(_value: object) -> None:
        raise RuntimeError("handler bug")

    runner.submit(lambda: 1, broken, name="first")
    runner.submit(lambda: 2, seen.append, name="second")
    runner.call_soon(broken, 3)
    assert reported == [("first", "handler bug"), ("call_soon", "handler bug")]
    assert seen == [2] and runner.pending == 0


def test_pending_counts_the_job_being_handled_and_shutdown_drops_later_ones():
    runner = SyncRunner()
    during: list[int] = []
    runner.submit(lambda: None, lambda _: during.append(runner.pending))
    runner.shutdown()
    dropped = runner.submit(lambda: during.append(-1), during.append)
    assert during == [1] and dropped.cancelled() and runner.pending == 0
