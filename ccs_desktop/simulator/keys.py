"""Look-alikes of the App Engine datastore keys CCS uses for app_tokens, sessions and call ids.

Real keys are url-safe base64 (no padding) of a serialized `Reference` protobuf: app id, a one-element
path (kind + numeric id) and the tenant host as namespace (ccs-api.md §1.6). Minting the same structure
makes our strings start with "ag" like the real ones, so clients that sniff or log them see familiar data.
"""

from __future__ import annotations

import base64
import functools
import secrets
from collections.abc import Callable

APP_ID = "s~ccs-simulator"


def _varint(value: int) -> bytes:
    if value < 0x80:
        return bytes((value,))
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _field(tag: bytes, data: bytes) -> bytes:
    return tag + _varint(len(data)) + data


def datastore_key(kind: str, ident: int, namespace: str) -> str:
    """The url-safe form of Reference{app, path=[(kind, ident)], name_space}."""
    return key_maker(kind, namespace)(ident)


@functools.cache
def key_maker(kind: str, namespace: str) -> Callable[[int], str]:
    """A fast `datastore_key` for one kind and namespace (seeding mints thousands)."""
    kind_field = _field(b"\x12", kind.encode())
    app_field = _field(b"j", APP_ID.encode())
    namespace_field = _field(b"\xa2\x01", namespace.encode())

    def make(ident: int) -> str:
        element = b"\x0b" + kind_field + b"\x18" + _varint(ident) + b"\x0c"
        raw = app_field + _field(b"r", element) + namespace_field
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    return make


def random_id() -> int:
    """A datastore-style numeric id (16 digits) from `secrets`, so live keys cannot be guessed."""
    return (1 << 52) + secrets.randbelow(1 << 52)
