"""`calls`: call records (reportsCDRLogs), every page, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TextIO

from ccs_desktop.cli.common import EXIT_OK, Commands, Context, add_command
from ccs_desktop.core.i18n import Cli

if TYPE_CHECKING:
    from ccs_desktop.core.api import CallRecord


def date_help() -> str:
    return Cli.tr("'YYYY-MM-DD HH:MM:SS' in the tenant's time (YYYY-MM-DD alone means the whole day)")


def parse_when(text: str, *, end_of_day: bool) -> datetime:
    """CCS's own date form, or a bare date meaning the day's first or last second; none before 1900."""
    from ccs_desktop.core.api.client import check_year
    from ccs_desktop.core.errors import InvalidInput

    value = text.strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            return check_year(datetime.strptime(value, fmt), repr(text))
        except ValueError:
            pass
    try:
        day = check_year(datetime.strptime(value, "%Y-%m-%d"), repr(text))
    except ValueError:
        raise InvalidInput(
            Cli.tr("{text} is not a date: use {form}.").format(text=repr(text), form=date_help())
        ) from None
    return day.replace(hour=23, minute=59, second=59) if end_of_day else day


def cmd_calls(args: argparse.Namespace) -> int:
    from ccs_desktop.core.api import CdrQuery
    from ccs_desktop.core.errors import InvalidInput

    ctx = Context(args)
    start = parse_when(args.date_from, end_of_day=False) if args.date_from else None
    finish = parse_when(args.date_to, end_of_day=True) if args.date_to else None
    if not args.call_id and (start is None or finish is None):
        raise InvalidInput(Cli.tr("Give --from and --to (or --call-id)."))
    if args.call_id and (start is None or finish is None):
        from ccs_desktop.core.api.records import tenant_clock

        # the tenant's "now" (CCS dates are tenant-local), as the window's periods use
        finish = finish or tenant_clock(lambda: ctx.settings.get_str("tenant_utc_offset"))()
        start = start or finish - timedelta(days=90)
    if start and finish and start > finish:
        raise InvalidInput(Cli.tr("--from is after --to."))
    matches: Callable[[CallRecord], bool] = lambda record: True  # noqa: E731
    if args.number:
        from ccs_desktop.core.phone import check_region, parse_number

        wanted = parse_number(args.number, check_region(ctx.settings.get_str("region")))
        matches = _number_matcher(wanted.national_number)
    query = CdrQuery(
        start=start,
        finish=finish,
        agent_username=args.agent,
        queue=args.queue,
        sorting=args.sort,
        activecallkey=args.call_id,
    )
    query.params()  # validate before anything is sent
    agent, _ = ctx.agent(keep_session=False)
    progress = _Progress(sys.stderr)
    records: list[CallRecord] = []
    for record in agent.call_records(query):
        progress.tick()
        if matches(record):
            records.append(record)
    if args.call_id and not records:
        # CCS may not tell us the live-call key; our own transaction id is echoed as `uniqueid`.
        lookup = CdrQuery(start=start, finish=finish, uniqueid=args.call_id)
        records = [r for r in agent.call_records(lookup) if matches(r)]
    progress.done(len(records))
    writer = {"table": _write_table, "json": _write_json, "csv": _write_csv}[args.format]
    writer(records, sys.stdout)
    return EXIT_OK


def _number_matcher(national: str) -> Callable[[CallRecord], bool]:
    """Suffix match on digits: 0532..., 90532... and +90 532... in CCS records all end the same way."""
    from ccs_desktop.core.phone import digits_suffix

    size = len(national)

    def match(record: CallRecord) -> bool:
        return any(
            digits_suffix(value, size) == national and len(digits_suffix(value, 99)) >= size
            for value in (record.caller_id, record.called_num)
        )

    return match


class _Progress:
    """Progress on stderr, only once a listing has taken more than a second."""

    def __init__(self, stream: TextIO, delay: float = 1.0) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.delay = delay
        self.count = 0
        self.shown = False
        self._next = self.started + delay

    def tick(self) -> None:
        self.count += 1
        if self.count % 100 == 0:
            now = time.monotonic()
            if now >= self._next:
                end = "\r" if self.stream.isatty() else "\n"
                self.stream.write(Cli.tr("Fetched %Ln call record(s)…", "", self.count) + end)
                self.stream.flush()
                self.shown = True
                self._next = now + (0.2 if self.stream.isatty() else 2.0)

    def done(self, kept: int) -> None:
        if self.shown:
            elapsed = time.monotonic() - self.started
            fetched = Cli.tr("Fetched %Ln call record(s) in {seconds:.1f} s;", "", self.count)
            shown = Cli.tr("%Ln shown.", "", kept)
            self.stream.write(fetched.format(seconds=elapsed) + " " + shown + "\n")
            self.stream.flush()


def _write_table(records: Sequence[CallRecord], out: TextIO) -> None:
    from ccs_desktop.core.calls.rows import clock

    if not records:
        print(Cli.tr("No call records."), file=sys.stderr)
        return
    headers = (
        Cli.tr("Date"),
        Cli.tr("Dir"),
        Cli.tr("From"),
        Cli.tr("To"),
        Cli.tr("Result"),
        Cli.tr("Talk"),
        Cli.tr("Queue"),
        Cli.tr("Agent"),
    )
    directions = {True: Cli.tr("in"), False: Cli.tr("out"), None: ""}
    rows = [
        (
            record.get("calldate") or "",
            directions[record.inbound],
            record.caller_id,
            record.called_num,
            Cli.tr("answered") if record.answered else Cli.tr("missed"),
            clock(record.duration),
            record.queue,
            record.agent,
        )
        for record in records
    ]
    widths = [max(len(h), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(f"{{:{w}}}" for w in widths)
    out.write(line.format(*headers).rstrip() + "\n")
    out.writelines(line.format(*row).rstrip() + "\n" for row in rows)


def _write_json(records: Iterable[CallRecord], out: TextIO) -> None:
    json.dump([dict(r.raw) for r in records], out, ensure_ascii=False, indent=1)
    out.write("\n")


def _write_csv(records: Sequence[CallRecord], out: TextIO) -> None:
    import csv

    from ccs_desktop.core.api.records import cell_text, field_order
    from ccs_desktop.core.spreadsheet import spreadsheet_safe

    columns = field_order(list(records)) or ["callid", "calldate", "callerid", "called_num"]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([spreadsheet_safe(cell_text(record.raw.get(name))) for name in columns])


def register(sub: Commands) -> None:
    calls = add_command(sub, "calls", cmd_calls, Cli.tr("list call records (reportsCDRLogs), all pages"))
    calls.add_argument("--from", dest="date_from", metavar="WHEN", help=date_help())
    calls.add_argument("--to", dest="date_to", metavar="WHEN", help=date_help())
    calls.add_argument("--number", help=Cli.tr("only calls with this number, in any format"))
    calls.add_argument(
        "--call-id", metavar="ACTIVECALLKEY", help=Cli.tr("one call by its id (other filters ignored)")
    )
    calls.add_argument("--agent", metavar="EMAIL", help=Cli.tr("only this agent's calls (agent_username)"))
    calls.add_argument("--queue", metavar="QUEUEKEY", help=Cli.tr("only this queue's calls"))
    calls.add_argument(
        "--sort", choices=("desc", "asc"), default="desc", help=Cli.tr("by call date (default: newest first)")
    )
    calls.add_argument("--format", choices=("table", "json", "csv"), default="table")
