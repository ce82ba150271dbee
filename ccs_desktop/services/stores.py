"""The one SQLite file of the app: contacts and call records, opened on first use by the serial worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ccs_desktop.core.paths import data_dir, database_file

if TYPE_CHECKING:  # phonenumbers and SQLite load in the serial worker, off the start-up path
    from ccs_desktop.core.calls.cache import CallCache
    from ccs_desktop.core.contacts.store import ContactStore


class Stores:
    """Serial worker only (except `path` and `close`): every read and write of the file goes through one thread.

    `seed` fills an empty contact list once (the demo's customers)."""

    def __init__(
        self, *, demo: bool, region: Callable[[], str], seed: Callable[[ContactStore], None] | None = None
    ) -> None:
        self.demo = demo
        self.region = region
        self.seed = seed
        self._contacts: ContactStore | None = None
        self._calls: CallCache | None = None

    def path(self) -> Path:
        """The one SQLite file (a separate one in demo mode, seeded with its customers)."""
        path = data_dir() / "demo.sqlite3" if self.demo else database_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def contacts(self) -> ContactStore:
        """The contacts, opened on first use."""
        if self._contacts is None:
            from ccs_desktop.core.contacts.store import ContactStore  # noqa: PLC0415

            self._contacts = ContactStore(self.path(), self.region())
            if self.seed is not None and self._contacts.count() == 0:
                self.seed(self._contacts)
        return self._contacts

    def calls(self) -> CallCache:
        """The call-records cache, in the same file as the contacts."""
        if self._calls is None:
            from ccs_desktop.core.calls.cache import CallCache  # noqa: PLC0415

            self._calls = CallCache(self.path())
        return self._calls

    def set_region(self, region: str) -> None:
        """Numbers typed without a country code are read in `region` from now on."""
        if self._contacts is not None:
            self._contacts.region = region

    def names_for(self, parties: set[str]) -> dict[str, str]:
        """Contact names for the call list."""
        return self.contacts().names_for(parties) if parties else {}

    def close(self) -> None:
        """At quit, after the serial worker stopped."""
        if self._contacts is not None:
            self._contacts.close()
        if self._calls is not None:
            self._calls.close()
