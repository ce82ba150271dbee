from __future__ import annotations

import logging
import sys
import threading

from ccs_desktop.services.faults import FaultReporter


def _raise(kind: type[Exception], text: str) -> Exception:
    try:
        raise kind(text)
    except Exception as exc:  # the traceback is what identifies the bug
        return exc


def test_each_fault_is_logged_every_time_and_shown_once(qapp, caplog):
    faults = FaultReporter()
    shown: list[str] = []
    faults.shown.connect(shown.append)
    with caplog.at_level(logging.ERROR, "ccs_desktop.services.faults"):
        for n in range(3):
            faults.report("the contact search", _raise(KeyError, f"row {n}"))
        faults.report("the contact search", _raise(ValueError, "other bug"))
    assert len(shown) == 2
    assert shown[0] == "Something went wrong in the contact search (KeyError); details are in the log."
    assert "\n" not in shown[0]
    tracebacks = [r for r in caplog.records if r.exc_info]
    assert len(tracebacks) == 4
    assert faults.count == 4


def test_hooks_catch_slot_and_thread_exceptions_and_are_put_back(qapp, caplog):
    faults = FaultReporter()
    shown: list[str] = []
    faults.shown.connect(shown.append)
    before = (sys.excepthook, threading.excepthook)
    faults.install()
    try:
        with caplog.at_level(logging.ERROR, "ccs_desktop.services.faults"):
            exc = _raise(ZeroDivisionError, "in a slot")
            sys.excepthook(type(exc), exc, exc.__traceback__)

            def work() -> None:
                raise OSError("in a worker")

            thread = threading.Thread(target=work, name="ccs-net_0")
            thread.start()
            thread.join()
    finally:
        faults.uninstall()
    qapp.processEvents()  # the worker's line reaches the GUI thread through the event loop
    assert (sys.excepthook, threading.excepthook) == before
    assert [line.split(" (")[0] for line in shown] == [
        "Something went wrong in the window",
        "Something went wrong in ccs-net_0",
    ]
