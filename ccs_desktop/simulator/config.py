"""Settings of the CCS simulator; every value CCS leaves unknown upstream is one of these knobs."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

PAGING_ENDS = ("empty-page", "no-cursor")


def check_notify_url(url: str) -> str:
    """The IVR call-notification URL (ccs-api.md §3.3), or ValueError: it must be an absolute http(s) URL."""
    parts = urlsplit(url.strip())
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        raise ValueError(f"the notify URL must be an http:// or https:// URL with a host, not {url!r}")
    return url.strip()


@dataclass
class SimulatorConfig:
    """How the simulated tenant behaves; the defaults suit the desktop app's demo mode."""

    host: str = "127.0.0.1"
    port: int = 8765  # 0 = any free port
    seed_calls: int = 500  # seeded call records over the last 30 days
    session_ttl: float = 36000  # seconds (10 h); the real lifetime is unknown (ccs-api.md §5)
    call_seconds: float = 20.0  # talk time of an answered simulated call
    ring_seconds: float = 2.0  # ringing before answer
    no_answer_seconds: float = 6.0  # ringing before NOANSWER
    incoming_every: float = 0.0  # seconds between scripted inbound calls to the demo agent; 0 = none
    page_size: int = 100  # CCS max per page
    paging_end: str = "empty-page"  # or "no-cursor": how the last CDR page is signalled (unknown upstream)
    utc_offset_hours: float = 3.0  # tenant-local time (Europe/Istanbul, no DST)
    tenant_host: str = "demo.callcenterstudio.com"
    test_controls: bool = False  # enables /_sim/ endpoints
    random_seed: int = 1
    notify_url: str = ""  # IVR call notifications for inbound calls go here (GET); "" = none
    # "Now" as UTC epoch seconds, for the seed (the last 30 days up to now), sessions, calls and their records.
    # A test runs the simulator "at" another instant with a clock that starts there and moves on in real time
    # (calls are driven by real timers); see tests/helpers.py `clock_at`.
    clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.paging_end not in PAGING_ENDS:
            raise ValueError(f"paging_end must be one of {', '.join(PAGING_ENDS)}, not {self.paging_end!r}")
        if self.page_size < 1:
            raise ValueError("page_size must be at least 1")
        if self.seed_calls < 0:
            raise ValueError("seed_calls must not be negative")
        if not self.incoming_every >= 0:  # also refuses NaN
            raise ValueError("incoming_every must be 0 (off) or a positive number of seconds")
        if self.notify_url:
            self.notify_url = check_notify_url(self.notify_url)

    @property
    def tenant_label(self) -> str:
        """The tenant name CCS puts in callbacks: the host's first label."""
        return self.tenant_host.split(".", 1)[0]

    @property
    def utc_offset_seconds(self) -> int:
        return round(self.utc_offset_hours * 3600)
