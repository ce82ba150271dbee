"""A real Radicale CardDAV server for the directory tests, run as a subprocess on a free loopback port.

`start_radicale(folder)` runs this file (`python tests/support/carddav_server.py FOLDER [SYNC]`):
Radicale's WSGI application with htpasswd authentication (plain: the only method Radicale 3.9 reads without
extra modules besides passlib's, which it requires anyway), storage in FOLDER, served by a threading wsgiref
server that prints its port when it listens. SYNC "absent" puts a thin filter in front that makes it a server
without RFC 6578: sync-collection is refused (403 DAV:supported-report) and neither `sync-token` nor the report is
advertised, as older servers do, so the client's ctag/etag fallback runs against real Radicale; "refused" still
advertises both but refuses the report (as a proxy or a broken server might).

`CardDavHandle` fills it over HTTP like a client would: MKCOL address books, PUT and DELETE vCards.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]

USER = "agent"
PASSWORD = "carddav-secret"

MKCOL_ADDRESSBOOK = """<?xml version="1.0" encoding="utf-8"?>
<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">
  <D:set><D:prop>
    <D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>
    <D:displayname>{name}</D:displayname>
  </D:prop></D:set>
</D:mkcol>"""


def vcard(uid: str, name: str, *lines: str, company: str = "") -> str:
    """A vCard 3.0 with a UID, FN and N, an ORG if given, and any further property lines as written."""
    given, _, family = name.rpartition(" ")
    body = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{uid}",
        f"FN:{name}",
        f"N:{family};{given};;;",
        *([f"ORG:{company}"] if company else []),
        *lines,
        "END:VCARD",
    ]
    return "\r\n".join(body) + "\r\n"


@dataclass
class CardDavHandle:
    folder: Path
    port: int
    proc: subprocess.Popen
    http: requests.Session
    scheme: str = "http"

    @property
    def root(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/"

    def book_url(self, book: str) -> str:
        return f"{self.root}{USER}/{book}/"

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """With our CA given per request: a session's `verify` loses to REQUESTS_CA_BUNDLE (requests#3829)."""
        return self.http.request(method, url, verify=self.http.verify, **kwargs)

    def make_book(self, book: str, name: str = "") -> str:
        self.request("PROPFIND", f"{self.root}{USER}/", headers={"Depth": "0"}).raise_for_status()
        answer = self.request(
            "MKCOL",
            self.book_url(book),
            data=MKCOL_ADDRESSBOOK.format(name=name or book).encode(),
            headers={"Content-Type": "application/xml; charset=utf-8"},
        )
        answer.raise_for_status()
        return self.book_url(book)

    def put(self, book: str, name: str, card: str) -> str:
        url = f"{self.book_url(book)}{name}.vcf"
        answer = self.request(
            "PUT", url, data=card.encode(), headers={"Content-Type": "text/vcard; charset=utf-8"}
        )
        answer.raise_for_status()
        return url

    def put_many(self, book: str, cards: Iterable[str]) -> None:
        """Many cards in one request: a PUT of the whole address book (Radicale replaces its content)."""
        answer = self.request(
            "PUT",
            self.book_url(book),
            data="".join(cards).encode(),
            headers={"Content-Type": "text/vcard; charset=utf-8"},
        )
        answer.raise_for_status()

    def delete(self, book: str, name: str) -> None:
        self.request("DELETE", f"{self.book_url(book)}{name}.vcf").raise_for_status()

    def stop(self) -> None:
        # imported here: this file is also the server's own script, run where there is no `tests` package
        from tests.helpers import stop_process_group

        self.http.close()
        stop_process_group(self.proc, timeout=10)


def start_radicale(
    folder: Path, *, sync_collection: str = "offered", tls: tuple[Path, Path, Path] | None = None
) -> CardDavHandle:
    """`tls`: (CA, certificate, key) PEM files to serve https:// with."""
    folder.mkdir(parents=True, exist_ok=True)
    guard = [sys.executable, str(REPO / "tests" / "orphan_guard.py"), str(os.getpid())]
    command = [*guard, sys.executable, str(Path(__file__).resolve()), str(folder), sync_collection]
    if tls is not None:
        command += [str(tls[1]), str(tls[2])]
    with (folder / "radicale.log").open("w") as log:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            start_new_session=True,  # its own process group: the guard or stop() ends it
        )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("listening "):
        proc.wait(timeout=10)
        raise RuntimeError(f"radicale did not start: {(folder / 'radicale.log').read_text()[-2000:]}")
    http = requests.Session()
    http.auth = (USER, PASSWORD)
    if tls is not None:
        http.verify = str(tls[0])
    return CardDavHandle(folder, int(line.split()[1]), proc, http, "https" if tls else "http")


# -- the server process ---------------------------------------------------------------------------------------

_NS = rb"(?:\w+:)?"
_ADVERTISED = re.compile(
    rb"<%ssupported-report>\s*<%sreport>\s*<%ssync-collection\s*/>\s*</%sreport>\s*</%ssupported-report>"
    % (_NS, _NS, _NS, _NS, _NS)
)
_TOKEN = re.compile(rb"<%ssync-token>[^<]*</%ssync-token>|<%ssync-token\s*/>" % (_NS, _NS, _NS))
_REFUSED = b'<?xml version="1.0" encoding="utf-8"?>\n<D:error xmlns:D="DAV:"><D:supported-report/></D:error>'

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def without_sync_collection(app: Wsgi, advertised: bool) -> Wsgi:
    """Radicale as a server that never heard of RFC 6578 (or, `advertised`, that says it has it but refuses)."""

    def filtered(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        if method == "REPORT":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length)
            if b"sync-collection" in body:
                start_response(
                    "403 Forbidden",
                    [("Content-Type", "application/xml"), ("Content-Length", str(len(_REFUSED)))],
                )
                return [_REFUSED]
            environ["wsgi.input"] = io.BytesIO(body)
        if method != "PROPFIND" or advertised:
            return app(environ, start_response)
        environ.pop("HTTP_ACCEPT_ENCODING", None)  # a body we can read, not gzip
        kept: dict[str, Any] = {}

        def keep(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[..., Any]:
            kept.update(status=status, headers=headers)
            return lambda data: None

        body = b"".join(app(environ, keep))
        body = _TOKEN.sub(b"", _ADVERTISED.sub(b"", body))
        headers = [(k, v) for k, v in kept["headers"] if k.lower() != "content-length"]
        start_response(kept["status"], [*headers, ("Content-Length", str(len(body)))])
        return [body]

    return filtered


def serve(folder: Path, sync_collection: str, tls: list[str]) -> None:
    import socketserver
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    import radicale
    from radicale import config

    users = folder / "users"
    users.write_text(f"{USER}:{PASSWORD}\n")
    configuration = config.load()
    configuration.update(
        {
            "auth": {
                "type": "htpasswd",
                "htpasswd_filename": str(users),
                "htpasswd_encryption": "plain",
                "delay": "0",  # no pause after a wrong password: the tests send one on purpose
            },
            "storage": {"filesystem_folder": str(folder / "collections")},
            "rights": {"type": "owner_only"},
            "logging": {"level": "warning"},
        },
        "tests",
    )
    app: Wsgi = radicale.Application(configuration)
    if sync_collection != "offered":
        app = without_sync_collection(app, advertised=sync_collection == "refused")

    class Server(socketserver.ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    with make_server("127.0.0.1", 0, app, server_class=Server, handler_class=Quiet) as server:
        if tls:
            import ssl

            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls[0], tls[1])
            server.socket = context.wrap_socket(server.socket, server_side=True)
        print(f"listening {server.server_port}", flush=True)
        server.serve_forever()


# -- pytest fixtures (the root conftest lists this module in pytest_plugins) ---------------------------------------


def _running(folder: Path, sync_collection: str) -> Iterator[CardDavHandle]:
    server = start_radicale(folder, sync_collection=sync_collection)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def radicale_server(tmp_path: Path) -> Iterator[CardDavHandle]:
    """An empty Radicale (with sync-collection) of this test's own; fill it with the handle."""
    yield from _running(tmp_path / f"radicale-{uuid.uuid4().hex[:6]}", sync_collection="offered")


@pytest.fixture
def radicale_https(tmp_path: Path) -> Iterator[CardDavHandle]:
    """An empty Radicale on https:// with a certificate of a test CA (`.http.verify` is that CA's file)."""
    from tests.support.ldap_server import make_ca

    ca = make_ca(tmp_path / "carddav-tls")
    folder = tmp_path / f"radicale-https-{uuid.uuid4().hex[:6]}"
    server = start_radicale(folder, tls=(ca.ca_file, ca.cert_file, ca.key_file))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def radicale_without_sync(tmp_path: Path) -> Iterator[CardDavHandle]:
    """An empty Radicale that offers no sync-collection: ctag/etag is all a client has."""
    yield from _running(tmp_path / f"radicale-nosync-{uuid.uuid4().hex[:6]}", sync_collection="absent")


@pytest.fixture
def radicale_refusing_sync(tmp_path: Path) -> Iterator[CardDavHandle]:
    """A Radicale that advertises sync-collection but refuses the report."""
    yield from _running(tmp_path / f"radicale-refusing-{uuid.uuid4().hex[:6]}", sync_collection="refused")


if __name__ == "__main__":
    serve(Path(sys.argv[1]), sync_collection=sys.argv[2], tls=sys.argv[3:5])
