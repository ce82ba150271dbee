"""Every setting declared once, read from one INI file under the platform config dir.

Secrets are not settings: the app_token and the session live in the keyring (core.credentials), and `set()`
refuses any option that is not declared here, so nothing can slip a token into the file by accident.
The file carries a schema version; `_UPGRADES` moves old files forward instead of dropping what users set.

A change is news: `on_change(callback, *names)` subscribes to options (qutebrowser's `config.changed` with its
`change_filter`), so every consumer applies a new value at once instead of someone re-reading it after a dialog.
Subscribers run on the thread that changed the value, after it is set (before any `save()`), and one that raises
is reported (`report`) without keeping the others from hearing of the change.
"""

from __future__ import annotations

import configparser
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ccs_desktop.core.crm import AUTO_OPEN, check_crm_template
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.hotkeys import check_global_shortcut
from ccs_desktop.core.i18n import LANGUAGES, Core
from ccs_desktop.core.paths import private_dir
from ccs_desktop.core.softphone import DEFAULT_TEMPLATE

if TYPE_CHECKING:
    import logging

SCHEMA_VERSION = 1
SECTION = "ccs-desktop"
WINDOW = "window"  # the window's layout: written by the window, not by people, so apart from the options
Value = str | int | float | bool
Subscriber = Callable[[frozenset[str]], None]


class Option(NamedTuple):
    """One declared option (a NamedTuple, not a dataclass: `ccs-desktop --help` reads the language through here,
    and dataclasses with inspect would cost it 4 ms)."""

    name: str
    default: Value
    doc: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    section: str = SECTION
    # a further check of a text value (returns it, maybe tidied; raises InvalidInput in words)
    check: Callable[[str], str] | None = None

    def convert(self, raw: object) -> Value:
        """Turn text (or a value) into this option's type; raise InvalidInput with a message for people."""
        kind = type(self.default)
        text = str(raw).strip()
        try:
            if kind is bool:
                if isinstance(raw, bool):
                    return raw
                lowered = text.lower()
                if lowered in ("1", "true", "yes", "on"):
                    return True
                if lowered in ("0", "false", "no", "off"):
                    return False
                raise ValueError(text)
            if kind is int:
                value: Value = int(text)
            elif kind is float:
                value = float(text)
            else:
                value = text
        except ValueError:
            raise InvalidInput(
                Core.tr("Setting {name} must be a {kind}, not {value}.").format(
                    name=self.name, kind=kind.__name__, value=repr(text)
                )
            ) from None
        if self.choices and value not in self.choices:
            raise InvalidInput(
                Core.tr("Setting {name} must be one of {choices}, not {value}.").format(
                    name=self.name, choices=", ".join(self.choices), value=repr(text)
                )
            )
        if self.check is not None and isinstance(value, str):
            value = self.check(value)
        if self.minimum is not None and isinstance(value, int | float) and value < self.minimum:
            raise InvalidInput(
                Core.tr("Setting {name} must be at least {minimum:g}.").format(
                    name=self.name, minimum=self.minimum
                )
            )
        return value


OPTIONS: dict[str, Option] = {
    o.name: o
    for o in (
        Option("tenant", "", "Tenant name (acme), host (acme.alo-tech.com) or base URL."),
        Option("email", "", "The agent's CCS user e-mail."),
        Option(
            "language",
            "auto",
            "Language of the window and the command: auto follows the system locale (restart to apply).",
            ("auto", *LANGUAGES),
        ),
        Option("region", "TR", "Default region for numbers written without a country code."),
        Option("dial_format", "national", "How click2call receives numbers.", ("national", "e164", "digits")),
        Option(
            "outside_line_prefix",
            "",
            "Dialed before every number (e.g. 0 or 9 on some PBXs); empty for none.",
        ),
        Option(
            "keypad_letters",
            False,
            "Dial letters in a number as their keypad digits (0850 ABC → 0850 222); off: letters are an error.",
        ),
        Option(
            "confirm_uri_calls", True, "Ask before calling a tel:/callto:/sip: link opened from another app."
        ),
        Option(
            "session_lifetime_hours", 10.0, "Reuse a session this long before logging in again.", minimum=0.01
        ),
        Option(
            "v1_base_url",
            "https://api.alo-tech.com/v1",
            "Root of CCS's v1 API (live calls, agent status); unset with a local tenant "
            "(http://127.0.0.1 or localhost, the simulator): the tenant's URL + /v1.",
        ),
        Option("connect_timeout", 5.0, "Seconds to wait for a connection to CCS.", minimum=0.1),
        Option("read_timeout", 20.0, "Seconds to wait for CCS to answer a request.", minimum=0.1),
        Option(
            "softphone_build", "generic", "The softphone build path your tenant uses (ask your CCS admin)."
        ),
        Option(
            "softphone_url_template",
            DEFAULT_TEMPLATE,
            "Where the softphone is loaded from; placeholders {base}, {tenant_host}, {build}, {session}.",
        ),
        Option(
            "after_call_work_seconds",
            0,
            "After each call, set After-call work for this many seconds (with a countdown the agent can end "
            "early), then Available; 0: off.",
            minimum=0,
        ),
        Option("backoffice_on_exit", False, "Set the CCS status to Back office when quitting or logging out."),
        Option("start_minimized", False, "Start in the tray without showing the window."),
        Option("clipboard_lookup", True, "Look up phone numbers copied to the clipboard."),
        Option(
            "card_over_fullscreen",
            False,
            "Keep the caller card above full-screen apps (on X11 it bypasses the window manager).",
        ),
        Option(
            "notification_listener", False, "Listen for CCS incoming-call notifications on this computer."
        ),
        Option("autostart", False, "Start ccs-desktop when you log in to the computer."),
        Option(
            "tenant_utc_offset",
            "",
            "The tenant's time zone as an offset from UTC (+03:00) when it is not this computer's; empty: this "
            "computer's.",
        ),
        Option("listener_address", "127.0.0.1", "Address the notification listener binds to."),
        Option("listener_port", 47321, "Port of the notification listener.", minimum=1),
        Option(
            "listener_public_url",
            "",
            "How CCS reaches the listener (a proxy or tunnel URL); empty: hangup notifications are asked for "
            "only when CCS runs on this computer.",
        ),
        Option("notify_param_callerid", "call_callerid", "Query parameter of the caller's number."),
        Option("notify_param_activecallkey", "call_activecallkey", "Query parameter of the live-call key."),
        Option("notify_param_agent_email", "call_agent_email", "Query parameter of the agent's e-mail."),
        Option(
            "notify_param_duration", "call_duration", "Query parameter of the call's duration (end events)."
        ),
        Option(
            "crm_url_template",
            "",
            "The customer's record in your CRM, http or https; placeholders {number} (as dialled), {e164}, "
            "{national}, {callkey}, {agent}, {queue}, each URL-encoded; empty: no Open in CRM.",
            check=check_crm_template,
        ),
        Option(
            "crm_auto_open",
            "off",
            "Open the CRM record by itself, once per call: when an inbound call rings, when it is answered, or off.",
            AUTO_OPEN,
        ),
        Option(
            "global_shortcuts",
            True,
            "Offer the global shortcuts (call the selected or copied number, hang up) to the desktop: the XDG "
            "portal on Linux, RegisterHotKey on Windows; off: only the window's own shortcuts.",
        ),
        Option(
            "shortcut_call_selection",
            "Ctrl+Alt+Shift+D",
            "Global shortcut that calls the selected (or else the copied) number; empty: none.",
            check=check_global_shortcut,
        ),
        Option(
            "shortcut_hang_up",
            "Ctrl+Alt+Shift+H",
            "Global shortcut that hangs up; empty: none.",
            check=check_global_shortcut,
        ),
        Option(
            "window_geometry", "", "The window's size and place (Qt saveGeometry, base64).", section=WINDOW
        ),
        Option("window_splitter", "", "Softphone/side-panel split (Qt saveState, base64).", section=WINDOW),
    )
}

# version -> function that upgrades a parsed file from that version to the next
_UPGRADES: dict[int, Callable[[configparser.ConfigParser], None]] = {}


def _log() -> logging.Logger:
    import logging  # noqa: PLC0415 - off the `--help` path, which only reads the language

    return logging.getLogger(__name__)


def _log_fault(where: str, exc: BaseException) -> None:
    _log().error("unexpected error in %s", where, exc_info=exc)


def _text(value: Value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def read_setting(path: Path, name: str) -> Value:
    """One option straight from the file, its default if the file is missing or damaged: for the CLI's choice
    of language, which comes before anything could report an error."""
    option = OPTIONS[name]
    try:
        raw = Settings(path).raw(name)
        return option.default if raw is None else option.convert(raw)
    except InvalidInput:  # quietly: the commands that use the file say what is wrong with it
        return option.default


class Settings:
    """Typed access to the config file; unknown keys in the file are kept, unknown keys in code are an error.

    Attributes:
        report: `report(where, exc)` for a subscriber that raised (the app's FaultReporter; logs by default).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.report: Callable[[str, BaseException], None] = _log_fault
        self._subscribers: list[tuple[frozenset[str], Subscriber]] = []
        self._lock = threading.RLock()  # the dialog sets on the GUI thread while a worker may be saving
        self._set_here: set[str] = (
            set()
        )  # what `save()` writes over the file; the rest may be another process's
        # whole sections (a directory source's, core/directories/config.py) set or removed here: None is removed
        self._sections_here: dict[str, dict[str, str] | None] = {}
        self._parser = self._load()

    def _load(self) -> configparser.ConfigParser:
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str  # type: ignore[assignment, method-assign]
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(
                Core.tr("Cannot read the settings file {path}: {reason}.").format(
                    path=self.path, reason=getattr(exc, "strerror", None) or type(exc).__name__
                )
            ) from None
        try:
            parser.read_string(text, source=str(self.path))
        except configparser.Error as exc:
            raise InvalidInput(
                Core.tr("The settings file {path} is damaged ({error}); fix or delete it.").format(
                    path=self.path, error=type(exc).__name__
                )
            ) from None
        if not parser.has_section(SECTION):
            parser.add_section(SECTION)
        version = parser.getint("meta", "version", fallback=SCHEMA_VERSION) if text else SCHEMA_VERSION
        while version < SCHEMA_VERSION:
            _UPGRADES[version](parser)
            version += 1
        return parser

    def get(self, name: str) -> Value:
        option = OPTIONS[name]  # KeyError for undeclared names is the point
        raw = self.raw(name)
        if raw is None:
            return option.default
        try:
            return option.convert(raw)
        except InvalidInput as exc:
            _log().warning("%s; using the default %r", exc, option.default)
            return option.default

    def raw(self, name: str) -> str | None:
        """The option's text as the file has it, None when the file does not set it."""
        with self._lock:
            return self._parser.get(OPTIONS[name].section, name, fallback=None)

    def get_str(self, name: str) -> str:
        return str(self.get(name))

    def get_float(self, name: str) -> float:
        return float(self.get(name))  # type: ignore[arg-type]

    def get_int(self, name: str) -> int:
        return int(self.get(name))

    def get_bool(self, name: str) -> bool:
        return bool(self.get(name))

    def set(self, name: str, value: object) -> None:
        self.update({name: value})

    def update(self, values: Mapping[str, object]) -> frozenset[str]:
        """Set several options at once: all are checked first (one bad value changes nothing), then the
        subscribers hear once of those whose value changed, which are returned."""
        converted: dict[str, Value] = {}
        for name, value in values.items():
            if name not in OPTIONS:
                raise InvalidInput(Core.tr("There is no setting called {name}.").format(name=repr(name)))
            converted[name] = OPTIONS[name].convert(value)
        changed = set()
        with self._lock:
            for name, value in converted.items():
                if self.get(name) != value:
                    changed.add(name)
                section = OPTIONS[name].section
                if not self._parser.has_section(section):
                    self._parser.add_section(section)
                self._parser.set(section, name, _text(value))
                self._set_here.add(name)
        if changed:
            self._notify(frozenset(changed))
        return frozenset(changed)

    def is_set(self, name: str) -> bool:
        with self._lock:
            return self._parser.has_option(OPTIONS[name].section, name)

    # --- named sections (one per directory source) -----------------------------------------------------------

    def sections(self, prefix: str) -> dict[str, dict[str, str]]:
        """The file's sections named `prefix` + a name, as {name: {key: text}}, in the file's order."""
        with self._lock:
            return {
                section[len(prefix) :]: dict(self._parser.items(section))
                for section in self._parser.sections()
                if section.startswith(prefix) and section[len(prefix) :]
            }

    def set_section(self, section: str, values: Mapping[str, str] | None) -> None:
        """Replace a whole section (None removes it); `save()` writes it. The caller checks what goes in: only
        declared, non-secret keys (core/directories/config.py)."""
        if section in (SECTION, WINDOW, "meta"):
            raise InvalidInput(Core.tr("There is no setting called {name}.").format(name=repr(section)))
        with self._lock:
            if self._parser.has_section(section):
                self._parser.remove_section(section)
            if values is not None:
                self._parser.add_section(section)
                for key, value in values.items():
                    self._parser.set(section, key, value)
            self._sections_here[section] = None if values is None else dict(values)

    # --- change notification ---------------------------------------------------------------------------------

    def on_change(self, callback: Subscriber, *names: str) -> Callable[[], None]:
        """Call `callback(changed)` after any of `names` changes (any option when none are named), with the
        changed ones among them; returns the function that unsubscribes it."""
        unknown = set(names) - OPTIONS.keys()
        if unknown:
            raise KeyError(sorted(unknown)[0])
        entry = (frozenset(names), callback)
        self._subscribers.append(entry)

        def unsubscribe() -> None:
            if entry in self._subscribers:
                self._subscribers.remove(entry)

        return unsubscribe

    def _notify(self, changed: frozenset[str]) -> None:
        for names, callback in list(self._subscribers):
            mine = changed & names if names else changed
            if not mine:
                continue
            try:
                callback(mine)
            except Exception as exc:  # a broken consumer must not keep the others from the news
                self.report(f"applying the {', '.join(sorted(mine))} setting", exc)

    def save(self) -> None:
        """Write what was set here over the file as it is now, atomically: a `ccs-desktop login` while the window
        runs survives the window's quit (its values apply at the next start), and a crash mid-write never leaves
        a half file."""
        import tempfile  # noqa: PLC0415 - off the CLI's start-up path, which only reads

        with self._lock:
            try:
                merged = self._load()
            except InvalidInput:
                merged = self._parser  # unreadable or damaged: ours replaces it
            # in declaration order, so the file reads the same however the values were set
            for name in [n for n in OPTIONS if n in self._set_here] if merged is not self._parser else ():
                section = OPTIONS[name].section
                if not merged.has_section(section):
                    merged.add_section(section)
                merged.set(section, name, self._parser.get(section, name))
            for section, values in self._sections_here.items() if merged is not self._parser else ():
                if merged.has_section(section):
                    merged.remove_section(section)
                if values is not None:
                    merged.add_section(section)
                    for key, value in values.items():
                        merged.set(section, key, value)
            if not merged.has_section("meta"):
                merged.add_section("meta")
            merged.set("meta", "version", str(SCHEMA_VERSION))
            private_dir(self.path.parent)  # mkstemp makes the file itself 0600
            fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".ini", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    merged.write(handle)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
