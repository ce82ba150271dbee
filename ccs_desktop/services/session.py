"""The agent's session from start to logout: who (identity) → app_token from the keyring → the agent
(`core.api.make_agent`, in a worker) → the supervisor that logs in, loads the softphone and recovers it.

The softphone page itself is the window's: this controller says what to load (`load_softphone(url)`) and hears
what the page does (`page_message`, `page_loaded`, `renderer_crashed`).
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ccs_desktop.core import startup
from ccs_desktop.core.api.tenant import Tenant, resolve_tenant
from ccs_desktop.core.errors import CcsError, InvalidInput
from ccs_desktop.core.keyring_child import Answer, ChildFailed, SavedSecrets, read_secrets
from ccs_desktop.core.settings import Settings
from ccs_desktop.core.softphone import DEMO_TEMPLATE, build_url, origin_of
from ccs_desktop.services.agent_service import AgentService
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.listener_control import ListenerControl
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op
from ccs_desktop.services.supervisor import Supervisor
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:  # requests and keyring load in workers, off the start-up path
    from ccs_desktop.core.api import Agent, StoredSession
    from ccs_desktop.core.api.v1 import V1Agent
    from ccs_desktop.core.credentials import CredentialStore
    from ccs_desktop.services.demo import DemoStart

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Identity:
    """Who is logged in where; `store` is None in demo mode (nothing of the demo reaches the keyring)."""

    tenant_text: str
    email: str
    token: str
    store: CredentialStore | None
    template: str
    build: str

    @functools.cached_property
    def tenant(self) -> Tenant:
        """Resolved once (InvalidInput for a text that names no tenant)."""
        return resolve_tenant(self.tenant_text)


def tenant_now(settings: Settings, clock: Callable[[], float]) -> datetime:
    """The clock CCS dates its records with: this computer's, or the `tenant_utc_offset` setting's."""
    from ccs_desktop.core.api.records import tenant_clock  # noqa: PLC0415

    return tenant_clock(lambda: settings.get_str("tenant_utc_offset"), clock)()


def _warm_up_imports() -> None:
    """requests takes ~0.15 s to import: done once the page is up, not when the agent first clicks Call."""
    import requests  # noqa: F401, PLC0415


class SessionController(QObject):
    """Signals: `login_needed()` (no usable credentials: ask), `identity_shown(tenant, email)`,
    `origin_changed(origin)` (the page's navigation guard), `load_softphone(url)`, `service_started(service)`
    once an agent exists, `line_state(LineState)`, `logged_in()` after every login, `softphone_loaded()` when
    the page loaded, `records_opened()` once the contact list and the call records may load, `v1_started(V1Agent)`
    with the session's v1 API (live calls, status) as the records open, and `v1_stopped()` at its end; `logging_out()` when the agent
    logs out, before anything of the session closes (the v1 API is still there: a last status)."""

    login_needed = Signal()
    identity_shown = Signal(str, str)
    origin_changed = Signal(str)
    load_softphone = Signal(str)
    service_started = Signal(object)
    line_state = Signal(object)
    logged_in = Signal()
    softphone_loaded = Signal()
    records_opened = Signal()
    v1_started = Signal(object)
    v1_stopped = Signal()
    logging_out = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        bus: MessageBus,
        settings: Settings,
        tracker: CallTracker,
        history: CallHistory,
        listeners: ListenerControl,
        clock: Callable[[], float],
        *,
        demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.bus, self.settings, self.tracker = runner, bus, settings, tracker
        self.history, self.listeners, self.clock, self.demo = history, listeners, clock, demo
        self.identity: Identity | None = None
        self.service: AgentService | None = None
        self.supervisor: Supervisor | None = None
        self.v1: V1Agent | None = None  # the v1 API of this session's agent (live calls, status)
        self._v1_started: V1Agent | None = None
        self.records_allowed = False  # the softphone loaded (or 2 s passed): records may load
        # the softphone's template and build once a settings change moved it (else the identity's)
        self._address: tuple[str, str] | None = None

    # --- start -----------------------------------------------------------------------------------------------

    def start_from_settings(self, saved: Callable[[Callable[[Answer], None]], None] | None = None) -> None:
        """Log in with the saved tenant, e-mail and keyring entries (token and session read in one trip).
        `saved(callback)`: where the keyring's answer comes from when a child process read it at start-up
        (web/early_page.py); when that child failed, the keyring is read here."""
        tenant, email = self.settings.get_str("tenant"), self.settings.get_str("email")
        if not tenant or not email:
            self.login_needed.emit()
            return
        try:
            base_url = resolve_tenant(tenant).base_url
        except InvalidInput as exc:
            self.bus.error(str(exc))
            self.login_needed.emit()
            return

        def loaded(secrets: SavedSecrets) -> None:
            startup.mark("keyring")
            if not secrets.token:
                self.login_needed.emit()
                return
            from ccs_desktop.core.credentials import CredentialStore  # noqa: PLC0415

            store = CredentialStore(base_url, email)
            self.begin(self.identity_for(tenant, email, secrets.token, store), stored=(secrets.session,))

        def failed(exc: BaseException) -> None:
            self.bus.show_error(exc)
            self.login_needed.emit()

        def read_here() -> None:
            read = lambda: read_secrets(base_url, email)  # noqa: E731
            run_op(self.runner, self.bus, read, loaded, fail=failed, pool="serial", name="keyring read")

        def answered(answer: Answer) -> None:
            if isinstance(answer, ChildFailed):  # no answer at all: this process asks the keyring
                log.info("%s; reading the keyring here", answer)
                read_here()
            elif isinstance(answer, CcsError):  # the keyring refused (a dismissed unlock prompt): not asked twice
                failed(answer)
            else:
                loaded(answer)

        if saved is None:
            read_here()
        else:
            saved(answered)

    def begin_demo(self, started: DemoStart) -> None:
        """The demo's first session comes from the simulator in this process, as a real start-up reuses the
        session kept in the keyring: the softphone loads without waiting for an HTTP login (and requests); an
        early start's session is the one its page was opened with. Everything after goes over HTTP, and an
        expired session is renewed by the usual login."""
        simulator = started.simulator
        creds = simulator.credentials()
        session = started.session or simulator.cc.login(creds["email"])
        identity = Identity(
            creds["base_url"], creds["email"], creds["app_token"], None, DEMO_TEMPLATE, "demo"
        )
        self.begin(identity, session=session)

    def identity_for(self, tenant: str, email: str, token: str, store: CredentialStore | None) -> Identity:
        template, build = (
            self.settings.get_str("softphone_url_template"),
            self.settings.get_str("softphone_build"),
        )
        return Identity(tenant, email, token, store, template, build)

    def begin(
        self, identity: Identity, session: str | None = None, *, stored: tuple[StoredSession | None] | None = None
    ) -> None:
        """Build the agent for these credentials (in a worker: it loads requests) and let the supervisor log
        in and load the softphone. `stored=(session or None,)`: the keyring's session, already read with the token."""
        self.identity, self._address = identity, None
        tenant = identity.tenant
        self.origin_changed.emit(origin_of(self.softphone_url("x")))
        self.identity_shown.emit(
            self.tr("demo (built-in simulator)") if self.demo else tenant.host, identity.email
        )

        def build() -> tuple[Agent, V1Agent]:
            from ccs_desktop.core.api import make_agent  # noqa: PLC0415
            from ccs_desktop.core.api.v1 import make_v1_agent  # noqa: PLC0415
            from ccs_desktop.core.credentials import BackgroundSessionStore  # noqa: PLC0415

            # the session is read and kept in the keyring through the store, on the runner's serial worker
            store: BackgroundSessionStore | None = None
            if identity.store is not None:
                store = BackgroundSessionStore(
                    identity.store,
                    lambda work: self.runner.submit(work, pool="serial", name="keyring session"),
                    lambda: self.identity is identity,  # nothing is kept after a logout
                    first=stored,
                )
            agent = make_agent(
                tenant, identity.email, identity.token, self.settings, store=store, clock=self.clock
            )
            agent.on_login = self._session_issued
            if session:
                from ccs_desktop.core.api import StoredSession  # noqa: PLC0415

                agent.adopt_session(StoredSession(session, self.clock()))
            elif identity.store is None:  # (with a keyring, the stored session is tried first)
                with contextlib.suppress(CcsError):  # the supervisor logs in again, retries and reports
                    agent.ensure_session()
            return agent, make_v1_agent(agent, self.settings, clock=self.clock)

        run_op(self.runner, self.bus, build, lambda built: self._agent_ready(identity, *built), name="agent")

    def _agent_ready(self, identity: Identity, agent: Agent, v1: V1Agent) -> None:
        startup.mark("agent")
        if self.identity is not identity:
            v1.close()
            return  # logged out meanwhile
        self.service = AgentService(agent, self.settings, self.runner, self.tracker, self.bus, self)
        self.supervisor = Supervisor(
            self.service, self.tracker, self.softphone_url, self, wall_clock=self.clock
        )
        self.supervisor.state_changed.connect(self.line_state)
        self.supervisor.load_softphone.connect(self.load_softphone)
        self.service.logged_in.connect(self._logged_in)
        self.service.hangup_url = self.hangup_url
        self.service.call_placed.connect(self.history.follower.follow_placed)
        self.service_started.emit(self.service)
        self.supervisor.start()
        self.v1 = v1
        self._start_v1()

    def _session_issued(self, stored: StoredSession) -> None:
        """Worker thread: have the GUI thread hear of the new session (the agent's store keeps it)."""
        self.runner.call_soon(self._session_renewed, stored)

    def _session_renewed(self, stored: StoredSession) -> None:
        if self.supervisor is not None:
            self.supervisor.session_renewed(stored)

    def softphone_url(self, session: str) -> str:
        assert self.identity is not None
        tenant = self.identity.tenant
        template, build = self._address or (self.identity.template, self.identity.build)
        return build_url(
            template, base=tenant.base_url, tenant_host=tenant.host, build=build, session=session
        )

    def move_softphone(self, template: str | None, build: str | None) -> None:
        """The softphone's address changed in the settings (None: that part did not): the page moves there
        when the line is free; the next login reads the settings anyway."""
        if self.identity is None:
            return
        old_template, old_build = self._address or (self.identity.template, self.identity.build)
        self._address = (
            old_template if template is None else template,
            old_build if build is None else build,
        )
        if self.supervisor is not None:
            self.supervisor.address_changed()

    def _logged_in(self, _stored: StoredSession) -> None:
        self.start_records()
        self.logged_in.emit()

    # --- call records and notifications ----------------------------------------------------------------------

    def open_records(self) -> None:
        """After the softphone loaded (or 2 s at most): `records_opened()` (the contact list), then the call
        records, whose workers would otherwise compete with the page's start for the interpreter."""
        if self.records_allowed:
            return
        self.records_allowed = True
        self.runner.submit(_warm_up_imports, name="warm-up imports")  # before the agent's first click
        self.records_opened.emit()
        self.start_records()
        self._start_v1()

    def _start_v1(self) -> None:
        """The live-call poll and the status start with the records: their first requests would otherwise
        compete with the page's start for the interpreter (bench_startup)."""
        if self.records_allowed and self.v1 is not None and self.v1 is not self._v1_started:
            self._v1_started = self.v1
            self.v1_started.emit(self.v1)

    def start_records(self) -> None:
        identity, service = self.identity, self.service
        if not self.records_allowed or identity is None or service is None or service.agent.session is None:
            return  # not logged in yet (or the softphone not up): the other one comes back here
        from ccs_desktop.core.calls.cache import account_key  # noqa: PLC0415

        self.history.start(service.agent, account_key(identity.tenant.host, identity.email), identity.email)
        self.listeners.start(identity.store, lambda: self.identity is identity)

    def restart_listener(self) -> None:
        """Its settings changed: the old address stops answering, the new one starts (if logged in). The demo's
        listener follows its simulator, not the settings."""
        if self.demo:
            return
        self.listeners.stop()
        if self.identity is not None:
            identity = self.identity
            self.listeners.start(identity.store, lambda: self.identity is identity)

    def hangup_url(self) -> str | None:
        """Where CCS should POST when an app-placed call ends: only an address CCS can reach."""
        if self.identity is None:
            return None
        return self.listeners.hangup_url(self.identity.tenant.host)

    # --- logout ----------------------------------------------------------------------------------------------

    def logout(self) -> None:
        if self.tracker.is_active():
            self.bus.warning(self.tr("Hang up before logging out: logging out would drop the call."))
            return
        identity = self.identity
        self.logging_out.emit()
        self.end()
        if identity is not None and identity.store is not None:
            run_op(self.runner, self.bus, identity.store.delete_all, pool="serial")
        self.login_needed.emit()

    def end(self) -> None:
        self.history.stop()
        self.listeners.stop()
        if self.supervisor is not None:
            self.supervisor.stop()  # a login still in flight must not load a softphone after this
            self.supervisor.deleteLater()
        if self.service is not None:
            self.service.close()  # its login or click2call still in flight answers into nothing
            self.service.deleteLater()
        self.supervisor = self.service = None
        self.identity = None
        if self.v1 is not None:
            v1, self.v1 = self.v1, None
            self.v1_stopped.emit()
            self.runner.submit(v1.close, name="close v1")  # a request in flight answers into nothing
        self.load_softphone.emit("about:blank")

    # --- what the page does ----------------------------------------------------------------------------------

    def page_message(self, message: dict[str, object]) -> None:
        self.tracker.page_spoke()
        if message.get("type") == "call":
            self.tracker.page_event(message)
        if self.supervisor is not None:
            self.supervisor.page_message(message)

    def page_loaded(self, ok: bool, url: str) -> None:
        if url == "about:blank":
            return
        if ok:
            self.softphone_loaded.emit()
            self.open_records()
        if self.supervisor is not None:
            self.supervisor.page_loaded(ok)

    def page_failed(self, text: str, detail: str) -> None:
        if self.supervisor is not None:
            self.supervisor.page_failed(text, detail)

    def renderer_crashed(self, reason: str) -> None:
        if self.tracker.is_active():
            self.bus.error(
                self.tr(
                    "The softphone stopped during a call. The call may still be up on CCS: use Hang up to end it; "
                    "the softphone comes back after."
                )
            )
        if self.supervisor is not None:
            self.supervisor.renderer_crashed(reason)

    def reload_refused(self) -> None:
        """The view refused a reload during a call (it never drops one): the agent hears when it will happen."""
        self.bus.warning(self.tr("The softphone is not reloaded during a call; it will be after the call."))

    def network_changed(self, online: bool) -> None:
        if self.supervisor is not None:
            self.supervisor.network_changed(online)

    def retry_now(self) -> None:
        if self.supervisor is not None:
            self.supervisor.retry_now()

    def session_age(self) -> float | None:
        return self.service.agent.session_age() if self.service else None
