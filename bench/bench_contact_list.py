"""The painted contact list (ui.contacts_model) with many rows, and the worker's part of a listing with last calls.

Measures, offscreen: filling the model with N contacts and drawing the first screen of the list (the GUI thread's
cost), scrolling a screen down, and, in a real SQLite file with 100,000 contacts and a call cache, the serial
worker's listing of the first 200 contacts with each one's last call (what `ContactsController.search("")` does).

Run: python bench/bench_contact_list.py [--contacts 100000] [--calls 20000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(work, rounds: int = 5) -> float:
    """Median milliseconds of `work()`."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=20_000)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from ccs_desktop.core.api.records import CallRecord
    from ccs_desktop.core.calls.cache import CallCache
    from ccs_desktop.core.contacts.model import Contact, ContactNumber
    from ccs_desktop.core.contacts.store import ContactStore
    from ccs_desktop.core.phone import digits_suffix
    from ccs_desktop.ui.contacts_panel import ContactsPanel

    app = QApplication([])
    contacts = [
        Contact(
            i, f"Kişi {i:06d}", f"Firma {i % 977}", [ContactNumber(f"+90532{i:07d}")], favourite=i % 50 == 0
        )
        for i in range(args.contacts)
    ]
    panel = ContactsPanel()
    panel.resize(1200, 760)
    panel.show()
    app.processEvents()

    def fill_and_draw() -> None:
        panel.show_results(contacts, len(contacts))
        panel.list.viewport().grab()

    def scroll() -> None:
        bar = panel.list.verticalScrollBar()
        bar.setValue(bar.value() + bar.pageStep())
        panel.list.viewport().grab()

    listed = contacts[:200]

    def fill_listed() -> None:
        panel.show_results(listed, len(contacts))
        panel.list.viewport().grab()

    print(f"model fill + first screen, 200 rows (what a listing shows): {timed(fill_listed):.1f} ms")
    print(f"model fill + first screen, {args.contacts:,} rows: {timed(fill_and_draw):.1f} ms")
    print(f"scroll one screen: {timed(scroll, 20):.1f} ms")
    print(f"numbers formatted so far: {len(panel.model._shown)}")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ccs.sqlite3"
        with ContactStore(path) as store, store.transaction():
            for contact in contacts:
                store.add(
                    Contact(None, contact.name, contact.company, contact.numbers, favourite=contact.favourite)
                )
        with CallCache(path) as cache:
            cache.store(
                "acct",
                [
                    CallRecord.from_api(
                        {
                            "callid": f"c{i}",
                            "calldate": f"2026-11-{1 + i % 28:02d} {i % 24:02d}:00:00",
                            "inbound": True,
                            "callerid": f"0532{(i * 7) % args.contacts:07d}",
                            "answered": i % 3 != 0,
                        }
                    )
                    for i in range(args.calls)
                ],
            )
        with ContactStore(path) as store, CallCache(path) as cache:

            def listing() -> None:
                import itertools

                found = list(itertools.islice(store.all(), 200))
                for contact in found:
                    cache.history("acct", {digits_suffix(n.e164) for n in contact.numbers}, 1)

            def bare() -> None:
                import itertools

                list(itertools.islice(store.all(), 200))

            print(f"worker: first 200 contacts: {timed(bare):.1f} ms")
            print(
                f"worker: first 200 contacts with their last calls ({args.calls:,} calls): {timed(listing):.1f} ms"
            )
    panel.close()


if __name__ == "__main__":
    main()
