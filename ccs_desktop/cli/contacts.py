"""`contacts import|export|find`: the local contact list (and, for find, the synced directories), without the window."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ccs_desktop.cli.common import EXIT_OK, Commands, Context, non_negative, print_json
from ccs_desktop.core.i18n import Cli

VCARD_SUFFIXES = (".vcf", ".vcard")


def _contact_store(ctx: Context) -> Any:
    from ccs_desktop.core.contacts.store import ContactStore
    from ccs_desktop.core.paths import database_file
    from ccs_desktop.core.phone import check_region

    path = database_file()  # open_database makes it and its folder owner-only
    return ContactStore(path, check_region(ctx.settings.get_str("region")))


def _readable(path_text: str) -> Any:
    from pathlib import Path

    from ccs_desktop.core.errors import InvalidInput

    path = Path(path_text)
    if not path.is_file():
        raise InvalidInput(Cli.tr("No such file: {path}").format(path=path))
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise InvalidInput(
            Cli.tr("Cannot read {path}: {reason}.").format(path=path, reason=exc.strerror)
        ) from None
    return path


def cmd_contacts_import(args: argparse.Namespace) -> int:
    from ccs_desktop.core.contacts.io import import_csv, import_summary, import_vcard

    path = _readable(args.file)
    importer = import_vcard if path.suffix.lower() in VCARD_SUFFIXES else import_csv
    with _contact_store(Context(args)) as store:
        report = importer(store, path)
    for problem in report.problems():
        print(
            Cli.tr("{file}, line {line}: {reason}").format(
                file=path.name, line=problem.line, reason=problem.reason
            ),
            file=sys.stderr,
        )
    print(import_summary(report.added, report.merged, len(report.skipped), len(report.dropped)))
    return EXIT_OK


def cmd_contacts_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ccs_desktop.core.contacts.io import export_csv, export_vcard
    from ccs_desktop.core.errors import InvalidInput

    path = Path(args.file)
    if not path.parent.is_dir():
        raise InvalidInput(Cli.tr("No such folder: {path}").format(path=path.parent))
    exporter = export_vcard if path.suffix.lower() in VCARD_SUFFIXES else export_csv
    with _contact_store(Context(args)) as store:
        count = exporter(store, path)  # InvalidInput when the file cannot be written
    print(Cli.tr("Exported %Ln contact(s) to {path}.", "", count).format(path=path))
    return EXIT_OK


def cmd_contacts_find(args: argparse.Namespace) -> int:
    """Every source: the local contacts, then the synced directories, each item naming its `source`."""
    from ccs_desktop.cli.directories import existing_directory_store

    ctx = Context(args)
    with _contact_store(ctx) as store:
        found = store.search(args.query, limit=args.limit)
    directory = existing_directory_store(ctx)
    hits = []
    if directory is not None:
        with directory:
            hits = directory.search(args.query, limit=max(0, args.limit - len(found)))
    if args.json:
        print_json(
            [
                {
                    "id": c.id,
                    "name": c.name,
                    "company": c.company,
                    "numbers": [n.e164 for n in c.numbers],
                    "labels": [n.label for n in c.numbers],
                    "email": c.email,
                    "notes": c.notes,
                    "favourite": c.favourite,
                    "external_id": c.external_id,
                    "source": "local",
                }
                for c in found
            ]
            + [
                {
                    "id": None,
                    "name": h.name,
                    "company": h.company,
                    "numbers": [e164 for e164, _label in h.numbers],
                    "labels": [label for _e164, label in h.numbers],
                    "email": h.email,
                    "url": h.url,
                    "external_id": h.uid,
                    "source": h.source,
                    "blocklist": h.blocklist,
                }
                for h in hits
            ]
        )
        return EXIT_OK
    if not found and not hits:
        print(Cli.tr("No contacts found."), file=sys.stderr)
    for c in found:
        star = "★ " if c.favourite else ""
        print(f"{star}{c.display_name}: {', '.join(n.e164 for n in c.numbers)}")
    for h in hits:
        where = Cli.tr("blocklist {source}") if h.blocklist else Cli.tr("from {source}")
        numbers = ", ".join(e164 for e164, _label in h.numbers)
        print(f"{h.display_name}: {numbers} · {where.format(source=h.source)}")
    return EXIT_OK


def register(sub: Commands) -> None:
    contacts = sub.add_parser("contacts", help=Cli.tr("the local contact list: import, export, find"))
    contacts_sub = contacts.add_subparsers(dest="contacts_command", metavar="ACTION", required=True)
    imp = contacts_sub.add_parser(
        "import", help=Cli.tr("import a CSV (English/Turkish headers) or vCard file")
    )
    imp.add_argument("file")
    imp.set_defaults(handler=cmd_contacts_import)
    exp = contacts_sub.add_parser("export", help=Cli.tr("export to CSV, or vCard for .vcf/.vcard"))
    exp.add_argument("file")
    exp.set_defaults(handler=cmd_contacts_export)
    find = contacts_sub.add_parser("find", help=Cli.tr("search by name, company or number (any format)"))
    find.add_argument("query")
    find.add_argument("--json", action="store_true", help=Cli.tr("print a JSON array of contacts"))
    find.add_argument("--limit", type=non_negative(int), default=50)
    find.set_defaults(handler=cmd_contacts_find)
