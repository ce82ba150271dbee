"""`install-desktop-integration`: the Linux menu entry and the tel:, callto: and sip: link handler."""

from __future__ import annotations

import argparse
import sys

from ccs_desktop.cli.common import EXIT_OK, Commands, add_command
from ccs_desktop.core.i18n import Cli


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


def register(sub: Commands) -> None:
    integration = add_command(
        sub,
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
