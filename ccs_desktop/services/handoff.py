"""Every call the app places, and the requests that come from outside the window: a second `ccs-desktop`
process (show, call, open a link, hang up, hold), a tel:/callto:/sip: link, the tray's "call the copied number".

Two questions are the UI's, handed in as callables: `confirm(number, go, cancelled, who=...)` asks before a call
over a live one (ui/call_guard.py), `ask(who, shown number, call)` before calling a link (by default).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.contacts import ContactsController
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op
from ccs_desktop.services.session import SessionController
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.contacts.model import Contact
    from ccs_desktop.core.contacts.store import ContactStore
    from ccs_desktop.core.phone import PhoneNumber
    from ccs_desktop.services.agent_service import RecentCall


class Answer(Protocol):
    """The answer to one hand-over (services/instance.py's Reply)."""

    sent: bool

    def ok(self, result: dict[str, Any] | None = None) -> None: ...

    def fail(self, error: str, exit_code: int = 4) -> None: ...


Confirm = Callable[..., None]  # (number, go, cancelled=None, *, who="")


class Handoff(QObject):
    """`show_requested()` when the window should come up; `pending_uri` waits for the login."""

    show_requested = Signal()

    def __init__(
        self,
        session: SessionController,
        contacts: ContactsController,
        runner: TaskRunner,
        bus: MessageBus,
        settings: Settings,
        tracker: CallTracker,
        confirm: Confirm,
        ask: Callable[[str, str, Callable[[], None]], None],
        *,
        pending_uri: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.contacts, self.runner, self.bus = session, contacts, runner, bus
        self.settings, self.tracker, self.confirm, self.ask = settings, tracker, confirm, ask
        self.pending_uri = pending_uri

    # --- placing calls ---------------------------------------------------------------------------------------

    def dial(self, text: str, who: str = "") -> None:
        """Every call the app places: over a live call only after the agent says yes (CallGuard)."""
        if self.session.service is None:
            self.bus.error(self.tr("Log in first."))
            return
        self.confirm(text, lambda: self._dial_now(text), who=who)

    def _dial_now(self, text: str) -> None:
        if self.session.service is None:  # logged out while the question was open
            self.bus.error(self.tr("Log in first."))
            return
        self.session.service.dial(text)

    def call_clipboard(self, *, selection: bool = False) -> None:
        """The tray's "Call the copied number": the clipboard is read here, its text scanned in a worker (as
        the clipboard watcher does), so a long text never holds the window. With `selection` (the global
        shortcut), the selected text where the system has a selection (X11, Wayland) and something is selected,
        else the clipboard."""
        from ccs_desktop.core.phone import extract_numbers  # noqa: PLC0415

        clipboard = QGuiApplication.clipboard()
        selected = ""
        if selection and clipboard.supportsSelection():
            selected = clipboard.text(QClipboard.Mode.Selection).strip()
        copied = clipboard.text()
        region = self.settings.get_str("region")

        def scan() -> list[PhoneNumber]:
            # a selection without a number (a stale word left selected) gives way to the clipboard
            return (extract_numbers(selected, region) if selected else []) or (
                extract_numbers(copied, region) if copied else []
            )

        def dial_first(found: list[PhoneNumber]) -> None:
            if not found:
                self.bus.warning(self.tr("The clipboard holds no phone number."))
                return
            self.dial(found[0].e164)

        run_op(
            self.runner,
            self.bus,
            scan,
            dial_first,
            name="clipboard call",
        )

    # --- links -----------------------------------------------------------------------------------------------

    def open_uri(self, text: str) -> None:
        """A tel:/callto:/sip: link from another app: show who it is, then call (after asking, by default)."""
        service = self.session.service
        if service is None:
            self.pending_uri = text
            self.show_requested.emit()
            return
        try:
            number = service.parse(text)
        except InvalidInput as exc:
            self.show_requested.emit()
            self.bus.error(str(exc))
            return
        region = self.settings.get_str("region")
        self.show_requested.emit()

        def lookup(store: ContactStore) -> Contact | None:
            found = store.find_by_number(number.e164)
            return found[0] if found else None

        def decide(contact: Contact | None) -> None:
            who = self.tr("an unknown number")
            if contact is not None:
                who = contact.display_name
            if self.tracker.is_active():  # the guard's question says it all: one dialog, not two
                self.dial(number.e164, who=who)
                return
            if not self.settings.get_bool("confirm_uri_calls"):
                self.bus.info(self.tr("Calling {who}…").format(who=who))
                self.dial(number.e164)
                return
            self.ask(who, number.display(region), lambda: self.dial(number.e164))

        self.contacts.with_store(lookup, decide, "link lookup")

    def open_pending(self) -> None:
        """After a login: the link that came while logged out."""
        if self.pending_uri:
            uri, self.pending_uri = self.pending_uri, None
            self.open_uri(uri)

    # --- a second process ------------------------------------------------------------------------------------

    def handle(self, message: dict[str, Any], reply: Answer) -> None:
        action = message.get("action")
        if action == "show":
            self.show_requested.emit()
            mismatch = self._mode_mismatch(message.get("demo"))
            if mismatch:  # said in both places: the second process's terminal, and this window
                self.bus.warning(mismatch)
                reply.fail(mismatch, 2)
                return
            reply.ok()
            return
        if action == "ping":  # a login-time `--minimized` start: already running is all it needs to know
            reply.ok()
            return
        if action in ("hangup", "hold", "unhold"):
            self._control(str(action), reply)
            return
        if action not in ("call", "open"):
            reply.fail(self.tr("unknown request {action}").format(action=repr(action)), 2)
            return
        text = str(message.get("number") or message.get("uri") or "")
        if self.session.service is None:
            if action == "open":
                self.pending_uri = text
                self.show_requested.emit()
                reply.ok({"queued": True})
            else:
                reply.fail(self.tr("ccs-desktop is running but not logged in."), 2)
            return
        if action == "open":
            self.open_uri(text)
            reply.ok({"queued": True})
            return

        def done(recent: RecentCall) -> None:
            reply.ok(
                {
                    "call_id": recent.placed.call_id,
                    "number": recent.number.e164,
                    "transaction_id": recent.placed.transaction_id,
                }
            )

        def failed(exc: BaseException) -> None:
            reply.fail(str(exc), getattr(exc, "exit_code", 4))

        dial_format = message.get("dial_format")

        def go() -> None:
            service = self.session.service
            if service is None:
                reply.fail(self.tr("ccs-desktop is running but not logged in."), 2)
                return
            if (
                not service.dial(
                    text, dial_format=str(dial_format) if dial_format else None, done=done, failed=failed
                )
                and not reply.sent
            ):
                reply.fail(self.tr("The same number was dialed less than 2 s ago; not dialed twice."), 2)

        self.confirm(
            text,
            go,
            lambda: reply.fail(self.tr("The agent is on a call and did not place this one."), 2),
        )

    def _mode_mismatch(self, demo: object) -> str:
        """Why a second start cannot have what it asked for ("" when it can): `--demo` while the real app runs
        would otherwise just raise the real window, and a plain start while the demo runs the demo's. A sender
        that says nothing of the demo (`demo` None: an older version, a link) is not judged."""
        if demo is None or bool(demo) == self.session.demo:
            return ""
        if demo:
            return self.tr("ccs-desktop is already running (not in demo mode); quit it first to try the demo.")
        return self.tr("ccs-desktop is already running in demo mode; quit it first to use your account.")

    def _control(self, action: str, reply: Answer) -> None:
        """`ccs-desktop hangup|hold|unhold` while the window runs: done by the window's own agent."""
        service = self.session.service
        if service is None:
            reply.fail(self.tr("ccs-desktop is running but not logged in."), 2)
            return

        def done(message: object) -> None:
            if action == "hangup":
                self.tracker.hangup_confirmed()
            elif action in ("hold", "unhold"):
                self.tracker.hold_confirmed(action == "hold")
            reply.ok({"message": str(message or "")})

        def failed(exc: BaseException) -> None:
            reply.fail(str(exc), getattr(exc, "exit_code", 4))

        run_op(self.runner, self.bus, getattr(service.agent, action), done, fail=failed, name=action)
