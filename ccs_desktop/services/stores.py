"""The SQLite files of the app: contacts and call records in one, the directories' synced copies beside it; opened
on first use by the serial worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ccs_desktop.core.paths import data_dir, database_file

if TYPE_CHECKING:  # phonenumbers and SQLite load in the serial worker, off the start-up path
    from ccs_desktop.core.calls.cache import CallCache
    from ccs_desktop.core.contacts.store import ContactStore
    from ccs_desktop.core.directories.lookup import Caller
    from ccs_desktop.core.directories.store import DirectoryStore


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
        self._directories: DirectoryStore | None = None

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

    def directories(self) -> DirectoryStore:
        """The synced copies of the shared directories, in their own file beside this one."""
        if self._directories is None:
            from ccs_desktop.core.directories.store import DirectoryStore, directory_file  # noqa: PLC0415

            self._directories = DirectoryStore(directory_file(self.path()), self.region())
        return self._directories

    def set_region(self, region: str) -> None:
        """Numbers typed without a country code are read in `region` from now on."""
        if self._contacts is not None:
            self._contacts.region = region
        if self._directories is not None:
            self._directories.region = region

    def identify(self, text: str) -> Caller:
        """Who a number is, across the local contacts and the directories, best source first."""
        from ccs_desktop.core.directories.lookup import identify  # noqa: PLC0415

        return identify(self.contacts(), self.directories(), text)

    def names_for(self, parties: set[str]) -> dict[str, str]:
        """Names for the call list: a local contact's, else the best directory's."""
        if not parties:
            return {}
        names = self.contacts().names_for(parties)
        missing = parties - names.keys()
        return {**self.directories().names_for(missing), **names} if missing else names

    def close(self) -> None:
        """At quit, after the serial worker stopped."""
        if self._contacts is not None:
            self._contacts.close()
        if self._calls is not None:
            self._calls.close()
        if self._directories is not None:
            self._directories.close()
