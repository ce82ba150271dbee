"""The shared directories in the running app: syncs on start and then on each source's own schedule, off the UI
thread, with a back-off after failures; the CRM look-up that completes a card nobody else could name; and what the
Settings → Directories page does (save, remove, Test connection, Sync now) and shows (each source's status).

Syncs run in the `bulk` pool, one at a time, on a connection of their own: a 50,000-entry directory writes for a
second or two, and look-ups (the serial worker's `Stores.directories()`) read on meanwhile (WAL). Keyring work runs
on the serial worker, CRM and Test connection requests in the `net` pool. Nothing here blocks the UI thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from ccs_desktop.core.bulk import CollectionPause, free_in_chunks
from ccs_desktop.core.directories.config import (
    DirectoryConfig,
    build_lookup,
    build_tester,
    load_configs,
    remove_config,
    save_config,
)
from ccs_desktop.core.errors import user_text
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op
from ccs_desktop.services.stores import Stores
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:  # SQLite, phonenumbers and requests load in the workers, after the softphone (test_layers)
    from ccs_desktop.core.backoff import Backoff
    from ccs_desktop.core.directories.store import DirectoryStore, SourceStatus
    from ccs_desktop.core.directories.sync import SyncOutcome
    from ccs_desktop.services.contacts import ContactsController

log = logging.getLogger(__name__)
FIRST_SYNC_MS = 3000  # after start-up: taking calls comes first


def keyring_secret(config: DirectoryConfig) -> str:
    """A source's secret from the keyring ("" when it authenticates with none)."""
    from ccs_desktop.core.credentials import DirectorySecret  # noqa: PLC0415

    needs = bool(config.user) or (config.kind == "crm" and bool(config.options.get("header")))
    return (DirectorySecret(config.name).load() or "") if needs else ""


def save_secret(name: str, secret: str | None) -> None:
    """Keep (or, with None, forget) a source's secret in the keyring."""
    from ccs_desktop.core.credentials import DirectorySecret  # noqa: PLC0415

    if secret is None:
        DirectorySecret(name).delete()
    else:
        DirectorySecret(name).save(secret)


@dataclass(frozen=True)
class DirectoryRow:
    """One source as the settings page lists it: its config and its copy's status (None: never synced)."""

    config: DirectoryConfig
    status: SourceStatus | None
    next_sync_in: float | None = None  # seconds, as scheduled when the row was made


class DirectoriesController(QObject):
    """Signals: `rows(list[DirectoryRow])` after any change of a source or its status; `synced(name, ok, words)`;
    `tested(name, ok, words)`; `changed()` when a copy changed (names in the call list may have)."""

    rows = Signal(object)
    synced = Signal(str, bool, str)
    tested = Signal(str, bool, str)
    changed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        bus: MessageBus,
        settings: Settings,
        stores: Stores,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        secret: Callable[[DirectoryConfig], str] = keyring_secret,
        keep_secret: Callable[[str, str | None], None] = save_secret,
    ) -> None:
        super().__init__(parent)
        self.runner, self.bus, self.settings, self.stores = runner, bus, settings, stores
        self.clock, self.monotonic = clock, monotonic
        self.secret, self.keep_secret = secret, keep_secret
        self.waits: dict[str, float] = {}  # name -> seconds until its next automatic sync, as last scheduled
        self._timers: dict[str, QTimer] = {}
        self._backoffs: dict[str, Backoff] = {}
        self._running: set[str] = set()
        self._lookups: dict[str, Any] = {}  # CRM look-ups by name, built in a worker (their secret)
        self._crm_lock = threading.Lock()
        self._crm_generation = 0

    def configs(self) -> list[DirectoryConfig]:
        return load_configs(self.settings)

    # --- syncing ----------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Sync every synced source now; each then follows its own schedule."""
        self.sync_now()

    def sync_now(self, name: str | None = None) -> None:
        """Sync one source (or all) now, whatever their schedule; one already syncing is not started twice."""
        for config in self.configs():
            if config.synced and config.enabled and name in (None, config.name):
                self._sync(config)

    def _sync(self, config: DirectoryConfig) -> None:
        """Fetch in the `net` pool (a slow server never holds up quitting), then store in `bulk` (a file being
        written is waited for at quit); each on a connection of its own. Automatic garbage collection pauses from
        the fetch until the sync ends (core/bulk.py): its entries would make each collection long."""
        if config.name in self._running:
            return
        self._running.add(config.name)
        path, region = self.stores.path(), self.stores.region()
        pause = CollectionPause()

        def finish(outcome: SyncOutcome) -> None:
            pause.end()
            self._synced(config, outcome)

        def store() -> DirectoryStore:
            from ccs_desktop.core.directories.store import DirectoryStore, directory_file  # noqa: PLC0415

            return DirectoryStore(directory_file(path), region)

        secret: list[str] = []  # read on the serial worker (the keyring's one thread), used in the net pool

        def fetch() -> Any:
            from ccs_desktop.core.directories.sync import fetch_configured  # noqa: PLC0415

            pause.begin()
            with store() as directory:
                return fetch_configured(directory, config, lambda _config: secret[0], self.clock)

        def keep(result: Any) -> SyncOutcome:
            from ccs_desktop.core.directories.sync import store_fetched  # noqa: PLC0415

            with store() as directory:
                outcome = store_fetched(directory, config.name, result, self.clock)
            free_in_chunks(result.entries)  # stored: 50,000 of them would take 13 ms to free at once
            return outcome

        def fetched(result: Any) -> None:
            from ccs_desktop.core.directories.sync import SyncOutcome  # noqa: PLC0415

            if isinstance(result, SyncOutcome) or not self._configured(config.name):
                finish(result if isinstance(result, SyncOutcome) else SyncOutcome(config.name, False, 0))
            else:
                self.runner.submit(
                    lambda: keep(result),
                    finish,
                    failed,
                    pool="bulk",
                    name="directory store",
                )

        def failed(exc: BaseException) -> None:  # a bug, or the file could not be opened: as a failed sync
            from ccs_desktop.core.directories.sync import SyncOutcome  # noqa: PLC0415

            finish(SyncOutcome(config.name, False, 0, user_text(exc, log, "directory sync")))

        def read_secret() -> None:
            secret.append(self.secret(config))

        def then_fetch(_none: object) -> None:
            self.runner.submit(fetch, fetched, failed, pool="net", name="directory fetch")

        self.runner.submit(read_secret, then_fetch, failed, pool="serial", name="directory secret")

    def _synced(self, config: DirectoryConfig, outcome: SyncOutcome) -> None:
        from ccs_desktop.core.directories.sync import next_sync_in, retry_backoff  # noqa: PLC0415

        self._running.discard(config.name)
        if not self._configured(config.name):
            # removed while it synced: a copy stored meanwhile (or its source row) must not outlive it
            run_op(self.runner, self.bus, lambda: self.stores.directories().remove(config.name), pool="serial")
            return
        backoff = self._backoffs.setdefault(config.name, retry_backoff(self.monotonic))
        wait = next_sync_in(config, outcome, backoff)
        self._schedule(config.name, wait)
        if outcome.ok:
            log.info("directory %s synced: %d entries; next in %.0f s", config.name, outcome.count, wait)
            self.changed.emit()
        else:
            log.warning("directory %s failed: %s; next try in %.0f s", config.name, outcome.error, wait)
        self.synced.emit(config.name, outcome.ok, outcome.error)
        self.refresh()

    def _configured(self, name: str) -> bool:
        return name in {c.name for c in self.configs()}

    def _schedule(self, name: str, seconds: float) -> None:
        self.waits[name] = seconds
        timer = self._timers.get(name)
        if timer is None:
            timer = self._timers[name] = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda name=name: self.sync_now(name))
        timer.start(int(seconds * 1000))

    def _unschedule(self, name: str) -> None:
        timer = self._timers.pop(name, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        self.waits.pop(name, None)
        self._backoffs.pop(name, None)

    # --- what the settings page shows and does ----------------------------------------------------------------

    def refresh(self) -> None:
        """Emit `rows` with every source's config and status (read on the serial worker)."""
        configs = self.configs()

        def work() -> dict[str, SourceStatus]:
            return {s.name: s for s in self.stores.directories().statuses()}

        def done(statuses: dict[str, SourceStatus]) -> None:
            self.rows.emit([DirectoryRow(c, statuses.get(c.name), self.waits.get(c.name)) for c in configs])

        run_op(self.runner, self.bus, work, done, pool="serial", name="directory statuses")

    def save(self, config: DirectoryConfig, secret: str | None, replaces: str = "") -> None:
        """Add or change a source (`replaces`: its old name when renamed); `secret` None keeps the stored one.
        InvalidInput (raised here, at once) for a config that cannot be saved; then it syncs."""
        config = save_config(self.settings, config)  # checks first: InvalidInput leaves everything as it was
        if replaces and replaces != config.name:
            remove_config(self.settings, replaces)
            self._forget(replaces)
        self._lookups.pop(config.name, None)
        renamed = replaces and replaces != config.name

        def work() -> None:
            if secret is not None:
                self.keep_secret(config.name, secret)
            elif renamed:  # the secret moves with the name
                old = self.secret(replace_name(config, replaces))
                if old:
                    self.keep_secret(config.name, old)
            if renamed:
                self.keep_secret(replaces, None)
                self.stores.directories().remove(replaces)
            self.stores.directories().register(config.name, config.kind, config.priority, config.blocklist)
            self.settings.save()

        def done(_result: object) -> None:
            self.changed.emit()
            if config.synced and config.enabled:
                self._sync(config)
            self.refresh()

        run_op(self.runner, self.bus, work, done, pool="serial", name="save directory")

    def remove(self, name: str) -> None:
        """Remove a source, its copy and its secret."""
        if not remove_config(self.settings, name):
            return
        self._forget(name)

        def work() -> None:
            self.keep_secret(name, None)
            self.stores.directories().remove(name)
            self.settings.save()

        def done(_result: object) -> None:
            self.changed.emit()
            self.refresh()

        run_op(self.runner, self.bus, work, done, pool="serial", name="remove directory")

    def _forget(self, name: str) -> None:
        self._unschedule(name)
        self._lookups.pop(name, None)

    def test(self, config: DirectoryConfig, secret: str | None) -> None:
        """Connect and authenticate only (`secret` None: the stored one); `tested(name, ok, words)` after."""

        def work() -> str:
            return str(build_tester(config, self.secret(config) if secret is None else secret).test())

        self.runner.submit(
            work,
            lambda words: self.tested.emit(config.name, True, words),
            lambda exc: self.tested.emit(config.name, False, user_text(exc, log, "directory test")),
            pool="net",
            name="directory test",
        )

    # --- the CRM look-up --------------------------------------------------------------------------------------

    def ask_crm(self, e164: str, complete: Callable[[str], None]) -> None:
        """For a number no source knows: ask the CRM look-ups (best priority first) in a worker, and
        `complete(card text)` when one knows it. Nothing happens without a CRM look-up configured."""
        crms = [c for c in self.configs() if c.kind == "crm" and c.enabled]
        if not crms or not e164:
            return
        region = self.stores.region()

        def work() -> str | None:
            from ccs_desktop.core.phone import try_parse  # noqa: PLC0415

            number = try_parse(e164, region, possible=True)
            if number is None:
                return None
            with self._crm_lock:  # one look-up at a time: the look-ups and their answer caches are shared
                return look(number)

        def look(number: Any) -> str | None:
            from ccs_desktop.core.directories.lookup import Caller  # noqa: PLC0415

            for config in crms:
                try:  # a keyring that fails, or a CRM that cannot answer, costs this CRM only
                    lookup = self._lookups.get(config.name)
                    if lookup is None:
                        lookup = self._lookups[config.name] = build_lookup(
                            config, self.secret(config), clock=self.monotonic
                        )
                    hit = lookup.look_up(number)
                except Exception as exc:
                    log.warning("CRM look-up %s: %s", config.name, user_text(exc, log, "CRM look-up"))
                    continue
                if hit is not None:
                    caller = Caller((hit,), (hit.source,) if hit.blocklist else ())
                    return caller.card_text()
            return None

        def done(text: str | None) -> None:
            if text:
                complete(text)

        self.runner.submit(work, done, pool="net", name="CRM look-up")


def replace_name(config: DirectoryConfig, name: str) -> DirectoryConfig:
    from dataclasses import replace  # noqa: PLC0415

    return replace(config, name=name)


def connect_directories(
    runner: TaskRunner,
    bus: MessageBus,
    settings: Settings,
    stores: Stores,
    contacts: ContactsController,
    parent: QObject | None = None,
) -> DirectoriesController:
    """Build the controller and wire it: cards ask the CRM for numbers nobody knows, a changed copy renames the
    call list, and the first sync runs shortly after start-up."""
    directories = DirectoriesController(runner, bus, settings, stores, parent)
    contacts.ask_crm = directories.ask_crm
    directories.changed.connect(contacts.history.names_changed)
    QTimer.singleShot(FIRST_SYNC_MS, directories, directories.start)
    return directories
