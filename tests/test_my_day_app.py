"""The "My day" tab in the whole app on the simulator: after login the call history fills the cache, and the tab,
once shown, counts it and sets CCS's own figures beside it (real QtWebEngine offscreen, real HTTP, real SQLite)."""

from __future__ import annotations

import pytest

from tests.test_app import WAIT, harness  # noqa: F401 - the fixture, by name

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def test_the_tab_shows_the_saved_days_figures_beside_ccss(harness, qtbot):  # noqa: F811
    app = harness.app
    window, view = app.window, app.window.my_day
    qtbot.waitUntil(lambda: app.history.account != "" and window.calls.row_count() > 0, timeout=WAIT)
    assert view.stats is None  # not counted while nobody looks
    window.tabs.setCurrentWidget(view)  # how the lead opens it for a screenshot
    qtbot.waitUntil(lambda: view.stats is not None and view.ccs_state in ("figures", "failed"), timeout=WAIT)
    assert view.ccs_state == "figures", view.source.text()
    assert view.answered.value.text() == str(view.stats.answered)
    assert view.answered.ccs.text().startswith(("CCS agrees:", "≠ CCS:"))
    assert view.pauses.value.text() != "—"  # the simulator reports pauses (none yet: 0:00)
