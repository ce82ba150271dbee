"""When the local HTTP endpoint for CCS's call notifications runs: started after login (a setting; always in the
demo, whose simulator sends them), stopped at logout, moved when its settings change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ccs_desktop.core.errors import CcsError
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.credentials import CredentialStore
    from ccs_desktop.core.notifications import CallNotification
    from ccs_desktop.services.listener import NotificationListener


class ListenerControl(QObject):
    """`listener` is the running (or retrying) one, or None. `started(ivr_url)` once it listens."""

    started = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        bus: MessageBus,
        settings: Settings,
        notified: Callable[[CallNotification], None],
        *,
        demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.bus, self.settings, self.notified, self.demo = runner, bus, settings, notified, demo
        self.listener: NotificationListener | None = None

    def wanted(self) -> bool:
        return self.demo or self.settings.get_bool("notification_listener")

    def start(self, store: CredentialStore | None, current: Callable[[], bool]) -> None:
        """Its secret comes from the keyring (`store`; a fresh one without), off the UI thread; `current()` says
        the session that asked is still the one logged in when the secret arrives."""
        if self.listener is not None or not self.wanted():
            return

        def token() -> str:
            if store is None:
                from ccs_desktop.core.notifications import new_token  # noqa: PLC0415

                return new_token()
            return store.listener_token()

        def start(secret: str) -> None:
            from ccs_desktop.core.notifications import ParamNames  # noqa: PLC0415
            from ccs_desktop.services.listener import NotificationListener  # noqa: PLC0415

            if not current() or self.listener is not None:
                return
            get = self.settings.get_str
            names = ParamNames(
                get("notify_param_callerid"),
                get("notify_param_activecallkey"),
                get("notify_param_agent_email"),
                get("notify_param_duration"),
            )
            port = 0 if self.demo else self.settings.get_int("listener_port")
            listener = NotificationListener(
                self.runner, secret, self.notified, address=get("listener_address"), port=port, names=names
            )
            self.listener = listener  # kept while it retries a failed bind: Diagnostics shows why
            try:
                listener.start(retry=True)
            except CcsError as exc:
                self.bus.error(self.tr("Call notifications are off: {error}").format(error=exc))
                return
            self.started.emit(listener.ivr_url)

        run_op(self.runner, self.bus, token, start, pool="serial", name="listener token")

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()
            self.listener = None

    def hangup_url(self, tenant_host: str) -> str | None:
        """Where CCS should POST when an app-placed call ends: only an address CCS can reach."""
        listener = self.listener
        if listener is None or not listener.running:
            return None
        public = self.settings.get_str("listener_public_url").rstrip("/")
        if public:
            return listener.hangup_url_at(public)
        host = tenant_host.split(":", maxsplit=1)[0]
        return listener.hangup_url if host in ("127.0.0.1", "localhost", "::1") else None
