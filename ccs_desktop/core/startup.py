"""Milestones of one start-up, in seconds since the process began (the kernel's clock, as `process_age`), so
`--smoke` can print where the time went and bench/bench_startup.py can compare it with a bare window.

Each name keeps its first time only: a reload or a second login later in the day changes nothing. Recording costs
two small /proc reads (about 20 µs); any thread may record.
"""

from __future__ import annotations

import sys

from ccs_desktop.core.memory import process_age

_marks: dict[str, float] = {}


def mark(name: str) -> None:
    if name not in _marks and (age := process_age()) is not None:
        _marks.setdefault(name, round(age, 3))


def marks() -> dict[str, float]:
    """The milestones so far, in the order they were reached."""
    return dict(sorted(_marks.items(), key=lambda item: item[1]))


def skip_pyside_source_checks() -> bool:
    """Once PySide6 is imported, it reads the whole source of every module imported after it, to see whether the
    module names PySide6 (for its opt-in `__feature__` switches): 17-23 ms of our start-up and about 5 MiB of
    source lines kept in linecache, measured. This app selects no feature, so every module may count as a PySide
    user with the default selection (0), which is what that check answers for our own modules anyway. Whether the
    check was found (a PySide6 that no longer has it is left alone)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = lambda _module: True
    return True
