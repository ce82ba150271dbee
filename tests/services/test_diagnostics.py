"""Diagnostics' rows as data, without the dialog or the window: what a logged-out app with the listener off
says, and that the page's facts come from whatever view it is handed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ccs_desktop.services.diagnostics import Diagnostics
from tests.services.session_parts import Parts, parts_for


@pytest.fixture
def parts(qapp, runner, tmp_path) -> Iterator[Parts]:
    yield from parts_for(runner, tmp_path)


class Page:
    """The softphone view's three answers (web/view.py), as Diagnostics reads them."""

    def microphone_state(self) -> str:
        return "denied"

    def address(self) -> str:
        return "https://acme.example/sso/?tenant=acme.example&session=s3cr3t"

    def versions(self) -> dict[str, str]:
        return {"Qt": "6.x", "Chromium": "130"}


def test_a_logged_out_app_says_so_row_by_row(parts):
    diagnostics = Diagnostics(parts.session, parts.session.listeners, Page())
    rows = {what: (text, ok) for what, text, ok in diagnostics.quick_checks()}
    assert rows["Session age"] == ("none", False)
    assert rows["Microphone permission"] == ("denied", False)
    assert rows["Softphone loaded"] == ("no", False)
    assert rows["Line"] == ("Logged out", None)
    assert rows["Call notifications"] == ("off (Settings)", None)
    assert "s3cr3t" not in rows["Softphone address"][0]  # the session is masked
    assert rows["Versions"][0].startswith("ccs-desktop ") and "Chromium 130" in rows["Versions"][0]
    assert diagnostics.slow_checks() == [("API reachable", "not logged in", False)]


def test_a_wanted_listener_that_is_not_running_is_a_problem(parts):
    parts.settings.set("notification_listener", True)
    diagnostics = Diagnostics(parts.session, parts.session.listeners, Page())
    assert diagnostics.listener_check() == ("Call notifications", "not listening", False)


class AgedSession:
    """A session logged in 2 min 5 s ago (the age is all Diagnostics reads of it, with the supervisor)."""

    supervisor = None

    def __init__(self, listeners: object) -> None:
        self.listeners = listeners

    def session_age(self) -> float:
        return 125.0


def test_the_session_age_reads_as_the_status_bar_does(parts, qtbot, tmp_path):
    from tests.ui.test_widgets import make_window

    diagnostics = Diagnostics(AgedSession(parts.session.listeners), parts.session.listeners, Page())
    rows = {what: text for what, text, _ok in diagnostics.quick_checks()}
    window = make_window(tmp_path)
    qtbot.addWidget(window)
    window.set_session_age(125.0)
    assert rows["Session age"] == "0 h 02 min"
    assert window.session_label.text() == f"Session: {rows['Session age']}"
