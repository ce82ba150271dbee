"""One visual language for the native side: the type scale, spacing, radii and colours as named tokens, and the
application-wide stylesheet built from them, so no widget hard-codes a colour or a size.

The look follows the softphone page (ccs_desktop/simulator/static/softphone.css): a calm grey window, white
cards with a 12 px radius, 8 px controls, 600-weight buttons, blue accent. Light and dark follow the system
(QStyleHints.colorScheme) unless forced (`apply_theme(app, "dark")`, for screenshots and tests); every text and
state colour is chosen per theme to meet WCAG AA against the backgrounds it is drawn on (tests/ui/test_theme.py
checks each pair with `contrast`). Text follows the system font size: the body is the system font's size (never
below the page's 14 px), and the other sizes are ratios of it.

Widgets say what a label *is* (`set_role(label, "title")`) or what a state *means* (`set_tone(label, "danger")`);
the stylesheet decides how that looks in the current theme, so a light/dark switch restyles them all.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLayout, QWidget

from ccs_desktop.core.paths import cache_dir
from ccs_desktop.services.call_state import LineState

log = logging.getLogger(__name__)

W = TypeVar("W", bound=QWidget)
Scheme = Literal["light", "dark"]
Mode = Literal["system", "light", "dark"]

# --- colour maths (pure: WCAG 2.x) -------------------------------------------------------------------------------

AA_TEXT = 4.5  # normal text
AA_LARGE = 3.0  # large text (18 pt, or 14 pt bold) and UI components: borders of controls, state indicators


def rgb(colour: str) -> tuple[int, int, int]:
    """'#1b2230' as (27, 34, 48)."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 (none) to 21 (black on white); the order does not matter."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- tokens ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Colours:
    """The colour roles of one theme, as #rrggbb."""

    window: str  # the window behind the cards (the page's --bg)
    surface: str  # cards, lists, tables, inputs (--card)
    raised: str  # buttons and keys (--key)
    raised_hover: str
    pressed: str
    border: str  # a card's or a list's outline: decoration (--line)
    control_border: str  # an input's or a button's outline: it shows where the control is, so 3:1
    ink: str  # body text (a field called `text` would read as user-visible text to tests/test_translatable.py)
    muted: str  # secondary text: companies, times, hints, the status bar
    accent: str  # links, focus, the selected tab, primary buttons
    on_accent: str  # text on an accent fill
    accent_soft: str  # the selected row, a checked button
    success: str  # ready, answered
    success_soft: str
    danger: str  # cannot take calls, missed, errors
    danger_soft: str
    warning: str  # connecting, on hold, gaps in a timeline
    warning_soft: str
    in_call: str  # on a call


LIGHT = Colours(
    window="#f3f5f8",
    surface="#ffffff",
    raised="#f5f7fa",
    raised_hover="#eaeef3",
    pressed="#dde2e9",
    border="#e2e6ec",
    control_border="#7d8797",
    ink="#1b2230",
    muted="#5b6576",  # the page's #687385 is 4.4:1 on the window: a shade darker for AA
    accent="#2158e0",  # the page's #2563eb is 4.3:1 on the soft blue of a checked button
    on_accent="#ffffff",
    accent_soft="#e0eaff",
    success="#137a3a",
    success_soft="#dcf5e4",
    danger="#c21d1d",  # the page's #dc2626 is 4.4:1 on the window
    danger_soft="#fde4e4",
    warning="#a14a07",
    warning_soft="#fdf0d5",
    in_call="#1d4ed8",
)

DARK = Colours(
    window="#14171c",
    surface="#1d2229",
    raised="#252b33",
    raised_hover="#2e353f",
    pressed="#38404b",
    border="#2c333d",
    control_border="#6b7585",
    ink="#e6eaf0",
    muted="#a3adbb",
    accent="#6b9bff",
    on_accent="#0b1220",  # white on the light dark-theme blue is under 3:1
    accent_soft="#1e2b47",
    success="#4ade80",
    success_soft="#173324",
    danger="#f87171",
    danger_soft="#3d1f22",
    warning="#fbbf24",
    warning_soft="#3a2e13",
    in_call="#8fb3ff",
)

THEMES: dict[Scheme, Colours] = {"light": LIGHT, "dark": DARK}

#: Text roles and the backgrounds each is drawn on; tests check every pair at AA_TEXT.
TEXT_ON: dict[str, tuple[str, ...]] = {
    "ink": ("window", "surface", "raised", "raised_hover", "pressed", "accent_soft"),
    "muted": ("window", "surface", "raised", "accent_soft"),
    "accent": ("window", "surface", "raised", "accent_soft"),
    "on_accent": ("accent",),
    "success": ("window", "surface", "success_soft"),
    "danger": ("window", "surface", "danger_soft"),
    "warning": ("window", "surface", "warning_soft"),
    "in_call": ("window", "surface"),
}
#: Non-text parts that must be seen (WCAG 1.4.11): control outlines, the focus ring, state marks; at AA_LARGE.
COMPONENT_ON: dict[str, tuple[str, ...]] = {
    "control_border": ("window", "surface"),
    "accent": ("window", "surface", "raised"),
    "success": ("window", "surface"),
    "danger": ("window", "surface"),
    "warning": ("window", "surface"),
    "in_call": ("window", "surface"),
}

#: The line's state as a tone (the status bar's state); the logged-out state is plain text.
STATE_TONES: dict[LineState, str] = {
    LineState.READY: "success",
    LineState.IN_CALL: "in_call",
    LineState.CONNECTING: "warning",
    LineState.UNAVAILABLE: "danger",
}

SPACE = {"xs": 4, "s": 8, "m": 12, "l": 16, "xl": 24}  # px
RADIUS = {"control": 8, "card": 12}  # px: the page's keys and inputs (9) and cards (12)
PAGE_BODY_PT = 10.5  # the page's 14 px body at 96 dpi: the native body is never smaller
TYPE_RATIOS = {"small": 0.9, "body": 1.0, "title": 1.25, "large": 1.5}


@dataclass(frozen=True)
class TypeScale:
    """Point sizes, all relative to the body, which is the system font's size (at least PAGE_BODY_PT)."""

    small: float
    body: float
    title: float
    large: float


def type_scale(system_pt: float) -> TypeScale:
    """The scale for a system font of `system_pt` points: a bigger system font makes every size bigger."""
    body = max(system_pt, PAGE_BODY_PT)
    return TypeScale(**{name: round(body * ratio, 2) for name, ratio in TYPE_RATIOS.items()})


# --- the stylesheet ---------------------------------------------------------------------------------------------


ARROW_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="6" viewBox="0 0 10 6">'
    '<path d="M1 1l4 4 4-4" fill="none" stroke="{colour}" stroke-width="1.6" stroke-linecap="round"/></svg>'
)


def arrow_image(colour: str, folder: Path | None = None) -> str:
    """A combo box's down arrow in `colour`, as a file the stylesheet can name (a stylesheet takes no inline
    images); written once per colour into the cache, like the compiled icons. "" when it cannot be written: the
    style's own arrow stays."""
    path = (folder or cache_dir() / "theme") / f"arrow-down-{colour.lstrip('#').lower()}.svg"
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(ARROW_SVG.format(colour=colour), encoding="utf-8")
    except OSError as exc:
        log.warning("no themed combo-box arrow (%s): the style's own is used", exc)
        return ""
    return path.as_posix()


def stylesheet(c: Colours, scale: TypeScale, arrow: str = "") -> str:
    """The application's Qt stylesheet: the page's cards, controls, tabs and a calm status bar, from the tokens;
    `arrow` is the combo boxes' down-arrow image ("": the style draws its own drop-down button)."""
    s, r = SPACE, RADIUS
    drop_down = (
        f"""
QComboBox::drop-down, QDateEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: {s["l"] + s["xs"]}px; border: none;
}}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{arrow}"); width: 10px; height: 6px; }}
"""
        if arrow
        else ""
    )
    return drop_down + f"""
QMainWindow, QDialog {{ background: {c.window}; }}
QToolTip {{ background: {c.surface}; color: {c.ink}; border: 1px solid {c.border}; padding: {s["xs"]}px; }}

QPushButton, QToolButton {{
    background: {c.raised}; color: {c.ink}; border: 1px solid {c.control_border};
    border-radius: {r["control"]}px; padding: {s["xs"] + 1}px {s["m"]}px; font-weight: 600;
}}
QToolButton {{ padding-right: {s["l"] + s["xs"]}px; }}
QToolButton::menu-indicator {{ subcontrol-position: right center; right: {s["xs"] + 2}px; }}
QPushButton:hover, QToolButton:hover {{ background: {c.raised_hover}; }}
QPushButton:pressed, QToolButton:pressed {{ background: {c.pressed}; }}
QPushButton:checked {{ background: {c.accent_soft}; border-color: {c.accent}; color: {c.accent}; }}
QPushButton:focus, QToolButton:focus {{ border-color: {c.accent}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {c.muted}; border-color: {c.border}; }}
QPushButton:flat {{ background: transparent; border-color: transparent; }}
QPushButton:flat:hover {{ background: {c.raised_hover}; }}
QPushButton:flat:focus {{ border-color: {c.accent}; }}
QPushButton[tone="primary"] {{ background: {c.accent}; border-color: {c.accent}; color: {c.on_accent}; }}
QPushButton[tone="primary"]:disabled {{ background: {c.raised}; border-color: {c.border}; color: {c.muted}; }}
QPushButton[align="left"] {{ text-align: left; }}

QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QSpinBox {{
    background: {c.surface}; color: {c.ink}; border: 1px solid {c.control_border};
    border-radius: {r["control"]}px; padding: {s["xs"]}px {s["s"]}px;
    selection-background-color: {c.accent}; selection-color: {c.on_accent};
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QDateEdit:focus, QSpinBox:focus {{
    border-color: {c.accent};
}}
QLineEdit:disabled, QPlainTextEdit:disabled, QComboBox:disabled, QDateEdit:disabled {{
    color: {c.muted}; border-color: {c.border};
}}
QComboBox QAbstractItemView {{
    background: {c.surface}; color: {c.ink}; border: 1px solid {c.border};
    selection-background-color: {c.accent_soft}; selection-color: {c.ink};
}}

QListView, QTableView, QTreeView {{
    background: {c.surface}; alternate-background-color: {c.raised}; color: {c.ink};
    border: 1px solid {c.border}; border-radius: {r["card"]}px;
    selection-background-color: {c.accent_soft}; selection-color: {c.ink};
}}
QHeaderView {{ background: transparent; }}
QHeaderView::section {{
    background: {c.surface}; color: {c.muted}; font-weight: 600;
    border: none; border-bottom: 1px solid {c.border}; padding: {s["xs"]}px {s["s"] - 2}px;
}}

QTabWidget::pane {{ border: none; }}
QTabBar::tab {{
    background: transparent; color: {c.muted}; font-weight: 600;
    padding: {s["s"] - 2}px {s["l"]}px; margin-right: {s["xs"]}px; border: none;
    border-bottom: 2px solid transparent;
}}
QTabBar::tab:hover {{ color: {c.ink}; }}
QTabBar::tab:selected {{ color: {c.ink}; border-bottom-color: {c.accent}; }}
QTabBar::tab:focus {{ color: {c.accent}; }}

QStatusBar {{ background: {c.window}; color: {c.muted}; border-top: 1px solid {c.border}; }}
QStatusBar::item {{ border: none; }}
QStatusBar QLabel {{ color: {c.muted}; padding: 0 {s["s"]}px; }}

QSplitter::handle {{ background: transparent; }}
QSplitter#main-splitter {{ padding: {s["s"]}px {s["m"]}px {s["xs"]}px 0; }}
QSplitter#main-splitter::handle:horizontal {{ width: {s["m"]}px; }}

#contact-card, #number-popup, #undo-bar {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: {r["card"]}px;
}}
#recovery-banner {{
    background: {c.danger_soft}; color: {c.danger}; border: 1px solid {c.danger}; border-radius: {r["control"]}px;
}}
#recovery-banner QLabel {{ color: {c.danger}; font-weight: 600; }}

QLabel[role="small"] {{ font-size: {scale.small}pt; color: {c.muted}; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="heading"] {{ font-size: {scale.small}pt; font-weight: 700; color: {c.muted}; }}
QLabel[role="title"] {{ font-size: {scale.title}pt; font-weight: 600; }}
QLabel[role="large"] {{ font-size: {scale.large}pt; font-weight: 600; }}
*[tone="success"] {{ color: {c.success}; font-weight: 600; }}
*[tone="danger"] {{ color: {c.danger}; font-weight: 600; }}
*[tone="warning"] {{ color: {c.warning}; font-weight: 600; }}
*[tone="in_call"] {{ color: {c.in_call}; font-weight: 600; }}
*[tone="accent"] {{ color: {c.accent}; font-weight: 600; }}
"""


def palette(c: Colours) -> QPalette:
    """The same colours as a QPalette, for what the stylesheet does not draw (Fusion, painted rows, menus)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, c.window),
        (roles.WindowText, c.ink),
        (roles.Base, c.surface),
        (roles.AlternateBase, c.raised),
        (roles.Text, c.ink),
        (roles.PlaceholderText, c.muted),
        (roles.Button, c.raised),
        (roles.ButtonText, c.ink),
        (roles.BrightText, c.on_accent),
        (roles.Highlight, c.accent_soft),
        (roles.HighlightedText, c.ink),
        (roles.Link, c.accent),
        (roles.LinkVisited, c.accent),
        (roles.ToolTipBase, c.surface),
        (roles.ToolTipText, c.ink),
        (roles.Accent, c.accent),
        (roles.Light, c.surface),
        (roles.Midlight, c.raised),
        (roles.Mid, c.border),
        (roles.Dark, c.control_border),
        (roles.Shadow, c.ink),
    ):
        p.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor(c.muted))
    return p


# --- the application's theme ---------------------------------------------------------------------------------


class Theme(QObject):
    """Applies the tokens to the application, and again when the system's colour scheme or the application's
    font changes (CcsApplication forwards its ApplicationFontChange here)."""

    def __init__(self, app: QApplication, mode: Mode = "system") -> None:
        super().__init__(app)
        self.app = app
        self.mode: Mode = mode
        self.scheme: Scheme = "light"
        self.colours: Colours = LIGHT
        self.scale = type_scale(PAGE_BODY_PT)
        self._system_pt = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
        self._sheet = ""
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)  # a slot: gone with this object

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.mode == "system":
            self.apply()

    def system_scheme(self) -> Scheme:
        return "dark" if self.app.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"

    def set_mode(self, mode: Mode) -> None:
        """Follow the desktop ("system"), or force "light" or "dark" (screenshots, tests)."""
        self.mode = mode
        hints = self.app.styleHints()  # the platform is asked too (window frames, where it can)
        if mode == "system":
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(Qt.ColorScheme.Dark if mode == "dark" else Qt.ColorScheme.Light)
        self.apply()

    def apply(self) -> None:
        self.scheme = self.system_scheme() if self.mode == "system" else self.mode
        self.colours = THEMES[self.scheme]
        font = QFont(self.app.font())
        base = font.pointSizeF() if font.pointSizeF() > 0 else self._system_pt
        self.scale = type_scale(base)
        if abs(font.pointSizeF() - self.scale.body) > 0.01:
            font.setPointSizeF(self.scale.body)
            self.app.setFont(font)  # sends ApplicationFontChange: `font_changed` finds nothing to do
        self.app.setPalette(palette(self.colours))
        sheet = stylesheet(self.colours, self.scale, arrow_image(self.colours.muted))
        if sheet != self._sheet:
            self._sheet = sheet
            self._set_sheet(sheet)

    @contextlib.contextmanager
    def sheet_held(self) -> Iterator[None]:
        """Widgets built inside are styled once, when it ends. While an application style sheet is set, every
        widget put into a layout restyles its whole subtree, so a window built bottom-up is styled many times
        over (bench_startup: the window took 130 ms to build with the sheet, 70 ms without)."""
        self.app.setStyleSheet("")
        try:
            yield
        finally:
            self._set_sheet(self._sheet)  # the latest: a scheme change meanwhile made its own

    def _set_sheet(self, sheet: str) -> None:
        self.app.setStyleSheet(sheet)
        for widget in self.app.allWidgets():  # layouts, nested ones too, keep the old sheet's size hints
            if (layout := widget.layout()) is not None:
                _invalidate(layout)

    def font_changed(self) -> None:
        """The application font changed (the system's, or set by someone): the sizes follow it."""
        if abs(self.app.font().pointSizeF() - self.scale.body) > 0.01:
            self.apply()


def _invalidate(layout: QLayout) -> None:
    layout.invalidate()
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is not None and (inner := item.layout()) is not None:
            _invalidate(inner)


def app_theme() -> Theme | None:
    """The application's Theme, None before `apply_theme` (or in a bare QApplication)."""
    app = QGuiApplication.instance()
    return app.findChild(Theme) if isinstance(app, QApplication) else None


def current() -> Colours:
    """The colours in use now (light until a theme is applied): for painted rows and rich text."""
    theme = app_theme()
    return theme.colours if theme is not None else LIGHT


def apply_theme(app: QApplication, mode: Mode = "system") -> Theme:
    """Theme the application (once: a second call changes the mode of the first one's Theme)."""
    theme = app.findChild(Theme) or Theme(app, mode)
    theme.set_mode(mode)
    return theme


def _restyle(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_role(widget: W, role: str) -> W:
    """What a label is: "title", "large", "small", "heading", "muted" (sizes from the type scale)."""
    widget.setProperty("role", role)
    _restyle(widget)
    return widget


def set_tone(widget: W, tone: str) -> W:
    """What a state means: "success", "danger", "warning", "in_call", "accent", "primary" (a button), "" for
    none; the colour is the current theme's."""
    if widget.property("tone") != tone:
        widget.setProperty("tone", tone)
        _restyle(widget)
    return widget


def colour(role: str) -> str:
    """A role's colour in the current theme (#rrggbb), for rich text."""
    if role not in {f.name for f in fields(Colours)}:
        raise KeyError(role)
    return str(getattr(current(), role))
