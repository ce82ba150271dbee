"""The settings dialog, and what saving it changes at once (the rest takes effect where it is read)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ccs_desktop.core.settings import Settings
from ccs_desktop.services.clipboard import ClipboardWatcher
from ccs_desktop.services.listener_control import ListenerControl
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op
from ccs_desktop.services.session import SessionController
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.ui.main_window import MainWindow


class SettingsFlow(QObject):
    def __init__(
        self,
        runner: TaskRunner,
        bus: MessageBus,
        settings: Settings,
        session: SessionController,
        listeners: ListenerControl,
        clipboard: ClipboardWatcher,
        window: MainWindow,
        *,
        demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.runner, self.bus, self.session = settings, runner, bus, session
        self.listeners, self.clipboard, self.window, self.demo = listeners, clipboard, window, demo
        self._listener_config: tuple[object, ...] = ()  # listener settings when the dialog opened

    def open(self) -> None:
        from ccs_desktop.ui.dialogs.settings import SettingsDialog  # noqa: PLC0415 - loads phonenumbers

        listener = self.listeners.listener
        urls = (listener.ivr_url, listener.redacted_base_url) if listener is not None else (None, "")
        self._listener_config = self.listeners.config()
        dialog = SettingsDialog(self.settings, self.window, runner=self.runner, listener_urls=urls)
        dialog.accepted.connect(self._settings_saved)
        dialog.open()

    def _settings_saved(self) -> None:
        self.clipboard.enabled = self.settings.get_bool("clipboard_lookup")
        if self.listeners.config() != self._listener_config and not self.demo:
            # moved or switched off: the old address stops answering
            self.session.restart_listener()
        run_op(self.runner, self.bus, self.settings.save, pool="serial", name="save settings")
        from ccs_desktop.core import autostart  # noqa: PLC0415 - off the start-up path

        enabled = self.settings.get_bool("autostart")
        run_op(self.runner, self.bus, lambda: autostart.apply(enabled), pool="serial", name="autostart")
