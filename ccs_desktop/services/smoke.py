"""`--smoke`: start, log in, load the softphone, fill both panels, print the figures as one JSON line, quit.

Without `--demo` it starts from the saved login (bench/bench_startup.py's real start); "filled" then needs at
least one call record in the period. A failure (not logged in, not ready in time, another instance running)
prints `{"error": ...}` and sets `exit_code` 1."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ccs_desktop.core import startup
from ccs_desktop.core.memory import process_age, pss_kib, tree_pss_mib

SMOKE_TIMEOUT_MS = 90_000


def print_failure(why: str) -> None:
    """A smoke run that measured nothing says why, as its one line of JSON."""
    print(json.dumps({"error": why}), flush=True)


class Smoke(QObject):
    """Inert unless `enabled`. `counts()` gives the rows shown (calls, contacts); `finished()` asks to quit."""

    finished = Signal()

    def __init__(
        self,
        enabled: bool,
        counts: Callable[[], tuple[int, int]],
        parent: QObject | None = None,
        *,
        demo: bool = True,
    ) -> None:
        super().__init__(parent)
        self.enabled = enabled
        # the simulator's page says "ready" when logged in; CCS's own page has no such word: loaded is enough
        self.demo = demo
        self.counts = counts
        self.state: dict[str, Any] = {}
        self.exit_code = 0

    def arm(self) -> None:
        """The window is shown: the smoke run's clock starts."""
        startup.mark("window_shown")
        if self.enabled:
            QTimer.singleShot(SMOKE_TIMEOUT_MS, self._timeout)

    def page_loaded(self) -> None:
        if "loaded_at" not in self.state:
            self.state["loaded_at"] = startup.marks().get("page_loaded") or process_age()  # (None without /proc)

    def page_message(self, message: dict[str, object]) -> None:
        if message.get("type") == "ready":
            self.state["page_ready"] = True
            self.check()

    def contacts_listed(self) -> None:
        """The contact list has been filled once (a real agent's may be empty)."""
        self.state["contacts_listed"] = True
        self.check()

    def check(self) -> None:
        if not self.enabled or self.state.get("printed"):
            return
        calls, contacts = self.counts()
        page_up = self.state.get("page_ready") or (not self.demo and "loaded_at" in self.state)
        if not (page_up and calls and self.state.get("contacts_listed")):
            return
        self.state["printed"] = True
        startup.mark("panels_filled")
        loaded = self.state.get("loaded_at") or process_age() or 0.0
        result = {
            "softphone_loaded_s": round(loaded, 3),
            "ready_s": startup.marks().get("panels_filled") or process_age(),  # (None without /proc)
            "pss_mib": tree_pss_mib(),
            "pss_main_mib": round((pss_kib(os.getpid()) or 0) / 1024, 1),  # this process alone, no Chromium
            "contacts": contacts,
            "calls": calls,
            "marks": startup.marks(),
        }
        print(json.dumps(result), flush=True)
        QTimer.singleShot(0, self, self.finished.emit)

    def login_needed(self, ask: Callable[[], None]) -> None:
        """A smoke run has nobody to ask for a login: it gives up; any other run `ask()`s."""
        if self.enabled:
            self.give_up("not logged in")
        else:
            ask()

    def give_up(self, why: str) -> None:
        print_failure(why)
        self.exit_code = 1
        QTimer.singleShot(0, self, self.finished.emit)

    def _timeout(self) -> None:
        if not self.state.get("printed"):
            self.give_up(f"not ready after {SMOKE_TIMEOUT_MS // 1000} s: {self.state}")
