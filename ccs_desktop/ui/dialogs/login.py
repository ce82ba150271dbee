"""Login: tenant, e-mail, app_token (masked), build under Advanced; errors shown next to what caused them.

On the first run (nothing saved yet) it opens with what each field is and where it comes from, the app_token's
place in CCS included (from CCS's integration guide: the administrator creates it under Administrator ›
Applications); later the same text is one click away ("Where do I find these?")."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ccs_desktop.core.api import resolve_tenant
from ccs_desktop.core.errors import InvalidInput, user_text
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.ui.theme import set_tone
from ccs_desktop.ui.widgets import error_label

log = logging.getLogger(__name__)

Verify = Callable[[str, str, str], None]  # (tenant, email, token); raises CcsError; runs in a worker


class LoginDialog(QDialog):
    def __init__(
        self,
        runner: TaskRunner,
        verify: Verify,
        *,
        tenant: str = "",
        email: str = "",
        build: str = "",
        first_run: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log in to Call Center Studio"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)  # the help reads as lines, not a column
        self.welcome = QLabel(
            self.tr("Welcome to ccs-desktop. Log in once with these three; the app remembers them.")
        )
        self.welcome.setWordWrap(True)
        self.welcome.setVisible(first_run)
        self.help = QLabel(self.help_text())
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.help.setVisible(first_run)
        self.help_button = QPushButton(self.tr("Where do I find these?"))
        self.help_button.setCheckable(True)
        self.help_button.setChecked(first_run)
        self.help_button.setFlat(True)
        self.help_button.toggled.connect(self.help.setVisible)
        self.runner = runner
        self.verify = verify
        self.tenant_edit = QLineEdit(tenant, placeholderText=self.tr("acme, acme.alo-tech.com or https://…"))
        self.email_edit = QLineEdit(email, placeholderText=self.tr("you@company.com"))
        self.token_edit = QLineEdit(placeholderText=self.tr("from Administrator › Applications"))
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.build_edit = QLineEdit(build, placeholderText="generic")
        self.errors = {name: self._error_label() for name in ("tenant", "email", "token", "form")}

        form = QFormLayout()
        form.addRow(self.tr("Tenant"), self.tenant_edit)
        form.addRow("", self.errors["tenant"])
        form.addRow(self.tr("E-mail"), self.email_edit)
        form.addRow("", self.errors["email"])
        form.addRow(self.tr("app_token"), self.token_edit)
        form.addRow("", self.errors["token"])
        advanced = QGroupBox(self.tr("Advanced"))
        advanced.setCheckable(True)
        advanced.setChecked(bool(build and build != "generic"))
        adv_form = QFormLayout(advanced)
        adv_form.addRow(self.tr("Softphone build"), self.build_edit)
        self.advanced = advanced

        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(lambda: self._run(accept=False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.login_button = self.buttons.addButton(self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(lambda: self._run(accept=True))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.welcome)
        layout.addWidget(self.help)
        layout.addLayout(form)
        layout.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(advanced)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.buttons)
        self.busy = False

    def help_text(self) -> str:
        """What each field is, and who has it: the app_token's place in CCS is as CCS's guide gives it."""
        return "\n\n".join(
            (
                self.tr(
                    "Tenant: your company's Call Center Studio address, as in your browser when you use CCS: "
                    "acme, acme.callcenterstudio.com or acme.alo-tech.com."
                ),
                self.tr("E-mail: the e-mail of your own CCS agent account, the one you log in to CCS with."),
                self.tr(
                    "app_token: a key that lets applications use CCS for your company. Your CCS administrator "
                    "creates it once: in CCS, Administrator › Applications, + (New Application), then Save; the "
                    "token shows when the application's row is opened with its edit button. Ask your "
                    "administrator for it. It is kept in this computer's keyring, never in a file."
                ),
            )
        )

    @staticmethod
    def _error_label() -> QLabel:
        label = error_label()
        label.hide()
        return label

    def values(self) -> tuple[str, str, str, str]:
        return (
            self.tenant_edit.text().strip(),
            self.email_edit.text().strip(),
            self.token_edit.text().strip(),
            self.build_edit.text().strip() or "generic",
        )

    def _show(self, field: str, text: str, ok: bool = False) -> None:
        label = self.errors[field]
        set_tone(label, "success" if ok else "danger")
        label.setText(text)
        label.setVisible(bool(text))

    def _validate(self) -> bool:
        tenant, email, token, _ = self.values()
        for name in self.errors:
            self._show(name, "")
        good = True
        try:
            resolve_tenant(tenant)
        except InvalidInput as exc:
            self._show("tenant", str(exc))
            good = False
        if "@" not in email or email.startswith("@") or email.endswith("@"):
            self._show("email", self.tr("Enter the e-mail you log in to CCS with."))
            good = False
        if not token:
            self._show("token", self.tr("Paste the app_token your CCS administrator created."))
            good = False
        return good

    def _run(self, *, accept: bool) -> None:
        if self.busy or not self._validate():
            return
        tenant, email, token, _ = self.values()
        self._set_busy(True)
        self._show("form", self.tr("Connecting…"), ok=True)
        self.runner.submit(
            lambda: self.verify(tenant, email, token),
            lambda _: self._ok(accept),
            self._failed,
            name="login dialog",
        )

    def _ok(self, accept: bool) -> None:
        self._set_busy(False)
        if accept:
            self.accept()
        else:
            self._show(
                "form", self.tr("Connection works: the app_token and the e-mail were accepted."), ok=True
            )

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show("form", "")
        field = getattr(exc, "field", "")  # what the error is about, as core.errors tags it
        self._show(field if field in self.errors else "form", user_text(exc, log, "login check failed"))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (
            self.login_button,
            self.test_button,
            self.tenant_edit,
            self.email_edit,
            self.token_edit,
        ):
            widget.setEnabled(not busy)
