"""The widget that shows the softphone for the whole agent shift.

It is meant to be created once and kept (hide it, never close or recreate it): reloading or replacing the page
drops the softphone's SIP registration and, mid-call, the call itself. So every way to load again goes through
`load_softphone`/`reload_softphone`, which ask `can_reload` first; back/forward/reload are not in the context
menu and are ignored as page actions (see `SoftphonePage.triggerAction`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, QUrl, Signal, SignalInstance, qVersion
from PySide6.QtGui import QContextMenuEvent, QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEngineLoadingInfo,
    QWebEnginePage,
    QWebEngineProfile,
    qWebEngineChromiumVersion,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QMenu, QWidget

from ccs_desktop.core import startup
from ccs_desktop.core.logs import redact
from ccs_desktop.web.bridge import SoftphoneBridge
from ccs_desktop.web.page import BLANK, HISTORY_ACTIONS, LoadFailure, SoftphonePage, describe_load_failure
from ccs_desktop.web.permissions import microphone_state

WebAction = QWebEnginePage.WebAction
# Besides history: developer tools, and downloads (the profile refuses them anyway).
HIDDEN_MENU_ACTIONS = HISTORY_ACTIONS | {
    WebAction.ViewSource,
    WebAction.InspectElement,
    WebAction.SavePage,
    WebAction.DownloadLinkToDisk,
    WebAction.DownloadImageToDisk,
    WebAction.DownloadMediaToDisk,
}

_log = logging.getLogger(__name__)
HOLD_LIMIT_MS = 20_000  # an early page's events, unclaimed for this long, go to whoever listens


def engine_versions() -> dict[str, str]:
    """Qt's and Chromium's versions, for diagnostics (a softphone bug report needs the Chromium build)."""
    return {"Qt": qVersion(), "Chromium": qWebEngineChromiumVersion()}


def _always() -> bool:
    return True


def _open_in_browser(url: QUrl) -> None:
    if not QDesktopServices.openUrl(url):
        _log.warning("could not open %s in the system browser", redact(url.toString()))


def _is_call(event: tuple[SignalInstance, tuple[object, ...]]) -> bool:
    args = event[1]
    return bool(args) and isinstance(args[0], dict) and args[0].get("type") == "call"


def _emit_held(held: list[tuple[SignalInstance, tuple[object, ...]]], *, calls: bool | None = None) -> None:
    """Held events as if they happened now, in their order; `calls`: only the page's call messages (True), or
    only the rest (False)."""
    for event in held:
        if calls is None or calls == _is_call(event):
            event[0].emit(*event[1])


class SoftphoneView(QWebEngineView):
    """A QWebEngineView bound to one SoftphonePage on the given profile, with its bridge installed.

    Attributes:
        bridge: the page's SoftphoneBridge (connect to `bridge.message`).
        can_reload: asked before any (re)load; the app sets it to "no call is active".
        open_external: opens a followed outside link; QDesktopServices by default, replaceable in tests.

    Signals:
        loaded(bool): a main-frame load finished (True) or failed (False); refused navigations are silent.
        load_failed(str, str): just before loaded(False): what the agent reads ("the softphone at host cannot
            be reached: host not found") and the technical detail (error domain, code, Chromium's text).
        reload_refused(): load_softphone/reload_softphone was refused by `can_reload` (or the page's
            `navigation_guard`, which is asked too).
    """

    loaded = Signal(bool)
    load_failed = Signal(str, str)
    reload_refused = Signal()

    def __init__(self, profile: QWebEngineProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.can_reload: Callable[[], bool] = _always
        self.open_external: Callable[[QUrl], None] = _open_in_browser
        self._softphone_url = QUrl()
        self._shut_down = False
        self.last_failure: LoadFailure | None = None
        # the page's events while nobody listens yet (hold_events), in the order they happened
        self._held: list[tuple[SignalInstance, tuple[object, ...]]] | None = None
        self._claimed = False
        page = SoftphonePage(profile, self)
        self.setPage(page)
        self.bridge = SoftphoneBridge(self)
        self.bridge.install(page)
        page.external_link.connect(self._on_external_link)
        page.loadingChanged.connect(self._on_loading_changed)
        page.renderer_crashed.connect(self._expire_held)  # a held page that died: its calls told, loaded again

    def page(self) -> SoftphonePage:
        """The SoftphonePage, typed; it is gone after shutdown()."""
        if self._shut_down:
            raise RuntimeError("the softphone view was shut down")
        page = super().page()
        assert isinstance(page, SoftphonePage), f"unexpected page type {type(page).__name__}"
        return page

    def softphone_url(self) -> QUrl:
        """The URL last given to load_softphone (it may hold the session: redact before logging)."""
        return QUrl(self._softphone_url)

    def address(self) -> str:
        """`softphone_url` as text, for Diagnostics and the page's load events."""
        return self._softphone_url.toString()

    def microphone_state(self) -> str:
        """The page's last microphone decision (web.permissions.microphone_state)."""
        return microphone_state(self.page())

    def versions(self) -> dict[str, str]:
        return engine_versions()

    def load_softphone(self, url: QUrl) -> bool:
        """Load the softphone from `url` and make its origin the only allowed one; False if refused now.

        `about:blank` unloads the softphone (at logout) and leaves no origin that may use the microphone.
        """
        blank = url.toString() == BLANK
        if not blank and (
            not url.isValid() or url.scheme().lower() not in ("http", "https") or not url.host()
        ):
            raise ValueError(f"the softphone URL must be http(s) or about:blank: {redact(url.toString())}")
        if self._held is not None and not self._claimed and url == self._softphone_url:
            self._claimed = True  # the page an early start requested: not loaded twice
            QTimer.singleShot(0, self, self._replay)
            return True
        early = self._release_held()
        page = self.page()
        if not self._may_reload() or not page.guard_allows(url):
            _log.warning("refused to load the softphone: a call is active")
            _emit_held(early, calls=False)  # the early page stays: what else it said is true too
            self.reload_refused.emit()
            return False
        if not blank:
            startup.mark("page_requested")
        page.set_softphone_origin(QUrl() if blank else url)
        self._softphone_url = QUrl(url)
        _log.info("loading the softphone from %s", redact(url.toString()))
        page.load(url)
        return True

    def hold_events(self, limit_ms: int = HOLD_LIMIT_MS) -> None:
        """Keep the page's events (loaded, load_failed, the bridge's messages) until the next `load_softphone`:
        the same URL replays them instead of loading again (web/early_page.py); another first gets the page's
        calls replayed (so a live call keeps its page), and the rest too if it is refused. Unclaimed after
        `limit_ms` (the session never started), the calls are told and the rest dropped: a later load is real."""
        self._held, self._claimed = [], False
        self.bridge.held, self.bridge.calls_pass = self._held, False
        QTimer.singleShot(limit_ms, self, lambda held=self._held: held is self._held and self._expire_held())

    def release_calls(self) -> None:
        """Someone listens now: the held page's calls go out at once and from now on as they come (the guards
        must see a live call); its other events wait for the claim."""
        if self._held is None:
            return
        calls = [event for event in self._held if _is_call(event)]
        self._held[:] = [event for event in self._held if not _is_call(event)]  # (the bridge holds this list)
        self.bridge.calls_pass = True
        _emit_held(calls)

    def _release_held(self) -> list[tuple[SignalInstance, tuple[object, ...]]]:
        """A load or reload other than the claim: the early page's calls are told first, so the guards see a live
        one; the rest is returned, to be told if the load is refused (the page stays) or else dropped."""
        early = self._take_held()
        _emit_held(early, calls=True)
        return early

    def _take_held(self) -> list[tuple[SignalInstance, tuple[object, ...]]]:
        held = self._held or []
        self._drop_held()
        return held

    def _drop_held(self) -> None:
        self._held = self.bridge.held = None

    def _replay(self) -> None:
        _emit_held(self._take_held())

    def _expire_held(self) -> None:
        _emit_held(self._take_held(), calls=True)

    def _emit(self, signal: SignalInstance, *args: object) -> None:
        if self._held is not None:
            self._held.append((signal, args))
        else:
            signal.emit(*args)

    def reload_softphone(self) -> bool:
        """Reload the softphone page in place; False (and reload_refused) while a guard says no."""
        if self._softphone_url.isEmpty():
            _log.info("nothing to reload: the softphone was never loaded")
            return False
        page = self.page()
        early = self._release_held()
        if not self._may_reload() or not page.guard_allows(page.url()):
            _log.warning("refused to reload the softphone: a call is active")
            _emit_held(early, calls=False)
            self.reload_refused.emit()
            return False
        _log.info("reloading the softphone")
        page.reload_in_place()
        return True

    def shutdown(self) -> None:
        """Explicit teardown: stop loading, cut the bridge, delete the page. Delete the profile after this,
        once the event loop has run (the page is deleted with deleteLater)."""
        if self._shut_down:
            return
        page = self.page()
        self._shut_down = True
        self._drop_held()
        page.shutdown()
        self.stop()
        self.bridge.teardown()
        page.external_link.disconnect(self._on_external_link)
        page.loadingChanged.disconnect(self._on_loading_changed)
        page.deleteLater()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        if menu is None:
            return
        menu.popup(event.globalPos())

    def context_menu(self) -> QMenu | None:
        """Qt's menu for the last right-click, minus history and developer actions; None if nothing is left."""
        menu = self.createStandardContextMenu()
        if menu is None:
            return None
        hidden = {self.pageAction(action) for action in HIDDEN_MENU_ACTIONS}
        after_separator = True  # also drops a separator at the top
        for action in menu.actions():
            if action in hidden or (action.isSeparator() and after_separator):
                menu.removeAction(action)
                continue
            after_separator = action.isSeparator()
        actions = menu.actions()
        if actions and actions[-1].isSeparator():
            menu.removeAction(actions[-1])
        if menu.isEmpty():
            menu.deleteLater()
            return None
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu

    def _may_reload(self) -> bool:
        try:
            return bool(self.can_reload())
        except Exception:
            _log.exception("the reload guard failed; refusing, to keep any call alive")
            return False

    def _on_external_link(self, url: QUrl) -> None:
        try:
            self.open_external(url)
        except Exception:
            _log.exception("could not open %s outside", redact(url.toString()))

    def _on_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        status = info.status()
        shown = redact(info.url().toString())
        if status == QWebEngineLoadingInfo.LoadStatus.LoadSucceededStatus:
            _log.info("loaded %s", shown)
            if info.url().toString() != BLANK:
                startup.mark("page_loaded")
            self._emit(self.loaded, True)
        elif status == QWebEngineLoadingInfo.LoadStatus.LoadFailedStatus:
            failure = describe_load_failure(
                info.url(), info.errorDomain(), info.errorCode(), info.errorString()
            )
            self.last_failure = failure
            _log.warning("could not load %s: %s", shown, failure.detail)
            self._emit(self.load_failed, failure.text, failure.detail)
            self._emit(self.loaded, False)
