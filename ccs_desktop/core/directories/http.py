"""One GET for the directory URL and the CRM look-up: timeouts, a size cap, and failures as DirectoryErrors in
words (the URL and its query string never reach a message: `core.api.client.transport_errors` words them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from ccs_desktop.core.api.client import Timeouts, transport_errors
from ccs_desktop.core.directories.source import DirectoryAuthFailed, DirectoryError, DirectoryUnreachable
from ccs_desktop.core.errors import NetworkError, RequestTimedOut, Unreachable
from ccs_desktop.core.i18n import Core

MAX_REDIRECTS = 5
MAX_BYTES = 64 * 1024 * 1024  # a directory file larger than this is refused, not read into memory


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.hostname or "?"


def get(
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    auth: tuple[str, str] | None = None,
    timeouts: Timeouts,
    max_bytes: int = MAX_BYTES,
    session: Any = None,
) -> Answer:
    """The answer (any status but 401/403); DirectoryAuthFailed for those, DirectoryUnreachable when the server
    cannot be reached or does not answer in time, DirectoryError for other transport failures or a body too big."""
    import requests  # noqa: PLC0415 - only syncs and look-ups pay for it

    host = host_of(url)
    http = session or requests
    try:
        with transport_errors(host, timeouts):
            # Redirects are followed only on the same server (scheme, host and port): requests would hand a custom
            # secret header (a CRM's X-Api-Key) to any host a 3xx names.
            for _hop in range(MAX_REDIRECTS + 1):
                response = http.get(
                    url,
                    headers=dict(headers or {}),
                    auth=auth,
                    timeout=(timeouts.connect, timeouts.read),
                    stream=True,
                    allow_redirects=False,
                )
                target = response.headers.get("Location") if response.is_redirect else None
                if not target:
                    break
                response.close()
                following = urljoin(url, target)
                if _origin(following) != _origin(url):
                    raise DirectoryError(
                        Core.tr("{host} redirected to {other}; not followed, so your credentials stay with {host}.")
                        .format(host=host, other=host_of(following) or "?")
                    )
                url = following
            else:
                raise DirectoryError(Core.tr("{host} redirected too many times.").format(host=host))
            try:
                chunks, size = [], 0
                for chunk in response.iter_content(256 * 1024):
                    size += len(chunk)
                    if size > max_bytes:
                        raise DirectoryError(
                            Core.tr("{host} sent more than {mb} MB; that is no directory.").format(
                                host=host, mb=max_bytes // (1024 * 1024)
                            )
                        )
                    chunks.append(chunk)
            finally:
                response.close()
    except (Unreachable, RequestTimedOut) as exc:
        raise DirectoryUnreachable(str(exc)) from None
    except NetworkError as exc:
        raise DirectoryError(str(exc)) from None
    if response.status_code in (401, 403):
        raise DirectoryAuthFailed(
            Core.tr("{host} refused the user name or password (HTTP {status}).").format(
                host=host, status=response.status_code
            )
        )
    return Answer(response.status_code, dict(response.headers), b"".join(chunks))


def refused(host: str, status: int) -> DirectoryError:
    """The error for an answer that is no directory (404, 500...)."""
    if status >= 500 or status in (408, 429):
        return DirectoryUnreachable(
            Core.tr("{host} could not answer now (HTTP {status}).").format(host=host, status=status)
        )
    return DirectoryError(Core.tr("{host} answered HTTP {status}.").format(host=host, status=status))


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port
