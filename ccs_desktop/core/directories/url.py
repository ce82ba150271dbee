"""A directory file that IT publishes at a URL, in MicroSIP's `usersDirectory` format, refreshed as its
`Cache-Control: max-age` says (clamped to 1 minute..24 hours, 1 hour when it says nothing), as MicroSIP does.

XML: a root element holding a list element whose children are entries, each with `name` and a number under
`number`, `extension` or `telephone` (MicroSIP reads exactly these; we also take `company`/`organization`,
`email`, `mobile`, `phone`). JSON: `{"items": [{"name": ..., "number": ...}, ...]}` (or a bare list), with the
same field names, `firstname`/`lastname` when there is no `name`, and an optional `"refresh"` in seconds.
An entry's uid is its `id` when it has one, else its name and first number. The server's ETag/Last-Modified are
sent back, so an unchanged file costs a 304 and nothing is rewritten.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any

from ccs_desktop.core import json_stream
from ccs_desktop.core.api.client import Timeouts
from ccs_desktop.core.bulk import free_in_chunks
from ccs_desktop.core.directories import http
from ccs_desktop.core.directories.source import (
    DirectoryEntry,
    DirectoryError,
    DirectoryNumber,
    FetchResult,
)
from ccs_desktop.core.i18n import Core

MIN_REFRESH, MAX_REFRESH, DEFAULT_REFRESH = 60, 24 * 3600, 3600
NUMBER_FIELDS = ("number", "extension", "telephone", "phone", "mobile", "work", "home")
_MAX_AGE = re.compile(r"(?:^|[,\s])(?:s-)?max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


def clamp_refresh(seconds: float | None) -> int:
    """MicroSIP's rule: nothing (or 0) is an hour; otherwise within a minute and a day."""
    if seconds is None or seconds <= 0:
        return DEFAULT_REFRESH
    return int(min(MAX_REFRESH, max(MIN_REFRESH, seconds)))


def refresh_from(headers: Mapping[str, str], body_hint: float | None = None) -> int:
    """Seconds until the next fetch: `Cache-Control: max-age` (no-cache/no-store: the minimum), else the file's
    own `refresh`, clamped."""
    control = next((v for k, v in headers.items() if k.lower() == "cache-control"), "")
    match = _MAX_AGE.search(control)
    if match:
        return clamp_refresh(int(match.group(1)) or MIN_REFRESH)
    if "no-cache" in control.lower() or "no-store" in control.lower():
        return MIN_REFRESH
    return clamp_refresh(body_hint)


class UrlSource:
    """The directory file at `url`; `auth` (user, password) for a file behind HTTP basic authentication."""

    def __init__(
        self,
        name: str,
        url: str,
        *,
        auth: tuple[str, str] | None = None,
        timeouts: Timeouts | None = None,
        session: Any = None,
    ) -> None:
        self.name = name
        self.url = url
        self.auth = auth
        self.timeouts = timeouts or Timeouts(5.0, 30.0)
        self.session = session

    def fetch(self, state: Mapping[str, Any]) -> FetchResult:
        headers = {"Accept": "application/json, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"}
        if state.get("etag"):
            headers["If-None-Match"] = str(state["etag"])
        if state.get("last_modified"):
            headers["If-Modified-Since"] = str(state["last_modified"])
        answer = http.get(
            self.url, headers=headers, auth=self.auth, timeouts=self.timeouts, session=self.session
        )
        lower = {k.lower(): v for k, v in answer.headers.items()}
        if answer.status == 304 and state:
            new_state = {**state, "refresh": refresh_from(answer.headers, state.get("file_refresh"))}
            return FetchResult([], full=False, state=new_state)
        if answer.status != 200:
            raise http.refused(http.host_of(self.url), answer.status)
        entries, skipped, hint = parse_directory(answer.body, lower.get("content-type", ""))
        new_state: dict[str, Any] = {"refresh": refresh_from(answer.headers, hint)}
        if hint is not None:
            new_state["file_refresh"] = hint
        if lower.get("etag"):
            new_state["etag"] = lower["etag"]
        if lower.get("last-modified"):
            new_state["last_modified"] = lower["last-modified"]
        return FetchResult(entries, full=True, state=new_state, skipped=skipped)

    def test(self) -> str:
        entries = self.fetch({}).entries
        return Core.tr("The directory file answered with %Ln entry(s).", "", len(entries))


def from_config(config: Any, password: str) -> UrlSource:
    auth = (config.user, password) if config.user else None
    return UrlSource(config.name, config.url, auth=auth)


def parse_directory(
    body: bytes, content_type: str = ""
) -> tuple[list[DirectoryEntry], list[tuple[str, str]], float | None]:
    """(entries, skipped items, the file's own refresh seconds or None) of a MicroSIP directory file; DirectoryError
    in words for a file that is neither."""
    text = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if "json" in content_type.lower() or text[:1] in (b"{", b"["):
        try:
            data = json_stream.loads(text.decode("utf-8"))  # item by item: the window paints meanwhile
        except (UnicodeDecodeError, ValueError):
            raise DirectoryError(Core.tr("The directory file is not valid JSON.")) from None
        return _from_json(data)
    if text[:1] == b"<":
        try:
            root = ET.fromstring(text)
        except ET.ParseError:
            raise DirectoryError(Core.tr("The directory file is not valid XML.")) from None
        return _from_xml(root)
    raise DirectoryError(Core.tr("The directory file is neither JSON nor XML in MicroSIP's format."))


def _from_json(data: Any) -> tuple[list[DirectoryEntry], list[tuple[str, str]], float | None]:
    hint: float | None = None
    items: Any = data
    if isinstance(data, dict):
        refresh = data.get("refresh")
        hint = float(refresh) if isinstance(refresh, int | float) and not isinstance(refresh, bool) else None
        items = data.get("items", data.get("entries"))
    if not isinstance(items, list):
        raise DirectoryError(Core.tr("The directory file has no list of items."))
    entries, skipped = _entries(
        (f"item {i + 1}", item if isinstance(item, dict) else None) for i, item in enumerate(items)
    )
    free_in_chunks(items)  # the decoded items, 50,000 dicts in a big file
    return entries, skipped, hint


def _from_xml(root: ET.Element) -> tuple[list[DirectoryEntry], list[tuple[str, str]], float | None]:
    """MicroSIP walks root → list → entry → fields; a file whose root holds entries directly is read too."""

    def fields(element: ET.Element) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for child in element:
            key = _local(child.tag).lower()
            text = (child.text or "").strip()
            if text and key not in found:
                found[key] = text
        return found

    def is_entry(element: ET.Element) -> bool:
        return any(_local(c.tag).lower() in ("name", *NUMBER_FIELDS) for c in element)

    rows: list[ET.Element] = []
    for child in root:
        if is_entry(child):
            rows.append(child)
        else:
            rows.extend(entry for entry in child if len(entry))
    return (*_entries((f"entry {i + 1}", fields(e)) for i, e in enumerate(rows)), None)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _entries(
    items: Iterable[tuple[str, dict[str, Any] | None]],
) -> tuple[list[DirectoryEntry], list[tuple[str, str]]]:
    entries: list[DirectoryEntry] = []
    skipped: list[tuple[str, str]] = []
    for where, raw in items:
        if raw is None:
            skipped.append((where, Core.tr("not an object")))
            continue
        item = {str(k).lower(): v for k, v in raw.items()}
        numbers = tuple(
            DirectoryNumber(str(item[key]).strip(), key)
            for key in NUMBER_FIELDS
            if isinstance(item.get(key), str | int)
            and not isinstance(item.get(key), bool)
            and str(item[key]).strip()
        )
        name = _text(item.get("name")) or " ".join(
            part for part in (_text(item.get("firstname")), _text(item.get("lastname"))) if part
        )
        if not numbers:
            skipped.append((where, Core.tr("no number")))
            continue
        uid = _text(item.get("id")) or f"{name}\x1f{numbers[0].number}"
        entries.append(
            DirectoryEntry(
                uid=uid,
                name=name or numbers[0].number,
                company=_text(item.get("company")) or _text(item.get("organization")),
                numbers=numbers,
                email=_text(item.get("email")),
                url=_text(item.get("url")),
            )
        )
    return entries, skipped


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""
