"""A CCS session as it is kept between runs: its own module, so that the keyring's code (and the child process
that reads it at start-up, core/keyring_child.py) need not import the HTTP client."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class StoredSession:
    session: str = field(repr=False)  # (no repr shows the secret)
    issued_at: float  # seconds since the epoch

    def age(self, now: float) -> float:
        return max(0.0, now - self.issued_at)


class SessionStore(Protocol):
    """Where the session is kept between runs (the OS keyring in production)."""

    def load_session(self) -> StoredSession | None: ...
    def save_session(self, stored: StoredSession) -> None: ...
    def delete_session(self) -> None: ...
