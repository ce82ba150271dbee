"""The `ccs-desktop` command.

Its options, output and exit codes are a contract that scripts rely on: 0 ok, 2 bad input (nothing was sent),
3 authentication failed, 4 network or API failure, 1 a bug (logged, never shown as a traceback). Imports of
requests, keyring, phonenumbers and Qt happen inside the commands that need them, so `--help` starts fast
and the non-GUI commands never load Qt.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TextIO

from ccs_desktop import __version__
from ccs_desktop.core.i18n import QT_TRANSLATE_NOOP, Cli

if TYPE_CHECKING:
    from ccs_desktop.core.api import Agent, CallRecord
    from ccs_desktop.core.credentials import CredentialStore
    from ccs_desktop.core.settings import Settings

PROG = "ccs-desktop"
EXIT_OK, EXIT_BUG = 0, 1  # failures exit with their error's `exit_code` (core/errors.py)


def date_help() -> str:
    return Cli.tr("'YYYY-MM-DD HH:MM:SS' in the tenant's time (YYYY-MM-DD alone means the whole day)")


class Context:
    """Settings, tenant and agent for one command, resolved from flags, then CCS_* variables, then the config."""

    def __init__(self, args: argparse.Namespace) -> None:
        from ccs_desktop.core.paths import config_file
        from ccs_desktop.core.settings import Settings

        self.args = args
        self.settings: Settings = Settings(config_file())

    def value(self, flag: str | None, env: str, setting: str) -> str:
        return (flag or os.environ.get(env) or self.settings.get_str(setting)).strip()

    @property
    def tenant_text(self) -> str:
        return self.value(getattr(self.args, "tenant", None), "CCS_TENANT", "tenant")

    @property
    def email(self) -> str:
        return self.value(getattr(self.args, "email", None), "CCS_EMAIL", "email")

    def require(self) -> tuple[str, str]:
        from ccs_desktop.core.errors import NotConfigured

        tenant, email = self.tenant_text, self.email
        if not tenant or not email:
            raise NotConfigured(
                Cli.tr(
                    "Not logged in: run `ccs-desktop login` (or set CCS_TENANT, CCS_EMAIL and CCS_APP_TOKEN)."
                )
            )
        return tenant, email

    def agent(self, *, keep_session: bool = True) -> tuple[Agent, CredentialStore | None]:
        """An Agent with credentials from CCS_APP_TOKEN or the keyring; `keep_session` stores sessions there."""
        from ccs_desktop.core.api import Agent, CcsClient, Timeouts, resolve_tenant
        from ccs_desktop.core.credentials import CredentialStore

        tenant_text, email = self.require()
        tenant = resolve_tenant(tenant_text)
        env_token = os.environ.get("CCS_APP_TOKEN", "").strip()
        store = CredentialStore(tenant.base_url, email) if (keep_session or not env_token) else None
        token = env_token or (store.load_app_token() if store else None)
        if not token:
            from ccs_desktop.core.errors import NotConfigured

            raise NotConfigured(
                Cli.tr("No app_token for {email} on {host}: run `ccs-desktop login`.").format(
                    email=email, host=tenant.host
                )
            )
        client = CcsClient(
            tenant,
            timeouts=Timeouts(
                self.settings.get_float("connect_timeout"), self.settings.get_float("read_timeout")
            ),
        )
        lifetime = self.settings.get_float("session_lifetime_hours") * 3600
        agent = Agent(client, email, token, store=store if keep_session else None, lifetime=lifetime)
        return agent, store


# --- commands --------------------------------------------------------------------------------------------------


def cmd_login(args: argparse.Namespace) -> int:
    import getpass

    from ccs_desktop.core.api import Agent, CcsClient, Timeouts, resolve_tenant
    from ccs_desktop.core.credentials import CredentialStore
    from ccs_desktop.core.errors import NotConfigured

    ctx = Context(args)
    interactive = sys.stdin is not None and sys.stdin.isatty()
    tenant_text = ctx.tenant_text or (_ask(Cli.tr("Tenant (name, host or URL): ")) if interactive else "")
    email = ctx.email or (_ask(Cli.tr("E-mail: ")) if interactive else "")
    if not tenant_text or not email:
        raise NotConfigured(Cli.tr("Give --tenant and --email (or CCS_TENANT and CCS_EMAIL)."))
    tenant = resolve_tenant(tenant_text)
    token = os.environ.get("CCS_APP_TOKEN", "").strip()
    if not token and interactive:
        token = getpass.getpass(Cli.tr("app_token (hidden): ")).strip()
    if not token:
        raise NotConfigured(
            Cli.tr("No app_token: set CCS_APP_TOKEN or run `ccs-desktop login` in a terminal.")
        )
    settings = ctx.settings
    client = CcsClient(
        tenant, timeouts=Timeouts(settings.get_float("connect_timeout"), settings.get_float("read_timeout"))
    )
    store = CredentialStore(tenant.base_url, email)
    agent = Agent(client, email, token, lifetime=settings.get_float("session_lifetime_hours") * 3600)
    agent.ping()
    stored = agent.login()
    store.save_app_token(token)
    store.save_session(stored)
    settings.set("tenant", tenant_text)
    settings.set("email", email)
    settings.save()
    print(Cli.tr("Logged in to {host} as {email}.").format(host=tenant.host, email=email))
    return EXIT_OK


def _ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        return ""


def cmd_logout(args: argparse.Namespace) -> int:
    from ccs_desktop.core.api import resolve_tenant
    from ccs_desktop.core.credentials import CredentialStore

    ctx = Context(args)
    tenant_text, email = ctx.tenant_text, ctx.email
    if not tenant_text or not email:
        print(Cli.tr("Not logged in; nothing to remove."))
        return EXIT_OK
    tenant = resolve_tenant(tenant_text)
    removed = CredentialStore(tenant.base_url, email).delete_all()
    if removed:
        print(
            Cli.tr("Logged out {email} from {host}: app_token and session removed from the keyring.").format(
                email=email, host=tenant.host
            )
        )
    else:
        print(
            Cli.tr("Nothing stored for {email} on {host}; already logged out.").format(
                email=email, host=tenant.host
            )
        )
    return EXIT_OK


def cmd_call(args: argparse.Namespace) -> int:
    from ccs_desktop.core import handoff
    from ccs_desktop.core.phone import check_region, dial_string, parse_number

    request = {"action": "call", "number": args.number, "dial_format": args.dial_format}
    result = handoff.send(request)
    if result is not None:  # the running window placed it (and tracks it)
        _print_call(result, args.json)
        return EXIT_OK
    ctx = Context(args)
    region = check_region(ctx.settings.get_str("region"))
    number = parse_number(args.number, region, letters=ctx.settings.get_bool("keypad_letters"))
    dial_format = args.dial_format or ctx.settings.get_str("dial_format")
    dialed = dial_string(number, dial_format, region, ctx.settings.get_str("outside_line_prefix"))
    agent, _ = ctx.agent()
    placed = agent.place_call(dialed)
    _print_call(
        {"call_id": placed.call_id, "number": number.e164, "transaction_id": placed.transaction_id}, args.json
    )
    return EXIT_OK


def _print_call(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _print_json({key: result.get(key) for key in ("call_id", "number", "transaction_id")})
    else:
        print(result.get("call_id"))


def _control(name: str, action: Callable[[Agent], str]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from ccs_desktop.core import handoff

        result = handoff.send({"action": name})  # the running window acts on its own call, if it runs
        if result is None:
            agent, _ = Context(args).agent()
            result = {"message": action(agent)}
        print(result.get("message") or Cli.tr("Done."))
        return EXIT_OK

    return run


cmd_hangup = _control("hangup", lambda agent: agent.hangup())
cmd_hold = _control("hold", lambda agent: agent.hold())
cmd_unhold = _control("unhold", lambda agent: agent.unhold())


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


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False))


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
        try:
            count = exporter(store, path)
        except OSError as exc:
            raise InvalidInput(
                Cli.tr("Cannot write {path}: {reason}.").format(path=path, reason=exc.strerror)
            ) from None
    print(Cli.tr("Exported %Ln contact(s) to {path}.", "", count).format(path=path))
    return EXIT_OK


def cmd_contacts_find(args: argparse.Namespace) -> int:
    with _contact_store(Context(args)) as store:
        found = store.search(args.query, limit=args.limit)
    if args.json:
        _print_json(
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
                }
                for c in found
            ]
        )
        return EXIT_OK
    if not found:
        print(Cli.tr("No contacts found."), file=sys.stderr)
    for c in found:
        star = "★ " if c.favourite else ""
        company = f" ({c.company})" if c.company else ""
        print(f"{star}{c.name}{company}: {', '.join(n.e164 for n in c.numbers)}")
    return EXIT_OK


def cmd_install_desktop_integration(args: argparse.Namespace) -> int:
    from ccs_desktop.core import desktop
    from ccs_desktop.core.errors import InvalidInput

    if not sys.platform.startswith("linux"):
        raise InvalidInput(
            Cli.tr("Desktop integration is for Linux; the Windows and macOS installers do this there.")
        )
    report = desktop.uninstall() if args.uninstall else desktop.install()
    for path in report.written:
        print(Cli.tr("wrote {path}").format(path=path))
    for path in report.removed:
        print(Cli.tr("removed {path}").format(path=path))
    for scheme, handler in report.handlers.items():
        if handler:
            print(Cli.tr("{scheme}: links open in {app}").format(scheme=scheme, app=handler))
        else:
            print(Cli.tr("{scheme}: no app opens these links").format(scheme=scheme))
    return EXIT_OK


def cmd_simulator(args: argparse.Namespace) -> int:
    from ccs_desktop.simulator import SimulatorConfig, run

    config = SimulatorConfig(
        host=args.host,
        port=args.port,
        seed_calls=args.seed_calls,
        session_ttl=args.session_ttl,
        call_seconds=args.call_seconds,
        ring_seconds=args.ring_seconds,
        paging_end=args.paging_end,
        incoming_every=args.incoming_every,
        test_controls=args.test_controls,
        random_seed=args.seed,
        notify_url=args.notify_url,
    )
    return run(config)


# --- parser ----------------------------------------------------------------------------------------------------


def _non_negative(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(Cli.tr("must not be negative: {value}").format(value=text))
        return value

    convert.__name__ = kind.__name__
    return convert


def _notify_url(text: str) -> str:
    """'' (the default, also run through this by argparse) means no notifications."""
    from ccs_desktop.simulator.config import check_notify_url

    try:
        return check_notify_url(text) if text.strip() else ""
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=Cli.tr(
            "Desktop companion for Call Center Studio agents. Without a command, opens the agent window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help=Cli.tr("log details to stderr (secrets masked)")
    )
    parser.add_argument(
        "--demo", action="store_true", help=Cli.tr("open the window on a built-in CCS simulator")
    )
    parser.add_argument(
        "--smoke", action="store_true", help=Cli.tr("with --demo: start, measure, print JSON, exit")
    )
    parser.add_argument(
        "--minimized",
        action="store_true",
        help=Cli.tr("start in the tray without showing the window (as at login)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(handler=handler)
        return command

    login = add(
        "login",
        cmd_login,
        Cli.tr("log in: app_token from CCS_APP_TOKEN or a hidden prompt, kept in the keyring"),
    )
    login.add_argument(
        "--tenant", help=Cli.tr("tenant name (acme), host (acme.alo-tech.com) or URL; or CCS_TENANT")
    )
    login.add_argument("--email", help=Cli.tr("the agent's CCS e-mail; or CCS_EMAIL"))
    add("logout", cmd_logout, Cli.tr("remove the app_token and the session from the keyring"))

    call = add("call", cmd_call, Cli.tr("place a call (click2call) and print its call id"))
    call.add_argument(
        "number", help=Cli.tr("phone number in any common format, or a tel:, callto: or sip: link")
    )
    call.add_argument(
        "--dial-format", choices=("national", "e164", "digits"), help=Cli.tr("how CCS receives the number")
    )
    call.add_argument("--json", action="store_true", help=Cli.tr("print {call_id, number, transaction_id}"))
    add("hangup", cmd_hangup, Cli.tr("hang up the current call (click2hang)"))
    add("hold", cmd_hold, Cli.tr("put the current call on hold (click2hold)"))
    add("unhold", cmd_unhold, Cli.tr("resume the call on hold (click2unhold)"))

    calls = add("calls", cmd_calls, Cli.tr("list call records (reportsCDRLogs), all pages"))
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
    find.add_argument("--limit", type=_non_negative(int), default=50)
    find.set_defaults(handler=cmd_contacts_find)

    integration = add(
        "install-desktop-integration",
        cmd_install_desktop_integration,
        Cli.tr(
            "Linux: add ccs-desktop to the menu and make it open tel:, callto: and sip: links (this user only)"
        ),
    )
    integration.add_argument(
        "--uninstall",
        action="store_true",
        help=Cli.tr("remove it and give the links back to the previous app"),
    )

    sim = add(
        "simulator",
        cmd_simulator,
        Cli.tr("run the CCS-compatible simulator (prints its credentials as JSON)"),
    )
    sim.add_argument("--host", default="127.0.0.1")
    sim.add_argument("--port", type=_non_negative(int), default=8765, help=Cli.tr("0 = any free port"))
    sim.add_argument("--seed-calls", type=_non_negative(int), default=500, help=Cli.tr("seeded call records"))
    sim.add_argument("--session-ttl", type=_non_negative(float), default=36000.0, metavar="SECONDS")
    sim.add_argument("--call-seconds", type=_non_negative(float), default=20.0, metavar="SECONDS")
    sim.add_argument("--ring-seconds", type=_non_negative(float), default=2.0, metavar="SECONDS")
    sim.add_argument(
        "--incoming-every",
        type=_non_negative(float),
        default=0.0,
        metavar="SECONDS",
        help=Cli.tr("ring the demo agent"),
    )
    sim.add_argument(
        "--notify-url",
        type=_notify_url,
        default="",
        metavar="URL",
        help=Cli.tr(
            "send IVR call notifications (GET) for inbound calls here; {{call_callerid}}-style macros are expanded"
        ),
    )
    sim.add_argument("--paging-end", choices=("empty-page", "no-cursor"), default="empty-page")
    sim.add_argument("--seed", type=int, default=1, help=Cli.tr("random seed of the generated data"))
    sim.add_argument(
        "--test-controls", action="store_true", help=Cli.tr("enable the /_sim/ fault and state endpoints")
    )
    return parser


URI_SCHEMES = ("tel:", "callto:", "sip:")


def link_argument(arguments: Sequence[str]) -> str | None:
    """The phone link of `ccs-desktop [options] tel:+90...`, as a desktop's URL handler runs it; None when a
    command comes first, so `ccs-desktop call tel:+90...` keeps its link as the number (core.phone parses links)."""
    for argument in arguments:
        if argument.lower().startswith(URI_SCHEMES):
            return argument
        if not argument.startswith("-"):
            return None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    uri = link_argument(arguments)
    if uri is not None:
        arguments.remove(uri)
    _choose_language()
    args = build_parser().parse_args(arguments)
    from ccs_desktop.core.logs import setup_logging
    from ccs_desktop.core.paths import secure_existing

    secure_existing()  # files an older version left readable to others become owner-only

    if args.command is None:
        return run_command(lambda a: _run_gui(a, uri), args)
    setup_logging(verbose=args.verbose)
    return run_command(args.handler, args)


# argparse's own texts (usage, errors), translated through its gettext hook by `_choose_language`
ARGPARSE_TEXTS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "show program's version number and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
)


def _choose_language() -> None:
    """The `language` setting (else the system locale), before the parser's texts are made."""
    from ccs_desktop.core import i18n
    from ccs_desktop.core.paths import config_file

    language = i18n.resolve(i18n.configured_language(config_file()))
    i18n.set_language(language)
    argparse._ = lambda text: i18n.translate("argparse", text)  # type: ignore[attr-defined]


def run_command(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """One line on stderr for every failure; the exit code says which kind."""
    from ccs_desktop.core.errors import CcsError

    try:
        return handler(args)
    except CcsError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: {Cli.tr('interrupted')}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK  # `ccs-desktop calls | head` is fine
    except Exception:
        return _report_bug()


def _report_bug() -> int:
    import logging
    import traceback

    from ccs_desktop.core.logs import redact
    from ccs_desktop.core.paths import log_dir, private_file

    text = redact(traceback.format_exc())
    where = log_dir() / "crash.log"
    try:
        with private_file(where).open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat()} ccs-desktop {__version__}\n{text}\n")
    except OSError:
        logging.getLogger(__name__).debug("cannot write %s", where)
    print(
        f"{PROG}: " + Cli.tr("internal error; details were written to {path}").format(path=where),
        file=sys.stderr,
    )
    return EXIT_BUG


def _run_gui(args: argparse.Namespace, uri: str | None) -> int:
    """Hand over to a running instance if there is one; else start the window (the only Qt import)."""
    from ccs_desktop.core import handoff
    from ccs_desktop.core.logs import setup_logging
    from ccs_desktop.core.paths import log_dir

    if args.smoke and not args.demo:
        raise_input(Cli.tr("--smoke needs --demo"))
    # A running window shows itself, or opens the link; a login-time start finds it running and leaves it be.
    request = {"action": "open", "uri": uri} if uri else {"action": "ping" if args.minimized else "show"}
    if not args.smoke and handoff.send(request) is not None:
        return EXIT_OK
    setup_logging(verbose=args.verbose, log_file=log_dir() / "ccs-desktop.log")
    from ccs_desktop.app import run_gui

    return run_gui(demo=args.demo, smoke=args.smoke, uri=uri, minimized=args.minimized)


def raise_input(text: str) -> None:
    from ccs_desktop.core.errors import InvalidInput

    raise InvalidInput(text)
