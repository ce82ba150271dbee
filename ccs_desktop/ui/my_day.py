"""The "My day" tab: today or this week at a glance, from the calls saved on this computer, with CCS's own figures
beside them where CCS reports them (services.my_day counts and asks; this module only shows).

The calls-per-hour chart is painted with QPainter: QtCharts would cost ~2-3 ms to import and ~12 ms for its first
chart (bench note in the report of issue 13), for 24 bars. Every colour comes from the palette, so the tab follows
light and dark; bar colours are nudged toward the text colour until they stand out from the background by the
WCAG 3:1 asked of graphics (`readable`). Text sizes are relative to the application font, so they follow the
system's font size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QHideEvent, QPainter, QPaintEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ccs_desktop.core.calls.rows import clock, hours_minutes
from ccs_desktop.services.my_day import MyDay
from ccs_desktop.ui import theme

if TYPE_CHECKING:
    from ccs_desktop.core.api.records import AgentPerf
    from ccs_desktop.core.calls.cache import CallCache
    from ccs_desktop.core.calls.day_stats import DayStats
    from ccs_desktop.services.call_history import CallHistory
    from ccs_desktop.services.tasks import TaskRunner

GRAPHICS_CONTRAST = 3.0  # WCAG 2.1 SC 1.4.11: graphical objects against what is next to them
DIFFERS = "≠"  # the marker of a figure CCS counts differently


# --- colours ---------------------------------------------------------------------------------------------------


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21 (ui/theme.py's, for QColors)."""
    return theme.contrast(a.name(), b.name())


def blend(a: QColor, b: QColor, share_of_b: float) -> QColor:
    keep = 1.0 - share_of_b
    return QColor.fromRgbF(
        a.redF() * keep + b.redF() * share_of_b,
        a.greenF() * keep + b.greenF() * share_of_b,
        a.blueF() * keep + b.blueF() * share_of_b,
    )


def readable(
    colour: QColor, background: QColor, toward: QColor, minimum: float = GRAPHICS_CONTRAST
) -> QColor:
    """`colour`, moved toward `toward` (the palette's text colour) just enough to reach `minimum` against
    `background`."""
    for step in range(11):
        candidate = blend(colour, toward, step / 10)
        if contrast(candidate, background) >= minimum:
            return candidate
    return QColor(toward)


def series_colours(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """(incoming, outgoing, direction unknown) bar colours for this palette, each readable on its window: the
    theme's accent, green and muted when the palette is the theme's, else the palette's own roles."""
    background = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    themed = theme.app_theme()
    if themed is not None and background.name() == themed.colours.window:
        c = themed.colours
        bases = (QColor(c.accent), QColor(c.success), QColor(c.muted))
    else:
        bases = (
            palette.color(QPalette.ColorRole.Highlight),
            blend(text, background, 0.45),
            palette.color(QPalette.ColorRole.PlaceholderText),
        )
    incoming, outgoing, unknown = (readable(base, background, text) for base in bases)
    return incoming, outgoing, unknown


def duration_text(seconds: float | None) -> str:
    """'4:31' under an hour, '2 h 05 min' from an hour; an em dash for nothing to say."""
    if seconds is None:
        return "—"
    seconds = round(seconds)
    return clock(seconds) if seconds < 3600 else hours_minutes(seconds)


# --- the chart -------------------------------------------------------------------------------------------------


class HourChart(QWidget):
    """Calls per hour of the day, stacked incoming / outgoing / direction unknown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hours: list[tuple[int, int, int]] = [(0, 0, 0)] * 24
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Calls per hour"))
        self.setMouseTracking(True)

    def set_hours(self, hours: list[tuple[int, int, int]]) -> None:
        self.hours = list(hours)
        self.setAccessibleDescription(self.summary())
        self.update()

    def summary(self) -> str:
        """What the chart shows, in words (screen readers; the tooltip of the whole chart)."""
        totals = [sum(h) for h in self.hours]
        if not any(totals):
            return self.tr("No calls.")
        busiest = max(range(24), key=lambda h: (totals[h], -h))
        return self.tr("Busiest hour {hour}:00: {count}. {total} in all.").format(
            hour=f"{busiest:02d}",
            count=self.tr("%n call(s)", "", totals[busiest]),
            total=self.tr("%n call(s)", "", sum(totals)),
        )

    def _plot(self) -> QRectF:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("000") + 6
        return QRectF(
            left, metrics.height() * 0.6, self.width() - left - 4, self.height() - metrics.height() * 2.2
        )

    def hour_at(self, x: float) -> int | None:
        plot = self._plot()
        if plot.width() <= 0 or not plot.left() <= x < plot.right():
            return None
        return int((x - plot.left()) / (plot.width() / 24))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hour = self.hour_at(event.position().x())
            if hour is None:
                QToolTip.showText(event.globalPos(), self.summary(), self)
            else:
                incoming, outgoing, unknown = self.hours[hour]
                text = self.tr("{hour}:00–{hour}:59: {incoming} in, {outgoing} out").format(
                    hour=f"{hour:02d}", incoming=incoming, outgoing=outgoing
                )
                if unknown:
                    text += self.tr(", {count} of unknown direction").format(count=unknown)
                QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = blend(palette.color(QPalette.ColorRole.Window), text, 0.25)
        colours = series_colours(palette)
        plot = self._plot()
        if plot.width() <= 0 or plot.height() <= 0:
            return
        top = max([sum(h) for h in self.hours] + [1])
        step = max(1, -(-top // 4))  # at most 4 grid lines, whole calls
        scale = plot.height() / (step * -(-top // step))
        metrics = self.fontMetrics()
        painter.setPen(grid)
        for value in range(0, top + step, step):
            y = plot.bottom() - value * scale
            if y < plot.top() - 1:
                break
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, plot.left() - 4, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(value),
            )
            painter.setPen(grid)
        slot = plot.width() / 24
        painter.setPen(Qt.PenStyle.NoPen)
        for hour, counts in enumerate(self.hours):
            y = plot.bottom()
            for count, colour in zip(counts, colours, strict=True):
                if not count:
                    continue
                height = count * scale
                painter.setBrush(colour)
                painter.drawRect(
                    QRectF(plot.left() + hour * slot + slot * 0.15, y - height, slot * 0.7, height)
                )
                y -= height
        painter.setPen(text)
        for hour in range(0, 24, 3):
            painter.drawText(
                QRectF(plot.left() + hour * slot - slot, plot.bottom() + 2, slot * 3, metrics.height()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                f"{hour:02d}",
            )
        painter.end()


class Legend(QWidget):
    """A colour swatch and its words, painted in the chart's colours."""

    def __init__(self, index: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.label = QLabel(text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(self.fontMetrics().height() + 4, 0, 0, 0)
        layout.addWidget(self.label)
        self.setAccessibleName(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        size = self.fontMetrics().height() * 0.7
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(series_colours(self.palette())[self.index])
        painter.drawRect(QRectF(0, (self.height() - size) / 2, size, size))
        painter.end()


# --- the figures -----------------------------------------------------------------------------------------------


class Figure(QFrame):
    """One figure: its name, its value in large type, a detail line, and CCS's count when CCS reports one."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title)
        self.value = QLabel("—")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.8 if font.pointSizeF() > 0 else 16)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.ccs = QLabel()
        self.ccs.setWordWrap(True)
        self.ccs.hide()
        self.differs = False
        layout = QVBoxLayout(self)
        for label in (self.title, self.value, self.detail, self.ccs):
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        layout.addStretch(1)
        self._name()

    def set_value(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self._name()

    def set_ccs(self, text: str, differs: bool = False, why: str = "") -> None:
        """CCS's count under the value ("" hides it); `differs` marks it and makes it bold."""
        self.differs = differs
        self.ccs.setText(f"{DIFFERS} {text}" if differs and text else text)
        font = QFont(self.ccs.font())
        font.setBold(differs)
        self.ccs.setFont(font)
        self.ccs.setToolTip(why)
        self.setToolTip(why)
        self.ccs.setVisible(bool(text))
        self._name()

    def _name(self) -> None:
        parts = [self.title.text(), self.value.text(), self.detail.text(), self.ccs.text()]
        self.setAccessibleName(": ".join(p for p in parts[:2] if p))
        self.setAccessibleDescription(". ".join(p for p in parts[2:] if p))


class MyDayView(QWidget):
    """Signals: `period_changed(str)` ("today" or "week"), `refresh_requested()`, `visibility_changed(bool)`."""

    period_changed = Signal(str)
    refresh_requested = Signal()
    visibility_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stats: DayStats | None = None
        self.perf: AgentPerf | None = None
        self.ccs_state = "none"  # none, waiting, figures, no row, failed, offline
        self.ccs_error = ""
        self.complete = True
        self.built = False  # the widgets are made when the tab is first shown: nothing of it at start-up
        self.setAccessibleName(self.tr("My day"))

    def ensure_built(self) -> None:
        if self.built:
            return
        self.built = True
        self.today_button = QRadioButton(self.tr("&Today"))
        self.week_button = QRadioButton(self.tr("This &week"))
        self.today_button.setChecked(True)
        self.periods = QButtonGroup(self)
        for button, period in ((self.today_button, "today"), (self.week_button, "week")):
            button.setAccessibleName(button.text().replace("&", ""))
            self.periods.addButton(button)
            button.toggled.connect(lambda on, period=period: on and self.period_changed.emit(period))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh my day"))
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.heading = QLabel()
        self.heading.setAccessibleName(self.tr("Period shown"))
        top = QHBoxLayout()
        top.addWidget(self.today_button)
        top.addWidget(self.week_button)
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)

        self.chart = HourChart()
        legend = QHBoxLayout()
        legend.addWidget(QLabel(self.tr("Calls per hour:")))
        self.legends = [
            Legend(0, self.tr("incoming")),
            Legend(1, self.tr("outgoing")),
            Legend(2, self.tr("direction unknown")),
        ]
        for item in self.legends:
            legend.addWidget(item)
        self.legends[2].hide()
        legend.addStretch(1)

        self.answered = Figure(self.tr("Answered"))
        self.missed = Figure(self.tr("Missed"))
        self.talk = Figure(self.tr("Talk time"))
        self.wait = Figure(self.tr("Average wait"))
        self.callbacks = Figure(self.tr("Call-backs done"))
        self.pauses = Figure(self.tr("Pauses (CCS)"))
        self.figures = [self.answered, self.missed, self.talk, self.wait, self.callbacks, self.pauses]
        grid = QGridLayout()
        for index, figure in enumerate(self.figures):
            grid.addWidget(figure, index // 3, index % 3)

        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setAccessibleName(self.tr("Where the figures come from"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(legend)
        layout.addWidget(self.chart, 1)
        layout.addLayout(grid)
        layout.addWidget(self.source)
        self.clear()
        if self.isVisible():  # built while being shown: Qt would show the new children only later, queued
            for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                if not child.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                    child.show()

    # --- visibility ------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_built()
        super().showEvent(event)
        self.visibility_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibility_changed.emit(False)

    # --- what it shows ---------------------------------------------------------------------------------------

    def period(self) -> str:
        return "week" if self.built and self.week_button.isChecked() else "today"

    def clear(self) -> None:
        """Nobody is logged in: no figures of anyone."""
        self.stats, self.perf, self.ccs_state = None, None, "none"
        if not self.built:
            return
        self.chart.set_hours([(0, 0, 0)] * 24)
        self.heading.setText("")
        for figure in self.figures:
            figure.set_value("—")
            figure.set_ccs("")
        self.source.setText(self.tr("Log in to see your day."))

    def show_stats(self, stats: DayStats, complete: bool = True) -> None:
        """The saved calls' figures; `complete` False: part of the period was never fetched from CCS."""
        self.ensure_built()
        self.stats, self.complete = stats, complete
        locale = QLocale()
        fmt = QLocale.FormatType.ShortFormat
        if stats.first == stats.last:
            self.heading.setText(locale.toString(stats.first, fmt))
        else:
            self.heading.setText(
                self.tr("{first} – {last}").format(
                    first=locale.toString(stats.first, fmt), last=locale.toString(stats.last, fmt)
                )
            )
        self.chart.set_hours(stats.by_hour())
        self.legends[2].setVisible(any(stats.unknown_by_hour))
        self.answered.set_value(str(stats.answered))
        self.missed.set_value(
            str(stats.missed),
            self.tr("%n outgoing not answered", "", stats.no_answer) if stats.no_answer else "",
        )
        self.talk.set_value(duration_text(stats.talk_seconds))
        self.wait.set_value(
            duration_text(stats.average_wait),
            self.tr("over %n answered incoming call(s)", "", stats.waited) if stats.waited else "",
        )
        self.callbacks.set_value(str(stats.callbacks_done))
        self._compare()

    def show_failed(self, text: str) -> None:
        self.ensure_built()
        self.source.setText(text)

    def show_ccs_waiting(self) -> None:
        """CCS is being asked: figures it gave for the same days stay until the answer."""
        self.ensure_built()
        self.ccs_state = "waiting"
        self._compare()

    def show_ccs(self, perf: AgentPerf | None) -> None:
        self.ensure_built()
        self.perf = perf
        self.ccs_state = "figures" if perf is not None else "no row"
        self._compare()

    def show_ccs_failed(self, text: str) -> None:
        self.ensure_built()
        self.ccs_state, self.ccs_error = "failed", text
        self._compare()

    def show_ccs_unavailable(self) -> None:
        self.ensure_built()
        self.ccs_state = "offline"
        self._compare()

    def _compare(self) -> None:
        """CCS's figures beside the saved calls', for the same days; a difference is marked and explained."""
        stats, perf = self.stats, self.perf
        saved = self.tr("Counted from the calls saved on this computer.")
        if not self.complete:
            saved = self.tr(
                "Counted from the calls saved on this computer; part of this period has not been fetched from "
                "CCS yet (open it in the Calls tab)."
            )
        same_days = (
            stats is not None and perf is not None and (perf.first, perf.last) == (stats.first, stats.last)
        )
        for figure in self.figures:
            figure.set_ccs("")
        if self.ccs_state == "failed":
            self.source.setText(
                self.tr("{saved} CCS's own figures could not be fetched: {error}").format(
                    saved=saved, error=self.ccs_error
                )
            )
            self.pauses.set_value("—", self.tr("CCS's report could not be fetched."))
            return
        if self.ccs_state == "offline":
            self.source.setText(
                self.tr("{saved} Log in to compare with CCS's own figures.").format(saved=saved)
            )
            self.pauses.set_value("—", self.tr("Reported by CCS only."))
            return
        if self.ccs_state == "no row":
            self.source.setText(
                self.tr("{saved} CCS has no report for you in this period.").format(saved=saved)
            )
            self.pauses.set_value("—", self.tr("Not reported by CCS."))
            return
        if not same_days or stats is None or perf is None:  # nothing from CCS yet for these days
            self.source.setText(
                saved
                if self.ccs_state != "waiting"
                else self.tr("{saved} Asking CCS for its own figures…").format(saved=saved)
            )
            self.pauses.set_value("—", self.tr("Reported by CCS only."))
            return
        why = self.tr(
            "CCS counts every call it recorded for you, also those taken on another computer or phone, and those "
            "this computer has not fetched yet (open the period in Calls, or Refresh). The saved calls are only "
            "what this computer has fetched."
        )
        differences = 0
        for figure, ccs_value, cache_value, show, differ_text, agree_text in (
            (
                self.answered,
                perf.answered,
                stats.answered,
                str,
                self.tr("CCS: {ccs} answered (saved: {saved})"),
                self.tr("CCS agrees: {ccs} answered"),
            ),
            (
                self.missed,
                perf.missed,
                stats.unanswered,
                str,
                self.tr("CCS: {ccs} not answered, either way (saved: {saved})"),
                self.tr("CCS agrees: {ccs} not answered, either way"),
            ),
            (
                self.talk,
                perf.talk_seconds,
                stats.talk_seconds,
                duration_text,
                self.tr("CCS: {ccs} talk time (saved: {saved})"),
                self.tr("CCS agrees: {ccs} talk time"),
            ),
        ):
            if ccs_value is None:
                figure.set_ccs(self.tr("CCS does not report it."))
                continue
            differs = ccs_value != cache_value
            differences += differs
            if differs:
                figure.set_ccs(differ_text.format(ccs=show(ccs_value), saved=show(cache_value)), True, why)
            else:
                figure.set_ccs(agree_text.format(ccs=show(ccs_value)))
        if perf.pause_seconds is None:
            self.pauses.set_value("—", self.tr("Not reported by CCS."))
        else:
            self.pauses.set_value(
                duration_text(perf.pause_seconds),
                self.tr("%n pause(s)", "", perf.pauses) if perf.pauses is not None else "",
            )
        if differences:
            self.source.setText(
                self.tr(
                    "{saved} {marker} CCS counts differently in %n figure(s): see the marked ones.",
                    "",
                    differences,
                ).format(saved=saved, marker=DIFFERS)
            )
        else:
            self.source.setText(self.tr("{saved} CCS's own figures agree.").format(saved=saved))


def connect_my_day(
    view: MyDayView,
    runner: TaskRunner,
    history: CallHistory,
    cache: Callable[[], CallCache],
    parent: QObject | None = None,
) -> MyDay:
    """The tab and its engine (services.my_day.MyDay, returned): the tab's period, Refresh and visibility drive
    the counts (Refresh also asks CCS for the records the cache lacks, as the Calls tab's Refresh does); the week
    starts on the locale's first day."""
    first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: Monday 1 … Sunday 7
    my_day = MyDay(runner, history, cache, parent, first_weekday=first_weekday)
    my_day.period = view.period()
    view.period_changed.connect(my_day.set_period)
    view.refresh_requested.connect(
        history.refresh
    )  # what is new at CCS into the cache: counted when it lands
    view.refresh_requested.connect(lambda: my_day.refresh(ccs="always"))
    view.visibility_changed.connect(my_day.set_active)
    my_day.stats_ready.connect(view.show_stats)
    my_day.ccs_asked.connect(view.show_ccs_waiting)
    my_day.ccs_ready.connect(view.show_ccs)
    my_day.ccs_failed.connect(view.show_ccs_failed)
    my_day.ccs_unavailable.connect(view.show_ccs_unavailable)
    my_day.failed.connect(view.show_failed)
    my_day.cleared.connect(view.clear)
    if view.isVisible():
        my_day.set_active(True)
    return my_day
