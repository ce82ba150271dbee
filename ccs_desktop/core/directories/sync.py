"""Sync a source into the store: fetch (blocking: the caller runs this in a worker), then apply in one transaction.

A failed fetch (or a result that cannot be stored) leaves the last good copy exactly as it was and records the
try with its error in words; one source failing never stops the others. The clock is injected: the store keeps
its readings as the times of the last try and the last success.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ccs_desktop.core.backoff import Backoff
from ccs_desktop.core.directories.config import DirectoryConfig, build_source
from ccs_desktop.core.directories.source import DirectoryAuthFailed, DirectoryError, FetchResult, Source
from ccs_desktop.core.directories.store import DirectoryStore
from ccs_desktop.core.directories.url import clamp_refresh
from ccs_desktop.core.errors import user_text
from ccs_desktop.core.i18n import Core

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncOutcome:
    """What one sync did: `count` entries in the copy after it, `error` in words ("" when it worked)."""

    name: str
    ok: bool
    count: int
    error: str = ""
    auth_failed: bool = False
    skipped: int = 0
    refresh: float | None = None  # seconds until the source wants to be asked again, if it says (the URL)


def sync_source(store: DirectoryStore, source: Source, clock: Callable[[], float] = time.time) -> SyncOutcome:
    """Fetch `source` from where its last good sync left off and store what came."""
    fetched = fetch(store, source, clock)
    return fetched if isinstance(fetched, SyncOutcome) else store_fetched(store, source.name, fetched, clock)


def fetch(
    store: DirectoryStore, source: Source, clock: Callable[[], float] = time.time
) -> FetchResult | SyncOutcome:
    """The first half of a sync (the network): the source's answer, or the failed outcome, recorded."""
    try:
        return source.fetch(store.state(source.name))
    except Exception as exc:
        return _failed(store, source.name, exc, clock)


def store_fetched(
    store: DirectoryStore, name: str, result: FetchResult, clock: Callable[[], float] = time.time
) -> SyncOutcome:
    """The second half (the file): apply the answer in one transaction; a failure leaves the copy as it was. A
    whole directory that comes back empty (a file republished as `[]`, every item skipped, a filter that now
    matches nobody) is taken for a fault, not for a directory emptied: the copy stays and the status says why."""
    if result.full and not result.entries and store.count(name) > 0:
        why = Core.tr("{name} answered with no entries; the last copy is kept.").format(name=name)
        if result.skipped:
            where, what = result.skipped[0]
            why += " " + Core.tr("{count} skipped, e.g. {where}: {what}").format(
                count=len(result.skipped), where=where, what=what
            )
        return _failed(store, name, DirectoryError(why), clock)
    try:
        count = store.apply(name, result, clock())
    except Exception as exc:
        return _failed(store, name, exc, clock)
    for where, why in result.skipped[:20]:
        log.info("directory %s: skipped %s (%s)", name, where, why)
    refresh = result.state.get("refresh")
    return SyncOutcome(
        name,
        True,
        count,
        skipped=len(result.skipped),
        refresh=float(refresh) if isinstance(refresh, int | float) else None,
    )


def _failed(store: DirectoryStore, name: str, exc: BaseException, clock: Callable[[], float]) -> SyncOutcome:
    words = user_text(exc, log, f"syncing the directory {name!r}")
    store.record_failure(name, words, clock())
    previous = store.status(name)
    return SyncOutcome(
        name,
        False,
        previous.count if previous else 0,
        words,
        auth_failed=isinstance(exc, DirectoryAuthFailed),
    )


def fetch_configured(
    store: DirectoryStore,
    config: DirectoryConfig,
    secret: Callable[[DirectoryConfig], str],
    clock: Callable[[], float] = time.time,
) -> FetchResult | SyncOutcome:
    """Register the config's priority and blocklist flag, build its source (`secret(config)`: its password from
    the keyring, "" when it has none) and fetch it; a source that cannot even be built (no password, a kind this
    installation cannot read) is a failed try too, recorded in words."""
    store.register(config.name, config.kind, config.priority, config.blocklist)
    try:
        source = build_source(config, secret(config))
    except Exception as exc:
        return _failed(store, config.name, exc, clock)
    return fetch(store, source, clock)


def sync_configured(
    store: DirectoryStore,
    config: DirectoryConfig,
    secret: Callable[[DirectoryConfig], str],
    clock: Callable[[], float] = time.time,
) -> SyncOutcome:
    """fetch_configured, then store_fetched."""
    fetched = fetch_configured(store, config, secret, clock)
    return fetched if isinstance(fetched, SyncOutcome) else store_fetched(store, config.name, fetched, clock)


#: After a failed sync the next try waits this long, then longer (core/backoff.py), never hammering a server.
RETRY_DELAYS = (60.0, 300.0, 900.0)
RETRY_STEADY = 1800.0


def retry_backoff(clock: Callable[[], float] = time.monotonic) -> Backoff:
    """The back-off of one source's automatic syncs."""
    return Backoff(clock, delays=RETRY_DELAYS, steady=RETRY_STEADY, quiet_reset=2 * RETRY_STEADY)


def next_sync_in(config: DirectoryConfig, outcome: SyncOutcome, backoff: Backoff) -> float:
    """Seconds until a source's next automatic sync: after a failure, the back-off's next wait; after a success
    the URL's Cache-Control (clamped to 1 min..24 h, url.py) or the source's interval."""
    if not outcome.ok:
        return backoff.next_delay()
    backoff.reset()
    if config.kind == "url":
        return float(clamp_refresh(outcome.refresh))
    return config.interval * 60.0


def sync_all(
    store: DirectoryStore, sources: Iterable[Source], clock: Callable[[], float] = time.time
) -> list[SyncOutcome]:
    """Every source in turn; each keeps its copy if it fails."""
    return [sync_source(store, source, clock) for source in sources]


__all__ = [
    "DirectoryError",
    "SyncOutcome",
    "fetch",
    "fetch_configured",
    "store_fetched",
    "sync_all",
    "sync_configured",
    "sync_source",
]
