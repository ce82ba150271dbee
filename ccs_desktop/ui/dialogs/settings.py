"""Settings: every field maps to one declared option in core.settings; bad values are refused in place."""

from __future__ import annotations

import phonenumbers
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ccs_desktop.core.api.records import parse_utc_offset
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import LANGUAGE_NAMES
from ccs_desktop.core.phone import DIAL_FORMATS, check_prefix, dial_string, parse_number
from ccs_desktop.core.settings import Settings
from ccs_desktop.core.softphone import check_template
from ccs_desktop.services.directories import DirectoriesController
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.ui.dialogs import phone_links
from ccs_desktop.ui.dialogs.listener_fields import ListenerFields
from ccs_desktop.ui.dialogs.shortcut_fields import GlobalShortcutFields
from ccs_desktop.ui.widgets import error_label, name_from_labels, save_cancel_layout

SAMPLE = "0532 123 45 67"


def dial_format_name(key: str) -> str:
    """A dial format (core.phone.DIAL_FORMATS, stored as is) in the agent's words; the preview shows the result."""
    return {
        "national": QCoreApplication.translate("SettingsDialog", "National (as dialled at home)"),
        "e164": QCoreApplication.translate("SettingsDialog", "International (E.164, with +)"),
        "digits": QCoreApplication.translate("SettingsDialog", "International, digits only"),
    }.get(key, key)


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
        listener_urls: tuple[str | None, str] = (None, ""),
        shortcuts_state: str = "",
        directories: DirectoriesController | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ccs-desktop settings"))
        self.settings = settings
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "auto")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get_str("language"))))
        self.language.setToolTip(self.tr("Takes effect when ccs-desktop starts again."))
        self.region = QComboBox()
        self.region.addItems(sorted(phonenumbers.SUPPORTED_REGIONS))
        self.region.setCurrentText(settings.get_str("region"))
        self.dial_format = QComboBox()
        for key in DIAL_FORMATS:
            self.dial_format.addItem(dial_format_name(key), key)
        self.dial_format.setCurrentIndex(max(0, self.dial_format.findData(settings.get_str("dial_format"))))
        self.preview = QLabel()
        self.template = QLineEdit(settings.get_str("softphone_url_template"))
        self.build = QLineEdit(settings.get_str("softphone_build"))
        self.tenant_offset = QLineEdit(
            settings.get_str("tenant_utc_offset"), placeholderText=self.tr("this computer's (e.g. +03:00)")
        )
        self.prefix = QLineEdit(settings.get_str("outside_line_prefix"), placeholderText=self.tr("none"))
        self.confirm_uri = QCheckBox(self.tr("Ask before calling tel:/callto:/sip: links from other apps"))
        self.confirm_uri.setChecked(settings.get_bool("confirm_uri_calls"))
        self.clipboard = QCheckBox(self.tr("Look up phone numbers I copy"))
        self.clipboard.setChecked(settings.get_bool("clipboard_lookup"))
        self.over_fullscreen = QCheckBox(self.tr("Keep caller cards above full-screen apps"))
        self.over_fullscreen.setChecked(settings.get_bool("card_over_fullscreen"))
        self.over_fullscreen.setToolTip(
            self.tr(
                "On Linux (X11) the card then bypasses the window manager, so a full-screen window cannot cover "
                "it. On Windows and macOS cards already stay above full-screen apps in most cases."
            )
        )
        self.listener = QCheckBox(self.tr("Also receive the IVR's call requests (optional)"))
        self.listener.setChecked(settings.get_bool("notification_listener"))
        self.listener.setToolTip(
            self.tr(
                "Caller cards pop without it: the app hears of incoming calls from the softphone page and from "
                "CCS's live calls. The listener is for hang-up reports of the calls you place, and for centres "
                "whose IVR can reach this computer."
            )
        )
        self.minimized = QCheckBox(self.tr("Start minimized to the tray"))
        self.minimized.setChecked(settings.get_bool("start_minimized"))
        self.autostart = QCheckBox(self.tr("Start when I log in to this computer"))
        self.autostart.setChecked(settings.get_bool("autostart"))
        self.crm_template = QLineEdit(
            settings.get_str("crm_url_template"),
            placeholderText=self.tr("none (e.g. https://crm.example/search?phone={e164})"),
        )
        self.crm_template.setToolTip(
            self.tr("Placeholders: {number} (as dialled), {e164}, {national}, {callkey}, {agent}, {queue}.")
        )
        self.crm_auto_open = QComboBox()
        for label, value in (
            (self.tr("Never"), "off"),
            (self.tr("When an inbound call rings"), "ring"),
            (self.tr("When an inbound call is answered"), "answer"),
        ):
            self.crm_auto_open.addItem(label, value)
        self.crm_auto_open.setCurrentIndex(
            max(0, self.crm_auto_open.findData(settings.get_str("crm_auto_open")))
        )
        self.after_call_work = QSpinBox()
        self.after_call_work.setRange(0, 3600)
        self.after_call_work.setSuffix(self.tr(" s"))
        self.after_call_work.setSpecialValueText(self.tr("Off"))
        self.after_call_work.setValue(settings.get_int("after_call_work_seconds"))
        self.after_call_work.setAccessibleName(self.tr("After-call work seconds"))
        self.after_call_work.setToolTip(
            self.tr("After-call work for this many seconds after each call, then Available; 0: off.")
        )
        self.backoffice_on_exit = QCheckBox(self.tr("Set Back office when I quit or log out"))
        self.backoffice_on_exit.setChecked(settings.get_bool("backoffice_on_exit"))
        self.error = error_label()

        form = QFormLayout()
        form.addRow(self.tr("Language (after a restart)"), self.language)
        form.addRow(self.tr("Default region"), self.region)
        form.addRow(self.tr("Dial format"), self.dial_format)
        form.addRow(self.tr("Outside-line prefix"), self.prefix)
        form.addRow(self.tr("As dialed"), self.preview)
        form.addRow(self.tr("Softphone URL"), self.template)
        form.addRow(self.tr("Softphone build"), self.build)
        form.addRow(self.tr("Tenant time zone"), self.tenant_offset)
        form.addRow(self.tr("CRM record URL"), self.crm_template)
        form.addRow(self.tr("Open the CRM record by itself"), self.crm_auto_open)
        form.addRow(self.tr("After-call work, then Available"), self.after_call_work)
        boxes = (self.backoffice_on_exit, self.confirm_uri, self.clipboard, self.over_fullscreen)
        for box in (*boxes, self.listener, self.minimized, self.autostart):
            form.addRow("", box)
        self.listener_fields = ListenerFields(settings, *listener_urls)
        form.addRow(self.tr("Notifications"), self.listener_fields)
        self.phone_links = phone_links.PhoneLinksRow(runner) if runner and phone_links.available() else None
        if self.phone_links is not None:
            form.addRow(self.tr("Phone links"), self.phone_links)
        self.shortcut_fields = GlobalShortcutFields(settings, shortcuts_state)
        form.addRow(self.tr("Global shortcuts"), self.shortcut_fields)
        self.directories_button = QPushButton(self.tr("Directories…"))
        self.directories_button.setToolTip(self.tr("LDAP / Active Directory, CardDAV, a directory URL, a CRM look-up"))
        self.directories_button.setVisible(directories is not None)
        if directories is not None:
            self.directories_button.clicked.connect(lambda: self.open_directories(directories))
            form.addRow(self.tr("Shared directories"), self.directories_button)
        name_from_labels(form)
        save_cancel_layout(self, form, self.error, self._save)
        self.region.currentTextChanged.connect(self._update_preview)
        self.dial_format.currentIndexChanged.connect(self._update_preview)
        self.prefix.textChanged.connect(self._update_preview)
        self._update_preview()

    def open_directories(self, directories: DirectoriesController) -> QDialog:
        """Settings → Directories (saved as it is changed: Save/Cancel here do not apply to it)."""
        from ccs_desktop.ui.dialogs.directories import DirectoriesDialog  # noqa: PLC0415

        dialog = DirectoriesDialog(directories, self)
        dialog.open()
        return dialog

    def _update_preview(self) -> None:
        region = self.region.currentText()
        try:
            number = parse_number(SAMPLE if region == "TR" else "+90 532 123 45 67", region)
            self.preview.setText(
                f"{number.international()} → {dial_string(number, self.dial_format.currentData(), region, self.prefix.text())}"
            )
        except InvalidInput as exc:
            self.preview.setText(str(exc))

    def _save(self) -> None:
        try:
            check_template(self.template.text().strip())
            check_prefix(self.prefix.text())
            parse_utc_offset(self.tenant_offset.text())
            values = {
                "language": self.language.currentData(),
                "region": self.region.currentText(),
                "dial_format": self.dial_format.currentData(),
                "softphone_url_template": self.template.text().strip(),
                "softphone_build": self.build.text().strip() or "generic",
                "tenant_utc_offset": self.tenant_offset.text().strip(),
                "clipboard_lookup": self.clipboard.isChecked(),
                "card_over_fullscreen": self.over_fullscreen.isChecked(),
                "notification_listener": self.listener.isChecked(),
                "start_minimized": self.minimized.isChecked(),
                "autostart": self.autostart.isChecked(),
                "outside_line_prefix": self.prefix.text().strip(),
                "confirm_uri_calls": self.confirm_uri.isChecked(),
                "crm_url_template": self.crm_template.text().strip(),
                "crm_auto_open": self.crm_auto_open.currentData(),
                "after_call_work_seconds": self.after_call_work.value(),
                "backoffice_on_exit": self.backoffice_on_exit.isChecked(),
                **self.listener_fields.values(),
                **self.shortcut_fields.values(),
            }
            self.settings.update(values)  # all or nothing; each change applies at once where it is used
        except InvalidInput as exc:
            self.error.setText(str(exc))
            return
        self.accept()
