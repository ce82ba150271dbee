"""`simulator`: the CCS-compatible stand-in server, for demos, tests and benchmarks."""

from __future__ import annotations

import argparse

from ccs_desktop.cli.common import Commands, add_command, non_negative
from ccs_desktop.core.i18n import Cli


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


def _notify_url(text: str) -> str:
    """'' (the default, also run through this by argparse) means no notifications."""
    from ccs_desktop.simulator.config import check_notify_url

    try:
        return check_notify_url(text) if text.strip() else ""
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: Commands) -> None:
    sim = add_command(
        sub,
        "simulator",
        cmd_simulator,
        Cli.tr("run the CCS-compatible simulator (prints its credentials as JSON)"),
    )
    sim.add_argument("--host", default="127.0.0.1")
    sim.add_argument("--port", type=non_negative(int), default=8765, help=Cli.tr("0 = any free port"))
    sim.add_argument("--seed-calls", type=non_negative(int), default=500, help=Cli.tr("seeded call records"))
    sim.add_argument("--session-ttl", type=non_negative(float), default=36000.0, metavar="SECONDS")
    sim.add_argument("--call-seconds", type=non_negative(float), default=20.0, metavar="SECONDS")
    sim.add_argument("--ring-seconds", type=non_negative(float), default=2.0, metavar="SECONDS")
    sim.add_argument(
        "--incoming-every",
        type=non_negative(float),
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
