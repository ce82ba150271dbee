"""The settings dialog, and saving what it changed: the changes themselves apply where they are followed
(services/preferences.py), saving writes them and the login entry."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ccs_desktop.core.settings import Settings
from ccs_desktop.services.directories import DirectoriesController
from ccs_desktop.services.listener_control import ListenerControl
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.ui.main_window import MainWindow


class SettingsFlow(QObject):
    def __init__(
        self,
        runner: TaskRunner,
        bus: MessageBus,
        settings: Settings,
        listeners: ListenerControl,
        window: MainWindow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.directories: DirectoriesController | None = None  # the Directories page's, when the app has one
        self.runner, self.bus, self.settings, self.listeners, self.window = (
            runner,
            bus,
            settings,
            listeners,
            window,
        )
        window.settings_requested.connect(self.open)
        self.shortcuts_state = lambda: ""  # the global shortcuts' state in words (ui/keyboard.py sets it)

    def open(self) -> None:
        from ccs_desktop.ui.dialogs.settings import SettingsDialog  # noqa: PLC0415 - loads phonenumbers

        listener = self.listeners.listener
        urls = (listener.ivr_url, listener.redacted_base_url) if listener is not None else (None, "")
        dialog = SettingsDialog(
            self.settings,
            self.window,
            runner=self.runner,
            listener_urls=urls,
            shortcuts_state=self.shortcuts_state(),
            directories=self.directories,
        )
        dialog.accepted.connect(self._settings_saved)
        dialog.open()

    def _settings_saved(self) -> None:
        run_op(self.runner, self.bus, self.settings.save, pool="serial", name="save settings")
        from ccs_desktop.core import autostart  # noqa: PLC0415 - off the start-up path

        enabled = self.settings.get_bool("autostart")
        run_op(self.runner, self.bus, lambda: autostart.apply(enabled), pool="serial", name="autostart")
