"""The login dialog's part of the session: ask for tenant, e-mail and app_token, check them against CCS, keep
them (the token in the keyring), then let the session controller begin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ccs_desktop.core.api.tenant import resolve_tenant
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op
from ccs_desktop.services.session import SessionController
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from ccs_desktop.ui.dialogs.login import LoginDialog


class LoginFlow(QObject):
    """`dialog` is the open login dialog (for tests), or None before the first ask."""

    def __init__(
        self,
        session: SessionController,
        runner: TaskRunner,
        bus: MessageBus,
        settings: Settings,
        window: MainWindow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.runner, self.bus, self.settings, self.window = (
            session,
            runner,
            bus,
            settings,
            window,
        )
        window.logout_requested.connect(session.logout)
        self.dialog: LoginDialog | None = None
        # Logged out (no credentials, a cancelled login, Log out): the window offers Log in… and says what to do;
        # a session that begins (a login, saved credentials, the demo) gives the softphone its place back.
        session.login_needed.connect(lambda: window.set_logged_in(False))
        session.identity_shown.connect(lambda _tenant, _email: window.set_logged_in(True))
        window.login_requested.connect(self.ask)

    def ask(self) -> None:
        """The login dialog; one at a time (the menu, the pane and the session may all ask)."""
        from ccs_desktop.ui.dialogs.login import LoginDialog  # noqa: PLC0415

        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        if self.dialog is not None:
            self.dialog.deleteLater()  # a cancelled one: each ask starts from the saved values
        tenant = self.settings.get_str("tenant")
        dialog = LoginDialog(
            self.runner,
            self.verify,
            tenant=tenant,
            email=self.settings.get_str("email"),
            build=self.settings.get_str("softphone_build"),
            first_run=not tenant,  # nothing saved yet: the dialog opens with what each field is
            parent=self.window,
        )
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._accepted(dialog))
        dialog.open()

    @staticmethod
    def verify(tenant_text: str, email: str, token: str) -> None:
        """Worker: the token and the agent's e-mail work on this tenant (raises CcsError in words if not)."""
        from ccs_desktop.core.api import CcsClient  # noqa: PLC0415

        with CcsClient(resolve_tenant(tenant_text)) as client:
            client.ping(token)
            client.login(token, email)

    def _accepted(self, dialog: LoginDialog) -> None:
        from ccs_desktop.core.credentials import CredentialStore  # noqa: PLC0415 - keyring loads here, once

        tenant, email, token, build = dialog.values()
        store = CredentialStore(resolve_tenant(tenant).base_url, email)
        self.settings.set("tenant", tenant)
        self.settings.set("email", email)
        self.settings.set("softphone_build", build)

        def save() -> None:
            store.save_app_token(token)
            self.settings.save()

        run_op(
            self.runner,
            self.bus,
            save,
            lambda _: self.session.begin(self.session.identity_for(tenant, email, token, store)),
            pool="serial",
            name="save credentials",
        )
