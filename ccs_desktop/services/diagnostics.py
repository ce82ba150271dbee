"""What Diagnostics shows: rows of (what, result, ok?) about the session, the page, the listener and the
program, as plain data; the dialog (ui/dialogs/diagnostics.py) only shows and copies them."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QDateTime, QObject

from ccs_desktop import __version__
from ccs_desktop.core.calls.rows import hours_minutes
from ccs_desktop.core.errors import CcsError
from ccs_desktop.core.logs import redact
from ccs_desktop.core.memory import tree_pss_mib
from ccs_desktop.services.call_state import LineState, state_text
from ccs_desktop.services.listener_control import ListenerControl
from ccs_desktop.services.session import SessionController

if TYPE_CHECKING:
    from ccs_desktop.services.live_calls import LiveCalls

Check = tuple[str, str, bool | None]  # (what, result text, ok? None = neutral)


def softphone_checks(
    url: str, last_failure: tuple[str, str, float] | None, versions: Mapping[str, str]
) -> list[Check]:
    """The softphone's address (session masked), its last load error and when, and the program versions."""
    what = QCoreApplication.translate("DiagnosticsDialog", "Last softphone load error")
    if last_failure is None:
        error: Check = (what, QCoreApplication.translate("DiagnosticsDialog", "none"), None)
    else:
        text, detail, when = last_failure
        stamp = QDateTime.fromMSecsSinceEpoch(round(when * 1000)).toString("yyyy-MM-dd HH:mm:ss")
        shown = f"{text} ({detail})" if detail else text
        at = QCoreApplication.translate("DiagnosticsDialog", "{error}, at {time}")
        error = (what, at.format(error=shown, time=stamp), False)
    address = redact(url) if url else QCoreApplication.translate("DiagnosticsDialog", "not loaded")
    return [
        (QCoreApplication.translate("DiagnosticsDialog", "Softphone address"), address, None),
        error,
        (
            QCoreApplication.translate("DiagnosticsDialog", "Versions"),
            ", ".join(f"{name} {version}" for name, version in versions.items()),
            None,
        ),
    ]


class PageFacts(Protocol):
    """What Diagnostics asks of the softphone view (web/view.py; only web/ knows QtWebEngine)."""

    def microphone_state(self) -> str:
        """The microphone permission: "granted", "denied" or "not asked"."""

    def address(self) -> str:
        """The softphone address last loaded (it may hold the session: redacted when shown)."""

    def versions(self) -> Mapping[str, str]:
        """Qt's and Chromium's versions."""


class Diagnostics(QObject):
    """`quick_checks()` on the GUI thread (the dialog opens with them), `slow_checks()` in a worker (a ping)."""

    def __init__(
        self,
        session: SessionController,
        listeners: ListenerControl,
        page: PageFacts,
        parent: QObject | None = None,
        *,
        live: LiveCalls | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.listeners, self.page, self.live = session, listeners, page, live

    def quick_checks(self) -> list[Check]:
        mic = self.page.microphone_state()
        age = self.session.session_age()
        pss = tree_pss_mib()
        supervisor = self.session.supervisor
        return [
            (
                self.tr("Session age"),
                self.tr("none") if age is None else hours_minutes(age),
                age is not None,
            ),
            (
                self.tr("Microphone permission"),
                self._permission_text(mic),
                {"granted": True, "denied": False}.get(mic),
            ),
            (
                self.tr("Softphone loaded"),
                self.tr("yes") if supervisor and supervisor.page_ready else self.tr("no"),
                bool(supervisor and supervisor.page_ready),
            ),
            (self.tr("Line"), state_text(supervisor.state if supervisor else LineState.LOGGED_OUT), None),
            (
                self.tr("Memory in use (app + web engine)"),
                self.tr("unknown") if pss is None else self.tr("{mib:.0f} MiB").format(mib=pss),
                None,
            ),
            self.listener_check(),
            *([self.live_check()] if self.live is not None else []),
            *softphone_checks(
                self.page.address(),
                supervisor.last_failure if supervisor else None,
                {"ccs-desktop": __version__, **self.page.versions()},
            ),
        ]

    def listener_check(self) -> Check:
        listener = self.listeners.listener
        if listener is None:
            wanted = self.listeners.wanted()
            return (
                self.tr("Call notifications"),
                self.tr("not listening") if wanted else self.tr("off (Settings)"),
                False if wanted else None,
            )
        if not listener.running:
            return (self.tr("Call notifications"), listener.problem or self.tr("not listening"), False)
        c = listener.counters
        text = self.tr(
            "listening on {url}: {delivered} delivered, {repeated} repeated, {refused} refused"
        ).format(
            url=listener.redacted_base_url, delivered=c.delivered, repeated=c.duplicates, refused=c.refused
        )
        return (self.tr("Call notifications"), text, True)

    def live_check(self) -> Check:
        """The screen pop that needs no listener: CCS's live calls, and which witness popped the cards."""
        assert self.live is not None
        poller, desk = self.live.poller, self.live.desk
        name = self.tr("Live calls from CCS")
        if not poller.running:
            return (name, poller.last_error or self.tr("not asked (logged out)"), False if poller.last_error else None)
        text = self.tr(
            "asked every 2 s: {polls} answers, {failures} failed; cards from the page {page}, "
            "from CCS {poll}, from the listener {listener}"
        ).format(
            polls=poller.polls - poller.failures,
            failures=poller.failures,
            page=desk.popped["page"],
            poll=desk.popped["poll"],
            listener=desk.popped["listener"],
        )
        if poller.last_error:
            text += " (" + poller.last_error + ")"
        return (name, text, not poller.last_error)

    def slow_checks(self) -> list[Check]:
        service = self.session.service
        if service is None:
            return [(self.tr("API reachable"), self.tr("not logged in"), False)]
        started = time.perf_counter()
        try:
            service.agent.ping()
        except CcsError as exc:
            return [
                (self.tr("API reachable"), str(exc), False),
                (self.tr("app_token valid"), self.tr("unknown"), None),
            ]
        ms = (time.perf_counter() - started) * 1000
        return [
            (self.tr("API reachable"), self.tr("yes, {ms:.0f} ms").format(ms=ms), True),
            (self.tr("app_token valid"), self.tr("yes"), True),
        ]

    def _permission_text(self, state: str) -> str:
        return {
            "granted": self.tr("granted"),
            "denied": self.tr("denied"),
            "not asked": self.tr("not asked"),
        }.get(state, state)
