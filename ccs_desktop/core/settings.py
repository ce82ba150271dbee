"""Every setting declared once, read from one INI file under the platform config dir.

Secrets are not settings: the app_token and the session live in the keyring (core.credentials), and `set()`
refuses any option that is not declared here, so nothing can slip a token into the file by accident.
The file carries a schema version; `_UPGRADES` moves old files forward instead of dropping what users set.
"""

from __future__ import annotations

import configparser
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import LANGUAGES, Core
from ccs_desktop.core.paths import private_dir
from ccs_desktop.core.softphone import DEFAULT_TEMPLATE

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
SECTION = "ccs-desktop"
Value = str | int | float | bool


@dataclass(frozen=True)
class Option:
    name: str
    default: Value
    doc: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None

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
        Option("start_minimized", False, "Start in the tray without showing the window."),
        Option("clipboard_lookup", True, "Look up phone numbers copied to the clipboard."),
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
    )
}

# version -> function that upgrades a parsed file from that version to the next
_UPGRADES: dict[int, Callable[[configparser.ConfigParser], None]] = {}


class Settings:
    """Typed access to the config file; unknown keys in the file are kept, unknown keys in code are an error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._parser = configparser.ConfigParser(interpolation=None)
        self._parser.optionxform = str  # type: ignore[assignment, method-assign]
        self._load()

    def _load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except OSError as exc:
            raise InvalidInput(
                Core.tr("Cannot read the settings file {path}: {reason}.").format(
                    path=self.path, reason=exc.strerror
                )
            ) from None
        try:
            self._parser.read_string(text, source=str(self.path))
        except configparser.Error as exc:
            raise InvalidInput(
                Core.tr("The settings file {path} is damaged ({error}); fix or delete it.").format(
                    path=self.path, error=type(exc).__name__
                )
            ) from None
        if not self._parser.has_section(SECTION):
            self._parser.add_section(SECTION)
        version = self._parser.getint("meta", "version", fallback=SCHEMA_VERSION) if text else SCHEMA_VERSION
        while version < SCHEMA_VERSION:
            _UPGRADES[version](self._parser)
            version += 1

    def get(self, name: str) -> Value:
        option = OPTIONS[name]  # KeyError for undeclared names is the point
        raw = self._parser.get(SECTION, name, fallback=None)
        if raw is None:
            return option.default
        try:
            return option.convert(raw)
        except InvalidInput as exc:
            log.warning("%s; using the default %r", exc, option.default)
            return option.default

    def get_str(self, name: str) -> str:
        return str(self.get(name))

    def get_float(self, name: str) -> float:
        return float(self.get(name))  # type: ignore[arg-type]

    def get_int(self, name: str) -> int:
        return int(self.get(name))

    def get_bool(self, name: str) -> bool:
        return bool(self.get(name))

    def set(self, name: str, value: object) -> None:
        if name not in OPTIONS:
            raise InvalidInput(Core.tr("There is no setting called {name}.").format(name=repr(name)))
        converted = OPTIONS[name].convert(value)
        self._parser.set(
            SECTION, name, str(converted).lower() if isinstance(converted, bool) else str(converted)
        )

    def is_set(self, name: str) -> bool:
        return self._parser.has_option(SECTION, name)

    def save(self) -> None:
        """Write atomically: a crash mid-write must never leave a half file."""
        if not self._parser.has_section("meta"):
            self._parser.add_section("meta")
        self._parser.set("meta", "version", str(SCHEMA_VERSION))
        private_dir(self.path.parent)  # mkstemp makes the file itself 0600
        fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".ini", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                self._parser.write(handle)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
