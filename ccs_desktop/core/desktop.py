"""Linux desktop integration for one user: menu entry, icons, and ccs-desktop as the phone-link handler.

`install()` writes `<APP_ID>.desktop` to $XDG_DATA_HOME/applications and the icons to the hicolor theme there,
then makes it the default for tel:, callto: and sip: with `xdg-mime`, which speaks to whichever desktop is
running (GNOME, KDE, or plain mimeapps.list). Before taking a scheme it records the app that had it, and
`uninstall()` gives each scheme back, unless the user has picked yet another app meanwhile. The desktop entry
is built here, once: the committed packaging/linux file is this text with `Exec=ccs-desktop %u` (a test checks).
"""

from __future__ import annotations

import configparser
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ccs_desktop import APP_ID, APP_TITLE
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import RESOURCES, Core
from ccs_desktop.core.paths import data_dir

log = logging.getLogger(__name__)

SCHEMES = ("tel", "callto", "sip")
MIME_TYPES = tuple(f"x-scheme-handler/{scheme}" for scheme in SCHEMES)
DESKTOP_FILE = f"{APP_ID}.desktop"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
ICONS_DIR = RESOURCES / "icons"  # app.svg and its rendered hicolor PNGs, built into the package by setup.py
STATE_FILE = "desktop-integration.json"
MINIMIZED_FLAG = "--minimized"
COMMENT = "Call Center Studio softphone, contacts, call records and click-to-call"
# Menus read translations from the entry itself (localized keys), not from the app's Qt catalogue.
LOCALIZED = {
    "tr": {
        "GenericName": "Yazılım telefon",
        "Comment": "Call Center Studio yazılım telefonu, kişiler, çağrı kayıtları ve tıkla-ara",
        "Keywords": "telefon;arama;çağrı;softphone;CCS;Alotech;kişiler;",
    }
}

# Characters that make the desktop-entry spec require an Exec argument to be quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")

Run = Callable[[Sequence[str]], str]


# --- pure text -------------------------------------------------------------------------------------------------


def quote_exec_arg(arg: str) -> str:
    """One argument as the Desktop Entry spec wants it in Exec (quoting, then the string-value escaping)."""
    arg = arg.replace("%", "%%")
    if arg and not (_RESERVED & set(arg)):
        return arg
    quoted = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return '"' + quoted.replace("\\", "\\\\") + '"'


def exec_line(command: Sequence[str], *extra: str) -> str:
    return " ".join([*(quote_exec_arg(part) for part in command), *extra])


def desktop_entry(command: Sequence[str]) -> str:
    """The menu entry and URL handler; `command` is how to start ccs-desktop (`["ccs-desktop"]` when packaged)."""
    mime = "".join(f"{m};" for m in MIME_TYPES)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_TITLE}\n"
        "GenericName=Softphone\n"
        f"Comment={COMMENT}\n"
        + "".join(
            f"{key}[{lang}]={value}\n" for lang, keys in LOCALIZED.items() for key, value in keys.items()
        )
        + f"Icon={APP_ID}\n"
        f"Exec={exec_line(command, '%u')}\n"
        "Terminal=false\n"
        "Categories=Network;Telephony;\n"
        "Keywords=phone;call;softphone;CCS;Alotech;contacts;\n"
        f"MimeType={mime}\n"
        "StartupNotify=true\n"
    )


def launch_command() -> list[str]:
    """How to start the ccs-desktop that is running now: the bundle's executable, its console script, or -m."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name.startswith("ccs-desktop") and script.is_file():
        return [str(script.resolve())]
    return [sys.executable, "-m", "ccs_desktop"]


# --- where things go -------------------------------------------------------------------------------------------


def _xdg(name: str, fallback: str) -> Path:
    value = os.environ.get(name, "")
    return Path(value) if os.path.isabs(value) else Path.home() / fallback


def xdg_data_home() -> Path:
    return _xdg("XDG_DATA_HOME", ".local/share")


def xdg_config_home() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config")


def icon_sources() -> dict[str, Path]:
    """hicolor sub-path -> our file: the PNGs rendered from app.svg (packaging/render_icons.py) and app.svg."""
    found = {
        f"{size}x{size}/apps/{APP_ID}.png": ICONS_DIR
        / "hicolor"
        / f"{size}x{size}"
        / "apps"
        / f"{APP_ID}.png"
        for size in ICON_SIZES
    }
    found[f"scalable/apps/{APP_ID}.svg"] = ICONS_DIR / "app.svg"
    return {name: path for name, path in found.items() if path.is_file()}


# --- xdg-mime --------------------------------------------------------------------------------------------------


def _run(argv: Sequence[str]) -> str:
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=30, check=False)
    except FileNotFoundError:
        raise InvalidInput(
            Core.tr(
                "{program} is not installed (Debian/Ubuntu package xdg-utils); it sets the default apps."
            ).format(program=argv[0])
        ) from None
    except subprocess.TimeoutExpired:
        raise InvalidInput(
            Core.tr("{program} did not answer in {seconds} s.").format(program=argv[0], seconds=30)
        ) from None
    if done.returncode != 0:
        raise InvalidInput(
            Core.tr("{command} failed: {output}").format(
                command=" ".join(argv[:3]), output=(done.stderr or done.stdout).strip()
            )
        )
    return done.stdout


def default_handler(scheme: str, run: Run = _run) -> str | None:
    """The .desktop file that opens `scheme:` links now, or None."""
    answer = run(["xdg-mime", "query", "default", f"x-scheme-handler/{scheme}"]).strip()
    return answer.splitlines()[0].strip() if answer else None


def _set_default(desktop_file: str, mime_types: Sequence[str], run: Run) -> None:
    run(["xdg-mime", "default", desktop_file, *mime_types])


def _forget_default(mime_type: str) -> None:
    """Drop our line from the user's mimeapps.list: there was no default before we took it."""
    path = xdg_config_home() / "mimeapps.list"
    parser = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    try:
        parser.read_string(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, configparser.Error):
        return
    section = "Default Applications"
    if not parser.has_option(section, mime_type):
        return
    kept = [app for app in parser.get(section, mime_type).split(";") if app and app != DESKTOP_FILE]
    if kept:
        parser.set(section, mime_type, ";".join(kept) + ";")
    else:
        parser.remove_option(section, mime_type)
    _write_atomic(path, _ini_text(parser))


def _ini_text(parser: configparser.ConfigParser) -> str:
    """mimeapps.list style: `key=value`, no spaces around `=` (some readers are strict about it)."""
    lines: list[str] = []
    for section in parser.sections():
        lines.append(f"[{section}]")
        lines += [f"{key}={value}" for key, value in parser.items(section)]
        lines.append("")
    return "\n".join(lines)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _refresh_caches(data_home: Path) -> None:
    """Let menus and icon lookups see the change now; optional tools, so a missing one is fine."""
    for argv in (
        ["update-desktop-database", "-q", str(data_home / "applications")],
        ["gtk-update-icon-cache", "-q", "-t", "-f", str(data_home / "icons" / "hicolor")],
    ):
        if shutil.which(argv[0]):
            subprocess.run(argv, capture_output=True, timeout=30, check=False)


# --- install / uninstall ---------------------------------------------------------------------------------------


@dataclass
class Report:
    """What install or uninstall did, for the command's output."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    handlers: dict[str, str | None] = field(default_factory=dict)  # scheme -> default after the change


def _state_path() -> Path:
    return data_dir() / STATE_FILE


def _load_previous() -> dict[str, str | None]:
    try:
        data = json.loads(_state_path().read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    previous = data.get("previous", {}) if isinstance(data, dict) else {}
    return {str(k): (v if isinstance(v, str) else None) for k, v in previous.items()}


def install(command: Sequence[str] | None = None, *, run: Run = _run) -> Report:
    """Install the menu entry and icons and take tel:/callto:/sip:; safe to run again (after an update)."""
    command = list(command or launch_command())
    data_home = xdg_data_home()
    report = Report()
    entry = data_home / "applications" / DESKTOP_FILE
    _write_atomic(entry, desktop_entry(command))
    report.written.append(entry)
    for name, source in icon_sources().items():
        target = data_home / "icons" / "hicolor" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        report.written.append(target)

    # Remember who had each scheme before us; a second install must not record ourselves as "previous".
    previous = _load_previous()
    for scheme in SCHEMES:
        current = default_handler(scheme, run)
        if scheme not in previous and current != DESKTOP_FILE:
            previous[scheme] = current
    state = _state_path()
    _write_atomic(state, json.dumps({"desktop_file": DESKTOP_FILE, "previous": previous}, indent=1) + "\n")
    report.written.append(state)
    _refresh_caches(data_home)
    _set_default(DESKTOP_FILE, MIME_TYPES, run)
    report.handlers = {scheme: default_handler(scheme, run) for scheme in SCHEMES}
    return report


def uninstall(*, run: Run = _run) -> Report:
    """Give each scheme back to the app that had it, then remove the entry, the icons and the record."""
    data_home = xdg_data_home()
    report = Report()
    previous = _load_previous()
    for scheme, mime_type in zip(SCHEMES, MIME_TYPES, strict=True):
        if default_handler(scheme, run) != DESKTOP_FILE:
            continue  # the user chose another app since; leave it
        before = previous.get(scheme)
        if before:
            _set_default(before, [mime_type], run)
        else:
            _forget_default(mime_type)
    targets = [data_home / "applications" / DESKTOP_FILE]
    targets += [data_home / "icons" / "hicolor" / name for name in icon_sources()]
    targets.append(_state_path())
    for path in targets:
        if path.exists():
            path.unlink()
            report.removed.append(path)
    _refresh_caches(data_home)
    report.handlers = {scheme: default_handler(scheme, run) for scheme in SCHEMES}
    return report
