"""The small card that answers "who is this number?" after a copy or a ringing call.

It never takes the keyboard focus (the agent is typing somewhere else), sits in the screen's bottom-right
corner near the tray, and closes itself after a few seconds unless the mouse is on it. An incoming call's card
stays pinned while its call rings or talks (the call tracker says so) and goes a few seconds after it ends; the
agent closes it with ✕ or Esc. On X11 a full-screen window covers "stays on top" windows: the
`card_over_fullscreen` option lets the card bypass the window manager there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication, QHideEvent, QWindow
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from ccs_desktop.ui.theme import set_role, set_tone

if TYPE_CHECKING:
    from collections.abc import Callable

    from ccs_desktop.core.phone import PhoneNumber
    from ccs_desktop.services.call_state import LiveCall
    from ccs_desktop.services.contacts import ContactsController
    from ccs_desktop.ui.main_window import MainWindow

SHOW_MS = 7000
AFTER_CALL_MS = 4000  # an incoming call's card, once its call ended


def card_window_flags(platform: str, over_fullscreen: bool) -> Qt.WindowType:
    """The card's window flags: a focus-less tool window on top; with `over_fullscreen` on X11 ("xcb") it also
    bypasses the window manager, which otherwise stacks a full-screen window above every "stays on top" one.
    Elsewhere (Windows, macOS, Wayland) the flag means nothing or harm, and "stays on top" already covers
    full-screen windows in most cases."""
    flags = (
        Qt.WindowType.Tool
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
        | Qt.WindowType.WindowDoesNotAcceptFocus
    )
    if over_fullscreen and platform == "xcb":
        flags |= Qt.WindowType.X11BypassWindowManagerHint
    return flags


class NumberPopup(QFrame):
    call_requested = Signal(str)  # E.164
    open_requested = Signal(str)
    add_requested = Signal(str)
    crm_requested = Signal(str)  # the CRM URL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, card_window_flags("", False))
        self.platform = QGuiApplication.platformName()  # "xcb" on X11 (card_window_flags)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("number-popup")  # a card, drawn by the theme's stylesheet (ui/theme.py)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.title_label = set_tone(QLabel(), "accent")
        self.close_button = QToolButton(text="✕", autoRaise=True)
        self.close_button.clicked.connect(self.hide)
        self.pin_label = set_role(QLabel(self.tr("Pinned during the call")), "muted")
        self.pin_label.setVisible(False)
        self.number_label = set_role(QLabel(), "large")
        self.who_label = QLabel()
        self.last_label = set_role(QLabel(), "muted")
        self.call_button = QPushButton(self.tr("Call"))
        self.open_button = QPushButton(self.tr("Open"))
        self.add_button = QPushButton(self.tr("Add contact"))
        self.crm_button = QPushButton(self.tr("Open in CRM"))
        self.crm_button.setVisible(False)
        self.crm_url = ""
        buttons = (self.call_button, self.open_button, self.add_button, self.crm_button)
        for button in (*buttons, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.call_button.clicked.connect(lambda: self._emit(self.call_requested))
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.add_button.clicked.connect(lambda: self._emit(self.add_requested))
        self.crm_button.clicked.connect(self._open_crm)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.number_label)
        layout.addWidget(self.who_label)
        layout.addWidget(self.last_label)
        layout.addWidget(self.pin_label)
        layout.addLayout(row)
        self.e164 = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        # The incoming call this card shows ("" for a copied number) and whether it is up: then no timer hides it.
        # `is_call_up(key)` is the call tracker's `is_up` (connect_popup).
        self.is_call_up: Callable[[str], bool] = lambda _key: False
        self._incoming = False
        self._call_key = ""
        self._pinned = False
        self._reflagging = False
        self.installEventFilter(self)
        for control, name in (
            (self.call_button, self.tr("Call this number")),
            (self.open_button, self.tr("Open the contact")),
            (self.add_button, self.tr("Add contact")),
            (self.crm_button, self.tr("Open in CRM")),
            (self.close_button, self.tr("Close the card")),
        ):
            control.setAccessibleName(name)
        self.close_button.setToolTip(self.tr("Close the card"))
        self._focus_to: QWindow | None = None  # the window that had the keyboard when the card came up
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._focus_moved)

    def set_call_active(self, active: bool) -> None:
        """Like the window's Call button: no second call from a card while the line is busy."""
        self.call_button.setEnabled(not active)

    def set_crm(self, url: str) -> None:
        """The next card's CRM record ("": no Open in CRM button, the template is not set)."""
        self.crm_url = url
        self.crm_button.setVisible(bool(url))

    def show_number(self, number: PhoneNumber, region: str, who: str | None, last_call: str | None) -> None:
        """After a copy: who it is, the last call, and Call; it goes after a few seconds, call or not."""
        self._incoming, self._call_key = False, ""
        self._pin(False)
        self.title_label.setVisible(False)
        self.call_button.setVisible(True)
        self._fill(number.e164, number.display(region), who, self.tr("Unknown number"), last_call)

    def show_incoming(
        self,
        number: PhoneNumber | None,
        raw: str,
        region: str,
        who: str | None,
        last_call: str | None,
        queue: str = "",
    ) -> None:
        """The phone rings: the caller's card, with the queue it came through; no Call button, the agent is about
        to talk to them. It stays while that call is up (`follow_call` tells which call it is)."""
        self._incoming = True
        title = self.tr("Incoming call")
        self.title_label.setText(
            self.tr("{title} · queue {queue}").format(title=title, queue=queue) if queue else title
        )
        self.title_label.setVisible(True)
        self.call_button.setVisible(False)
        shown = number.display(region) if number is not None else (raw or self.tr("Hidden number"))
        self._fill(
            number.e164 if number is not None else raw, shown, who, self.tr("Unknown caller"), last_call
        )
        self._start_timer(SHOW_MS * 2)

    def follow_call(self, key: str) -> None:
        """The incoming card on show is for this call (the tracker's key; "": not known yet, a later witness may
        tell it): pinned while the tracker has it."""
        if not self._incoming or not self.isVisible():
            return
        self._call_key = key
        self._pin(bool(key) and self.is_call_up(key))

    def call_changed(self, call: LiveCall | None) -> None:
        """The tracker heard of a call (ringing, talking, on hold): its card, if on show, stays."""
        if call is not None and self._call_key and call.key == self._call_key and self.isVisible():
            self._pin(True)

    def call_ended(self, call: LiveCall) -> None:
        """The card's call ended: it goes a few seconds later."""
        if not self._call_key or call.key != self._call_key:
            return
        self._call_key = ""
        self._pin(False)
        if self.isVisible():
            self._timer.start(AFTER_CALL_MS)

    def set_over_fullscreen(self, on: bool) -> None:
        """The `card_over_fullscreen` option; new flags hide a window, so a card on show comes back (without
        the keyboard: WA_ShowWithoutActivating and WindowDoesNotAcceptFocus stay)."""
        flags = card_window_flags(self.platform, on)
        bypass = Qt.WindowType.X11BypassWindowManagerHint
        if bool(flags & bypass) == bool(self.windowFlags() & bypass):
            return
        visible = self.isVisible()
        self._reflagging = True
        try:
            self.setWindowFlags(flags)
            if visible:
                self.show()
                self.raise_()
        finally:
            self._reflagging = False

    def _pin(self, on: bool) -> None:
        if on == self._pinned:
            return
        self._pinned = on
        self.pin_label.setVisible(on)
        if on:
            self._timer.stop()
        elif self.isVisible():  # the card stays its usual while (call_ended shortens it)
            self._timer.start(SHOW_MS * 2 if self._incoming else SHOW_MS)
        if self.isVisible():
            self.adjustSize()
            self._place()

    def _start_timer(self, ms: int) -> None:
        if not self._pinned:
            self._timer.start(ms)

    def _expire(self) -> None:
        if not self._pinned:
            self.hide()

    def name(self, e164: str, who: str) -> None:
        """A CRM look-up named the number after the card showed: only the card still showing that number takes
        the name (a closed card stays closed, a newer card keeps its own)."""
        if who and self.isVisible() and self.e164 == e164:
            self.who_label.setText(who)
            self.adjustSize()

    def _fill(self, e164: str, shown: str, who: str | None, unknown: str, last_call: str | None) -> None:
        self.e164 = e164
        self.number_label.setText(shown)
        self.who_label.setText(who or unknown)
        self.add_button.setVisible(who is None and bool(e164))
        self.open_button.setVisible(who is not None)
        self.last_label.setText(last_call or self.tr("No calls with this number yet"))
        self.adjustSize()
        self._place()
        focused = QGuiApplication.focusWindow()
        if focused is not None and focused is not self.windowHandle():
            self._focus_to = focused
        self.show()
        self.raise_()  # above a full-screen window too, when card_window_flags let it
        self._start_timer(SHOW_MS)

    def _place(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.move(area.right() - self.width() - 16, area.bottom() - self.height() - 16)

    def _emit(self, signal: SignalInstance) -> None:
        self.hide()
        signal.emit(self.e164)

    def _open_crm(self) -> None:
        self.hide()
        self.crm_requested.emit(self.crm_url)

    def _focus_moved(self, window: QWindow | None) -> None:
        """Some platforms (and window managers) activate a new window whatever its flags say: the card hands the
        keyboard straight back to the window the agent was typing in."""
        if window is not None and window is self.windowHandle() and self._focus_to is not None:
            try:
                self._focus_to.requestActivate()
            except RuntimeError:  # that window (a dialog) is gone meanwhile
                self._focus_to = None

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self._reflagging:  # new window flags, the same card
            return
        # closed by the agent (✕, Esc, a button) or by its timer: a later event of its call shows nothing
        self._focus_to = None
        self._call_key = ""
        self._pin(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The card stays while the mouse is on it, and goes a little after it leaves."""
        kind = event.type()
        if kind == QEvent.Type.Enter:
            self._timer.stop()
        elif kind == QEvent.Type.Leave:
            self._start_timer(2000)
        return super().eventFilter(watched, event)


def connect_popup(
    popup: NumberPopup,
    contacts: ContactsController,
    window: MainWindow | None = None,
    dial: Callable[[str], None] | None = None,
) -> None:
    """The incoming-call card and every card's Open in CRM; with the window, its buttons too (Call dials through
    `dial`, Open shows the contact, Add contact opens the editor). Esc is the window's Close the card action.
    The incoming card stays while the call tracker has its call; `card_over_fullscreen` applies at once."""
    contacts.crm_link.connect(popup.set_crm)
    contacts.incoming_card.connect(popup.show_incoming)
    contacts.card_named.connect(popup.name)
    contacts.incoming_selected.connect(popup.follow_call)
    tracker = contacts.history.tracker
    popup.is_call_up = tracker.is_up
    tracker.call_changed.connect(popup.call_changed)
    tracker.call_ended.connect(popup.call_ended)
    settings = contacts.settings
    popup.set_over_fullscreen(settings.get_bool("card_over_fullscreen"))
    unsubscribe = settings.on_change(
        lambda _changed: popup.set_over_fullscreen(settings.get_bool("card_over_fullscreen")),
        "card_over_fullscreen",
    )
    popup.destroyed.connect(lambda *_: unsubscribe())
    popup.crm_requested.connect(contacts.open_crm)
    if dial is not None:
        popup.call_requested.connect(dial)
    if window is not None:
        popup.open_requested.connect(window.find_contact)
        popup.add_requested.connect(window.add_contact)
