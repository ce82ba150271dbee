"""No command: the agent window, or a hand-over to the one already running (with a phone link, if given)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ccs_desktop.cli.common import EXIT_OK, raise_input
from ccs_desktop.core.i18n import Cli

if TYPE_CHECKING:
    from pathlib import Path

    from ccs_desktop.core.keyring_child import KeyringChild
    from ccs_desktop.core.settings import Settings
    from ccs_desktop.services.instance import InstanceServer
    from ccs_desktop.ui.application import CcsApplication
    from ccs_desktop.web.early_page import EarlyPage

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


def start_window(args: argparse.Namespace, uri: str | None) -> int:
    """Hand over to a running instance if there is one; else start the window (the only Qt import)."""
    from ccs_desktop.core import handoff
    from ccs_desktop.core.logs import setup_logging
    from ccs_desktop.core.paths import log_dir

    if args.screenshots is not None:
        if not args.demo:
            raise_input(Cli.tr("--screenshots needs --demo"))
        from pathlib import Path

        return take_screenshots(
            Path(args.screenshots), args.screenshot_language, args.screenshot_theme, verbose=args.verbose
        )
    # A running window shows itself, or opens the link; a login-time start finds it running and leaves it be.
    # A start that wants the other mode (`--demo` while the real app runs, or the reverse) is refused with a
    # reason (exit 2), since it would otherwise silently get the window it did not ask for.
    request: dict[str, object] = (
        {"action": "open", "uri": uri}
        if uri
        else {"action": "ping"}
        if args.minimized
        else {"action": "show", "demo": bool(args.demo)}
    )
    if not args.smoke and handoff.send(request) is not None:
        return EXIT_OK
    settings = None if args.demo else saved_settings()
    child = start_keyring_child(settings) if settings is not None else None  # on another core, while Qt imports
    setup_logging(verbose=args.verbose, log_file=log_dir() / "ccs-desktop.log")
    import PySide6.QtCore  # noqa: F401 - first, so that its source check can be skipped for what follows

    from ccs_desktop.core.startup import skip_pyside_source_checks

    skip_pyside_source_checks()
    qapp: CcsApplication | None = None
    early: EarlyPage | None = None
    if args.demo:
        qapp, early = request_demo_page_early()  # (its simulator starts first, in a thread)
    elif settings is not None and child is not None:
        qapp, early = request_page_early(child, settings)
    if qapp is not None and early is None:  # another window won the race since the hand-over: it gets the request
        return _after_lost_race(args, request)
    from ccs_desktop.app import run_gui

    return run_gui(demo=args.demo, smoke=args.smoke, uri=uri, minimized=args.minimized, qapp=qapp, early=early)


def _after_lost_race(args: argparse.Namespace, request: dict[str, object]) -> int:
    from ccs_desktop.core import handoff
    from ccs_desktop.services.smoke import print_failure

    if args.smoke:  # it measured nothing: it says so
        print_failure("another instance is running")
        return 1
    handoff.send(request)
    return EXIT_OK


def saved_settings() -> Settings:
    from ccs_desktop.core.paths import config_file
    from ccs_desktop.core.settings import Settings

    return Settings(config_file())


def start_keyring_child(settings: Settings) -> KeyringChild | None:
    """The saved account's keyring entries, read by a child process (None: no saved account, or no child)."""
    from ccs_desktop.core import startup
    from ccs_desktop.core.api.tenant import resolve_tenant
    from ccs_desktop.core.errors import InvalidInput
    from ccs_desktop.core.keyring_child import KeyringChild

    tenant, email = settings.get_str("tenant"), settings.get_str("email")
    if not tenant or not email:
        return None
    try:
        base_url = resolve_tenant(tenant).base_url
        startup.mark("keyring_asked")
        return KeyringChild.start(base_url, email)
    except InvalidInput:  # the window says so
        return None


def request_page_early(child: KeyringChild, settings: Settings) -> tuple[CcsApplication, EarlyPage | None]:
    """The application and the softphone view, its page requested with the saved session before the rest of the
    window is imported and built (web/early_page.py)."""
    import time

    from ccs_desktop.web.early_page import EarlyPage, saved_page
    from ccs_desktop.web.profile import profile_dir

    qapp, instance = _application()
    if instance is None:
        child.stop()
        return qapp, None
    early = EarlyPage(profile_dir(demo=False), saved_page(settings, time.time), instance, child.stop)
    child.on_answer(early.deliver)
    early.wait()
    return qapp, early


def request_demo_page_early() -> tuple[CcsApplication, EarlyPage | None]:
    """The same for `--demo`: its simulator starts in a thread, and its first session opens the page."""
    import time

    from ccs_desktop.services.demo import demo_page, start_early

    started = start_early(time.time)  # while Qt makes the application and Chromium starts
    from ccs_desktop.web.early_page import EarlyPage
    from ccs_desktop.web.profile import profile_dir

    qapp, instance = _application()
    if instance is None:
        started.add_done_callback(lambda done: done.exception() is None and done.result().simulator.stop())
        return qapp, None
    early = EarlyPage(profile_dir(demo=True), demo_page, instance)
    started.add_done_callback(lambda done: early.deliver(done.exception() or done.result()))
    early.wait()
    return qapp, early


def _application() -> tuple[CcsApplication, InstanceServer | None]:
    """The application, and this user's one instance claimed (None: another one runs, and nothing is loaded
    here: the request is handed over to it)."""
    import sys

    from ccs_desktop.services.instance import InstanceServer
    from ccs_desktop.ui.application import make_application

    qapp = make_application(sys.argv[:1])
    instance = InstanceServer()
    return qapp, instance if instance.listen() else None


def take_screenshots(out_dir: Path, language: str | None, theme: str | None, *, verbose: bool = False) -> int:
    """Every main view, offscreen, in each language and theme: a child process each, with settings and data of its
    own (nothing of the agent's is used or changed); ui/screenshots.py draws them."""
    if language is not None and theme is not None:  # the child
        from ccs_desktop.app import run_gui
        from ccs_desktop.core.logs import setup_logging
        from ccs_desktop.core.paths import config_file
        from ccs_desktop.core.settings import Settings
        from ccs_desktop.ui.screenshots import ScreenshotTour

        setup_logging(verbose=verbose)
        settings = Settings(config_file())
        settings.update({"language": language})
        settings.save()
        return run_gui(demo=True, prepare=lambda app: ScreenshotTour(app, out_dir, language, theme).start())
    import os
    import subprocess
    import sys
    import tempfile

    from ccs_desktop.core.screenshots import LANGUAGES, THEMES, expected_files

    out_dir.mkdir(parents=True, exist_ok=True)
    code = EXIT_OK
    for lang in LANGUAGES:
        for theme_name in THEMES:
            with tempfile.TemporaryDirectory(prefix="ccs-desktop-screenshots-") as home:
                env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
                for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
                    env[name] = os.path.join(home, name.lower())
                env["APPDATA"] = env["LOCALAPPDATA"] = os.path.join(home, "appdata")  # Windows' platformdirs
                if theme_name == "dark":  # the page's prefers-color-scheme; Chromium reads it at start only
                    flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
                    env["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --force-dark-mode".strip()
                command = [sys.executable, "-m", "ccs_desktop", "--demo", "--screenshots", str(out_dir)]
                command += ["--screenshot-language", lang, "--screenshot-theme", theme_name]
                command += ["--verbose"] if verbose else []
                code = max(code, subprocess.run(command, env=env, check=False).returncode)
    missing = [name for name in expected_files() if not (out_dir / name).exists()]
    print(Cli.tr("{count} screenshots in {dir}").format(count=len(expected_files()) - len(missing), dir=out_dir))
    return code or (1 if missing else EXIT_OK)


def add_options(parser: argparse.ArgumentParser) -> None:
    """The window's options, on the main parser: they apply when no command is given."""
    parser.add_argument(
        "--demo", action="store_true", help=Cli.tr("open the window on a built-in CCS simulator")
    )
    parser.add_argument(
        "--smoke", action="store_true", help=Cli.tr("start (the demo, or the saved login), measure, print JSON, exit")
    )
    parser.add_argument(
        "--minimized",
        action="store_true",
        help=Cli.tr("start in the tray without showing the window (as at login)"),
    )
    parser.add_argument(
        "--screenshots",
        metavar="DIR",
        help=Cli.tr("with --demo: draw every main view offscreen into DIR as {view}-{theme}-{lang}.png, then exit"),
    )
    parser.add_argument("--screenshot-language", help=argparse.SUPPRESS)
    parser.add_argument("--screenshot-theme", choices=("light", "dark"), help=argparse.SUPPRESS)
