"""The Calls tab: the agent's call records for a period, filtered as they type, with a details pane (a sentence
about the call, every field CCS sent, the call's timeline) and a note per call. Double-click or Enter calls the
other party back. "Missed, not returned" narrows the table to the numbers still waiting for a call-back
(core.calls.worklist), with their count on the button.

Data comes from `services.call_history.CallHistory` through `CallRecordsModel`; this widget only shows it and
says what the agent asked for.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ccs_desktop.core.api.records import CallRecord, cell_text, field_order
from ccs_desktop.core.calls.rows import CallRow, call_sentence, direction_text, status_text
from ccs_desktop.core.calls.table import AGENT, CONTACT, DIR, NOTE, QUEUE, WAIT
from ccs_desktop.core.calls.timeline import Timeline
from ccs_desktop.core.calls.worklist import SCOPES, is_missed
from ccs_desktop.core.i18n import Core
from ccs_desktop.ui.calls_model import COLUMNS, RECORDING, ROW_ROLE, CallFilter, CallRecordsModel
from ccs_desktop.ui.theme import colour

if TYPE_CHECKING:
    from ccs_desktop.services.call_history import CallHistory
    from ccs_desktop.services.contacts import ContactsController

PERIOD_KEYS = ("today", "yesterday", "7 days", "30 days", "custom")
FILTER_DELAY_MS = 150
# Columns a narrow table leaves out, first to last (the details pane still shows them); Time, Number, Contact,
# Result and Talk always stay. Contact takes the width left over, at least CONTACT_MIN_WIDTH.
NARROW_HIDES = (AGENT, RECORDING, WAIT, NOTE, QUEUE, DIR)
CONTACT_MIN_WIDTH = 110
# Which periods hold every call of a worklist scope (otherwise the worklist opens its own period).
COVERING_PERIODS = {"today": ("today", "7 days", "30 days"), "7 days": ("7 days", "30 days")}


class CallsPanel(QWidget):
    dial_requested = Signal(str)
    period_changed = Signal(str, object, object)  # name, first day, last day (custom only)
    refresh_requested = Signal()
    export_requested = Signal()
    details_requested = Signal(object)  # CallRow
    note_saved = Signal(str, str, str)  # callid, note, outcome
    crm_requested = Signal(str)  # a CRM URL
    done_requested = Signal(
        str, bool
    )  # callid, done: the agent ticked a worklist call (or took the tick back)
    worklist_count_changed = Signal(int)  # the missed calls not returned, after every recount

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CallRecordsModel(self)
        self._current: CallRow | None = None
        # a row's CRM URL, "" for none (the contacts controller's, see connect_calls_panel)
        self.crm_link: Callable[[CallRow], str] = lambda _row: ""
        # the agent's CCS username, for "answered by you" (the call history's, see connect_calls_panel)
        self.me: Callable[[], str] = lambda: ""

        self.period = QComboBox()
        period_names = (
            self.tr("Today"),
            self.tr("Yesterday"),
            self.tr("Last 7 days"),
            self.tr("Last 30 days"),
            self.tr("Custom…"),
        )
        for key, text in zip(PERIOD_KEYS, period_names, strict=True):
            self.period.addItem(text, key)
        self.period.setCurrentIndex(2)
        # the tenant's today, set by whoever connects the panel (the call history's clock): the custom days
        # start as the last 7 of it when first shown, never as this computer's date near midnight
        self.today: Callable[[], date] = date.today
        self._custom_shown = False
        self.first_day = QDateEdit()
        self.last_day = QDateEdit()
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setVisible(False)
            edit.dateChanged.connect(self._days_edited)
            edit.dateChanged.connect(self._period_chosen)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Fetch calls newer than the saved ones"))
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the calls shown (with notes and every CCS field) as CSV"))
        self.export_button.clicked.connect(self.export_requested)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter by number, name or queue"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Filter calls"))
        self.result = QComboBox()
        for text, key in (
            (self.tr("All results"), ""),
            (self.tr("Answered"), "answered"),
            (self.tr("Missed"), "missed"),
        ):
            self.result.addItem(text, key)
        self.direction = QComboBox()
        for text, key in (
            (self.tr("Both directions"), ""),
            (self.tr("Incoming"), "in"),
            (self.tr("Outgoing"), "out"),
        ):
            self.direction.addItem(text, key)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._filter_timer.start())
        self.result.currentIndexChanged.connect(self._apply_filter)
        self.direction.currentIndexChanged.connect(self._apply_filter)

        self.worklist_button = QPushButton()
        self.worklist_button.setCheckable(True)
        self.worklist_button.setToolTip(
            self.tr("Only the missed calls not called back yet, one row per number (Enter calls back)")
        )
        self.worklist_button.toggled.connect(self._worklist_toggled)
        self.worklist_scope = QComboBox()
        self.worklist_scope.setAccessibleName(self.tr("Missed calls of"))
        for key, text in zip(SCOPES, (self.tr("Today"), self.tr("Last 7 days")), strict=True):
            self.worklist_scope.addItem(text, key)
        self.worklist_scope.currentIndexChanged.connect(self._worklist_scope_chosen)
        self.done_button = QPushButton(self.tr("Done ✓"))
        self.done_button.setToolTip(self.tr("Take the selected number off the list without calling back"))
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self._tick_done)
        self._count_timer = QTimer(self)  # one count for a burst of model changes
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self.update_worklist_count)
        for changed in (
            self.model.modelReset,
            self.model.layoutChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.worklist_changed,
        ):
            changed.connect(self._count_timer.start)
        # a filter that hides the selected call (or a new period) must not leave its details open
        self.model.layoutChanged.connect(self._forget_hidden_current)
        self.model.modelReset.connect(self._forget_hidden_current)

        self.status = QLabel(self.tr("Loading call records…"))
        # a new count after every page must not re-lay out (and repaint) the table below it
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Call records"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures rows, so 10,000 rows cost what 30 do.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CONTACT, QHeaderView.ResizeMode.Stretch)  # the width the others leave
        header.setStretchLastSection(False)
        self.natural_widths: list[int] = []
        self._measure()
        self.table.installEventFilter(self)  # a resize fits the columns again
        self.table.doubleClicked.connect(self._activated)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table, context=Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(lambda: self._activated(self.table.currentIndex()))
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bold = self.summary.font()
        bold.setBold(True)
        self.summary.setFont(bold)
        self.fields = QTreeWidget()
        self.fields.setHeaderLabels((self.tr("Field"), self.tr("Value")))
        self.fields.setRootIsDecorated(False)
        self.fields.setUniformRowHeights(True)
        self.timeline = QLabel()
        self.timeline.setWordWrap(True)
        self.timeline.setTextFormat(Qt.TextFormat.RichText)
        self.timeline.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.timeline.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.timeline.setOpenExternalLinks(True)
        # a long call key (no spaces to wrap at) must not squeeze the fields list to nothing
        self.timeline.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.fields.setMinimumWidth(220)
        self.outcome = QComboBox()
        self.outcome.setEditable(True)
        self.outcome.addItems(
            [
                "",
                self.tr("Resolved"),
                self.tr("Call back"),
                self.tr("Sale"),
                self.tr("Complaint"),
                self.tr("Information given"),
                self.tr("Wrong number"),
                self.tr("No answer"),
            ]
        )
        self.outcome.lineEdit().setPlaceholderText(self.tr("Outcome tag"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Note about this call (kept on this computer)"))
        self.save_note_button = QPushButton(self.tr("Save note"))
        self.save_note_button.clicked.connect(self._save_note)

        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addWidget(self.first_day)
        top.addWidget(self.last_day)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.result)
        filters.addWidget(self.direction)
        worklist = QHBoxLayout()
        worklist.addWidget(self.worklist_button)
        worklist.addWidget(self.worklist_scope)
        worklist.addWidget(self.done_button)
        worklist.addStretch(1)

        note_box = QWidget()
        note_layout = QVBoxLayout(note_box)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.addWidget(self.timeline)
        note_row = QHBoxLayout()
        note_row.addWidget(self.outcome, 1)
        note_row.addWidget(self.save_note_button)
        note_layout.addLayout(note_row)
        note_layout.addWidget(self.note, 1)
        self.details = QSplitter(Qt.Orientation.Horizontal)
        self.details.addWidget(self.fields)
        self.details.addWidget(note_box)
        self.details.setStretchFactor(0, 1)
        self.details.setStretchFactor(1, 1)
        self.details.setEnabled(False)
        # the sentence, then the fields and the note: all of it folds away while no call is selected
        self.details_box = QWidget()
        details_layout = QVBoxLayout(self.details_box)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.summary)
        details_layout.addWidget(self.details, 1)
        self.details_box.setVisible(False)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(worklist)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self.update_worklist_count()

    # --- what the app asks ------------------------------------------------------------------------------

    def row_count(self) -> int:
        return self.model.rowCount()

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def period_choice(self) -> tuple[str, date | None, date | None]:
        key = str(self.period.currentData())
        if key != "custom":
            return key, None, None
        return key, self.first_day.date().toPython(), self.last_day.date().toPython()  # type: ignore[return-value]

    def show_details(
        self,
        found: tuple[CallRecord | None, Timeline | None] | tuple[CallRecord | None, Timeline | None, str],
    ) -> None:
        """The selected call's details from the cache: (record, timeline[, the contact's company])."""
        record, timeline = found[0], found[1]
        company = found[2] if len(found) > 2 else ""  # type: ignore[misc]
        row = self._current
        if row is None:
            return  # the call was deselected (or filtered away) while its details were read
        self.summary.setText(self.sentence(row, str(company), record))
        self.fields.clear()
        if record is not None:
            items = []
            for name in field_order([record]):
                value = cell_text(record.raw.get(name))
                item = QTreeWidgetItem([name, value])
                item.setToolTip(1, value)
                items.append(item)
            self.fields.addTopLevelItems(items)
            self.fields.resizeColumnToContents(0)
        elif row is not None and row.status:
            self.fields.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        self.tr("status"),
                        self.tr("CCS has no record yet ({status})").format(status=status_text(row.status)),
                    ]
                )
            )
        self.timeline.setText(self._timeline_html(timeline, row))

    def timeline_changed(self, callid: str) -> None:
        """A followed call moved on: refresh the pane if it is the one shown."""
        if self._current is not None and callid in (self._current.callid, self._current.uniqueid):
            fresh = self.model.find(self._current.callid) or self.model.find(callid)
            if fresh is not None:
                self._current = fresh
                self.details_requested.emit(fresh)

    def sentence(self, row: CallRow, company: str = "", record: CallRecord | None = None) -> str:
        """The line above the fields: who, which way, how it ended, how long, which queue. The row's `agent` is
        CCS's display name; the record's `answeredby` is the e-mail the agent logs in with: either says "you"."""
        name = self.model.name_of(row.party)
        who = name or (self.model.display_number(row.number) if row.number else "")
        me = self.me()
        answered_by = str(record.raw.get("answeredby") or "") if record is not None else ""
        if me and answered_by.casefold() == me.casefold():
            me = row.agent or me
        return call_sentence(row, who, company if name else "", me)

    def worklist_count(self) -> int:
        return len(self.model.worklist(str(self.worklist_scope.currentData()), self.today()))

    def update_worklist_count(self) -> None:
        count = self.worklist_count()
        self.worklist_button.setText(self.tr("Missed, not returned (%n)", "", count))
        self.worklist_count_changed.emit(count)  # the tray's badge

    def select_call(self, callid: str) -> bool:
        visible = self.model.visible_row_of(callid)
        if visible is None:
            return False
        self.table.selectRow(visible)
        self.table.scrollTo(self.model.index(visible, 0))
        return True

    def _timeline_html(self, timeline: Timeline | None, row: CallRow | None) -> str:
        parts = []
        if row is not None and row.recording:
            link = self.tr("Open the recording")
            parts.append(f'<a href="{html.escape(row.recording)}">{html.escape(link)}</a>')
        if timeline is None:
            parts.append(
                f"<i>{html.escape(self.tr('Not followed by this app (placed or answered elsewhere).'))}</i>"
            )
            return "<br>".join(parts)
        title = self.tr("Timeline")
        head = f"<b>{html.escape(title)}</b> ({html.escape(timeline.outcome or status_text(timeline.state))})"
        lines = [f"{html.escape(e.at[11:19])} {html.escape(e.text)}" for e in timeline.events]
        warning = colour("warning")  # the theme's, when the pane is filled
        gaps = [f'<span style="color:{warning}">⚠ {html.escape(gap)}</span>' for gap in timeline.gaps]
        return "<br>".join([head, *lines, *gaps, *parts])

    # --- reactions ----------------------------------------------------------------------------------------

    def _days_edited(self, *_args: object) -> None:
        self._custom_shown = True  # chosen days are kept, not replaced by the default week

    def _period_chosen(self, *_args: object) -> None:
        custom = self.period.currentData() == "custom"
        if custom and not self._custom_shown:
            self._custom_shown = True
            today = self.today()
            for edit, day in ((self.first_day, today - timedelta(days=6)), (self.last_day, today)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self.first_day.setVisible(custom)
        self.last_day.setVisible(custom)
        self._clear_details()
        self.period_changed.emit(*self.period_choice())

    def _apply_filter(self, *_args: object) -> None:
        wanted = CallFilter(
            self.search.text(), str(self.result.currentData()), str(self.direction.currentData())
        )
        self.model.set_filter(wanted)
        shown, total = self.model.rowCount(), self.model.total()
        if wanted.matcher() is not None:
            self.status.setText(self.tr("%Ln of {total} call(s) match", "", shown).format(total=f"{total:,}"))
        if self.model.canFetchMore(QModelIndex()) and shown < 50:
            self.model.fetchMore(QModelIndex())  # a narrow filter on a part-loaded period: look further back

    def _activated(self, index: QModelIndex) -> None:
        row: CallRow = index.data(ROW_ROLE)
        if row is None:
            return
        if index.column() == RECORDING and row.recording:
            QDesktopServices.openUrl(QUrl(row.recording))
        elif row.number:
            self.dial_requested.emit(row.number)

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row: CallRow | None = current.data(ROW_ROLE) if current.isValid() else None
        self._current = row
        if row is None:
            self._clear_details()
            return
        self.details.setEnabled(True)
        self.details_box.setVisible(True)
        self.summary.setText(self.sentence(row))
        self.done_button.setEnabled(self.model.showing_worklist() and is_missed(row))
        note = self.model.note_of(row.callid)
        self.note.setPlainText(note.note if note else "")
        self.outcome.setCurrentText(note.outcome if note else "")
        self.details_requested.emit(row)

    def _clear_details(self) -> None:
        self._current = None
        self.summary.clear()
        self.fields.clear()
        self.timeline.clear()
        self.note.clear()
        self.outcome.setCurrentText("")
        self.details.setEnabled(False)
        self.details_box.setVisible(False)
        self.done_button.setEnabled(False)

    def _forget_hidden_current(self) -> None:
        """The model re-sorted, filtered or reset: a selected call no longer shown loses its details pane (no note
        is ever saved against a call the agent cannot see)."""
        current = self._current
        if current is not None and self.model.visible_row_of(current.callid) is None:
            self.table.selectionModel().clear()
            self._clear_details()

    def _save_note(self) -> None:
        current = self._current
        if current is not None and self.model.visible_row_of(current.callid) is not None:
            self.note_saved.emit(current.callid, self.note.toPlainText(), self.outcome.currentText())

    def _worklist_toggled(self, shown: bool) -> None:
        scope = str(self.worklist_scope.currentData())
        if shown and self.period.currentData() not in COVERING_PERIODS[scope]:
            self.period.setCurrentIndex(self.period.findData(scope))  # loads the scope's calls
        self.model.show_worklist(scope if shown else None, self.today())
        if not shown:
            self.done_button.setEnabled(False)

    def _worklist_scope_chosen(self, *_args: object) -> None:
        if self.worklist_button.isChecked():
            self._worklist_toggled(True)
        self.update_worklist_count()

    def _tick_done(self) -> None:
        current = self._current
        if current is not None and is_missed(current):
            self.done_requested.emit(current.callid, True)

    def _measure(self) -> None:
        """Row height and column widths from the font, at start and whenever it changes (a bigger system font
        makes the theme's type bigger): widths from the texts (titles and the words a column shows differ by
        language), never by measuring rows, which would visit all 10,000 of them."""
        metrics = self.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        samples = {
            0: ("2026-12-31 23:59:59",),
            1: (direction_text(True), direction_text(False)),
            2: ("0532 123 45 67",),
            4: (Core.tr("answered"), Core.tr("missed")),  # a provisional row's longer state is elided
            5: ("88:88",),
            6: ("88:88",),
        }
        self.natural_widths = []
        for column, width in enumerate((0, 0, 0, CONTACT_MIN_WIDTH, 0, 0, 0, 80, 100, 70, 110)):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            texts = (title, *samples.get(column, ()))
            natural = max(width, *(metrics.horizontalAdvance(t) + 20 for t in texts))
            self.natural_widths.append(natural)
            self.table.setColumnWidth(column, natural)
        assert len(self.natural_widths) == len(COLUMNS)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.natural_widths:
            self._measure()
            self.fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Leave out the columns that do not fit (NARROW_HIDES, in order), so the table never scrolls sideways:
        at the default 1200×760 the tab is about 500 px wide; a wide window shows every column again."""
        table, header = self.table, self.table.horizontalHeader()
        available = table.width() - 2 * table.frameWidth() - table.verticalScrollBar().sizeHint().width()
        shown = list(range(len(COLUMNS)))
        for column in (None, *NARROW_HIDES):
            if column is not None:
                shown.remove(column)
            widths = (
                CONTACT_MIN_WIDTH
                if c == CONTACT
                else self.natural_widths[c]
                if header.isSectionHidden(c)
                else header.sectionSize(c)
                for c in shown
            )
            if sum(widths) <= available:
                break
        for column in range(len(COLUMNS)):
            header.setSectionHidden(column, column not in shown)

    def _context_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        row: CallRow | None = index.data(ROW_ROLE) if index.isValid() else None
        if row is not None:
            self.row_menu(row).exec(self.table.viewport().mapToGlobal(point))

    def row_menu(self, row: CallRow) -> QMenu:
        """A call row's context menu (Open in CRM only when a CRM template is set)."""
        menu = QMenu(self)
        if row.number:
            menu.addAction(self.tr("Call back"), lambda: self.dial_requested.emit(row.number))
            menu.addAction(self.tr("Copy number"), lambda: QGuiApplication.clipboard().setText(row.number))
        crm = self.crm_link(row)
        if crm:
            menu.addAction(self.tr("Open in CRM"), lambda: self.crm_requested.emit(crm))
        if row.recording:
            menu.addAction(self.tr("Open recording"), lambda: QDesktopServices.openUrl(QUrl(row.recording)))
        if is_missed(row):
            if self.model.is_done(row.callid):
                menu.addAction(
                    self.tr("Back on the call-back list"), lambda: self.done_requested.emit(row.callid, False)
                )
            else:
                menu.addAction(
                    self.tr("Done: no call-back needed"), lambda: self.done_requested.emit(row.callid, True)
                )
        return menu


def connect_calls_panel(
    calls: CallsPanel, history: CallHistory, contacts: ContactsController | None = None
) -> None:
    """What the Calls tab asks of the call history, and what it shows of it (Export is the caller's: it asks
    for a file name); a row's Open in CRM goes to the contacts controller."""
    if contacts is not None:
        calls.crm_link = lambda row: contacts.crm_url_of(row.number, row.callid, row.queue)
        calls.crm_requested.connect(contacts.open_crm)
        history.company_of = lambda number: next(
            (c.company for c in contacts.stores.contacts().find_by_number(number)), ""
        )
    calls.today = lambda: history.now().date()
    calls.me = lambda: history.agent_username
    calls.done_requested.connect(history.tick_done)
    calls.period_changed.connect(history.open_period)
    calls.refresh_requested.connect(history.refresh)
    calls.details_requested.connect(lambda row: history.details(row, calls.show_details))
    calls.note_saved.connect(history.save_note)
    history.status.connect(calls.show_status)
    history.timeline_changed.connect(calls.timeline_changed)
