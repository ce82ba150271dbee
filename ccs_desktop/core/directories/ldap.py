"""An LDAP or Active Directory server as a directory source, read with ldap3.

ldap3 rather than python-ldap: it is pure Python, so it installs from a wheel everywhere the app runs (python-ldap
builds against OpenLDAP's C libraries, which Windows agents do not have), and it speaks StartTLS, LDAPS and the
Simple Paged Results control (RFC 2696) that a 50,000-entry AD needs (AD answers at most 1,000 per page).

Every fetch is full: the whole subtree is read page by page and replaces the last copy. LDAP has no change feed
that both AD (DirSync, uSNChanged) and OpenLDAP (syncrepl, modifyTimestamp without deletes) share, and a full read
of 50,000 entries is a matter of seconds. An entry's uid is its DN.
"""

from __future__ import annotations

import contextlib
import math
import ssl
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import ldap3
from ldap3.core import exceptions as ldap_errors

from ccs_desktop.core.directories.numbers import directory_number
from ccs_desktop.core.directories.source import (
    DirectoryAuthFailed,
    DirectoryEntry,
    DirectoryError,
    DirectoryUnreachable,
    FetchResult,
)
from ccs_desktop.core.i18n import Core

PAGED_RESULTS = "1.2.840.113556.1.4.319"
INVALID_CREDENTIALS = 49


@dataclass(frozen=True)
class LdapAttributes:
    """Which attributes give what; for name, company and email the first one present wins. `numbers` pairs
    each number attribute with the label its numbers get."""

    name: tuple[str, ...]
    company: tuple[str, ...]
    numbers: tuple[tuple[str, str], ...]
    email: tuple[str, ...] = ("mail",)

    def wanted(self) -> list[str]:
        return list(dict.fromkeys([*self.name, *self.company, *(a for a, _ in self.numbers), *self.email]))


# Active Directory's names (ipPhone: the IP phone's number or extension, as AD's "Telephones" tab has it).
AD_ATTRIBUTES = LdapAttributes(
    name=("displayName",),
    company=("company",),
    numbers=(
        ("telephoneNumber", "work"),
        ("mobile", "mobile"),
        ("homePhone", "home"),
        ("ipPhone", "ipPhone"),
    ),
)
# inetOrgPerson (OpenLDAP, 389 DS, FreeIPA, ...).
INET_ORG_PERSON_ATTRIBUTES = LdapAttributes(
    name=("cn",),
    company=("o",),
    numbers=(("telephoneNumber", "work"), ("mobile", "mobile"), ("homePhone", "home")),
)
# The default reads both: AD's names first, inetOrgPerson's when AD's are absent (an AD user without a
# displayName still has a cn). A server ignores attributes it does not know.
DEFAULT_ATTRIBUTES = LdapAttributes(
    name=("displayName", "cn"),
    company=("company", "o"),
    numbers=AD_ATTRIBUTES.numbers,
)
PRESETS = {"auto": DEFAULT_ATTRIBUTES, "ad": AD_ATTRIBUTES, "inetorgperson": INET_ORG_PERSON_ATTRIBUTES}


@dataclass(frozen=True)
class LdapConfig:
    """`url`: ldap://host[:port] (StartTLS unless `starttls` is False) or ldaps://host[:port]. An empty
    `bind_dn` binds anonymously. An empty `filter` means people with at least one mapped number.
    `strip_prefix` is cut from the start of every number (a trunk "0", "+90", an outside-line "9,").
    `ca_file`: a PEM file of the CA(s) to trust instead of the system's."""

    url: str
    base_dn: str
    bind_dn: str = ""
    filter: str = ""
    attributes: LdapAttributes = field(default=DEFAULT_ATTRIBUTES)
    strip_prefix: str = ""
    page_size: int = 500
    starttls: bool = True
    ca_file: str | None = None
    timeout: float = 10.0

    def search_filter(self) -> str:
        if self.filter:
            return self.filter if self.filter.startswith("(") else f"({self.filter})"
        present = "".join(f"({name}=*)" for name, _ in self.attributes.numbers)
        return f"(&(objectClass=person)(|{present}))"


def _text(values: list[bytes]) -> list[str]:
    """UTF-8 values (LDAP's strings are UTF-8); UnicodeDecodeError for a value that is not text."""
    return [value.decode("utf-8").strip() for value in values]


def map_entry(dn: str, raw: Mapping[str, list[bytes]], config: LdapConfig) -> DirectoryEntry:
    """One search result as an entry; ValueError (with words) for an entry that cannot be one."""
    values = {name.lower(): items for name, items in raw.items()}

    def first(names: tuple[str, ...]) -> str:
        for name in names:
            found = [item for item in _text(values.get(name.lower(), [])) if item]
            if found:
                return found[0]
        return ""

    try:
        name, company, email = (
            first(config.attributes.name),
            first(config.attributes.company),
            first(config.attributes.email),
        )
        numbers = []
        for attribute, label in config.attributes.numbers:
            for item in _text(values.get(attribute.lower(), [])):
                number = directory_number(item, label, config.strip_prefix)
                if number is not None and number not in numbers:
                    numbers.append(number)
    except UnicodeDecodeError:
        raise ValueError(Core.tr("a value is not UTF-8 text")) from None
    if not (name or company or email):
        wanted = ", ".join([*config.attributes.name, *config.attributes.company, *config.attributes.email])
        raise ValueError(Core.tr("it has none of {attributes}").format(attributes=wanted))
    return DirectoryEntry(
        uid=dn, name=name or company or email, company=company, numbers=tuple(numbers), email=email
    )


def _close(conn: ldap3.Connection) -> None:
    """Unbind, and drop the socket whatever state it is in: ldap3 leaves it open when a connect fails."""
    with contextlib.suppress(ldap_errors.LDAPException, OSError):
        conn.unbind()
    with contextlib.suppress(OSError):
        if conn.socket is not None:
            conn.socket.close()


class LdapSource:
    """A directory read from an LDAP server; the password is given apart from the config and never shown."""

    def __init__(self, name: str, config: LdapConfig, password: str = "") -> None:
        self.name = name
        self.config = config
        self._password = password

    def __repr__(self) -> str:
        return f"LdapSource({self.name!r}, {self.config.url!r})"

    # -- connection ---------------------------------------------------------------------------------------

    def _server(self) -> ldap3.Server:
        parts = urlsplit(self.config.url.strip())
        scheme = parts.scheme.lower()
        if scheme not in ("ldap", "ldaps") or not parts.hostname:
            raise DirectoryError(
                Core.tr("The LDAP address must look like ldap://host or ldaps://host, not {url}.").format(
                    url=repr(self.config.url[:60])
                )
            )
        try:
            port = parts.port or (636 if scheme == "ldaps" else 389)
        except ValueError:
            raise DirectoryError(Core.tr("The LDAP address has a bad port.")) from None
        tls = ldap3.Tls(
            validate=ssl.CERT_REQUIRED,  # and ldap3 checks the host name against the certificate
            ca_certs_file=self.config.ca_file or None,
        )
        return ldap3.Server(
            parts.hostname,
            port=port,
            use_ssl=scheme == "ldaps",
            tls=tls,
            get_info=ldap3.NONE,
            connect_timeout=self.config.timeout,
        )

    def _where(self) -> str:
        parts = urlsplit(self.config.url.strip())
        return parts.netloc or self.config.url

    def _connect(self) -> ldap3.Connection:
        """An open, secured (unless configured otherwise) and bound connection; DirectoryError otherwise."""
        server = self._server()
        conn = ldap3.Connection(
            server,
            user=self.config.bind_dn or None,
            password=self._password if self.config.bind_dn else None,
            authentication=ldap3.SIMPLE if self.config.bind_dn else ldap3.ANONYMOUS,
            auto_bind=ldap3.AUTO_BIND_NONE,
            read_only=True,
            receive_timeout=math.ceil(self.config.timeout),  # whole seconds: ldap3 packs it into SO_RCVTIMEO
            auto_referrals=False,
            raise_exceptions=False,
            return_empty_attributes=False,
        )
        try:
            conn.open()
            if server.ssl is False and self.config.starttls and not conn.start_tls():
                raise DirectoryError(
                    Core.tr(
                        "{server} refused StartTLS ({reason}); use ldaps:// or turn StartTLS off."
                    ).format(server=self._where(), reason=conn.result.get("description", ""))
                )
            if not conn.bind():
                self._bind_failed(conn)
        except ldap_errors.LDAPException as exc:
            _close(conn)
            raise self._translated(exc) from None
        except DirectoryError:
            _close(conn)
            raise
        return conn

    def _bind_failed(self, conn: ldap3.Connection) -> None:
        result = conn.result or {}
        if result.get("result") == INVALID_CREDENTIALS:
            raise DirectoryAuthFailed(
                Core.tr("{server} refused the bind DN or password.").format(server=self._where())
            )
        raise DirectoryError(
            Core.tr("{server} refused the bind: {reason}").format(
                server=self._where(), reason=result.get("message") or result.get("description", "")
            )
        )

    def _translated(self, exc: Exception) -> DirectoryError:
        """ldap3's exception as words for the agent (never with the password: ldap3 does not put it there)."""
        detail = str(exc)
        seen: BaseException | None = exc
        while seen is not None:  # ldap3 keeps the ssl error in its text, or in the chain
            detail += f" {seen}"
            seen = seen.__cause__ or seen.__context__
        if "CERTIFICATE_VERIFY_FAILED" in detail or "certificate verify failed" in detail:
            return DirectoryError(
                Core.tr(
                    "{server}'s TLS certificate is not trusted (not signed by a known CA, expired, or for "
                    "another name); give the CA file of your directory."
                ).format(server=self._where())
            )
        if isinstance(exc, ldap_errors.LDAPStartTLSError):
            return DirectoryError(
                Core.tr("StartTLS with {server} failed: {reason}").format(server=self._where(), reason=detail)
            )
        if isinstance(
            exc,
            ldap_errors.LDAPSocketOpenError
            | ldap_errors.LDAPSocketReceiveError
            | ldap_errors.LDAPSessionTerminatedByServerError
            | ldap_errors.LDAPResponseTimeoutError
            | ldap_errors.LDAPSocketSendError
            | ldap_errors.LDAPCommunicationError,
        ):
            return DirectoryUnreachable(
                Core.tr("The LDAP server {server} cannot be reached (down, refused or timed out).").format(
                    server=self._where()
                )
            )
        return DirectoryError(
            Core.tr("The LDAP server {server} failed: {reason}").format(server=self._where(), reason=str(exc))
        )

    # -- the Source protocol ------------------------------------------------------------------------------

    def test(self) -> str:
        """Connect, bind and look at the base DN."""
        conn = self._connect()
        try:
            self._search(conn, scope=ldap3.BASE, search_filter="(objectClass=*)", paged=False)
        finally:
            _close(conn)
        who = self.config.bind_dn or Core.tr("anonymous")
        return Core.tr("Connected to {server} as {who}; {base} is there.").format(
            server=self._where(), who=who, base=self.config.base_dn
        )

    def fetch(self, state: Mapping[str, Any]) -> FetchResult:
        """The whole directory, page by page (state is not used: every fetch is full)."""
        conn = self._connect()
        entries: list[DirectoryEntry] = []
        skipped: list[tuple[str, str]] = []
        try:
            for dn, raw in self._search(conn, ldap3.SUBTREE, self.config.search_filter(), paged=True):
                try:
                    entries.append(map_entry(dn, raw, self.config))
                except ValueError as exc:
                    skipped.append((dn, str(exc)))
        finally:
            _close(conn)
        return FetchResult(entries=entries, full=True, skipped=skipped)

    def _search(
        self, conn: ldap3.Connection, scope: str, search_filter: str, paged: bool
    ) -> Iterator[tuple[str, dict[str, list[bytes]]]]:
        """(DN, raw attributes) of every entry, following the paged-results cookie to the end."""
        cookie: bytes | None = None
        attributes = self.config.attributes.wanted()
        while True:
            try:
                conn.search(
                    self.config.base_dn,
                    search_filter,
                    search_scope=scope,
                    attributes=attributes,
                    paged_size=max(1, self.config.page_size) if paged else None,
                    paged_cookie=cookie,
                    time_limit=int(self.config.timeout * 6),
                )
            except ldap_errors.LDAPInvalidFilterError:
                raise DirectoryError(
                    Core.tr("The LDAP filter {filter} is not valid.").format(filter=search_filter)
                ) from None
            except ldap_errors.LDAPException as exc:
                raise self._translated(exc) from None
            self._check_search(conn.result or {})
            for item in conn.response or []:
                if item.get("type") == "searchResEntry":
                    yield item["dn"], item["raw_attributes"]
            control = (conn.result.get("controls") or {}).get(PAGED_RESULTS, {})
            cookie = control.get("value", {}).get("cookie") if paged else None
            if not cookie:
                return

    def _check_search(self, result: Mapping[str, Any]) -> None:
        code = result.get("result", 0)
        if code == 0:
            return
        if code == 32:  # noSuchObject
            raise DirectoryError(
                Core.tr("{server} has no {base}: check the base DN.").format(
                    server=self._where(), base=self.config.base_dn
                )
            )
        if code == 4:  # sizeLimitExceeded: a partial copy would delete the rest, so it is an error
            raise DirectoryError(
                Core.tr(
                    "{server} stopped the search at its size limit; lower the page size or ask for a higher limit."
                ).format(server=self._where())
            )
        raise DirectoryError(
            Core.tr("{server} refused the search: {reason}").format(
                server=self._where(), reason=result.get("message") or result.get("description", "")
            )
        )


def _flag(value: str, default: bool) -> bool:
    text = value.strip().lower()
    return default if not text else text in ("1", "true", "yes", "on")


def from_config(config: Any, password: str) -> LdapSource:
    """The source of a `[directory:NAME]` config (core/directories/config.py): `url`, `base`, `filter`, `user` as
    the bind DN; options `attributes` (auto, ad, inetorgperson), `strip_prefix`, `page_size`, `starttls`,
    `ca_file`, `timeout`."""
    options = dict(config.options)
    preset = options.get("attributes", "auto").strip().lower() or "auto"
    if preset not in PRESETS:
        raise DirectoryError(
            Core.tr("Unknown LDAP attribute preset {preset}: use auto, ad or inetorgperson.").format(preset=preset)
        )
    try:
        page_size = int(options.get("page_size") or 500)
        timeout = float(options.get("timeout") or 10.0)
    except ValueError:
        raise DirectoryError(Core.tr("page_size and timeout of an LDAP directory must be numbers.")) from None
    ldap_config = LdapConfig(
        url=config.url,
        base_dn=config.base,
        bind_dn=config.user,
        filter=config.filter,
        attributes=PRESETS[preset],
        strip_prefix=options.get("strip_prefix", ""),
        page_size=max(1, page_size),
        starttls=_flag(options.get("starttls", ""), True),
        ca_file=options.get("ca_file") or None,
        timeout=timeout,
    )
    return LdapSource(config.name, ldap_config, password)
