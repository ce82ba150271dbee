"""Accessibility: every control the keyboard reaches has a name a screen reader can say, and Tab reaches the
window's controls in the order they are seen. The walk follows Qt's own focus chain on the real widgets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QWidget

from tests.test_app import Harness, app_on_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


@pytest.fixture
def harness(qtbot, qapp) -> Iterator[Harness]:
    with app_on_simulator(qtbot, qapp, sim_options={"call_seconds": 30, "ring_seconds": 0.3}) as h:
        yield h


def focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits in `root`, in order: shown ones that take Tab, each proxy's owner in its place."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not root and widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    reached = []
    for widget in chain:
        if widget.focusProxy() is not None:
            continue  # the focus goes to its proxy, which stands in the chain for both (see `accessible_name`)
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(root)
            and widget.window() is root
        ):
            reached.append(widget)
    return reached


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader says; for a focus proxy (a spin box's inner line edit, a tab widget's tab bar) its
    own or its owner's."""
    owner = widget.parentWidget()
    while owner is not None and owner.focusProxy() is not widget:
        owner = owner.parentWidget()
    if owner is not None:  # the proxy of `owner`
        if owner.accessibleName().strip():  # asked first: the web view's render widget is Chromium's to name
            return owner.accessibleName().strip()
        widget = owner if not widget.accessibleName() else widget
    if isinstance(widget, QAbstractItemView):
        # a view's name is its accessibleName alone; its QAccessibleTable is not asked for, as one made for the
        # Calls table leaves a dangling header behind once the window is gone (a crash in a later test's paint)
        return widget.accessibleName().strip()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
        for w in focus_chain(root)
        if not accessible_name(w)
    ]


def test_every_control_of_the_window_and_its_dialogs_has_a_name(harness, qtbot):
    harness.wait_ready()
    window = harness.app.window
    window.show()
    for tab in (window.contacts, window.calls):
        window.tabs.setCurrentWidget(tab)
        assert focus_chain(window), "the walk reaches something"
        assert unnamed(window) == [], type(tab).__name__


def test_every_control_of_the_settings_and_diagnostics_dialogs_has_a_name(qtbot, tmp_path):
    from tests.support.runners import SyncRunner

    sync_runner = SyncRunner()
    from ccs_desktop.core.settings import Settings
    from ccs_desktop.ui.dialogs.diagnostics import DiagnosticsDialog
    from ccs_desktop.ui.dialogs.settings import SettingsDialog

    settings = SettingsDialog(Settings(tmp_path / "c.ini"), runner=sync_runner, shortcuts_state="Not offered")
    qtbot.addWidget(settings)
    settings.show()
    assert len(focus_chain(settings)) > 10
    assert unnamed(settings) == []
    diagnostics = DiagnosticsDialog(sync_runner, lambda: [("API reachable", "yes", True)], list)
    qtbot.addWidget(diagnostics)
    diagnostics.show()
    assert unnamed(diagnostics) == []
