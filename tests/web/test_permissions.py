"""The permission table: deny by default, microphone and notifications for the exact softphone origin only."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePermission

from ccs_desktop.web import permissions
from ccs_desktop.web.permissions import PERMISSIONS, Rule, decide, same_origin

Type = QWebEnginePermission.PermissionType
SOFTPHONE = QUrl("https://softphone.alo-tech.com/mi4biz/sso/?tenant=t.example&session=SECRET")


def test_the_table_covers_every_permission_type():
    """A Qt upgrade that adds a PermissionType fails here until someone decides about it."""
    assert set(PERMISSIONS) == set(Type)
    assert all(row.phrase for row in PERMISSIONS.values())


def test_only_microphone_and_notifications_can_ever_be_granted():
    granted = {kind for kind, row in PERMISSIONS.items() if row.rule is Rule.SOFTPHONE_ONLY}
    assert granted == {Type.MediaAudioCapture, Type.Notifications}
    assert permissions.phrase(Type.MediaAudioCapture) == "use your microphone"


@pytest.mark.parametrize("kind", [Type.MediaAudioCapture, Type.Notifications])
@pytest.mark.parametrize(
    ("origin", "granted"),
    [
        ("https://softphone.alo-tech.com", True),
        ("https://softphone.alo-tech.com:443/", True),
        ("HTTPS://SoftPhone.Alo-Tech.com/other/path", True),
        ("http://softphone.alo-tech.com", False),  # scheme differs
        ("https://softphone.alo-tech.com:8443", False),  # port differs
        ("https://evil.alo-tech.com", False),  # host differs
        ("https://softphone.alo-tech.com.evil.example", False),
        ("", False),
        ("file:///tmp/x.html", False),
    ],
)
def test_softphone_only_rule_needs_the_exact_origin(kind, origin, granted):
    assert decide(kind, QUrl(origin), SOFTPHONE) is granted


@pytest.mark.parametrize("kind", [k for k, row in PERMISSIONS.items() if row.rule is Rule.DENY])
def test_everything_else_is_denied_even_to_the_softphone(kind, caplog):
    with caplog.at_level(logging.INFO, logger="ccs_desktop.web.permissions"):
        assert decide(kind, SOFTPHONE, SOFTPHONE) is False
    assert f"denied {kind.name}" in caplog.text


def test_nothing_is_granted_before_the_softphone_origin_is_known():
    assert decide(Type.MediaAudioCapture, QUrl("https://softphone.alo-tech.com"), QUrl()) is False
    assert not same_origin(QUrl(), QUrl())


def test_a_type_missing_from_the_table_is_denied(monkeypatch, caplog):
    monkeypatch.setattr(permissions, "PERMISSIONS", {})
    with caplog.at_level(logging.WARNING, logger="ccs_desktop.web.permissions"):
        assert decide(Type.MediaAudioCapture, SOFTPHONE, SOFTPHONE) is False
    assert "does not know" in caplog.text


def test_denials_are_logged_without_the_session(caplog):
    with caplog.at_level(logging.WARNING, logger="ccs_desktop.web.permissions"):
        decide(Type.MediaAudioCapture, QUrl("https://other.example/?session=SECRET"), SOFTPHONE)
    assert "https://other.example:443" in caplog.text
    assert "SECRET" not in caplog.text
