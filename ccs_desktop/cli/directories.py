"""`directory add|list|sync|remove`: the shared customer directories (LDAP/AD, CardDAV, a directory URL, a CRM
look-up), without the window.

Passwords come from CCS_DIRECTORY_PASSWORD or a hidden prompt, never from the command line (argv is visible to
every user of the machine), and go only to the keyring. `sync` exits 4 with the reason when a server fails; the
last good copy stays.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from typing import Any

from ccs_desktop.cli.common import EXIT_OK, Commands, Context, print_json
from ccs_desktop.core.i18n import Cli

PASSWORD_ENV = "CCS_DIRECTORY_PASSWORD"
EXIT_SERVER = 4


def directory_store(ctx: Context) -> Any:
    from ccs_desktop.core.directories.store import DirectoryStore, directory_file
    from ccs_desktop.core.paths import database_file
    from ccs_desktop.core.phone import check_region

    return DirectoryStore(directory_file(database_file()), check_region(ctx.settings.get_str("region")))


def existing_directory_store(ctx: Context) -> Any:
    """The store if a directory was ever synced here, else None (a look-up creates no file)."""
    from ccs_desktop.core.directories.store import directory_file
    from ccs_desktop.core.paths import database_file

    return directory_store(ctx) if directory_file(database_file()).is_file() else None


def needs_secret(config: Any) -> bool:
    """Whether the source authenticates: a bind DN, a CardDAV or URL user, a CRM header."""
    return bool(config.user) or (config.kind == "crm" and bool(config.options.get("header")))


def ask_password(name: str) -> str:
    from ccs_desktop.core.errors import NotConfigured

    secret = os.environ.get(PASSWORD_ENV, "")
    if secret:
        return secret
    if not sys.stdin.isatty():
        raise NotConfigured(
            Cli.tr("The directory {name} needs a password: set {env} or run this in a terminal.").format(
                name=name, env=PASSWORD_ENV
            )
        )
    import getpass

    secret = getpass.getpass(Cli.tr("Password for the directory {name}: ").format(name=name))
    if not secret:
        raise NotConfigured(Cli.tr("No password given; nothing was saved."))
    return secret


def _config_from_args(args: argparse.Namespace) -> Any:
    from ccs_desktop.core.directories.config import DirectoryConfig, check_config

    options: dict[str, str] = {}
    for pair in args.option or ():
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            from ccs_desktop.core.errors import InvalidInput

            raise InvalidInput(Cli.tr("--option takes KEY=VALUE, not {value}.").format(value=repr(pair)))
        options[key.strip()] = value.strip()
    if args.ldap:
        kind, url, user = "ldap", args.ldap, args.bind_dn or ""
    elif args.carddav:
        kind, url, user = "carddav", args.carddav, args.user or ""
    elif args.url:
        kind, url, user = "url", args.url, args.user or ""
    else:
        kind, url, user = "crm", args.crm_lookup, ""
        for key, value in (
            ("header", args.auth_header),
            ("name_key", args.name_key),
            ("company_key", args.company_key),
            ("url_key", args.record_url_key),
            ("cache_minutes", args.cache_minutes),
        ):
            if value:
                options[key] = str(value)
    return check_config(
        DirectoryConfig(
            name=args.name,
            kind=kind,
            url=url,
            priority=args.priority,
            blocklist=args.blocklist,
            interval=args.interval,
            user=user,
            base=args.base or "",
            filter=args.filter or "",
            options=options,
        )
    )


def cmd_directory_add(args: argparse.Namespace) -> int:
    from ccs_desktop.core.credentials import DirectorySecret
    from ccs_desktop.core.directories.config import find_config, save_config
    from ccs_desktop.core.errors import InvalidInput

    ctx = Context(args)
    config = _config_from_args(args)
    if find_config(ctx.settings, config.name) is not None:
        raise InvalidInput(
            Cli.tr("There is already a directory called {name}; remove it first.").format(name=config.name)
        )
    if needs_secret(config):
        DirectorySecret(config.name).save(ask_password(config.name))  # before the file names it
    save_config(ctx.settings, config)
    ctx.settings.save()
    with directory_store(ctx) as store:
        store.register(config.name, config.kind, config.priority, config.blocklist)
    if config.synced:
        print(
            Cli.tr("Added the directory {name}; `ccs-desktop directory sync {name}` fetches it now.").format(
                name=config.name
            )
        )
    else:
        print(Cli.tr("Added the CRM look-up {name}.").format(name=config.name))
    return EXIT_OK


def _when(seconds: float | None) -> str | None:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds") if seconds is not None else None


def cmd_directory_list(args: argparse.Namespace) -> int:
    from ccs_desktop.core.directories.config import load_configs

    ctx = Context(args)
    configs = load_configs(ctx.settings)
    store = existing_directory_store(ctx)
    statuses = {s.name: s for s in store.statuses()} if store is not None else {}
    if store is not None:
        store.close()
    rows = []
    for c in configs:
        status = statuses.get(c.name)
        rows.append(
            {
                "name": c.name,
                "kind": c.kind,
                "url": c.url,
                "priority": c.priority,
                "blocklist": c.blocklist,
                "user": c.user,
                "base": c.base,
                "filter": c.filter,
                "interval_minutes": c.interval,
                "count": status.count if status else 0,
                "last_success": _when(status.last_success) if status else None,
                "last_try": _when(status.last_try) if status else None,
                "error": status.error if status else "",
            }
        )
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print(Cli.tr("No directories; add one with `ccs-desktop directory add`."), file=sys.stderr)
    for row in rows:
        flags = Cli.tr(", blocklist") if row["blocklist"] else ""
        line = f"{row['name']} ({row['kind']}, {Cli.tr('priority')} {row['priority']}{flags}): {row['url']}"
        if row["kind"] != "crm":
            line += " — " + Cli.tr("%Ln entry(s)", "", int(row["count"]))
            line += ", " + (
                Cli.tr("last sync {when}").format(when=row["last_success"])
                if row["last_success"]
                else Cli.tr("never synced")
            )
        if row["error"]:
            line += " — " + Cli.tr("last try failed: {error}").format(error=row["error"])
        print(line)
    return EXIT_OK


def _secret_for(config: Any) -> str:
    from ccs_desktop.core.credentials import DirectorySecret
    from ccs_desktop.core.errors import NotConfigured

    if not needs_secret(config):
        return ""
    secret = DirectorySecret(config.name).load()
    if not secret:
        raise NotConfigured(
            Cli.tr("No password for the directory {name} in the keyring: remove it and add it again.").format(
                name=config.name
            )
        )
    return secret


def cmd_directory_sync(args: argparse.Namespace) -> int:
    from ccs_desktop.core.directories.config import find_config, load_configs
    from ccs_desktop.core.directories.sync import sync_configured
    from ccs_desktop.core.errors import InvalidInput

    ctx = Context(args)
    if args.name:
        config = find_config(ctx.settings, args.name)
        if config is None:
            raise InvalidInput(Cli.tr("There is no directory called {name}.").format(name=args.name))
        if not config.synced:
            raise InvalidInput(
                Cli.tr("{name} is a CRM look-up: it is asked per number, never synced.").format(
                    name=config.name
                )
            )
        configs = [config]
    else:
        configs = [c for c in load_configs(ctx.settings) if c.synced and c.enabled]
    failed = 0
    with directory_store(ctx) as store:
        for config in configs:
            outcome = sync_configured(store, config, _secret_for)
            if outcome.ok:
                print(f"{config.name}: " + Cli.tr("%Ln entry(s)", "", outcome.count))
            else:
                failed += 1
                kept = (
                    " " + Cli.tr("(the last good copy of %Ln entry(s) is kept)", "", outcome.count)
                    if outcome.count
                    else ""
                )
                print(f"{config.name}: {outcome.error}{kept}", file=sys.stderr)
    return EXIT_SERVER if failed else EXIT_OK


def cmd_directory_remove(args: argparse.Namespace) -> int:
    from ccs_desktop.core.credentials import DirectorySecret
    from ccs_desktop.core.directories.config import find_config, remove_config
    from ccs_desktop.core.errors import InvalidInput

    ctx = Context(args)
    config = find_config(ctx.settings, args.name)
    if not remove_config(ctx.settings, args.name):
        raise InvalidInput(Cli.tr("There is no directory called {name}.").format(name=args.name))
    if config is None or needs_secret(config):
        DirectorySecret(args.name).delete()
    ctx.settings.save()
    store = existing_directory_store(ctx)
    if store is not None:
        with store:
            store.remove(args.name.strip())
    print(Cli.tr("Removed the directory {name}, its copy and its password.").format(name=args.name.strip()))
    return EXIT_OK


def register(sub: Commands) -> None:
    from ccs_desktop.core.directories import DEFAULT_PRIORITY

    directory = sub.add_parser(
        "directory",
        help=Cli.tr("shared customer directories: LDAP/AD, CardDAV, a directory URL, a CRM look-up"),
    )
    actions = directory.add_subparsers(dest="directory_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help=Cli.tr("add a directory source (its password from CCS_DIRECTORY_PASSWORD or a prompt)"),
        description=Cli.tr(
            "Add a directory source. A password is read from CCS_DIRECTORY_PASSWORD or asked for without echo, "
            "and kept only in the keyring."
        ),
    )
    add.add_argument("name")
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--ldap", metavar="URL", help=Cli.tr("ldap:// (StartTLS) or ldaps:// server"))
    kind.add_argument("--carddav", metavar="URL", help=Cli.tr("CardDAV server; discovery starts here"))
    kind.add_argument(
        "--url", metavar="URL", help=Cli.tr("a directory file in MicroSIP's JSON or XML format")
    )
    kind.add_argument(
        "--crm-lookup",
        metavar="TEMPLATE",
        help=Cli.tr("a CRM look-up URL, e.g. https://crm/api?phone={e164}"),
    )
    add.add_argument("--base", metavar="DN", help=Cli.tr("LDAP base DN"))
    add.add_argument("--bind-dn", metavar="DN", help=Cli.tr("LDAP bind DN (anonymous without it)"))
    add.add_argument("--filter", metavar="F", help=Cli.tr("LDAP search filter"))
    add.add_argument("--user", help=Cli.tr("CardDAV user, or the directory URL's HTTP user"))
    add.add_argument("--auth-header", metavar="NAME", help=Cli.tr("CRM: header that carries the secret"))
    add.add_argument("--name-key", metavar="KEY", help=Cli.tr("CRM: dotted key of the name (default name)"))
    add.add_argument("--company-key", metavar="KEY", help=Cli.tr("CRM: dotted key of the company"))
    add.add_argument("--record-url-key", metavar="KEY", help=Cli.tr("CRM: dotted key of the record URL"))
    add.add_argument("--cache-minutes", type=float, metavar="M", help=Cli.tr("CRM: keep answers this long"))
    add.add_argument(
        "--priority",
        type=int,
        default=DEFAULT_PRIORITY,
        help=Cli.tr("lower comes first; local contacts are 0 (default %(default)s)"),
    )
    add.add_argument("--blocklist", action="store_true", help=Cli.tr("its numbers show as blocked / spam"))
    add.add_argument(
        "--option",
        action="append",
        metavar="KEY=VALUE",
        help=Cli.tr("a setting of the source's kind (LDAP attribute map, prefix to strip...); repeatable"),
    )
    add.add_argument(
        "--interval",
        type=int,
        default=60,
        metavar="MIN",
        help=Cli.tr("minutes between syncs (LDAP, CardDAV)"),
    )
    add.set_defaults(handler=cmd_directory_add)
    listing = actions.add_parser("list", help=Cli.tr("the sources, their counts, last sync and errors"))
    listing.add_argument("--json", action="store_true", help=Cli.tr("print a JSON array"))
    listing.set_defaults(handler=cmd_directory_list)
    sync = actions.add_parser("sync", help=Cli.tr("fetch one source or all now (exit 4 when a server fails)"))
    sync.add_argument("name", nargs="?")
    sync.set_defaults(handler=cmd_directory_sync)
    remove = actions.add_parser("remove", help=Cli.tr("remove a source, its copy and its password"))
    remove.add_argument("name")
    remove.set_defaults(handler=cmd_directory_remove)
