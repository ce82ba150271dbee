"""A CardDAV account (Nextcloud, Radicale, SOGo, iCloud, ...) as a directory source: a thin client on requests.

The maintained CardDAV libraries are CalDAV-only or immature, and a directory needs only a few requests:

- discovery (RFC 6764/6352): from the URL given, `/.well-known/carddav` when it names only the server, then
  `current-user-principal`, its `addressbook-home-set`, and every address book in that home (PROPFIND depth 1,
  resourcetype addressbook); a URL that is itself an address book is used alone;
- incremental sync: `sync-collection` (RFC 6578) where the book offers it, its token in the state; else the
  book's ctag and every card's etag, compared with the last sync's; changed cards come in
  `addressbook-multiget` reports of MULTIGET cards;
- vCards read by the contacts importer's parser (vobject), so a card reads the same imported or synced; a card
  that cannot be read costs that card only (skipped with its href, and asked for again next time).

The state ({"books": {book href: {"token", "ctag", "etags": {card href: etag}, "bad": [card hrefs]}}}) is what
the next fetch compares with. The first fetch (empty state) is full; later ones list changes and removals,
including every card of a book that is gone.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from xml.sax.saxutils import escape

import requests

from ccs_desktop.core.contacts.io import parse_card
from ccs_desktop.core.directories.numbers import directory_number
from ccs_desktop.core.directories.source import (
    DirectoryAuthFailed,
    DirectoryEntry,
    DirectoryError,
    DirectoryUnreachable,
    FetchResult,
)
from ccs_desktop.core.i18n import Core

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALSERVER = "http://calendarserver.org/ns/"
MULTIGET = 100  # cards per addressbook-multiget
MAX_REDIRECTS = 5
MAX_SYNC_ROUNDS = 1000  # sync-collection answers truncated with 507 are continued at most this often

_NS = f'xmlns:d="{DAV}" xmlns:card="{CARDDAV}" xmlns:cs="{CALSERVER}"'
_PRINCIPAL = f'<?xml version="1.0" encoding="utf-8"?><d:propfind {_NS}><d:prop><d:current-user-principal/><d:resourcetype/><card:addressbook-home-set/></d:prop></d:propfind>'
_BOOKS = f'<?xml version="1.0" encoding="utf-8"?><d:propfind {_NS}><d:prop><d:resourcetype/><d:displayname/><cs:getctag/><d:sync-token/><d:supported-report-set/></d:prop></d:propfind>'
_ETAGS = f'<?xml version="1.0" encoding="utf-8"?><d:propfind {_NS}><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>'
_SYNC = f'<?xml version="1.0" encoding="utf-8"?><d:sync-collection {_NS}><d:sync-token>{{token}}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>'
_MULTIGET = f'<?xml version="1.0" encoding="utf-8"?><card:addressbook-multiget {_NS}><d:prop><d:getetag/><card:address-data/></d:prop>{{hrefs}}</card:addressbook-multiget>'


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


@dataclass(frozen=True)
class CardDavConfig:
    """`url`: the server (discovery starts there), the account's principal or home, or one address book.
    `strip_prefix` is cut from every number; `ca_file` is a PEM file of the CA(s) to trust instead of the
    system's; `sync_collection` False ignores RFC 6578 even where offered (for a server whose tokens misbehave)."""

    url: str
    username: str = ""
    strip_prefix: str = ""
    ca_file: str | None = None
    timeout: float = 15.0
    sync_collection: bool = True


@dataclass
class _Book:
    href: str
    name: str = ""
    ctag: str = ""
    token: str = ""
    offers_sync: bool = False


@dataclass
class _Response:
    """One <response> of a multistatus: its href, the status of the response or of its 200 propstat, and the
    properties found (200 only)."""

    href: str
    status: int
    props: dict[str, ET.Element] = field(default_factory=dict)


@dataclass
class _Changes:
    entries: list[DirectoryEntry] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _status(text: str | None) -> int:
    parts = (text or "").split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


def _multistatus(body: bytes) -> tuple[list[_Response], ET.Element]:
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise DirectoryError(
            Core.tr("The CardDAV server's answer is not XML ({error}).").format(error=exc)
        ) from None
    found = []
    for response in root.iter(_tag(DAV, "response")):
        href = (response.findtext(_tag(DAV, "href")) or "").strip()
        status = _status(response.findtext(_tag(DAV, "status")))
        props: dict[str, ET.Element] = {}
        for propstat in response.findall(_tag(DAV, "propstat")):
            code = _status(propstat.findtext(_tag(DAV, "status")))
            if code == 200:
                status = status or 200
                holder = propstat.find(_tag(DAV, "prop"))
                for prop in holder if holder is not None else []:
                    props[prop.tag] = prop
            status = status or code
        found.append(_Response(href, status, props))
    return found, root


def _text(response: _Response, namespace: str, name: str) -> str:
    prop = response.props.get(_tag(namespace, name))
    return (prop.text or "").strip() if prop is not None else ""


def _child_href(response: _Response, namespace: str, name: str) -> str:
    prop = response.props.get(_tag(namespace, name))
    return (prop.findtext(_tag(DAV, "href")) or "").strip() if prop is not None else ""


def _is_book(response: _Response) -> bool:
    kind = response.props.get(_tag(DAV, "resourcetype"))
    return kind is not None and kind.find(_tag(CARDDAV, "addressbook")) is not None


def _same(a: str, b: str) -> bool:
    """Two hrefs for the same resource (servers differ in escaping and the trailing slash)."""
    return unquote(urlsplit(a).path).rstrip("/") == unquote(urlsplit(b).path).rstrip("/")


class CardDavSource:
    """Every address book of a CardDAV account; the password is given apart from the config and never shown."""

    def __init__(
        self, name: str, config: CardDavConfig, password: str = "", session: requests.Session | None = None
    ) -> None:
        self.name = name
        self.config = config
        self._http = session or requests.Session()
        self._http.auth = (config.username, password) if config.username else None
        self._http.headers["User-Agent"] = "ccs-desktop"

    def __repr__(self) -> str:
        return f"CardDavSource({self.name!r}, {self.config.url!r})"

    def close(self) -> None:
        self._http.close()

    # -- HTTP -----------------------------------------------------------------------------------------------

    def _where(self) -> str:
        return urlsplit(self.config.url).netloc or self.config.url

    def _request(self, method: str, url: str, body: str = "", depth: str | None = None) -> requests.Response:
        """One request, redirects followed with the same method (requests turns a 301/302 PROPFIND into GET);
        the failures every request shares mapped to words."""
        headers = {"Content-Type": "application/xml; charset=utf-8"}
        if depth is not None:
            headers["Depth"] = depth
        # Given per request: a session's `verify` loses to REQUESTS_CA_BUNDLE (requests#3829).
        verify: str | bool = self.config.ca_file or True
        for _ in range(MAX_REDIRECTS):
            try:
                answer = self._http.request(
                    method,
                    url,
                    verify=verify,
                    data=body.encode(),
                    headers=headers,
                    timeout=self.config.timeout,
                    allow_redirects=False,
                )
            except requests.exceptions.SSLError:
                raise DirectoryError(
                    Core.tr(
                        "{server}'s TLS certificate is not trusted (not signed by a known CA, expired, or for "
                        "another name); give the CA file of your server."
                    ).format(server=self._where())
                ) from None
            except (requests.ConnectionError, requests.Timeout):
                raise DirectoryUnreachable(
                    Core.tr(
                        "The CardDAV server {server} cannot be reached (down, refused or timed out)."
                    ).format(server=self._where())
                ) from None
            except requests.RequestException as exc:
                raise DirectoryError(
                    Core.tr("The CardDAV request to {server} failed ({error}).").format(
                        server=self._where(), error=type(exc).__name__
                    )
                ) from None
            if answer.status_code in (301, 302, 303, 307, 308) and answer.headers.get("Location"):
                url = urljoin(url, answer.headers["Location"])
                continue
            if answer.status_code == 401:
                raise DirectoryAuthFailed(
                    Core.tr("{server} refused the CardDAV user name or password.").format(
                        server=self._where()
                    )
                )
            return answer
        raise DirectoryError(Core.tr("{server} redirects in a loop.").format(server=self._where()))

    def _failed(self, answer: requests.Response, what: str) -> DirectoryError:
        return DirectoryError(
            Core.tr("{server} answered {status} to {what}.").format(
                server=self._where(), status=f"{answer.status_code} {answer.reason}", what=what
            )
        )

    def _propfind(self, url: str, body: str, depth: str) -> tuple[str, list[_Response]]:
        answer = self._request("PROPFIND", url, body, depth)
        if answer.status_code != 207:
            raise self._failed(answer, "PROPFIND")
        return answer.url, _multistatus(answer.content)[0]

    # -- discovery ------------------------------------------------------------------------------------------

    def _books(self) -> list[_Book]:
        """Every address book of the account, found from the configured URL."""
        url = self.config.url.strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise DirectoryError(
                Core.tr("The CardDAV address must start with http:// or https://, not {url}.").format(
                    url=repr(url[:60])
                )
            )
        if parts.path in ("", "/"):
            url = urljoin(url, "/.well-known/carddav")  # RFC 6764; a server without it answers 404
            answer = self._request("PROPFIND", url, _PRINCIPAL, "0")
            if answer.status_code != 207:
                url = urljoin(url, "/")
        url, found = self._propfind(url, _PRINCIPAL, "0")
        here = next((r for r in found if _same(r.href, url)), found[0] if found else _Response(url, 0))
        if _is_book(here):
            return self._list_books(url, only=url)
        principal = _child_href(here, DAV, "current-user-principal")
        home = _child_href(here, CARDDAV, "addressbook-home-set")
        if principal and not home:
            url, found = self._propfind(urljoin(url, principal), _PRINCIPAL, "0")
            home = next((_child_href(r, CARDDAV, "addressbook-home-set") for r in found), "")
        if not home:
            raise DirectoryError(
                Core.tr("{server} shows no address books for this account (no addressbook-home-set).").format(
                    server=self._where()
                )
            )
        return self._list_books(urljoin(url, home))

    def _list_books(self, home: str, only: str = "") -> list[_Book]:
        url, found = self._propfind(home, _BOOKS, "0" if only else "1")
        books = []
        for response in found:
            if not _is_book(response):
                continue
            reports = response.props.get(_tag(DAV, "supported-report-set"))
            offers = reports is not None and any(True for _ in reports.iter(_tag(DAV, "sync-collection")))
            token = _text(response, DAV, "sync-token")
            books.append(
                _Book(
                    href=urlsplit(urljoin(url, response.href)).path,
                    name=_text(response, DAV, "displayname"),
                    ctag=_text(response, CALSERVER, "getctag"),
                    token=token,
                    offers_sync=bool(offers and token and self.config.sync_collection),
                )
            )
        return books

    def _url(self, href: str) -> str:
        return urljoin(self.config.url, href)

    # -- the Source protocol --------------------------------------------------------------------------------

    def test(self) -> str:
        """Discover the account's address books."""
        books = self._books()
        names = ", ".join(book.name or book.href for book in books) or Core.tr("none")
        return Core.tr("Connected to {server}; address books: {names}.").format(
            server=self._where(), names=names
        )

    def fetch(self, state: Mapping[str, Any]) -> FetchResult:
        """Every book's cards, or their changes since `state`; books gone since then are removed whole."""
        old_books: Mapping[str, Any] = state.get("books", {}) if state else {}
        full = not old_books
        changes = _Changes()
        new_books: dict[str, Any] = {}
        for book in self._books():
            old = old_books.get(book.href, {})
            new_books[book.href] = self._sync_book(book, old, changes)
        for href, old in old_books.items():
            if href not in new_books:
                changes.removed.extend(old.get("etags", {}))
                changes.removed.extend(old.get("bad", []))
        return FetchResult(
            entries=changes.entries,
            full=full,
            removed=[] if full else changes.removed,
            state={"books": new_books},
            skipped=changes.skipped,
        )

    def _sync_book(self, book: _Book, old: Mapping[str, Any], changes: _Changes) -> dict[str, Any]:
        etags: dict[str, str] = dict(old.get("etags", {}))
        retry = set(old.get("bad", []))
        synced = self._sync_collection(book, old.get("token", "")) if book.offers_sync else None
        if synced is not None:
            token, changed, gone, complete = synced
            if complete:  # the listing is the whole book: what it lacks is gone
                gone |= set(etags) - set(changed)
        elif old and book.ctag and book.ctag == old.get("ctag") and not retry:
            return dict(old)  # nothing changed in this book
        else:
            token = ""
            listed = self._etags(book)
            changed = {href: etag for href, etag in listed.items() if etags.get(href) != etag}
            gone = set(etags) - set(listed)
        for href in gone:
            etags.pop(href, None)
            retry.discard(href)
        changes.removed.extend(sorted(gone))
        wanted = set(changed) | retry
        bad: list[str] = []
        for href, etag, entry, problem in self._cards(book, sorted(wanted)):
            if problem is None:  # deleted since it was listed (or a bad card, since it was skipped)
                etags.pop(href, None)
                changes.removed.append(href)
            elif entry is not None:
                etags[href] = etag
                changes.entries.append(entry)
            else:
                etags.pop(href, None)
                bad.append(href)
                changes.skipped.append((href, problem))
        return {"token": token, "ctag": book.ctag, "etags": etags, "bad": bad}

    def _sync_collection(self, book: _Book, token: str) -> tuple[str, dict[str, str], set[str], bool] | None:
        """(new token, changed hrefs with etags, removed hrefs, whether it was a full listing) since `token`;
        an expired or refused token restarts from nothing (a full listing of the book). None when the server
        refuses the report itself although it advertised it: the caller compares etags instead."""
        changed: dict[str, str] = {}
        gone: set[str] = set()
        complete = not token
        for _ in range(MAX_SYNC_ROUNDS):
            answer = self._request("REPORT", self._url(book.href), _SYNC.format(token=escape(token)), "0")
            if answer.status_code in (400, 403, 405, 409, 501):
                if not token:
                    return None
                token, complete = (
                    "",
                    True,
                )  # RFC 6578 3.2: the token is no longer valid (DAV:valid-sync-token)
                changed.clear()
                gone.clear()
                continue
            if answer.status_code != 207:
                raise self._failed(answer, "sync-collection")
            found, root = _multistatus(answer.content)
            truncated = False
            for response in found:
                href = urlsplit(urljoin(answer.url, response.href)).path
                if _same(href, book.href):
                    truncated = truncated or response.status == 507
                elif response.status == 404:
                    gone.add(href)
                    changed.pop(href, None)
                elif response.status == 200:
                    changed[href] = _text(response, DAV, "getetag")
                    gone.discard(href)
            token = (root.findtext(_tag(DAV, "sync-token")) or "").strip()
            if not truncated:
                return token, changed, gone, complete
        raise DirectoryError(
            Core.tr("{server} never finished its list of changes.").format(server=self._where())
        )

    def _etags(self, book: _Book) -> dict[str, str]:
        url, found = self._propfind(self._url(book.href), _ETAGS, "1")
        return {
            urlsplit(urljoin(url, response.href)).path: _text(response, DAV, "getetag")
            for response in found
            if response.status == 200
            and not _same(urljoin(url, response.href), url)
            and _tag(DAV, "collection")
            not in {c.tag for c in response.props.get(_tag(DAV, "resourcetype"), [])}
        }

    def _cards(
        self, book: _Book, hrefs: list[str]
    ) -> Iterator[tuple[str, str, DirectoryEntry | None, str | None]]:
        """(href, etag, entry or None, why not) of each card asked for, MULTIGET at a time; why not is None for
        a card that is no longer there."""
        for start in range(0, len(hrefs), MULTIGET):
            batch = hrefs[start : start + MULTIGET]
            body = _MULTIGET.format(hrefs="".join(f"<d:href>{escape(h)}</d:href>" for h in batch))
            answer = self._request("REPORT", self._url(book.href), body, "1")
            if answer.status_code != 207:
                raise self._failed(answer, "addressbook-multiget")
            found, _ = _multistatus(answer.content)
            for response in found:
                href = urlsplit(urljoin(answer.url, response.href)).path
                if response.status == 404:
                    yield href, "", None, None
                    continue
                data = _text(response, CARDDAV, "address-data")
                yield (href, _text(response, DAV, "getetag"), *self._entry(href, data))

    def _entry(self, href: str, data: str) -> tuple[DirectoryEntry | None, str | None]:
        if not data:
            return None, Core.tr("the server sent no vCard")
        try:
            contact, urls = parse_card(data)
        except Exception as exc:  # whatever the parser trips on costs this card only
            return None, Core.tr("the card cannot be read: {error}").format(
                error=str(exc) or type(exc).__name__
            )
        name = contact.name or contact.email
        if not name:
            return None, Core.tr("the card has no name, company or e-mail")
        numbers = []
        for number in contact.numbers:
            found = directory_number(number.e164, number.label, self.config.strip_prefix)
            if found is not None and found not in numbers:
                numbers.append(found)
        return (
            DirectoryEntry(
                uid=href,
                name=name,
                company=contact.company,
                numbers=tuple(numbers),
                email=contact.email,
                url=urls[0] if urls else "",
            ),
            "",
        )


def from_config(config: Any, password: str) -> CardDavSource:
    """The source of a `[directory:NAME]` config (core/directories/config.py): `url`, `user`; options
    `strip_prefix`, `ca_file`, `timeout`, `sync_collection` (false: ctag/etag only)."""
    options = dict(config.options)
    try:
        timeout = float(options.get("timeout") or 15.0)
    except ValueError:
        raise DirectoryError(Core.tr("The timeout of a CardDAV directory must be a number.")) from None
    sync_collection = options.get("sync_collection", "").strip().lower() not in ("0", "false", "no", "off")
    dav_config = CardDavConfig(
        url=config.url,
        username=config.user,
        strip_prefix=options.get("strip_prefix", ""),
        ca_file=options.get("ca_file") or None,
        timeout=timeout,
        sync_collection=sync_collection,
    )
    return CardDavSource(config.name, dav_config, password)
