"""Milestones of one start-up, in seconds since the process began (the kernel's clock, as `process_age`), so
`--smoke` can print where the time went and bench/bench_startup.py can compare it with a bare window.

Each name keeps its first time only: a reload or a second login later in the day changes nothing. Recording costs
two small /proc reads (about 20 µs); any thread may record.
"""

from __future__ import annotations

from ccs_desktop.core.memory import process_age

_marks: dict[str, float] = {}


def mark(name: str) -> None:
    if name not in _marks and (age := process_age()) is not None:
        _marks.setdefault(name, round(age, 3))


def marks() -> dict[str, float]:
    """The milestones so far, in the order they were reached."""
    return dict(sorted(_marks.items(), key=lambda item: item[1]))
