"""What the softphone page may use: one table, deny by default.

Microphone access is the sensitive part of this app, so the rule is narrow: the microphone and notifications
are granted only to the exact softphone origin (scheme, host and port), and every other permission, or any
request from another origin (an ad frame, a redirect target), is denied and logged. Every member of Qt's
`PermissionType` has a row, and a test keeps it so, so a new Qt version cannot add a permission that nobody
decided about; a value missing from the table is denied anyway.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePermission

PermissionType = QWebEnginePermission.PermissionType

_log = logging.getLogger(__name__)
_DEFAULT_PORTS = {"http": 80, "https": 443}


class Rule(enum.Enum):
    """How a permission type is decided."""

    SOFTPHONE_ONLY = "granted to the softphone origin only"
    DENY = "always denied"


@dataclass(frozen=True)
class PermissionRule:
    """One row of the table: the rule, and a phrase for logs and the Diagnostics page."""

    rule: Rule
    phrase: str


PERMISSIONS: Mapping[PermissionType, PermissionRule] = MappingProxyType(
    {
        PermissionType.MediaAudioCapture: PermissionRule(Rule.SOFTPHONE_ONLY, "use your microphone"),
        PermissionType.Notifications: PermissionRule(Rule.SOFTPHONE_ONLY, "show notifications"),
        PermissionType.MediaVideoCapture: PermissionRule(Rule.DENY, "use your camera"),
        PermissionType.MediaAudioVideoCapture: PermissionRule(Rule.DENY, "use your camera and microphone"),
        PermissionType.DesktopVideoCapture: PermissionRule(Rule.DENY, "record your screen"),
        PermissionType.DesktopAudioVideoCapture: PermissionRule(Rule.DENY, "record your screen and audio"),
        PermissionType.MouseLock: PermissionRule(Rule.DENY, "hide and lock your mouse pointer"),
        PermissionType.Geolocation: PermissionRule(Rule.DENY, "know your location"),
        PermissionType.ClipboardReadWrite: PermissionRule(Rule.DENY, "read your clipboard"),
        PermissionType.LocalFontsAccess: PermissionRule(Rule.DENY, "list the fonts on your computer"),
        PermissionType.Unsupported: PermissionRule(Rule.DENY, "use a feature Qt does not support"),
    }
)


def permission_name(permission_type: PermissionType) -> str:
    """A stable name for signals and logs ("MediaAudioCapture"), so callers never handle the Qt enum."""
    return permission_type.name


class DecidingPage(Protocol):
    """A page that remembers its permission decisions (`web.page.SoftphonePage`)."""

    def permission_state(self, permission_type: PermissionType) -> str: ...


def microphone_state(page: DecidingPage) -> str:
    """The page's last microphone decision, "granted", "denied" or "not asked": what the Diagnostics page shows,
    asked here so that nothing outside web/ handles QtWebEngine's permission enum."""
    return page.permission_state(PermissionType.MediaAudioCapture)


def phrase(permission_type: PermissionType) -> str:
    """What the permission lets a page do, in words for the agent."""
    row = PERMISSIONS.get(permission_type)
    return row.phrase if row else f"use {permission_name(permission_type)}"


def _origin(url: QUrl) -> tuple[str, str, int] | None:
    """(scheme, host, port) with the scheme's default port filled in; None when it is not an http(s) origin."""
    if not url.isValid():
        return None
    scheme = url.scheme().lower()
    host = url.host().lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    return scheme, host, url.port(_DEFAULT_PORTS[scheme])


def same_origin(a: QUrl, b: QUrl) -> bool:
    """Exactly the same http(s) origin: scheme, host and port. Two invalid URLs are not the same origin."""
    origin_a = _origin(a)
    return origin_a is not None and origin_a == _origin(b)


def origin_text(url: QUrl) -> str:
    """scheme://host:port for logs: the path and query (which may hold the session) are left out."""
    origin = _origin(url)
    if origin is None:
        return url.scheme() or "(no origin)"
    return f"{origin[0]}://{origin[1]}:{origin[2]}"


def decide(permission_type: PermissionType, origin: QUrl, softphone_origin: QUrl) -> bool:
    """True to grant. Pure apart from logging the denials, so the policy is testable without a page."""
    row = PERMISSIONS.get(permission_type)
    if row is None:
        _log.warning(
            "denied %s to %s: this Qt version added a permission the table does not know",
            permission_name(permission_type),
            origin_text(origin),
        )
        return False
    if row.rule is Rule.SOFTPHONE_ONLY:
        if same_origin(origin, softphone_origin):
            return True
        # Worth a warning: a softphone redirected to another host cannot take calls without the microphone.
        _log.warning(
            "denied %s to %s: only the softphone origin %s may %s",
            permission_name(permission_type),
            origin_text(origin),
            origin_text(softphone_origin),
            row.phrase,
        )
        return False
    _log.info(
        "denied %s to %s: no page may %s", permission_name(permission_type), origin_text(origin), row.phrase
    )
    return False
