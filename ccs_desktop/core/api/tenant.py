"""Where a tenant lives: CCS names tenants by a sub-domain label, agents type labels, hosts or whole URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core

DEFAULT_DOMAIN = "callcenterstudio.com"
_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")


@dataclass(frozen=True)
class Tenant:
    """A tenant's API root and the two names CCS uses for it (label and full host)."""

    base_url: str  # scheme://host[:port], no trailing slash
    host: str  # full host, e.g. acme.callcenterstudio.com (the softphone's `tenant` parameter)
    label: str  # first label, e.g. acme (the hangup callback's `tenant` field)

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/"


def resolve_tenant(text: str) -> Tenant:
    """Accept `acme`, `acme.alo-tech.com` or `http://127.0.0.1:8765` and say clearly when it is none of them."""
    raw = (text or "").strip()
    if not raw:
        raise InvalidInput(
            Core.tr("No tenant given: use a tenant name (acme), a host (acme.alo-tech.com) or a URL."),
            field="tenant",
        )
    if "://" in raw:
        parts = urlsplit(raw)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InvalidInput(
                Core.tr("Tenant URL must start with https:// or http:// and name a host: {url}").format(
                    url=repr(raw)
                ),
                field="tenant",
            )
        if parts.query or parts.fragment or parts.username or parts.password:
            raise InvalidInput(
                Core.tr("Tenant URL must not carry a query, a fragment or a password."), field="tenant"
            )
        try:
            port = parts.port
        except ValueError:
            raise InvalidInput(
                Core.tr("Tenant URL has an invalid port: {url}").format(url=repr(raw)), field="tenant"
            ) from None
        host = parts.hostname.lower()
        netloc = f"[{host}]" if ":" in host else host
        if port is not None:
            netloc += f":{port}"
        return Tenant(f"{parts.scheme}://{netloc}", host, host.split(".")[0])
    lowered = raw.lower().rstrip(".")
    if _LABEL.match(lowered):
        host = f"{lowered}.{DEFAULT_DOMAIN}"
        return Tenant(f"https://{host}", host, lowered)
    if _HOST.match(lowered):
        return Tenant(f"https://{lowered}", lowered, lowered.split(".")[0])
    raise InvalidInput(
        Core.tr(
            "{text} is not a tenant name, host or URL (examples: acme, acme.alo-tech.com, https://acme.example)."
        ).format(text=repr(raw)),
        field="tenant",
    )
