"""The softphone's QWebEnginePage: the policy that keeps a live call from being dropped.

The CCS guide warns that the softphone's WebRTC socket is not reconnected once its page is closed or
reloaded: a call in progress then stays stuck until the customer hangs up. So this page

- loads only the softphone origin in its main frame (an allowlist); links elsewhere go to the system browser,
  other schemes are refused, and popups never become windows;
- refuses even same-origin main-frame loads while `navigation_guard` says no (the app: "a call is active"),
  and always refuses history (back/forward) navigations, which only a stray mouse button or key produces;
- grants the microphone and notifications to the softphone origin only (`permissions.decide`);
- never blocks on a JS dialog, logs the console, and reports a dead renderer as `renderer_crashed`;
- is never frozen or discarded by Chromium's lifecycle management (a frozen page misses calls).

Qt's callbacks become plain values here (`NavigationRequest`, permission names, reason strings), so the rest
of the app never handles QtWebEngine enums.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineFileSystemAccessRequest,
    QWebEngineFullScreenRequest,
    QWebEngineLoadingInfo,
    QWebEngineNewWindowRequest,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineRegisterProtocolHandlerRequest,
)

from ccs_desktop.core.i18n import QT_TRANSLATE_NOOP
from ccs_desktop.core.logs import redact
from ccs_desktop.web.permissions import decide, origin_text, permission_name, same_origin

NavigationType = QWebEnginePage.NavigationType
TerminationStatus = QWebEnginePage.RenderProcessTerminationStatus
ConsoleLevel = QWebEnginePage.JavaScriptConsoleMessageLevel
LifecycleState = QWebEnginePage.LifecycleState
WebAction = QWebEnginePage.WebAction

POPUP = "NewWindow"  # NavigationRequest.navigation_type of a window.open() / target=_blank request
# Navigations that follow a click or a form; Qt gives no finer user-gesture flag for these.
_USER_TYPES = frozenset(
    {NavigationType.NavigationTypeLinkClicked, NavigationType.NavigationTypeFormSubmitted}
)
# Only these lead to the system browser: opening a page there for a redirect or a script's load would be spam.
_EXTERNAL_TYPES = frozenset({"LinkClicked"})
_SUBFRAME_SCHEMES = frozenset({"data"})
BLANK = "about:blank"
_SUBFRAME_ABOUT = frozenset({BLANK, "about:srcdoc"})
# Actions that leave the current document; the view runs its own guarded reload through reload_in_place().
HISTORY_ACTIONS = frozenset(
    {WebAction.Back, WebAction.Forward, WebAction.Reload, WebAction.ReloadAndBypassCache}
)

# The vendor page's console is a diagnostic, not our error: one level lower than it says.
CONSOLE_LEVELS: Mapping[ConsoleLevel, int] = MappingProxyType(
    {
        ConsoleLevel.InfoMessageLevel: logging.DEBUG,
        ConsoleLevel.WarningMessageLevel: logging.INFO,
        ConsoleLevel.ErrorMessageLevel: logging.WARNING,
    }
)

# None: not a crash. Every member is listed, and a test keeps it so.
TERMINATION_REASONS: Mapping[TerminationStatus, str | None] = MappingProxyType(
    {
        TerminationStatus.NormalTerminationStatus: None,
        TerminationStatus.AbnormalTerminationStatus: QT_TRANSLATE_NOOP(
            "SoftphonePage", "the softphone page stopped unexpectedly (exit code {code})"
        ),
        TerminationStatus.CrashedTerminationStatus: QT_TRANSLATE_NOOP(
            "SoftphonePage", "the softphone page crashed (exit code {code})"
        ),
        TerminationStatus.KilledTerminationStatus: QT_TRANSLATE_NOOP(
            "SoftphonePage", "the softphone page was killed (out of memory, or by another program)"
        ),
    }
)

ErrorDomain = QWebEngineLoadingInfo.ErrorDomain

# Chromium's net error codes (net/base/net_error_list.h) -> what the agent reads after "cannot be reached: ".
# Codes not listed fall back to their domain's phrase, then to Chromium's own text.
LOAD_PROBLEMS: Mapping[int, str] = MappingProxyType(
    {
        -105: QT_TRANSLATE_NOOP("SoftphonePage", "host not found"),  # ERR_NAME_NOT_RESOLVED
        -137: QT_TRANSLATE_NOOP("SoftphonePage", "host not found"),  # ERR_NAME_RESOLUTION_FAILED
        -102: QT_TRANSLATE_NOOP("SoftphonePage", "connection refused"),  # ERR_CONNECTION_REFUSED
        -7: QT_TRANSLATE_NOOP("SoftphonePage", "no answer in time"),  # ERR_TIMED_OUT
        -118: QT_TRANSLATE_NOOP("SoftphonePage", "no answer in time"),  # ERR_CONNECTION_TIMED_OUT
        -109: QT_TRANSLATE_NOOP("SoftphonePage", "address unreachable"),  # ERR_ADDRESS_UNREACHABLE
        -106: QT_TRANSLATE_NOOP("SoftphonePage", "no network connection"),  # ERR_INTERNET_DISCONNECTED
        -21: QT_TRANSLATE_NOOP("SoftphonePage", "the network changed"),  # ERR_NETWORK_CHANGED
        -100: QT_TRANSLATE_NOOP("SoftphonePage", "the connection was cut"),  # ERR_CONNECTION_CLOSED
        -101: QT_TRANSLATE_NOOP("SoftphonePage", "the connection was cut"),  # ERR_CONNECTION_RESET
        -130: QT_TRANSLATE_NOOP("SoftphonePage", "the proxy refused it"),  # ERR_PROXY_CONNECTION_FAILED
        -111: QT_TRANSLATE_NOOP("SoftphonePage", "the proxy refused it"),  # ERR_TUNNEL_CONNECTION_FAILED
        -20: QT_TRANSLATE_NOOP("SoftphonePage", "blocked"),  # ERR_BLOCKED_BY_CLIENT
        -22: QT_TRANSLATE_NOOP(
            "SoftphonePage", "blocked by the administrator"
        ),  # ERR_BLOCKED_BY_ADMINISTRATOR
        -312: QT_TRANSLATE_NOOP("SoftphonePage", "port not allowed"),  # ERR_UNSAFE_PORT
    }
)
DOMAIN_PROBLEMS: Mapping[ErrorDomain, str] = MappingProxyType(
    {
        ErrorDomain.DnsErrorDomain: QT_TRANSLATE_NOOP("SoftphonePage", "host not found"),
        ErrorDomain.CertificateErrorDomain: QT_TRANSLATE_NOOP(
            "SoftphonePage", "its certificate is not trusted"
        ),
        ErrorDomain.ConnectionErrorDomain: QT_TRANSLATE_NOOP("SoftphonePage", "connection failed"),
    }
)


@dataclass(frozen=True)
class LoadFailure:
    """A main-frame load that failed, as plain values: `text` for the agent, `detail` for diagnostics (English)."""

    host: str
    text: str
    detail: str


def describe_load_failure(url: QUrl, domain: ErrorDomain, code: int, error_string: str) -> LoadFailure:
    """What to tell the agent about a failed load: the host, and the error as a short translated phrase."""
    host = url.host() or url.toString()
    detail = f"{domain.name} {code} {error_string}".strip()
    if domain == ErrorDomain.HttpStatusCodeDomain:
        text = QCoreApplication.translate("SoftphonePage", "the softphone at {host} answered HTTP {status}")
        return LoadFailure(host, text.format(host=host, status=code), detail)
    template = LOAD_PROBLEMS.get(code) or DOMAIN_PROBLEMS.get(domain)
    if template is not None:
        problem = QCoreApplication.translate("SoftphonePage", template)
    else:
        problem = error_string.removeprefix("net::") or domain.name
    text = QCoreApplication.translate("SoftphonePage", "the softphone at {host} cannot be reached: {problem}")
    return LoadFailure(host, text.format(host=host, problem=problem), detail)


_log = logging.getLogger(__name__)
_console_log = logging.getLogger("ccs_desktop.web.console")


class Verdict(enum.Enum):
    """What the allowlist says about one navigation, before the call guard is asked."""

    LOAD = "load"
    EXTERNAL = "open in the system browser"
    REFUSE = "refuse"


@dataclass
class NavigationRequest:
    """One navigation, as plain values; a handler of `navigation_requested` may set `allowed = False` to veto.

    `navigation_type` is Qt's type without its prefix ("LinkClicked", "Typed", "Reload", ...), or "NewWindow"
    for a popup. `user_initiated` is Qt's gesture flag for popups and "a link or a form" otherwise.
    """

    url: QUrl
    navigation_type: str
    is_main_frame: bool
    user_initiated: bool
    allowed: bool = True


def navigation_type_name(navigation_type: NavigationType) -> str:
    return navigation_type.name.removeprefix("NavigationType")


def navigation_verdict(request: NavigationRequest, softphone_origin: QUrl) -> Verdict:
    """The allowlist, as a pure function: only the softphone origin loads; user-followed links go outside."""
    url = request.url
    scheme = url.scheme().lower()
    if not request.is_main_frame:
        if same_origin(url, softphone_origin) or scheme in _SUBFRAME_SCHEMES:
            return Verdict.LOAD
        return Verdict.LOAD if url.toString() in _SUBFRAME_ABOUT else Verdict.REFUSE
    if request.navigation_type == POPUP:
        # A softphone-origin popup would have to replace the softphone page, which drops its SIP registration.
        if scheme in ("http", "https") and not same_origin(url, softphone_origin) and request.user_initiated:
            return Verdict.EXTERNAL
        return Verdict.REFUSE
    if request.navigation_type == "BackForward":
        return Verdict.REFUSE  # the softphone's own routing is same-document and never asks
    if same_origin(url, softphone_origin):
        return Verdict.LOAD
    if url.toString() == BLANK and request.navigation_type == "Typed":
        # Only the app's own load_softphone(about:blank), which unloads the softphone at logout.
        return Verdict.LOAD
    if scheme in ("http", "https") and request.navigation_type in _EXTERNAL_TYPES:
        return Verdict.EXTERNAL
    return Verdict.REFUSE


def termination_reason(status: TerminationStatus, exit_code: int) -> str | None:
    """A sentence for the agent when the renderer died; None when it ended normally."""
    template = TERMINATION_REASONS.get(
        status, QT_TRANSLATE_NOOP("SoftphonePage", "the softphone page stopped ({status}, exit code {code})")
    )
    if template is None:
        return None
    return QCoreApplication.translate("SoftphonePage", template).format(
        code=exit_code, status=getattr(status, "name", status)
    )


class SoftphonePage(QWebEnginePage):
    """The softphone page and its policies (see the module docstring).

    Attributes:
        navigation_guard: asked before any main-frame load; False (a call is active) refuses it.

    Signals:
        navigation_requested(NavigationRequest): before each decision; handlers may veto.
        external_link(QUrl): a link the agent followed to another site; the view opens it outside.
        navigation_refused(QUrl): a main-frame load refused by `navigation_guard`.
        permission_decided(str, str, bool): permission name, requesting origin, granted.
        renderer_crashed(str): the renderer died; a readable reason.
    """

    navigation_requested = Signal(object)
    external_link = Signal(QUrl)
    navigation_refused = Signal(QUrl)
    permission_decided = Signal(str, str, bool)
    renderer_crashed = Signal(str)

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.navigation_guard: Callable[[QUrl], bool] | None = None
        self._softphone_origin = QUrl()
        self._permission_states: dict[QWebEnginePermission.PermissionType, str] = {}
        self._history_action_allowed = False
        self._shutting_down = False

        self.permissionRequested.connect(self._on_permission_requested)
        self.newWindowRequested.connect(self._on_new_window_requested)
        self.renderProcessTerminated.connect(self._on_render_process_terminated)
        self.recommendedStateChanged.connect(self._on_recommended_state)
        self.lifecycleStateChanged.connect(self._on_lifecycle_state)
        self.fullScreenRequested.connect(self._on_full_screen_requested)
        self.fileSystemAccessRequested.connect(self._on_file_system_access_requested)
        self.registerProtocolHandlerRequested.connect(self._on_register_protocol_handler)
        self.setLifecycleState(LifecycleState.Active)

    # --- origin -----------------------------------------------------------------------------------------

    def set_softphone_origin(self, url: QUrl) -> None:
        """The one origin that may load here and use the microphone, from any URL of the softphone.

        An empty or non-http(s) URL leaves no such origin: nothing loads or gets the microphone.
        """
        source = QUrl(url)
        origin = QUrl()
        if source.scheme().lower() in ("http", "https") and source.host():
            origin.setScheme(source.scheme().lower())
            origin.setHost(source.host())
            origin.setPort(source.port())
        self._softphone_origin = origin
        _log.info("softphone origin is %s", origin_text(origin) if not origin.isEmpty() else "(none)")

    def softphone_origin(self) -> QUrl:
        return QUrl(self._softphone_origin)

    # --- navigation -------------------------------------------------------------------------------------

    def acceptNavigationRequest(self, url: QUrl | str, type: NavigationType, isMainFrame: bool) -> bool:
        request = NavigationRequest(QUrl(url), navigation_type_name(type), isMainFrame, type in _USER_TYPES)
        return self._decide_navigation(request)

    def createWindow(self, type: QWebEnginePage.WebWindowType) -> QWebEnginePage | None:
        """Never a window: the popup's URL went through the policy in `_on_new_window_requested`."""
        _log.debug("no window created for a %s request", type.name)
        return None

    def _on_new_window_requested(self, request: QWebEngineNewWindowRequest) -> None:
        self._decide_navigation(
            NavigationRequest(QUrl(request.requestedUrl()), POPUP, True, request.isUserInitiated())
        )

    def _decide_navigation(self, request: NavigationRequest) -> bool:
        """Handlers first (they may veto), then the allowlist, then the call guard; True to load."""
        shown = redact(request.url.toString())
        self.navigation_requested.emit(request)
        if not request.allowed:
            _log.info("navigation to %s vetoed by a handler", shown)
            return False
        verdict = navigation_verdict(request, self._softphone_origin)
        if verdict is Verdict.EXTERNAL:
            _log.info("opening %s outside the softphone", shown)
            self.external_link.emit(QUrl(request.url))
            return False
        if verdict is Verdict.REFUSE:
            _log.info(
                "refused a %s navigation (%s) to %s",
                request.navigation_type,
                "main frame" if request.is_main_frame else "subframe",
                shown,
            )
            return False
        if request.is_main_frame and not self.guard_allows(request.url):
            _log.warning("refused to load %s over the softphone page: a call is active", shown)
            self.navigation_refused.emit(QUrl(request.url))
            return False
        return True

    def guard_allows(self, url: QUrl) -> bool:
        """Whether `navigation_guard` lets a main-frame load replace the page; a failing guard says no."""
        guard = self.navigation_guard
        if guard is None:
            return True
        try:
            return bool(guard(url))
        except Exception:
            _log.exception("the navigation guard failed; refusing, to keep any call alive")
            return False

    def triggerAction(self, action: WebAction, checked: bool = False) -> None:
        """Back, forward and reload from menus or shortcuts are ignored: only `reload_in_place` reloads."""
        if action in HISTORY_ACTIONS and not self._history_action_allowed:
            _log.info("ignored the %s action: it would leave the softphone page", action.name)
            return
        super().triggerAction(action, checked)

    def reload_in_place(self) -> None:
        """Reload the current document (still subject to `navigation_guard`); for SoftphoneView only."""
        self._history_action_allowed = True
        try:
            super().triggerAction(WebAction.Reload)
        finally:
            self._history_action_allowed = False

    # --- permissions ------------------------------------------------------------------------------------

    def _on_permission_requested(self, permission: QWebEnginePermission) -> None:
        kind = permission.permissionType()
        origin = permission.origin()
        granted = decide(kind, origin, self._softphone_origin)
        if granted:
            permission.grant()
            _log.info("granted %s to %s", permission_name(kind), origin_text(origin))
        else:
            permission.deny()
        self._permission_states[kind] = "granted" if granted else "denied"
        self.permission_decided.emit(permission_name(kind), origin_text(origin), granted)

    def permission_state(self, permission_type: QWebEnginePermission.PermissionType) -> str:
        """The last decision for this type in this page: "granted", "denied" or "not asked"."""
        return self._permission_states.get(permission_type, "not asked")

    def _on_full_screen_requested(self, request: QWebEngineFullScreenRequest) -> None:
        request.reject()

    def _on_file_system_access_requested(self, request: QWebEngineFileSystemAccessRequest) -> None:
        _log.info("refused file system access for %s", redact(request.filePath().toString()))
        request.reject()

    def _on_register_protocol_handler(self, request: QWebEngineRegisterProtocolHandlerRequest) -> None:
        _log.info("refused to register a handler for %s", request.scheme())
        request.reject()

    # --- JS dialogs and console: never block, always log -----------------------------------------------

    def javaScriptConsoleMessage(
        self, level: ConsoleLevel, message: str, lineNumber: int, sourceID: str
    ) -> None:
        _console_log.log(
            CONSOLE_LEVELS.get(level, logging.INFO),
            "%s:%d: %s",
            redact(sourceID),
            lineNumber,
            redact(message),
        )

    def javaScriptAlert(self, securityOrigin: QUrl | str, msg: str) -> None:
        _log.info("the softphone page showed an alert (not displayed): %s", redact(msg))

    def javaScriptConfirm(self, securityOrigin: QUrl | str, msg: str) -> bool:
        """Answered "no" at once: a modal dialog would stall the page, and "stay" keeps a call alive."""
        _log.info("the softphone page asked to confirm (answered no): %s", redact(msg))
        return False

    def javaScriptPrompt(self, securityOrigin: QUrl | str, msg: str, defaultValue: str) -> tuple[bool, str]:
        _log.info("the softphone page prompted (cancelled): %s", redact(msg))
        return False, ""

    # --- renderer and lifecycle -------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Before deletion: a renderer that ends or a page discarded from now on is no crash."""
        self._shutting_down = True

    def _on_render_process_terminated(self, status: TerminationStatus, exit_code: int) -> None:
        if self._shutting_down:
            return
        reason = termination_reason(status, exit_code)
        if reason is None:
            return
        _log.error("%s", reason)
        self.renderer_crashed.emit(reason)

    def _on_recommended_state(self, state: LifecycleState) -> None:
        # Chromium recommends Frozen/Discarded for hidden pages to save resources; a frozen softphone stops
        # its SIP keep-alives and rings late or never, and a discarded one is a reload. So we never follow.
        _log.debug("ignored the recommended lifecycle state %s", state.name)

    def _on_lifecycle_state(self, state: LifecycleState) -> None:
        if state == LifecycleState.Frozen:
            _log.warning("the softphone page was frozen; making it active again")
            self.setLifecycleState(LifecycleState.Active)
        elif state == LifecycleState.Discarded and not self._shutting_down:
            reason = self.tr("the softphone page was discarded")
            _log.error("%s", reason)
            self.renderer_crashed.emit(reason)
