"""Settings → Directories: the shared directories (LDAP/AD, CardDAV, a directory URL, a CRM look-up), each with its
last sync, entry count and last error in words; Add, Edit, Remove, Test connection and Sync now. Every action goes
through the DirectoriesController (its work runs in workers); this page only shows and asks."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ccs_desktop.core.directories import DEFAULT_PRIORITY
from ccs_desktop.core.directories.config import DEFAULT_INTERVAL, DirectoryConfig, check_config
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.services.directories import DirectoriesController, DirectoryRow
from ccs_desktop.ui.theme import set_tone
from ccs_desktop.ui.widgets import error_label


def when(seconds: float | None) -> str:
    return datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M") if seconds is not None else ""


class SourceDialog(QDialog):
    """Add or edit one source. The password field left empty keeps the stored one (it is never shown)."""

    def __init__(
        self, controller: DirectoriesController, config: DirectoryConfig | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit directory") if config else self.tr("Add directory"))
        self.controller, self.original = controller, config
        self.name = QLineEdit(config.name if config else "")
        self.kind = QComboBox()
        for label, value in (
            (self.tr("LDAP / Active Directory"), "ldap"),
            (self.tr("CardDAV (Nextcloud, Radicale, SOGo...)"), "carddav"),
            (self.tr("Directory file URL (MicroSIP format)"), "url"),
            (self.tr("CRM look-up URL"), "crm"),
        ):
            self.kind.addItem(label, value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(config.kind if config else "url")))
        self.url = QLineEdit(config.url if config else "")
        self.user = QLineEdit(config.user if config else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("unchanged") if config else self.tr("none"))
        self.base = QLineEdit(config.base if config else "")
        self.filter = QLineEdit(config.filter if config else "")
        options = dict(config.options) if config else {}
        self.header = QLineEdit(options.get("header", ""), placeholderText=self.tr("none (e.g. X-Api-Key)"))
        self.name_key = QLineEdit(options.get("name_key", ""), placeholderText=self.tr("name (e.g. data.0.name)"))
        self.company_key = QLineEdit(options.get("company_key", ""), placeholderText=self.tr("company"))
        self.url_key = QLineEdit(options.get("url_key", ""), placeholderText=self.tr("url"))
        self.cache = QDoubleSpinBox()
        self.cache.setRange(0, 24 * 60)
        self.cache.setSuffix(self.tr(" min"))
        self.cache.setValue(float(options.get("cache_minutes", "10") or 10))
        self.priority = QSpinBox()
        self.priority.setRange(-99, 99)
        self.priority.setValue(config.priority if config else DEFAULT_PRIORITY)
        self.priority.setToolTip(self.tr("Lower comes first; your local contacts are 0."))
        self.interval = QSpinBox()
        self.interval.setRange(1, 24 * 60)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setValue(config.interval if config else DEFAULT_INTERVAL)
        self.blocklist = QCheckBox(self.tr("Blocklist: its numbers show as blocked / spam"))
        self.blocklist.setChecked(bool(config and config.blocklist))
        self.enabled = QCheckBox(self.tr("Enabled"))
        self.enabled.setChecked(config.enabled if config else True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.error = error_label()

        self.form = form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Address"), self.url)
        form.addRow(self.tr("User / bind DN"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Base DN"), self.base)
        form.addRow(self.tr("LDAP filter"), self.filter)
        form.addRow(self.tr("Secret header"), self.header)
        form.addRow(self.tr("Name key"), self.name_key)
        form.addRow(self.tr("Company key"), self.company_key)
        form.addRow(self.tr("Record URL key"), self.url_key)
        form.addRow(self.tr("Keep answers"), self.cache)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Sync every"), self.interval)
        form.addRow("", self.blocklist)
        form.addRow("", self.enabled)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        controller.tested.connect(self._tested)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        shown = {
            self.base: kind == "ldap",
            self.filter: kind == "ldap",
            self.user: kind != "crm",
            self.interval: kind in ("ldap", "carddav"),
            **{
                w: kind == "crm"
                for w in (self.header, self.name_key, self.company_key, self.url_key, self.cache)
            },
        }
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)
        placeholder = {
            "ldap": "ldaps://dc1.corp.example.com",
            "carddav": "https://cloud.example.com/remote.php/dav",
            "url": "https://intranet.example.com/directory.json",
            "crm": "https://crm.example.com/api/lookup?phone={e164}",
        }[kind]
        self.url.setPlaceholderText(placeholder)

    def config(self) -> DirectoryConfig:
        """The form as a checked config; InvalidInput in words."""
        kind = self.kind.currentData()
        options = {}
        if kind == "crm":
            options = {
                "header": self.header.text().strip(),
                "name_key": self.name_key.text().strip(),
                "company_key": self.company_key.text().strip(),
                "url_key": self.url_key.text().strip(),
                "cache_minutes": f"{self.cache.value():g}",
            }
        elif self.original is not None and self.original.kind == kind:
            options = dict(self.original.options)  # what the CLI or a file set (LDAP attribute map...) stays
        return check_config(
            DirectoryConfig(
                name=self.name.text(),
                kind=kind,
                url=self.url.text(),
                priority=self.priority.value(),
                blocklist=self.blocklist.isChecked(),
                interval=self.interval.value(),
                user=self.user.text() if kind != "crm" else "",
                base=self.base.text() if kind == "ldap" else "",
                filter=self.filter.text().strip() if kind == "ldap" else "",
                enabled=self.enabled.isChecked(),
                options={k: v for k, v in options.items() if v},
            )
        )

    def secret(self) -> str | None:
        """The typed password, None for "keep the stored one"."""
        return self.password.text() or None

    def test(self) -> None:
        try:
            config = self.config()
        except InvalidInput as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        set_tone(self.result, "")
        self.result.setText(self.tr("Connecting…"))
        self.test_button.setEnabled(False)
        self.controller.test(config, self.secret())

    def _tested(self, _name: str, ok: bool, words: str) -> None:
        self.test_button.setEnabled(True)
        set_tone(self.result, "success" if ok else "danger")
        self.result.setText(words)

    def save(self) -> None:
        try:
            self.controller.save(self.config(), self.secret(), self.original.name if self.original else "")
        except InvalidInput as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class DirectoriesDialog(QDialog):
    """The list of sources and what can be done with them."""

    COLUMNS = 6

    def __init__(self, controller: DirectoriesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shared directories"))
        self.controller = controller
        self.rows: list[DirectoryRow] = []
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Priority"),
                self.tr("Entries"),
                self.tr("Last sync"),
                self.tr("Status"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(self.COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel(
            self.tr(
                "Directories are synced to this computer, so look-ups work offline. Your own contacts come first "
                "unless a directory has a lower priority; a CRM look-up is asked only for numbers nobody knows."
            )
        )
        self.note.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.sync_button = QPushButton(self.tr("Sync now"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.test_button,
            self.sync_button,
        ):
            actions.addWidget(button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.selected()))
        self.remove_button.clicked.connect(self.remove)
        self.test_button.clicked.connect(self.test)
        self.sync_button.clicked.connect(self.sync)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.cellDoubleClicked.connect(lambda *_: self.edit(self.selected()))
        controller.rows.connect(self.show_rows)
        controller.tested.connect(self._tested)
        controller.synced.connect(self._synced)
        self.resize(760, 360)
        self._selection_changed()
        controller.refresh()

    def kind_text(self, kind: str) -> str:
        return {
            "ldap": self.tr("LDAP"),
            "carddav": self.tr("CardDAV"),
            "url": self.tr("Directory URL"),
            "crm": self.tr("CRM look-up"),
        }.get(kind, kind)

    def show_rows(self, rows: list[DirectoryRow]) -> None:
        chosen = self.selected()
        self.rows = list(rows)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            config, status = row.config, row.status
            if config.kind == "crm":
                count, last, state = "", "", self.tr("asked per unknown number")
            else:
                count = str(status.count) if status else "0"
                last = when(status.last_success) if status else ""
                if status is None or status.last_try is None:
                    state = self.tr("not synced yet")
                elif status.error:
                    state = self.tr("last try {when} failed: {error}").format(
                        when=when(status.last_try), error=status.error
                    )
                else:
                    state = self.tr("OK")
            if config.blocklist:
                state = self.tr("blocklist · {state}").format(state=state)
            if not config.enabled:
                state = self.tr("disabled")
            cells = (config.name, self.kind_text(config.kind), str(config.priority), count, last, state)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(index, column, item)
            if chosen is not None and config.name == chosen.name:
                self.table.selectRow(index)
        self._selection_changed()

    def selected(self) -> DirectoryConfig | None:
        index = self.table.currentRow()
        if not self.table.selectedItems() or not 0 <= index < len(self.rows):
            return None
        return self.rows[index].config

    def _selection_changed(self) -> None:
        config = self.selected()
        for button in (self.edit_button, self.remove_button, self.test_button):
            button.setEnabled(config is not None)
        self.sync_button.setEnabled(config is None or config.synced)
        self.sync_button.setText(self.tr("Sync now") if config is not None else self.tr("Sync all now"))

    def edit(self, config: DirectoryConfig | None) -> SourceDialog:
        dialog = SourceDialog(self.controller, config, self)
        dialog.open()
        return dialog

    def remove(self) -> None:
        config = self.selected()
        if config is not None:
            self.controller.remove(config.name)

    def test(self) -> None:
        config = self.selected()
        if config is not None:
            self._say("", self.tr("Connecting to {name}…").format(name=config.name))
            self.controller.test(config, None)

    def sync(self) -> None:
        config = self.selected()
        self._say("", self.tr("Syncing…"))
        self.controller.sync_now(config.name if config is not None else None)

    def _tested(self, name: str, ok: bool, words: str) -> None:
        self._say("success" if ok else "danger", f"{name}: {words}")

    def _synced(self, name: str, ok: bool, error: str) -> None:
        if ok:
            self._say("success", self.tr("{name} synced.").format(name=name))
        else:
            self._say(
                "danger",
                self.tr("{name}: {error} The last good copy is kept.").format(name=name, error=error),
            )

    def _say(self, tone: str, text: str) -> None:
        set_tone(self.message, tone)
        self.message.setText(text)
