"""The Generic Softphone's address, built from a template so a tenant's own build or host needs no code change."""

from __future__ import annotations

import string
from urllib.parse import quote, urlsplit

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core

DEFAULT_TEMPLATE = "https://softphone.alo-tech.com/{build}/sso/?tenant={tenant_host}&session={session}"
DEMO_TEMPLATE = "{base}/{build}/sso/?tenant={tenant_host}&session={session}"
PLACEHOLDERS = ("base", "tenant_host", "build", "session")


def check_template(template: str) -> str:
    """A template uses only the known placeholders and yields an http(s) URL."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        raise InvalidInput(Core.tr("The softphone URL template has an unbalanced { or }.")) from None
    unknown = names - set(PLACEHOLDERS)
    if unknown:
        raise InvalidInput(
            Core.tr("Unknown placeholder {{{name}}} in the softphone URL template (known: {known}).").format(
                name=sorted(unknown)[0], known=", ".join("{" + p + "}" for p in PLACEHOLDERS)
            )
        )
    if "session" not in names:
        raise InvalidInput(
            Core.tr("The softphone URL template needs {session}: it is how the agent is logged in.")
        )
    sample = build_url(
        template, base="https://tenant.example", tenant_host="tenant.example", build="b", session="s"
    )
    if urlsplit(sample).scheme not in ("http", "https"):
        raise InvalidInput(Core.tr("The softphone URL template must start with https:// (or {base})."))
    return template


def build_url(template: str, *, base: str, tenant_host: str, build: str, session: str) -> str:
    """Fill the template; every value except {base} is URL-encoded."""
    return template.format(
        base=base.rstrip("/"),
        tenant_host=quote(tenant_host, safe=".-:"),
        build=quote(build, safe="-_."),
        session=quote(session, safe=""),
    )


def origin_of(url: str) -> str:
    """scheme://host[:port]: the only origin the softphone view loads and grants the microphone to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
