"""Shared-directory figures, generated deterministically in a temp dir, over a real loopback HTTP server.

(a) URL source sync of a 50,000-item MicroSIP JSON file: first sync, an unchanged re-sync (200, same content:
    nothing rewritten), a re-sync answered 304, and one with 1 % of the items changed.
(b) number look-up with 100,000 local contacts plus 50,000 directory entries, as the cards do it
    (core.directories.lookup.identify and the card's line: local contacts, then the directories, priorities,
    blocklists): p50/p99/max over mixed formats of local, directory and unknown numbers, goal p99 <= 100 us
    (issue 15), both for a number's first look-up (parsed) and again (its parse memoised, as when the card, the
    call list and the clipboard card ask in turn); per round, median of the rounds, and where the time goes
    (parse, each store's statement, the card); and the call list's names_for.

Hooks for the LDAP and CardDAV timings (bench/bench_directory_servers.py): `timed_sync(store, source, label)`
syncs any Source into a store and prints one line in the same form; `directory_entries(rng, count)` makes the same
people as entries; `--servers` runs that module's `main(timed_sync, directory_entries)` when it is there.

Run: python bench/bench_directories.py [--contacts 100000] [--entries 50000] [--lookups 3000] [--rounds 3] [--seed 7]
     [--servers]
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_cli import machine
from bench_contacts import FORMATS, generate, percentile, write_csv

from ccs_desktop.core.contacts.io import import_csv
from ccs_desktop.core.contacts.store import ContactStore
from ccs_desktop.core.directories.lookup import combine, identify, local_hit
from ccs_desktop.core.directories.source import DirectoryEntry, DirectoryNumber, Source
from ccs_desktop.core.directories.store import DirectoryStore
from ccs_desktop.core.directories.sync import sync_source
from ccs_desktop.core.directories.url import UrlSource
from ccs_desktop.core.phone import lookup_number

GOAL_US = 100  # issue 15: look-up p99 <= 100 us at 100,000 contacts + 50,000 directory entries


def directory_entries(rng: random.Random, count: int) -> list[DirectoryEntry]:
    """`count` people as directory entries (uid, name, company, one or two Turkish numbers)."""
    return [
        DirectoryEntry(f"uid={i}", name, company, tuple(DirectoryNumber("0" + d, "work") for d in numbers))
        for i, (name, company, numbers) in enumerate(generate(rng, count))
    ]


def timed_sync(store: DirectoryStore, source: Source, label: str) -> float:
    """Sync `source` into `store` once and print how long it took; returns the seconds."""
    started = time.perf_counter()
    outcome = sync_source(store, source)
    elapsed = time.perf_counter() - started
    state = "ok" if outcome.ok else f"FAILED: {outcome.error}"
    print(f"    {label}: {elapsed:.2f} s, {outcome.count:,} entries ({state})")
    return elapsed


class Served:
    """The directory file on a loopback server; `body` can change between syncs, ETag follows it."""

    def __init__(self) -> None:
        self.body = b""
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                etag = f'"{hash(owner.body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(owner.body)))
                self.send_header("Cache-Control", "max-age=3600")
                if owner.etags:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *args: object) -> None:
                pass

        self.etags = False
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/directory.json"


def as_json(entries: list[DirectoryEntry]) -> bytes:
    items = []
    for e in entries:
        item = {"id": e.uid, "name": e.name, "company": e.company, "number": e.numbers[0].number}
        if len(e.numbers) > 1:
            item["mobile"] = e.numbers[1].number
        items.append(item)
    return json.dumps({"items": items}, ensure_ascii=False).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--lookups", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3, help="look-up rounds (p99 of each is printed)")
    parser.add_argument(
        "--servers", action="store_true", help="also run bench_directory_servers.py (LDAP, CardDAV)"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"machine: {machine()}")

    with tempfile.TemporaryDirectory() as tmp:
        people = generate(rng, args.contacts)
        csv_path = Path(tmp) / "crm.csv"
        write_csv(csv_path, people, rng)
        entries = directory_entries(random.Random(args.seed + 1), args.entries)
        served = Served()
        served.body = as_json(entries)
        print(f"directory file: {len(served.body) / 1e6:.1f} MB, {args.entries:,} items")

        with (
            ContactStore(Path(tmp) / "ccs-desktop.sqlite3") as contacts,
            DirectoryStore(Path(tmp) / "directories.sqlite3") as store,
        ):
            started = time.perf_counter()
            import_csv(contacts, csv_path)
            print(f"local contacts: {contacts.count():,} imported in {time.perf_counter() - started:.1f} s")
            store.register("Rehber", "url")
            store.register("Spam", "url", blocklist=True)
            source = UrlSource("Rehber", served.url)

            print(f"(a) URL source sync, {args.entries:,} items:")
            timed_sync(store, source, "first sync")
            timed_sync(store, source, "re-sync, same content (200, nothing rewritten)")
            served.etags = True
            timed_sync(store, source, "re-sync with an ETag (first: 200)")
            timed_sync(store, source, "re-sync answered 304")
            changed = list(entries)
            for index in random.Random(3).sample(range(len(changed)), max(1, len(changed) // 100)):
                e = changed[index]
                changed[index] = DirectoryEntry(e.uid, e.name + " Jr.", e.company, e.numbers)
            served.body = as_json(changed)
            timed_sync(store, source, "re-sync, 1 % of the items changed")
            spam = directory_entries(random.Random(args.seed + 2), 1000)
            sync_source(store, _Fixed("Spam", spam))

            queries: list[tuple[str, str]] = []  # (typed, which)
            for _ in range(args.lookups):
                kind = rng.choice(("local", "directory", "unknown"))
                if kind == "local":
                    digits = rng.choice(rng.choice(people)[2])
                elif kind == "directory":
                    digits = rng.choice(rng.choice(entries).numbers).number[1:]
                else:
                    digits = f"5{rng.randint(0, 99):02d}{rng.randint(0, 9999999):07d}"
                queries.append((rng.choice(FORMATS)(digits), kind))
            # The generated people (150,000 tuples and dataclasses) are not in the app's heap: frozen, so the
            # collector's full passes over them do not show up as look-up time.
            gc.collect()
            gc.freeze()
            lookup_rounds(contacts, store, queries, args.rounds)
            parties = [d[-10:] for _t, kind in queries[:500] for d in ["".join(c for c in _t if c.isdigit())]]
            started = time.perf_counter()
            names = contacts.names_for(parties)
            names.update(store.names_for(set(parties) - names.keys()))
            took = (time.perf_counter() - started) * 1000
            print(f"    call list names_for, {len(parties)} numbers: {took:.1f} ms ({len(names)} named)")
            print(
                f"    directory file on disk: {(Path(tmp) / 'directories.sqlite3').stat().st_size / 1e6:.1f} MB"
            )

        served.server.shutdown()
        if args.servers:
            hook = Path(__file__).with_name("bench_directory_servers.py")
            if not hook.is_file():
                print("(servers) bench_directory_servers.py is not there yet")
            else:
                spec = importlib.util.spec_from_file_location("bench_directory_servers", hook)
                module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
                spec.loader.exec_module(module)  # type: ignore[union-attr]
                module.main(timed_sync, directory_entries)


def lookup_rounds(
    contacts: ContactStore, store: DirectoryStore, queries: list[tuple[str, str]], rounds: int
) -> None:
    """(b): identify() + the card's line per query, first look-ups and again, then the breakdown."""
    region = contacts.region
    for label, first in (("first look-up of each number (parsed)", True), ("again (parse memoised)", False)):
        p50s, p99s, maxes = [], [], []
        kinds: dict[str, list[float]] = {"local": [], "directory": [], "unknown": []}
        named = 0
        for _round in range(rounds):
            if first:
                lookup_number.cache_clear()
            else:
                for typed, _kind in queries:
                    lookup_number(typed, region)
            every = []
            named = 0
            for typed, kind in queries:
                started = time.perf_counter()
                text = identify(contacts, store, typed).card_text()
                took = (time.perf_counter() - started) * 1e6
                every.append(took)
                kinds[kind].append(took)
                named += text is not None
            p50s.append(percentile(every, 50))
            p99s.append(percentile(every, 99))
            maxes.append(max(every))
        p99 = statistics.median(p99s)
        print(
            f"(b) number look-up (local + directories + blocklist), {label}, {len(queries):,} mixed formats x"
            f" {rounds} rounds: p50 {statistics.median(p50s):.0f} us, p99 {p99:.0f} us, max"
            f" {statistics.median(maxes):.0f} us (medians of the rounds; goal p99 <= {GOAL_US} us:"
            f" {'met' if p99 <= GOAL_US else 'NOT met'}); {named:,} named"
        )
        print(f"    p99 per round: {', '.join(f'{r:.0f}' for r in p99s)} us (the machine is shared)")
        for kind, values in kinds.items():
            print(f"    {kind:9s}: p50 {percentile(values, 50):.0f} us, p99 {percentile(values, 99):.0f} us")
    breakdown(contacts, store, [typed for typed, _kind in queries])


def breakdown(contacts: ContactStore, store: DirectoryStore, texts: list[str]) -> None:
    """Where one identify() spends its time, each part timed alone over the same numbers (mean, p99)."""
    region = contacts.region

    def cold_parse(text: str) -> float:
        lookup_number.cache_clear()
        started = time.perf_counter()
        lookup_number(text, region)
        return (time.perf_counter() - started) * 1e6

    parts: dict[str, list[float]] = {
        "parse (phonenumbers, first look-up only)": [cold_parse(t) for t in texts]
    }
    lookup_number.cache_clear()
    tracemalloc.start()
    for text in texts:
        lookup_number(text, region)
    memo = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    size = lookup_number.cache_info().currsize
    local = {t: [local_hit(c) for c in contacts.find_by_number(t)] for t in texts}
    found = {t: store.find_by_number(t) for t in texts}
    timed = {
        "parse again (memo)": lambda t: lookup_number(t, region),
        "local contacts: one statement + rows": contacts.find_by_number,
        "directories: one statement + rows": store.find_by_number,
        "card: hits, priorities, line": lambda t: combine(local[t], found[t]).card_text(),
    }
    for name, work in timed.items():
        values = []
        for text in texts:
            started = time.perf_counter()
            work(text)
            values.append((time.perf_counter() - started) * 1e6)
        parts[name] = values
    print("    where the time goes (each part alone, same numbers):")
    for name, values in parts.items():
        print(
            f"      {name:40s} mean {statistics.fmean(values):5.1f} us, p99 {percentile(values, 99):5.1f} us"
        )
    full = lookup_number.cache_info().maxsize or size
    print(
        f"    parse memo: {memo / size / 1e3:.2f} kB a number, {memo / size * full / 1e6:.1f} MB when full ({full:,})"
    )


class _Fixed:
    """A source that always gives the same entries (the bench's blocklist)."""

    def __init__(self, name: str, entries: list[DirectoryEntry]) -> None:
        self.name, self.entries = name, entries

    def fetch(self, state: object) -> object:
        from ccs_desktop.core.directories.source import FetchResult

        return FetchResult(self.entries)

    def test(self) -> str:
        return "ok"


if __name__ == "__main__":
    main()
