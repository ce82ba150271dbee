"""What every directory source gives the sync: entries, in full or as changes since its last sync.

A source (ldap.py, carddav.py, url.py) only fetches and maps; the sync (sync.py) stores what it gets as
read-only rows tagged with the source's name, and keeps the last good copy when a fetch fails. Pure logic and
blocking I/O: the caller runs `fetch` in a worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ccs_desktop.core.errors import CcsError


@dataclass(frozen=True)
class DirectoryNumber:
    """One number of an entry as the server wrote it; the store normalises it (E.164) with the region."""

    number: str
    label: str = ""  # "work", "mobile", "home", "ipPhone", a vCard TYPE, ...


@dataclass(frozen=True)
class DirectoryEntry:
    """One person or company of a directory. `uid` is stable across syncs (LDAP DN or entryUUID, the vCard's
    href or UID, the URL file's id or name+number)."""

    uid: str
    name: str
    company: str = ""
    numbers: tuple[DirectoryNumber, ...] = ()
    email: str = ""
    url: str = ""  # a record URL (the CRM's page of this customer), if the source has one


@dataclass(frozen=True)
class FetchResult:
    """`full`: `entries` is the whole directory (rows not in it are removed); else `entries` are added or
    changed and `removed` lists uids gone. `state` is what the next incremental fetch needs (a sync-token,
    ctags/etags, a `Cache-Control` expiry...), JSON-serialisable; `skipped` lists (where, why) of items that
    could not be read (one bad card costs that card only)."""

    entries: list[DirectoryEntry]
    full: bool = True
    removed: list[str] = field(default_factory=list)
    state: Mapping[str, Any] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)


class DirectoryError(CcsError):
    """A source could not be read: the words say why for the agent (wrong password, server down, TLS, ...)."""


class DirectoryAuthFailed(DirectoryError):
    """The server refused the credentials."""


class DirectoryUnreachable(DirectoryError):
    """The server did not answer (down, DNS, refused, timeout)."""


class Source(Protocol):
    """A directory that can be fetched. `state` is the previous FetchResult.state ({} the first time)."""

    name: str

    def fetch(self, state: Mapping[str, Any]) -> FetchResult: ...

    def test(self) -> str:
        """Connect and authenticate only; a short success text, or DirectoryError."""
        ...
