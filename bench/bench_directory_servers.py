"""Directory sync (fetch) times against the real servers the tests use, started on loopback in a temp dir.

(a) LDAP: a slapd with 50,000 people (size limit 1,000, so only paging gets them all): a full fetch over ldap://
    with StartTLS, over ldaps://, and over plain ldap://, at page sizes 500 and 1,000 (AD's maximum).
(b) CardDAV: a Radicale with 5,000 cards in one address book: the first sync, an incremental re-sync with
    nothing changed, and one after CHANGED cards were changed, with sync-collection and with the ctag/etag
    fallback (a Radicale that does not offer sync-collection).

Only the source's fetch is timed (what a sync's worker thread waits for), not storing the rows.
Needs slapd (Debian: slapd, ldap-utils) and radicale (pip install -e '.[test]').

Run: python bench/bench_directory_servers.py [--ldap 50000] [--cards 5000] [--changed 50] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_cli import machine

from ccs_desktop.core.directories.carddav import CardDavConfig, CardDavSource
from ccs_desktop.core.directories.ldap import LdapConfig, LdapSource
from tests.support.carddav_server import PASSWORD, USER, start_radicale, vcard
from tests.support.ldap_server import SUFFIX, base_entries, big_people, start_slapd


def timed(work: Callable[[], object], runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return times, result


def show(label: str, times: list[float], count: int = 0) -> None:
    best, median = min(times), statistics.median(times)
    rate = f" ({count / best:,.0f} entries/s)" if count else ""
    print(f"    {label:34s} best {best:6.2f} s, median {median:6.2f} s{rate}")


def bench_ldap(folder: Path, count: int, runs: int) -> None:
    started = time.perf_counter()
    server = start_slapd(folder, [base_entries(), *big_people(count)])
    print(
        f"(a) LDAP: slapd with {count:,} entries loaded and started in {time.perf_counter() - started:.1f} s"
    )
    try:
        base = f"ou=big,{SUFFIX}"
        ca = str(server.ca.ca_file)
        for label, config in [
            ("ldap:// + StartTLS, page 500", LdapConfig(server.url, base, ca_file=ca)),
            ("ldaps://, page 500", LdapConfig(server.ldaps_url, base, ca_file=ca)),
            ("ldap:// plain, page 500", LdapConfig(server.url, base, starttls=False)),
            ("ldap:// + StartTLS, page 1,000", LdapConfig(server.url, base, ca_file=ca, page_size=1000)),
        ]:
            source = LdapSource("bench", config)
            times, result = timed(lambda source=source: source.fetch({}), runs)
            assert len(result.entries) == count, len(result.entries)
            show(label, times, count)
    finally:
        server.stop()


def bench_carddav(folder: Path, mode: str, label: str, count: int, changed: int, runs: int) -> None:
    server = start_radicale(folder / mode, sync_collection=mode)
    try:
        started = time.perf_counter()
        server.make_book("customers", "Customers")
        cards = [
            vcard(
                f"c{i}",
                f"Müşteri {i}",
                f"TEL;TYPE=WORK:+90 212 {i:07d}",
                f"EMAIL:c{i}@example.com",
                company="Örnek A.Ş.",
            )
            for i in range(count)
        ]
        server.put_many("customers", cards)
        print(f"(b) CardDAV, {label}: {count:,} cards put in {time.perf_counter() - started:.1f} s")
        config = CardDavConfig(server.root, USER, timeout=300)  # the cold first read below takes long
        # Radicale parses and caches each card the first time it is read after the bulk upload: that first
        # sync waits for the server; later first syncs (another desktop) do not.
        cold, _ = timed(lambda: CardDavSource("bench", config, PASSWORD).fetch({}), 1)
        show("first sync (server's cache cold)", cold, count)
        first_times, first = timed(lambda: CardDavSource("bench", config, PASSWORD).fetch({}), runs)
        assert len(first.entries) == count, len(first.entries)
        show("first sync", first_times, count)
        source = CardDavSource("bench", config, PASSWORD)
        times, again = timed(lambda: source.fetch(first.state), runs)
        assert not again.entries and not again.removed
        show("re-sync, nothing changed", times)
        state, change_times = first.state, []
        for run in range(runs):
            for i in range(changed):
                server.put("customers", f"c{i}", vcard(f"c{i}", f"Müşteri {i} ({run})", "TEL:0212 555 00 00"))
            took, result = timed(lambda state=state: source.fetch(state), 1)
            assert len(result.entries) == changed, len(result.entries)
            change_times += took
            state = result.state
        show(f"re-sync, {changed} cards changed", change_times)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ldap", type=int, default=50_000, help="LDAP entries")
    parser.add_argument("--cards", type=int, default=5_000, help="CardDAV cards")
    parser.add_argument("--changed", type=int, default=50, help="cards changed before an incremental re-sync")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        bench_ldap(Path(tmp) / "slapd", args.ldap, args.runs)
        for mode, label in (("offered", "sync-collection"), ("absent", "ctag/etag fallback")):
            bench_carddav(Path(tmp) / "radicale", mode, label, args.cards, args.changed, args.runs)


if __name__ == "__main__":
    main()
