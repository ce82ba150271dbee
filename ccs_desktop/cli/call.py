"""`call`, `hangup`, `hold`, `unhold`: handed to the running window when there is one, else sent from here."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ccs_desktop.cli.common import EXIT_OK, Commands, Context, add_command, print_json
from ccs_desktop.core.i18n import Cli

if TYPE_CHECKING:
    from ccs_desktop.core.api import Agent


def cmd_call(args: argparse.Namespace) -> int:
    from ccs_desktop.core import handoff
    from ccs_desktop.core.phone import prepare_dial

    request = {"action": "call", "number": args.number, "dial_format": args.dial_format}
    result = handoff.send(request)
    if result is not None:  # the running window placed it (and tracks it)
        _print_call(result, args.json)
        return EXIT_OK
    ctx = Context(args)
    number, dialed = prepare_dial(args.number, ctx.settings, args.dial_format)
    agent, _ = ctx.agent()
    placed = agent.place_call(dialed)
    _print_call(
        {"call_id": placed.call_id, "number": number.e164, "transaction_id": placed.transaction_id}, args.json
    )
    return EXIT_OK


def _print_call(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json({key: result.get(key) for key in ("call_id", "number", "transaction_id")})
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


def register(sub: Commands) -> None:
    call = add_command(sub, "call", cmd_call, Cli.tr("place a call (click2call) and print its call id"))
    call.add_argument(
        "number", help=Cli.tr("phone number in any common format, or a tel:, callto: or sip: link")
    )
    call.add_argument(
        "--dial-format", choices=("national", "e164", "digits"), help=Cli.tr("how CCS receives the number")
    )
    call.add_argument("--json", action="store_true", help=Cli.tr("print {call_id, number, transaction_id}"))
    add_command(sub, "hangup", cmd_hangup, Cli.tr("hang up the current call (click2hang)"))
    add_command(sub, "hold", cmd_hold, Cli.tr("put the current call on hold (click2hold)"))
    add_command(sub, "unhold", cmd_unhold, Cli.tr("resume the call on hold (click2unhold)"))
