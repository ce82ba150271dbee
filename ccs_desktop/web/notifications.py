"""The softphone page's Web Notifications, heard by the app at once: a ring pops the caller's card.

The real CCS softphone knows nothing of our DOM-event bridge, but like most browser softphones it raises a Web
Notification (`new Notification(title, {body, tag})`) when a call rings. Polling CCS for live calls is up to
2 s late; the notification is not. So the profile's notification presenter is ours (`PageNotifications`):

- it takes notifications from the softphone origin only (the permission table grants Notifications to nobody
  else, and this checks again: a profile can hold other pages);
- each becomes `notified(title, message, tag, origin)`, then either `rang(key, number, queue)` when
  `core.calls.page_ring` reads a ring in it, or `said(title, message)` for the agent to see in the tray, so
  nothing the page says is lost while the window is hidden;
- the QWebEngineNotification is kept (parented to the presenter) while the page may still close or replace
  it, and deleted afterwards: PySide6 hands it over without Python owning it, so a dropped reference leaks it.

`connect_page_rings(view, desk)` installs it for the app's view and sends each ring to `desk.ring("page", ...)`.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from itertools import count
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineNotification, QWebEngineProfile

from ccs_desktop.core.calls.page_ring import parse_page_ring
from ccs_desktop.web.permissions import origin_text, same_origin
from ccs_desktop.web.view import SoftphoneView

SOURCE = "page"  # RingDesk.ring's source for rings heard from the page's notifications
KEEP = 16  # notifications held at most; a page that never closes its own loses its oldest first
TAGS_REMEMBERED = 64  # calls whose tag is remembered, to notice a page that tags every ring alike

_log = logging.getLogger(__name__)


class RingSink(Protocol):
    """Who pops the card (`services.rings.RingDesk`): once per call, joining a later poll by key or number."""

    def ring(self, source: str, key: str, number: str, queue: str = "") -> None: ...


def _default_region() -> str:
    return ""  # core.phone's default


class PageNotifications(QObject):
    """The profile's notification presenter (see the module docstring); parented to the profile it serves.

    Signals:
        notified(str, str, str, str): title, message, tag, origin of every notification from the softphone.
        rang(str, str, str): key (the tag, "" if none), number (E.164 when it parses), queue ("" if none).
        said(str, str): title and message of a notification that is no ring, for the agent (tray).
    """

    notified = Signal(str, str, str, str)
    rang = Signal(str, str, str)
    said = Signal(str, str)

    def __init__(
        self,
        profile: QWebEngineProfile,
        softphone_origin: Callable[[], QUrl],
        region: Callable[[], str] = _default_region,
        keep: int = KEEP,
    ) -> None:
        # The profile keeps the presenter callable as long as it lives; as the profile's child this object
        # lives exactly as long, so the callable never reaches a deleted object.
        super().__init__(profile)
        self._softphone_origin = softphone_origin
        self._region = region
        self._keep = max(1, keep)
        self._held: OrderedDict[int, QWebEngineNotification] = OrderedDict()
        self._serials = count(1)
        self._tag_numbers: OrderedDict[str, str] = OrderedDict()  # tag -> the caller it first came with
        self._shared_tags: set[str] = set()  # tags seen with more than one caller (at most TAGS_REMEMBERED)
        profile.setNotificationPresenter(self._present)

    def held(self) -> int:
        """How many notifications are kept because the page may still close them (bounded by `keep`)."""
        return len(self._held)

    def _present(self, notification: QWebEngineNotification) -> None:
        """Qt's presenter callback, on the GUI thread; it must never raise into Qt."""
        try:
            self._take(notification)
        except Exception:
            _log.exception("could not present the softphone page's notification")
            held = [serial for serial, kept in self._held.items() if kept is notification]
            for serial in held:
                self._release(serial)
            if not held:
                notification.deleteLater()

    def _take(self, notification: QWebEngineNotification) -> None:
        origin = notification.origin()
        softphone = self._current_origin()
        if not same_origin(origin, softphone):
            _log.warning(
                "ignored a notification from %s: only the softphone origin %s may notify",
                origin_text(origin),
                origin_text(softphone) if not softphone.isEmpty() else "(none)",
            )
            notification.deleteLater()
            return
        self._hold(notification)
        title, message, tag = notification.title(), notification.message(), notification.tag()
        self.notified.emit(title, message, tag, origin_text(origin))
        ring = parse_page_ring(title, message, tag, self._current_region())
        _log.info("the softphone page raised a notification (%s)", "a ring" if ring else "no ring")
        if ring is not None:
            self.rang.emit(self._key_of(ring.key, ring.number), ring.number, ring.queue)
        else:
            self.said.emit(title or self.tr("Softphone"), message)
        notification.show()  # the page's "show" event: it is on screen, as far as the page can tell

    def _key_of(self, key: str, number: str) -> str:
        """The ring's key, unless the page used the same tag for another caller before: then the tag names the
        kind of notification, not the call, and the desk must join the poll by number instead."""
        if not key or key in self._shared_tags:
            return ""
        known = self._tag_numbers.setdefault(key, number)
        self._tag_numbers.move_to_end(key)
        if len(self._tag_numbers) > TAGS_REMEMBERED:
            self._tag_numbers.popitem(last=False)
        if known == number:
            return key
        _log.info("the softphone page uses one notification tag for several callers; it is no call key")
        if len(self._shared_tags) < TAGS_REMEMBERED:
            self._shared_tags.add(key)
        return ""

    def _current_origin(self) -> QUrl:
        try:
            return QUrl(self._softphone_origin())
        except Exception:
            _log.exception("could not read the softphone origin; ignoring the notification")
            return QUrl()

    def _current_region(self) -> str:
        try:
            return self._region() or ""
        except Exception:
            _log.exception("could not read the phone region; reading the notification with the default")
            return ""

    # --- ownership: kept while the page may close or replace it, deleted after -----------------------------

    def _hold(self, notification: QWebEngineNotification) -> None:
        for serial, old in list(self._held.items()):
            if old.matches(notification):  # same origin and tag: the page replaced it
                self._release(serial)
        serial = next(self._serials)
        notification.setParent(self)  # Qt owns it now: deleted with the profile at the latest
        notification.closed.connect(lambda: self._release(serial))
        self._held[serial] = notification
        while len(self._held) > self._keep:
            oldest, stale = next(iter(self._held.items()))
            stale.close()  # the page's "close" event
            self._release(oldest)

    def _release(self, serial: int) -> None:
        """Deleted a turn later (never inside its own `closed` signal), by Python: given back to Python, its last
        reference gone, PySide deletes it and forgets its wrapper. (deleteLater left one wrapper per notification
        in the presenter's list of children for good: PySide never hears of that deletion.)"""
        notification = self._held.pop(serial, None)
        if notification is not None:
            QTimer.singleShot(0, self, lambda: notification.setParent(None))


def connect_page_rings(
    view: SoftphoneView, desk: RingSink, region: Callable[[], str] = _default_region
) -> PageNotifications:
    """Hear the notifications (and the title) of `view`'s softphone page and pop each ring's card through
    `desk`; connect the result's `said` to the tray so the page's other notifications show."""

    def ring(key: str, number: str, queue: str) -> None:
        try:
            desk.ring(SOURCE, key, number, queue)
        except Exception:  # the desk's failure must not cost the presenter its next ring
            _log.exception("could not pop the card of a ring heard from the page")

    def softphone_origin() -> QUrl:
        try:
            return view.page().softphone_origin()
        except RuntimeError:  # the view was shut down: nothing is the softphone any more
            return QUrl()

    page = view.page()
    notifications = PageNotifications(page.profile(), softphone_origin, region)
    notifications.rang.connect(ring)
    page.titleChanged.connect(TitleRings(region, ring))  # the connection keeps the callable alive
    return notifications


class TitleRings:
    """Some softphones say a ring in the page title instead ("Incoming call 0532 123 45 67"), often flashing
    it with their own name: a title that reads as a ring rings the desk with no key (the poll's key joins it by
    number). The same caller again is not told again, however often the title flashes; the poll and the
    notification still pop a later call from the same number."""

    def __init__(self, region: Callable[[], str], ring: Callable[[str, str, str], None]) -> None:
        self._region = region
        self._ring = ring
        self._last: tuple[str, str] | None = None

    def __call__(self, title: str) -> None:
        try:
            found = parse_page_ring(title, "", "", self._region() or "")
        except Exception:
            _log.exception("could not read the softphone page's title")
            return
        if found is None or (found.number, found.queue) == self._last:
            return
        self._last = (found.number, found.queue)
        _log.info("the softphone page's title says a call is ringing")
        self._ring("", found.number, found.queue)
