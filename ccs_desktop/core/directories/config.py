"""Directory sources as the agent configured them: one `[directory:NAME]` section each in the settings file, no
secret in it (a password or CRM header secret lives in the keyring, `core.credentials.DirectorySecret`), and the
registry that builds a source from its config.

Kinds: `ldap` and `carddav` (ldap.py, carddav.py: imported only when such a source is built, so the others never
load ldap3 or vobject), `url` (a MicroSIP directory file, url.py) and `crm` (a look-up URL template asked per
number, crm.py: not synced). Each module offers `from_config(config, password) -> Source` (the CRM:
`CrmLookup`), so a new kind is one entry in `_MODULES`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ccs_desktop.core.directories import DEFAULT_PRIORITY
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core

if TYPE_CHECKING:
    from ccs_desktop.core.directories.source import Source
    from ccs_desktop.core.settings import Settings

PREFIX = "directory:"
KINDS = ("ldap", "carddav", "url", "crm")
SYNCED = ("ldap", "carddav", "url")
_MODULES = {
    "ldap": "ccs_desktop.core.directories.ldap",
    "carddav": "ccs_desktop.core.directories.carddav",
    "url": "ccs_desktop.core.directories.url",
    "crm": "ccs_desktop.core.directories.crm",
}
#: Minutes between syncs of an LDAP or CardDAV source (a directory URL follows its own Cache-Control).
DEFAULT_INTERVAL = 60
MIN_INTERVAL, MAX_INTERVAL = 1, 24 * 60
_NAME = re.compile(r"^[^\[\]\r\n\x00-\x1f]{1,64}$")
# The keys a section may hold; `options` carries each kind's own (LDAP attribute map, CRM dotted keys...), and
# none of them may look like a secret.
_FIELDS = ("kind", "url", "priority", "blocklist", "interval", "user", "base", "filter", "enabled")
_SECRET_WORDS = ("password", "secret", "token", "passwd")


@dataclass(frozen=True)
class DirectoryConfig:
    """One source. `url`: the LDAP URL, the CardDAV start URL, the directory file's URL or the CRM template;
    `user`: the LDAP bind DN or the CardDAV/URL user; `interval`: minutes between syncs (LDAP, CardDAV)."""

    name: str
    kind: str
    url: str
    priority: int = DEFAULT_PRIORITY
    blocklist: bool = False
    interval: int = DEFAULT_INTERVAL
    user: str = ""
    base: str = ""
    filter: str = ""
    enabled: bool = True
    options: Mapping[str, str] = field(default_factory=dict)

    @property
    def synced(self) -> bool:
        return self.kind in SYNCED

    def to_section(self) -> dict[str, str]:
        values = {
            "kind": self.kind,
            "url": self.url,
            "priority": str(self.priority),
            "blocklist": str(self.blocklist).lower(),
            "interval": str(self.interval),
            "user": self.user,
            "base": self.base,
            "filter": self.filter,
            "enabled": str(self.enabled).lower(),
        }
        values.update({f"option.{k}": v for k, v in self.options.items()})
        return {k: v for k, v in values.items() if v != ""}


def check_name(name: str) -> str:
    name = name.strip()
    if not _NAME.match(name) or name.lower() == "local":
        raise InvalidInput(
            Core.tr("A directory needs a name of 1 to 64 characters, without brackets, other than 'local'.")
        )
    return name


def check_config(config: DirectoryConfig) -> DirectoryConfig:
    """The config, tidied, or InvalidInput in words (nothing is saved)."""
    name = check_name(config.name)
    if config.kind not in KINDS:
        raise InvalidInput(
            Core.tr("A directory's kind must be one of {choices}, not {value}.").format(
                choices=", ".join(KINDS), value=repr(config.kind)
            )
        )
    url = config.url.strip()
    if config.kind == "crm":
        from ccs_desktop.core.directories.crm import check_lookup_template  # noqa: PLC0415

        url = check_lookup_template(url)
    else:
        schemes = {"ldap": ("ldap", "ldaps"), "carddav": ("http", "https"), "url": ("http", "https")}[
            config.kind
        ]
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        if scheme not in schemes or not url.split("://", 1)[1].strip("/"):
            raise InvalidInput(
                Core.tr("The {kind} address must start with {schemes}, not {url}.").format(
                    kind=config.kind, schemes=" or ".join(s + "://" for s in schemes), url=repr(url[:60])
                )
            )
    if "@" in url.split("://", 1)[-1].split("/", 1)[0] and config.kind != "crm":
        raise InvalidInput(
            Core.tr(
                "Put no user or password in the address; give the user apart, the password goes to the keyring."
            )
        )
    if config.kind == "ldap" and not config.base.strip():
        raise InvalidInput(Core.tr("An LDAP directory needs a base DN (--base)."))
    if config.kind == "carddav" and not config.user.strip():
        raise InvalidInput(Core.tr("A CardDAV directory needs a user name (--user)."))
    for key in config.options:
        if any(word in key.lower() for word in _SECRET_WORDS):
            raise InvalidInput(
                Core.tr("Secrets never go in the settings file; {key} is kept in the keyring.").format(
                    key=key
                )
            )
    interval = min(MAX_INTERVAL, max(MIN_INTERVAL, int(config.interval)))
    return replace(
        config, name=name, url=url, user=config.user.strip(), base=config.base.strip(), interval=interval
    )


def _bool(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "on")


def from_section(name: str, values: Mapping[str, str]) -> DirectoryConfig:
    """A config from its section; InvalidInput for one a person broke by hand."""
    try:
        priority = int(values.get("priority", DEFAULT_PRIORITY))
        interval = int(values.get("interval", DEFAULT_INTERVAL))
    except ValueError:
        raise InvalidInput(
            Core.tr(
                "The directory {name} in the settings file has a priority or interval that is no number."
            ).format(name=repr(name))
        ) from None
    config = DirectoryConfig(
        name=name,
        kind=values.get("kind", ""),
        url=values.get("url", ""),
        priority=priority,
        blocklist=_bool(values.get("blocklist", "false")),
        interval=interval,
        user=values.get("user", ""),
        base=values.get("base", ""),
        filter=values.get("filter", ""),
        enabled=_bool(values.get("enabled", "true")),
        options={k[len("option.") :]: v for k, v in values.items() if k.startswith("option.")},
    )
    return check_config(config)


def load_configs(settings: Settings) -> list[DirectoryConfig]:
    """Every well-formed source in the settings file (a broken section is skipped, and logged)."""
    configs = []
    for name, values in settings.sections(PREFIX).items():
        try:
            configs.append(from_section(name, values))
        except InvalidInput as exc:
            import logging  # noqa: PLC0415

            logging.getLogger(__name__).warning("directory %r ignored: %s", name, exc)
    return sorted(configs, key=lambda c: (c.priority, c.name.lower()))


def find_config(settings: Settings, name: str) -> DirectoryConfig | None:
    return next((c for c in load_configs(settings) if c.name == name.strip()), None)


def save_config(settings: Settings, config: DirectoryConfig) -> DirectoryConfig:
    """Check and put a source in the settings (the caller saves the file)."""
    config = check_config(config)
    settings.set_section(PREFIX + config.name, config.to_section())
    return config


def remove_config(settings: Settings, name: str) -> bool:
    if find_config(settings, name) is None and name.strip() not in settings.sections(PREFIX):
        return False
    settings.set_section(PREFIX + name.strip(), None)
    return True


def _module(kind: str) -> Any:
    try:
        return importlib.import_module(_MODULES[kind])
    except ImportError as exc:
        raise InvalidInput(
            Core.tr("This ccs-desktop cannot read {kind} directories ({error}).").format(kind=kind, error=exc)
        ) from None


def build_source(config: DirectoryConfig, password: str | None) -> Source:
    """The synced source of a config (LDAP, CardDAV, URL), built by its kind's module."""
    if not config.synced:
        raise InvalidInput(
            Core.tr("The directory {name} is looked up per number, not synced.").format(name=config.name)
        )
    return _module(config.kind).from_config(config, password or "")  # type: ignore[no-any-return]


def build_lookup(config: DirectoryConfig, password: str | None, **kwargs: Any) -> Any:
    """The CRM look-up of a `crm` config."""
    return _module("crm").from_config(config, password or "", **kwargs)


def build_tester(config: DirectoryConfig, password: str | None) -> Any:
    """Something with `test() -> str` (words on success, DirectoryError otherwise), for Test connection."""
    return build_lookup(config, password) if config.kind == "crm" else build_source(config, password)
