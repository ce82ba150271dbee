"""The customer's record in the centre's CRM: a URL template filled with the call's numbers and keys.

Most centres keep the customer in a CRM with a web page per customer or search, so "Open in CRM" is a URL:
`https://crm.example/search?phone={e164}&call={callkey}`. Every value is URL-encoded whole (a queue called
"Satış & Destek" must not split the query), and only http and https are opened: a template is a setting that
a file or a colleague can change, and a `file:` or `javascript:` URL must never reach the browser.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core

if TYPE_CHECKING:
    from ccs_desktop.core.phone import PhoneNumber
    from ccs_desktop.core.settings import Settings

PLACEHOLDERS = ("number", "e164", "national", "callkey", "agent", "queue")
SCHEMES = ("http", "https")
AUTO_OPEN = ("off", "ring", "answer")


def check_crm_template(template: str) -> str:
    """The template if it can make a CRM URL (empty: the feature is off); InvalidInput in words otherwise."""
    template = template.strip()
    if not template:
        return ""
    try:
        fields = [
            (name, spec, conv)
            for _t, name, spec, conv in string.Formatter().parse(template)
            if name is not None
        ]
    except ValueError:
        raise InvalidInput(Core.tr("The CRM URL template has an unclosed brace.")) from None
    for name, spec, conversion in fields:
        if name not in PLACEHOLDERS or spec or conversion:
            raise InvalidInput(
                Core.tr("The CRM URL template has an unknown placeholder {name}; use {choices}.").format(
                    name=repr("{" + name + "}"), choices=", ".join("{" + p + "}" for p in PLACEHOLDERS)
                )
            )
    _check_scheme(template)
    return template


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES or not parts.netloc:
        raise InvalidInput(
            Core.tr("The CRM URL must start with http:// or https://, not {url}.").format(url=repr(url[:40]))
        )


def crm_url(
    template: str, *, number: str, e164: str, national: str, callkey: str, agent: str, queue: str
) -> str:
    """The template with every placeholder URL-encoded (no character is safe); InvalidInput for a template that
    is not http(s) or names an unknown placeholder, so nothing else is ever opened."""
    values = {
        "number": number,
        "e164": e164,
        "national": national,
        "callkey": callkey,
        "agent": agent,
        "queue": queue,
    }
    url = check_crm_template(template).format(**{k: quote(v, safe="") for k, v in values.items()})
    _check_scheme(url)
    return url


def crm_url_for(
    settings: Settings, number: PhoneNumber | None, raw: str = "", *, callkey: str = "", queue: str = ""
) -> str | None:
    """The CRM URL for a caller card, None when no template is set. `{number}` is the string CCS dials for the
    number (dial format and outside-line prefix, as `prepare_dial`), the raw text when it does not parse."""
    from ccs_desktop.core.phone import check_region, dial_string  # noqa: PLC0415

    template = settings.get_str("crm_url_template")
    if not template:
        return None
    region = check_region(settings.get_str("region"))
    if number is None:
        dialled, e164, national = raw, "", ""
    else:
        prefix = settings.get_str("outside_line_prefix")
        dialled = dial_string(number, settings.get_str("dial_format"), region, prefix)
        e164, national = number.e164, number.national()
    return crm_url(
        template,
        number=dialled,
        e164=e164,
        national=national,
        callkey=callkey,
        agent=settings.get_str("email"),
        queue=queue,
    )
