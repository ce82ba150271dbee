"""`status`, `status set STATUS` and `live`: the agent's CCS status and live calls, through CCS's v1 API."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ccs_desktop.cli.common import EXIT_OK, Commands, Context, add_command, print_json
from ccs_desktop.core.i18n import Cli

if TYPE_CHECKING:
    from ccs_desktop.core.api import V1Agent

# The statuses an agent can set (core/api/statuses.py STATUSES), repeated here so `--help` imports nothing.
STATUS_NAMES = ("available", "backoffice", "aftercallwork", "shortbreak", "lunch", "training", "meeting")


def _v1(args: argparse.Namespace) -> V1Agent:
    from ccs_desktop.core.api import make_v1_agent

    ctx = Context(args)
    agent, _ = ctx.agent()
    return make_v1_agent(agent, ctx.settings)


def cmd_status(args: argparse.Namespace) -> int:
    if getattr(args, "new_status", None) is not None:
        return _set_status(args)
    v1 = _v1(args)
    try:
        status = v1.status()
    finally:
        v1.close()
    if args.json:
        print_json({"status": status})
    else:
        print(status)
    return EXIT_OK


def _set_status(args: argparse.Namespace) -> int:
    from ccs_desktop.core.api.statuses import check_status

    status = check_status(args.new_status)  # exit 2, nothing sent, before any credentials are read
    v1 = _v1(args)
    try:
        message = v1.set_status(status)
    finally:
        v1.close()
    if args.json:
        print_json({"status": status})
    else:
        print(message or Cli.tr("Status set to {status}.").format(status=status))
    return EXIT_OK


def cmd_live(args: argparse.Namespace) -> int:
    v1 = _v1(args)
    try:
        calls = v1.live_calls()
    finally:
        v1.close()
    if args.json:
        print_json([call.as_dict() for call in calls])
        return EXIT_OK
    if not calls:
        print(Cli.tr("No live calls."))
    for call in calls:
        direction = Cli.tr("inbound") if call.inbound else Cli.tr("outbound")
        print("\t".join((call.key, call.status, direction, call.number, call.queue)))
    return EXIT_OK


def register(sub: Commands) -> None:
    status = add_command(
        sub, "status", cmd_status, Cli.tr("print the agent's status in CCS, or change it with `status set`")
    )
    status.add_argument("--json", action="store_true", help=Cli.tr('print {"status": ...}'))
    actions = status.add_subparsers(dest="status_action", metavar="ACTION")
    change = actions.add_parser(
        "set",
        help=Cli.tr("change the agent's status (refused by CCS during a call)"),
        description=Cli.tr("change the agent's status (refused by CCS during a call)"),
    )
    change.add_argument(
        "new_status",
        metavar="STATUS",
        help=Cli.tr("one of: {statuses}").format(statuses=", ".join(STATUS_NAMES)),
    )
    # SUPPRESS: without `--json` here, the subcommand must not reset the one given before `set`
    change.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help=Cli.tr('print {"status": ...}')
    )
    live = add_command(
        sub, "live", cmd_live, Cli.tr("list the agent's live calls in CCS, with their live-call keys")
    )
    live.add_argument(
        "--json",
        action="store_true",
        help=Cli.tr("print a list of {key, callid, callerid, called_num, queue, inbound, status, ...}"),
    )
