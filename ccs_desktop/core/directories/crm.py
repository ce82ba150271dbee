"""The CRM look-up: a URL template asked once per unknown number (`https://crm.example.com/api/lookup?phone={e164}`),
answering JSON from which dotted keys ("data.customer.name", "results.0.company") give the name, the company and
the customer's record URL.

It is asked only for numbers no synced source knows, in a worker, with a 2 s timeout: the card never waits for
it, it is completed when the answer comes. Every answer, "unknown" too (a 404, or no name at the key), is kept per
number for `cache_seconds`; a failure is not an answer and is not kept, but the next question waits out the back-off
(core/backoff.py), so a CRM that is down is not asked on every ring. An optional header (`X-Api-Key`,
`Authorization`...) carries a secret that lives in the keyring only.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from ccs_desktop.core.api.client import Timeouts
from ccs_desktop.core.backoff import Backoff
from ccs_desktop.core.crm import check_crm_template, crm_url
from ccs_desktop.core.directories import DEFAULT_PRIORITY, http
from ccs_desktop.core.directories.source import DirectoryError, DirectoryUnreachable
from ccs_desktop.core.directories.store import Hit
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core
from ccs_desktop.core.phone import PhoneNumber, parse_number

TIMEOUT = 2.0
CACHE_SECONDS = 600.0
CACHE_SIZE = 5000
DEFAULT_KEYS = {"name": "name", "company": "company", "url": "url"}
SAMPLE = "+902125550000"  # what Test connection asks for: any answer but 401/403/5xx means the CRM is there


def check_lookup_template(template: str) -> str:
    """A look-up template is a CRM URL template (core/crm.py: http(s), known placeholders) that names the number."""
    template = check_crm_template(template)
    if not template:
        raise InvalidInput(Core.tr("The CRM look-up needs a URL template."))
    if not any(p in template for p in ("{e164}", "{number}", "{national}")):
        raise InvalidInput(Core.tr("The CRM look-up template must hold {e164}, {number} or {national}."))
    return template


def dotted(data: Any, path: str) -> str:
    """The text at a dotted path of a JSON value ("customer.name", "results.0.name"); "" when there is none."""
    current = data
    for part in path.split(".") if path else ():
        if isinstance(current, dict):
            current = current.get(part)
        elif (
            isinstance(current, list)
            and part.lstrip("-").isdigit()
            and -len(current) <= int(part) < len(current)
        ):
            current = current[int(part)]
        else:
            return ""
    if isinstance(current, str):
        return current.strip()
    if isinstance(current, int | float) and not isinstance(current, bool):
        return str(current)
    return ""


class CrmLookup:
    """Ask the CRM who a number is. `look_up` blocks (up to the timeout): call it in a worker."""

    def __init__(
        self,
        name: str,
        template: str,
        *,
        keys: Mapping[str, str] | None = None,
        header: str = "",
        secret: str = "",
        priority: int = DEFAULT_PRIORITY,
        blocklist: bool = False,
        timeout: float = TIMEOUT,
        cache_seconds: float = CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        session: Any = None,
    ) -> None:
        self.name = name
        self.template = check_lookup_template(template)
        self.keys = {**DEFAULT_KEYS, **{k: v for k, v in (keys or {}).items() if v}}
        self.header = header.strip()
        self._secret = secret
        self.priority, self.blocklist = priority, blocklist
        self.timeouts = Timeouts(timeout, timeout)
        self.cache_seconds = cache_seconds
        self._clock = clock
        self._session = session
        self._cache: OrderedDict[str, tuple[float, Hit | None]] = OrderedDict()
        self._backoff = Backoff(clock)
        self._quiet_until = 0.0
        self.asked = 0  # requests sent (tests and the bench count them)

    def cached(self, e164: str) -> tuple[bool, Hit | None]:
        """(known?, the answer): whether the cache still holds an answer for the number, and which."""
        kept = self._cache.get(e164)
        if kept is None or kept[0] <= self._clock():
            return False, None
        return True, kept[1]

    def look_up(self, number: PhoneNumber) -> Hit | None:
        """The CRM's entry for the number, None when it does not know it; DirectoryError when it could not answer
        (or is resting after a failure)."""
        known, hit = self.cached(number.e164)
        if known:
            return hit
        now = self._clock()
        if now < self._quiet_until:
            raise DirectoryUnreachable(
                Core.tr(
                    "The CRM look-up is resting after a failure; it is asked again in {seconds:.0f} s."
                ).format(seconds=self._quiet_until - now)
            )
        try:
            hit = self._ask(number)
        except DirectoryError:
            self._quiet_until = self._clock() + self._backoff.next_delay()
            raise
        self._backoff.reset()
        self._cache[number.e164] = (self._clock() + self.cache_seconds, hit)
        self._cache.move_to_end(number.e164)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return hit

    def _ask(self, number: PhoneNumber) -> Hit | None:
        url = crm_url(
            self.template,
            number=number.digits,
            e164=number.e164,
            national=number.national(),
            callkey="",
            agent="",
            queue="",
        )
        headers = {"Accept": "application/json"}
        if self.header and self._secret:
            headers[self.header] = self._secret
        self.asked += 1
        answer = http.get(
            url, headers=headers, timeouts=self.timeouts, max_bytes=1024 * 1024, session=self._session
        )
        if answer.status in (204, 404):
            return None
        if answer.status != 200:
            raise http.refused(http.host_of(url), answer.status)
        try:
            data = json.loads(answer.body.decode("utf-8")) if answer.body.strip() else None
        except (UnicodeDecodeError, ValueError):
            raise DirectoryError(
                Core.tr("The CRM at {host} did not answer JSON.").format(host=http.host_of(url))
            ) from None
        name = dotted(data, self.keys["name"])
        if not name:
            return None
        return Hit(
            source=self.name,
            uid=number.e164,
            name=name,
            company=dotted(data, self.keys["company"]),
            email="",
            url=_http_only(dotted(data, self.keys["url"])),
            numbers=((number.e164, ""),),
            priority=self.priority,
            blocklist=self.blocklist,
        )

    def test(self) -> str:
        """Ask for a sample number without keeping the answer."""
        saved = dict(self._cache)
        try:
            hit = self._ask(parse_number(SAMPLE, "TR"))
        finally:
            self._cache = OrderedDict(saved)
        if hit is None:
            return Core.tr("The CRM answered (it does not know the sample number).")
        return Core.tr("The CRM answered.")


def _http_only(url: str) -> str:
    """A record URL from the CRM is opened in the browser: http and https only."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def from_config(config: Any, password: str, **kwargs: Any) -> CrmLookup:
    options = config.options
    cache_minutes = options.get("cache_minutes", "")
    return CrmLookup(
        config.name,
        config.url,
        keys={k: options.get(f"{k}_key", "") for k in DEFAULT_KEYS},
        header=options.get("header", ""),
        secret=password,
        priority=config.priority,
        blocklist=config.blocklist,
        cache_seconds=float(cache_minutes) * 60
        if cache_minutes.replace(".", "", 1).isdigit()
        else CACHE_SECONDS,
        **kwargs,
    )
