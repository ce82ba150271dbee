"""The tests' clock: seconds that move only when the test says so (`clock.now += 30`), for the injected clocks of
the code (monotonic or wall), so no test waits for time to pass or depends on the hour it runs at."""

from __future__ import annotations


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
