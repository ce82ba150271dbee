"""The one recovery policy, as pure logic: how long to wait before the next automatic try, and whether an
automatic login is allowed yet.

Every automatic path (a softphone page that did not load, a crashed renderer, the network coming back, a wake
from sleep, a failed login) asks one `Backoff` before acting, so no combination of them can hammer CCS with the
agent's token: the waits grow 2, 5, 15, 30, 60 s and then stay at 5 min, one action per wait; and at most
`max_logins` automatic logins fall in any `login_window` (6 an hour). The clock is injected (monotonic seconds),
so tests and the bench run ten minutes in a millisecond.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

DELAYS: tuple[float, ...] = (2.0, 5.0, 15.0, 30.0, 60.0)
STEADY = 300.0  # after the last of DELAYS: every 5 min
MAX_LOGINS = 6
LOGIN_WINDOW = 3600.0
QUIET_RESET = 2 * STEADY  # trouble this long after the last step starts again at the first step


class Backoff:
    """The waits between automatic recovery steps and the cap on automatic logins.

    `next_delay()` is asked once per step (it advances the step); `reset()` after the softphone is up again.
    `login_wait()` is 0 when a login may run now, else the seconds until the oldest counted login leaves the
    window; `record_login()` counts one.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        delays: tuple[float, ...] = DELAYS,
        steady: float = STEADY,
        max_logins: int = MAX_LOGINS,
        login_window: float = LOGIN_WINDOW,
        quiet_reset: float = QUIET_RESET,
    ) -> None:
        if not delays or max_logins < 1:
            raise ValueError("a back-off needs at least one delay and one login")
        self._clock = clock
        self.delays = delays
        self.steady = steady
        self.max_logins = max_logins
        self.login_window = login_window
        self.quiet_reset = quiet_reset
        self.step = 0  # how many steps were taken since the last reset
        self._last_step: float | None = None
        self._logins: deque[float] = deque()

    def next_delay(self) -> float:
        """The wait before the next step, and advance to the step after it."""
        now = self._clock()
        if self._last_step is not None and now - self._last_step > self.quiet_reset:
            self.step = 0  # long quiet since the last trouble: this is new trouble, not the same one
        delay = self.delays[self.step] if self.step < len(self.delays) else self.steady
        self.step += 1
        self._last_step = now
        return delay

    def peek_delay(self) -> float:
        """The wait `next_delay()` would give now, without taking the step."""
        return self.delays[self.step] if self.step < len(self.delays) else self.steady

    def reset(self) -> None:
        """The softphone is up: the next trouble starts at the first, shortest wait."""
        self.step = 0
        self._last_step = None

    def login_wait(self) -> float:
        """0 when an automatic login may run now; else the seconds until one may."""
        now = self._clock()
        self._forget(now)
        if len(self._logins) < self.max_logins:
            return 0.0
        return max(0.0, self._logins[0] + self.login_window - now)

    def record_login(self) -> None:
        self._logins.append(self._clock())

    def logins_in_window(self) -> int:
        self._forget(self._clock())
        return len(self._logins)

    def _forget(self, now: float) -> None:
        while self._logins and now - self._logins[0] >= self.login_window:
            self._logins.popleft()
