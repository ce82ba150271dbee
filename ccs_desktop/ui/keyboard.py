"""The keyboard's wiring: what the window's keys need from the rest of the app (the call tracker for Hold/Resume,
the caller card for Esc), and the global shortcuts with their settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

from ccs_desktop.services.global_shortcuts import GlobalShortcuts, availability_text, settings_bindings

if TYPE_CHECKING:
    from ccs_desktop.core.settings import Settings
    from ccs_desktop.services.call_state import CallTracker
    from ccs_desktop.services.handoff import Handoff
    from ccs_desktop.ui.main_window import MainWindow
    from ccs_desktop.ui.popup import NumberPopup
    from ccs_desktop.ui.settings_flow import SettingsFlow


class _CardWatch(QObject):
    """Esc closes the caller card only while one shows: the action follows the card's Show and Hide."""

    def __init__(self, popup: NumberPopup, window: MainWindow) -> None:
        super().__init__(popup)
        self.window = window
        popup.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.window.close_card_action.setEnabled(event.type() == QEvent.Type.Show)
        return False


def connect_keyboard(
    window: MainWindow,
    tracker: CallTracker,
    popup: NumberPopup,
    handoff: Handoff,
    settings: Settings,
    settings_flow: SettingsFlow,
    parent: QObject | None = None,
) -> GlobalShortcuts:
    """Hold/Resume by the tracker's state, Esc for the card, and the global shortcuts (started here, following
    their settings)."""

    window.close_card_requested.connect(popup.hide)
    _CardWatch(popup, window)
    shortcuts = GlobalShortcuts(parent)
    shortcuts.activated.connect(
        lambda name: (
            handoff.call_clipboard(selection=True)
            if name == "call-selection"
            else window.hangup_action.trigger()
        )  # as in the window: only while a call may be up
    )
    window.global_shortcuts = shortcuts.rows
    settings_flow.shortcuts_state = lambda: availability_text(shortcuts.availability)

    window.destroyed.connect(shortcuts.stop)  # hotkeys and the portal session go with the window

    def restart(_changed: object = None) -> None:
        shortcuts.start(settings.get_bool("global_shortcuts"), settings_bindings(settings.get_str))

    settings.on_change(restart, "global_shortcuts", "shortcut_call_selection", "shortcut_hang_up")
    restart()
    return shortcuts
