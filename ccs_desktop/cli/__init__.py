"""The `ccs-desktop` command: one module per command group, the parser assembled here.

Its options, output and exit codes are a contract that scripts rely on: 0 ok, 2 bad input (nothing was sent),
3 authentication failed, 4 network or API failure, 1 a bug (logged, never shown as a traceback). Imports of
requests, keyring, phonenumbers and Qt happen inside the commands that need them, so `--help` starts fast
and the non-GUI commands never load Qt.

Modules: `common` (exit codes, `Context`: settings and credentials), `session` (login, logout), `call` (call,
hangup, hold, unhold), `status` (status, status set, live: CCS's v1 API), `calls` (call records), `contacts`,
`directories` (directory add, list, sync, remove), `desktop` (install-desktop-integration), `simulator`, and `gui` (no command: the window, or a phone link handed
to it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime

from ccs_desktop import __version__
from ccs_desktop.cli import call, calls, contacts, desktop, directories, gui, session, simulator, status
from ccs_desktop.cli.common import EXIT_BUG, EXIT_OK, PROG
from ccs_desktop.cli.gui import link_argument
from ccs_desktop.core.i18n import QT_TRANSLATE_NOOP, Cli

__all__ = ["build_parser", "link_argument", "main", "run_command"]

COMMAND_GROUPS = (session, call, status, calls, contacts, directories, desktop, simulator)  # in the order `--help` lists them


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
    gui.add_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


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
        return run_command(lambda a: gui.start_window(a, uri), args)
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
    from ccs_desktop.core.errors import CcsError, user_text

    try:
        return handler(args)
    except CcsError as exc:
        print(f"{PROG}: {user_text(exc)}", file=sys.stderr)
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
