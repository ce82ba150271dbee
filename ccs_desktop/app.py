"""Composition root of the GUI: builds every object once, connects them, and owns the quit rule.

Nothing else reaches for globals; panels, tray and services only know what they are handed here.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, QUrl
from PySide6.QtGui import QGuiApplication, QSessionManager
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QSystemTrayIcon

from ccs_desktop import APP_ID, __version__
from ccs_desktop.core import handoff, i18n
from ccs_desktop.core.api.tenant import resolve_tenant
from ccs_desktop.core.errors import CcsError, InvalidInput
from ccs_desktop.core.memory import process_age, tree_pss_mib
from ccs_desktop.core.paths import config_file, data_dir, database_file
from ccs_desktop.core.settings import Settings
from ccs_desktop.core.softphone import DEMO_TEMPLATE, build_url, origin_of
from ccs_desktop.services import preferences, translation
from ccs_desktop.services.agent_service import AgentService, RecentCall
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker, LineState
from ccs_desktop.services.clipboard import ClipboardWatcher
from ccs_desktop.services.faults import FaultReporter
from ccs_desktop.services.instance import InstanceServer, Reply
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.stop_signals import StopSignals
from ccs_desktop.services.supervisor import Supervisor
from ccs_desktop.services.tasks import TaskRunner, favour_the_gui_thread
from ccs_desktop.ui.call_guard import CallGuard
from ccs_desktop.ui.calls_panel import CallsPanel
from ccs_desktop.ui.main_window import MainWindow, adopt_old_layout, state_text
from ccs_desktop.ui.popup import NumberPopup
from ccs_desktop.ui.tray import Tray
from ccs_desktop.web.profile import create_profile
from ccs_desktop.web.view import SoftphoneView, engine_versions

if TYPE_CHECKING:  # requests, keyring and phonenumbers load in workers, off the start-up path
    from ccs_desktop.core.api import Agent, StoredSession
    from ccs_desktop.core.calls.cache import CallCache
    from ccs_desktop.core.calls.rows import Note
    from ccs_desktop.core.contacts.model import Contact
    from ccs_desktop.core.contacts.store import ContactStore
    from ccs_desktop.core.credentials import CredentialStore
    from ccs_desktop.core.notifications import CallNotification
    from ccs_desktop.services.listener import NotificationListener
    from ccs_desktop.ui.dialogs.diagnostics import Check
    from ccs_desktop.ui.dialogs.login import LoginDialog

log = logging.getLogger(__name__)

SMOKE_TIMEOUT_MS = 90_000


@dataclass(frozen=True)
class Identity:
    """Who is logged in where; `store` is None in demo mode (nothing of the demo reaches the keyring)."""

    tenant_text: str
    email: str
    token: str
    store: CredentialStore | None
    template: str
    build: str


def connect_calls_panel(calls: CallsPanel, history: CallHistory) -> None:
    """What the Calls tab asks of the call history, and what it shows of it (Export is the caller's: it asks
    for a file name)."""
    calls.today = lambda: history.now().date()
    calls.period_changed.connect(history.open_period)
    calls.refresh_requested.connect(history.refresh)
    calls.details_requested.connect(lambda row: history.details(row, calls.show_details))
    calls.note_saved.connect(history.save_note)
    history.status.connect(calls.show_status)
    history.timeline_changed.connect(calls.timeline_changed)


class App(QObject):
    """`owns_loop`: quitting ends the Qt event loop (False when embedded, e.g. in tests: QtWebEngine stops for
    good once the application has been told to exit)."""

    def __init__(
        self,
        qapp: QApplication,
        *,
        demo: bool = False,
        smoke: bool = False,
        uri: str | None = None,
        owns_loop: bool = True,
        minimized: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(qapp)
        self.clock = clock  # UTC epoch seconds: every "now" of the app (and of the demo's simulator) reads it
        self.owns_loop = owns_loop
        self.qapp = qapp
        self.demo = demo
        self.smoke = smoke
        self.pending_uri = uri
        self.minimized = minimized
        self.settings = Settings(config_file())
        # Before any widget exists: every text is translated when it is made (a new language needs a restart).
        self.language = i18n.resolve(self.settings.get_str("language"), system=translation.system_language())
        self.translation = translation.install(qapp, self.language)
        self.faults = FaultReporter(self)
        self.runner = TaskRunner(self, report=self.faults.report)
        # Work that start-up waits for begins first, in workers, while the widgets and Chromium are built.
        self._demo_future = (
            self.runner.submit(lambda: _start_simulator(clock), name="demo simulator") if demo else None
        )
        self.bus = MessageBus(self)
        self.tracker = CallTracker(self)
        self.simulator: Any = None
        self.service: AgentService | None = None
        self.supervisor: Supervisor | None = None
        self.identity: Identity | None = None
        # the softphone's template and build once a settings change moved it (else the identity's)
        self._address: tuple[str, str] | None = None
        self.quit_box: QMessageBox | None = None
        self.uri_box: QMessageBox | None = None
        self.login_dialog: LoginDialog | None = None
        self.smoke_state: dict[str, Any] = {}
        self.exit_code = 0
        self.quit_started = False

        self.profile = create_profile(data_dir() / ("webengine-demo" if demo else "webengine"), self)
        self.view = SoftphoneView(self.profile)
        self.view.can_reload = lambda: not self.tracker.is_active()
        self.view.page().navigation_guard = lambda _url: not self.tracker.is_active()
        if not smoke:
            adopt_old_layout(self.settings, data_dir() / "window-state.ini")
        self.window = MainWindow(self.view, self.settings)
        self.window.persist = not smoke
        self.tray = Tray(self)
        self.popup = NumberPopup()
        self.call_guard = CallGuard(self.tracker, self.window, lambda: self.settings.get_str("region"), self)
        self.clipboard = ClipboardWatcher(self.runner, lambda: self.settings.get_str("region"), self)
        self.clipboard.enabled = self.settings.get_bool("clipboard_lookup")
        self._store: ContactStore | None = None  # opened by the serial worker, used only there
        self._calls: CallCache | None = None  # likewise
        self.history = CallHistory(
            self.runner,
            self.window.calls.model,
            self._calls_db,
            self._names_for,
            self.tracker,
            self.bus,
            self,
            now=self._tenant_now,
        )
        self.listener: NotificationListener | None = None
        self._contacts_opened = False
        self.window.contacts.region = self.window.calls.model.region = self.settings.get_str("region")
        self.instance = InstanceServer(self)
        self._wire()

    # --- wiring ----------------------------------------------------------------------------------------------

    def _wire(self) -> None:
        w, tray, view = self.window, self.tray, self.view
        w.dial_requested.connect(self.dial)
        w.hangup_requested.connect(lambda: self.service and self.service.hangup())
        w.hold_requested.connect(lambda: self.service and self.service.hold())
        w.unhold_requested.connect(lambda: self.service and self.service.unhold())
        w.quit_requested.connect(self.request_quit)
        w.settings_requested.connect(self.open_settings)
        w.diagnostics_requested.connect(self.open_diagnostics)
        w.logout_requested.connect(self.logout)
        w.reload_requested.connect(self.reload_softphone)
        w.retry_requested.connect(self.reload_softphone)
        w.import_requested.connect(self._choose_import)
        w.export_requested.connect(self._choose_export)
        tray.toggle_window.connect(self.toggle_window)
        tray.show_window.connect(self.show_window)
        tray.call_clipboard.connect(self.call_clipboard)
        tray.call_back.connect(self.dial)
        tray.settings_requested.connect(self.open_settings)
        tray.quit_requested.connect(self.request_quit)
        tray.pause_toggled.connect(self._pause_clipboard)
        self.clipboard.number_copied.connect(self._number_copied)
        self.popup.call_requested.connect(self.dial)
        self.popup.open_requested.connect(self._open_contact_for)
        contacts = self.window.contacts
        contacts.search_requested.connect(self._search_contacts)
        contacts.card_requested.connect(self._show_contact)
        contacts.save_requested.connect(self._save_contact)
        contacts.delete_requested.connect(
            lambda cid: self._with_store(
                lambda s: s.delete(cid), lambda _r: contacts.refresh(), "delete contact"
            )
        )
        contacts.favourite_requested.connect(self._favourite_contact)
        self.popup.add_requested.connect(self._add_contact)
        connect_calls_panel(self.window.calls, self.history)
        self.window.calls.export_requested.connect(self._choose_calls_export)
        self.history.status.connect(lambda _text: self._smoke_check())
        self.history.incoming.connect(self._incoming_call)
        self.bus.message.connect(self._show_message)
        self.faults.shown.connect(lambda text: self.bus.message.emit("error", text))
        self.tracker.active_changed.connect(w.set_call_active)
        self.tracker.active_changed.connect(self.popup.set_call_active)
        view.bridge.message.connect(self._bridge_message)
        view.load_failed.connect(
            lambda text, detail: self.supervisor and self.supervisor.page_failed(text, detail)
        )
        view.loaded.connect(self._page_loaded)
        view.page().renderer_crashed.connect(self._renderer_crashed)
        view.reload_refused.connect(
            lambda: self.bus.warning(
                self.tr("The softphone is not reloaded during a call; it will be after the call.")
            )
        )
        self.instance.request.connect(self._handoff)
        self.qapp.commitDataRequest.connect(self._session_ending)
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(30_000)
        self._age_timer.timeout.connect(self._show_session_age)
        self._age_timer.start()
        self._watch_network()
        self.settings.report = self.faults.report
        preferences.follow_settings(
            self.settings,
            region=(
                self.window.contacts.set_region,
                self.window.calls.model.set_region,
                self._store_region,
                lambda _region: self._recent_changed(),  # the tray's recent calls
            ),
            clipboard_lookup=lambda on: setattr(self.clipboard, "enabled", on),
            restart_listener=self._restart_listener,
            move_softphone=self._move_softphone,
        )

    def _watch_network(self) -> None:
        if not QNetworkInformation.loadDefaultBackend():
            log.info("no network-information backend; network changes are not watched")
            return
        info = QNetworkInformation.instance()
        if info is None:
            return
        self._online = info.reachability() in (
            QNetworkInformation.Reachability.Online,
            QNetworkInformation.Reachability.Unknown,
        )

        def changed(reachability: QNetworkInformation.Reachability) -> None:
            online = reachability in (
                QNetworkInformation.Reachability.Online,
                QNetworkInformation.Reachability.Site,
                QNetworkInformation.Reachability.Local,
            )
            if online != self._online and self.supervisor is not None:
                self.supervisor.network_changed(online)
            self._online = online

        info.reachabilityChanged.connect(changed)
        self._network_slot = changed

    # --- start -----------------------------------------------------------------------------------------------

    def start(self, identity: Identity | None = None) -> bool:
        """Show up and log in: with `identity` (tests, embedding), the demo simulator, or the saved settings."""
        if not self.instance.listen():
            return False
        self.tray.show()
        # --minimized (a login-time start) always goes to the tray; the setting does, except in the demo
        hidden = self.minimized or (self.settings.get_bool("start_minimized") and not self.demo)
        if self.smoke or not hidden:
            self.window.show()
        elif not QSystemTrayIcon.isSystemTrayAvailable():
            self.window.showMinimized()  # no tray to come back from: the taskbar is the only way back
        if self.smoke:
            QTimer.singleShot(SMOKE_TIMEOUT_MS, self._smoke_timeout)
        # The contact list opens after the softphone (or 2 s at most): taking calls comes first at start-up.
        QTimer.singleShot(2000, self._open_contacts)
        if identity is not None:
            self._begin(identity)
        elif self.demo:
            self._start_demo()
        else:
            self._start_from_settings()
        return True

    def _start_demo(self) -> None:
        assert self._demo_future is not None

        def started(simulator: Any) -> None:
            self.simulator = simulator
            creds = simulator.credentials()
            # The demo's first session comes from the simulator in this process, as a real start-up reuses the
            # session kept in the keyring: the softphone loads without waiting for an HTTP login (and requests).
            # Everything after goes over HTTP, and an expired session is renewed by the usual login.
            session = simulator.cc.login(creds["email"])
            self._begin(
                Identity(creds["base_url"], creds["email"], creds["app_token"], None, DEMO_TEMPLATE, "demo"),
                session=session,
            )

        self.runner.submit(self._demo_future.result, started, self.bus.show_error, name="demo simulator")

    def _start_from_settings(self) -> None:
        tenant, email = self.settings.get_str("tenant"), self.settings.get_str("email")
        if not tenant or not email:
            self.ask_login()
            return
        try:
            base_url = resolve_tenant(tenant).base_url
        except InvalidInput as exc:
            self.bus.error(str(exc))
            self.ask_login()
            return

        def read() -> tuple[CredentialStore, str | None]:
            from ccs_desktop.core.credentials import CredentialStore  # noqa: PLC0415

            store = CredentialStore(base_url, email)
            return store, store.load_app_token()

        def loaded(result: tuple[CredentialStore, str | None]) -> None:
            store, token = result
            if not token:
                self.ask_login()
                return
            self._begin(self._identity(tenant, email, token, store))

        def failed(exc: BaseException) -> None:
            self.bus.show_error(exc)
            self.ask_login()

        self.runner.submit(read, loaded, failed, pool="serial", name="keyring read")

    def _identity(self, tenant: str, email: str, token: str, store: CredentialStore | None) -> Identity:
        return Identity(
            tenant,
            email,
            token,
            store,
            self.settings.get_str("softphone_url_template"),
            self.settings.get_str("softphone_build"),
        )

    def _begin(self, identity: Identity, session: str | None = None) -> None:
        """Build the agent for these credentials (in a worker: it loads requests) and let the supervisor log
        in and load the softphone."""
        self.identity, self._address = identity, None
        tenant = resolve_tenant(identity.tenant_text)
        self.view.page().set_softphone_origin(QUrl(origin_of(self._softphone_url("x"))))
        self.window.set_identity(
            self.tr("demo (built-in simulator)") if self.demo else tenant.host, identity.email
        )

        def build() -> Agent:
            from ccs_desktop.core.api import make_agent  # noqa: PLC0415
            from ccs_desktop.core.credentials import BackgroundSessionStore  # noqa: PLC0415

            # the session is read and kept in the keyring through the store, on the runner's serial worker
            store: BackgroundSessionStore | None = None
            if identity.store is not None:
                store = BackgroundSessionStore(
                    identity.store,
                    lambda work: self.runner.submit(work, pool="serial", name="keyring session"),
                    lambda: self.identity is identity,  # nothing is kept after a logout
                )
            agent = make_agent(tenant, identity.email, identity.token, self.settings, store=store)
            agent.on_login = self._session_issued
            if session:
                from ccs_desktop.core.api import StoredSession  # noqa: PLC0415

                agent.adopt_session(StoredSession(session, self.clock()))
            elif identity.store is None:  # (with a keyring, the stored session is tried first)
                with contextlib.suppress(CcsError):  # the supervisor logs in again, retries and reports
                    agent.ensure_session()
            return agent

        self.runner.submit(
            build, lambda agent: self._agent_ready(identity, agent), self.bus.show_error, name="agent"
        )

    def _agent_ready(self, identity: Identity, agent: Agent) -> None:
        if self.identity is not identity:
            return  # logged out meanwhile
        self.runner.submit(_warm_up_imports, name="warm-up imports")  # while the softphone loads
        self.service = AgentService(agent, self.settings, self.runner, self.tracker, self.bus, self)
        self.supervisor = Supervisor(self.service, self.tracker, self._softphone_url, self)
        self.service.recent_changed.connect(self._recent_changed)
        self.supervisor.state_changed.connect(self._line_state)
        self.supervisor.load_softphone.connect(self._load_softphone)
        self.service.logged_in.connect(self._logged_in)
        self.service.call_placed.connect(self.history.follow_placed)
        self.service.hangup_url = self._hangup_url
        self.supervisor.start()

    def _session_issued(self, stored: StoredSession) -> None:
        """Worker thread: have the GUI thread hear of the new session (the agent's store keeps it)."""
        self.runner.call_soon(self._session_renewed, stored)

    def _session_renewed(self, stored: StoredSession) -> None:
        if self.supervisor is not None:
            self.supervisor.session_renewed(stored)

    def _softphone_url(self, session: str) -> str:
        assert self.identity is not None
        tenant = resolve_tenant(self.identity.tenant_text)
        template, build = self._address or (self.identity.template, self.identity.build)
        return build_url(
            template,
            base=tenant.base_url,
            tenant_host=tenant.host,
            build=build,
            session=session,
        )

    def _move_softphone(self, template: str | None, build: str | None) -> None:
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
        self._show_session_age()
        if self._contacts_opened:  # the softphone is up: the records can load now
            self._start_history()
        if self.pending_uri:
            uri, self.pending_uri = self.pending_uri, None
            self.open_uri(uri)

    def _load_softphone(self, url: str) -> None:
        if not self.view.load_softphone(QUrl(url)):
            log.warning("softphone load refused (call active); the supervisor retries after the call")

    # --- login / logout --------------------------------------------------------------------------------------

    def ask_login(self) -> None:
        self._line_state(LineState.LOGGED_OUT)
        if self.smoke:
            self._smoke_fail("not logged in")
            return
        from ccs_desktop.ui.dialogs.login import LoginDialog  # noqa: PLC0415

        dialog = LoginDialog(
            self.runner,
            self._verify_login,
            tenant=self.settings.get_str("tenant"),
            email=self.settings.get_str("email"),
            build=self.settings.get_str("softphone_build"),
            parent=self.window,
        )
        self.login_dialog = dialog
        dialog.accepted.connect(lambda: self._login_accepted(dialog))
        dialog.open()

    @staticmethod
    def _verify_login(tenant_text: str, email: str, token: str) -> None:
        from ccs_desktop.core.api import CcsClient  # noqa: PLC0415

        with CcsClient(resolve_tenant(tenant_text)) as client:
            client.ping(token)
            client.login(token, email)

    def _login_accepted(self, dialog: LoginDialog) -> None:
        from ccs_desktop.core.credentials import CredentialStore  # noqa: PLC0415 - keyring loads here, once

        tenant, email, token, build = dialog.values()
        store = CredentialStore(resolve_tenant(tenant).base_url, email)
        self.settings.set("tenant", tenant)
        self.settings.set("email", email)
        self.settings.set("softphone_build", build)

        def save() -> None:
            store.save_app_token(token)
            self.settings.save()

        self.runner.submit(
            save,
            lambda _: self._begin(self._identity(tenant, email, token, store)),
            self.bus.show_error,
            pool="serial",
            name="save credentials",
        )

    def logout(self) -> None:
        if self.tracker.is_active():
            self.bus.warning(self.tr("Hang up before logging out: logging out would drop the call."))
            return
        identity = self.identity
        self._end_session()
        if identity is not None and identity.store is not None:
            self.runner.submit(identity.store.delete_all, None, self.bus.show_error, pool="serial")
        self.ask_login()

    def _end_session(self) -> None:
        self.history.stop()
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        if self.supervisor is not None:
            self.supervisor.deleteLater()
        if self.service is not None:
            self.service.deleteLater()
        self.supervisor = self.service = None
        self.identity = None
        self.view.load_softphone(QUrl("about:blank"))

    # --- actions ---------------------------------------------------------------------------------------------

    def dial(self, text: str, who: str = "") -> None:
        """Every call the app places: over a live call only after the agent says yes (CallGuard)."""
        if self.service is None:
            self.bus.error(self.tr("Log in first."))
            return
        self.call_guard.confirm(text, lambda: self._dial_now(text), who=who)

    def _dial_now(self, text: str) -> None:
        if self.service is None:  # logged out while the question was open
            self.bus.error(self.tr("Log in first."))
            return
        self.service.dial(text)

    def call_clipboard(self) -> None:
        from ccs_desktop.core.phone import extract_numbers  # noqa: PLC0415

        text = QGuiApplication.clipboard().text()
        region = self.settings.get_str("region")
        found = extract_numbers(text, region) if text else []
        if not found:
            self.bus.warning(self.tr("The clipboard holds no phone number."))
            return
        self.dial(found[0].e164)

    def reload_softphone(self) -> None:
        if self.tracker.is_active():
            self.view.reload_softphone()  # refuses, and says so
            return
        if self.supervisor is not None:
            self.supervisor.retry_now()

    # --- clipboard lookup ------------------------------------------------------------------------------------

    def _pause_clipboard(self, paused: bool) -> None:
        self.clipboard.paused = paused
        if paused:
            self.popup.hide()

    def _number_copied(self, number: Any) -> None:
        region, account = self.settings.get_str("region"), self.history.account

        def show(result: tuple[str | None, str | None]) -> None:
            if not self.clipboard.paused:
                self.popup.show_number(number, region, *result)

        self.runner.submit(
            lambda: self._who_and_last_call(number.e164, account),
            show,
            self.bus.show_error,
            pool="serial",
            name="clipboard card",
        )

    def _who_and_last_call(self, e164: str, account: str) -> tuple[str | None, str | None]:
        """Serial worker: the contact's name (and company) and a line about the last call with the number."""
        from ccs_desktop.core.calls.rows import describe_row  # noqa: PLC0415
        from ccs_desktop.core.phone import digits_suffix  # noqa: PLC0415

        found = self._contacts_db().find_by_number(e164) if e164 else []
        who = found[0].display_name if found else None
        last = self._calls_db().history(account, [digits_suffix(e164)], 1) if e164 else []
        return who, describe_row(last[0], last=True) if last else None

    def _incoming_call(self, number: str, callid: str) -> None:
        """A notification says the phone rings: pop the caller's card (or "unknown caller" with Add contact)."""
        region, account = self.settings.get_str("region"), self.history.account

        def look() -> tuple[Any, str | None, str | None]:
            from ccs_desktop.core.phone import try_parse  # noqa: PLC0415

            parsed = try_parse(number, region) if number else None
            who, last = self._who_and_last_call(parsed.e164 if parsed else "", account)
            return parsed, who, last

        def show(result: tuple[Any, str | None, str | None]) -> None:
            parsed, who, last = result
            self.popup.show_incoming(parsed, number, region, who, last)
            self.window.calls.select_call(callid)

        self.runner.submit(look, show, self.bus.show_error, pool="serial", name="incoming call card")

    def _add_contact(self, e164: str) -> None:
        self.show_window()
        self.window.tabs.setCurrentWidget(self.window.contacts)
        self.window.contacts.edit_contact(None, number=e164)

    def _open_contact_for(self, e164: str) -> None:
        self.show_window()
        self.window.tabs.setCurrentWidget(self.window.contacts)
        self.window.contacts.search_edit.setText(e164)

    # --- contacts ----------------------------------------------------------------------------------------

    def _open_contacts(self) -> None:
        """After the softphone loaded (or 2 s at most): the contact list, then the call records, whose workers
        would otherwise compete with the page's start for the interpreter."""
        if not self._contacts_opened:
            self._contacts_opened = True
            self.window.contacts.refresh()
            self._start_history()

    def _start_history(self) -> None:
        identity, service = self.identity, self.service
        if identity is None or service is None or service.agent.session is None:
            return  # not logged in yet: `_logged_in` comes back here
        from ccs_desktop.core.calls.cache import account_key  # noqa: PLC0415

        tenant = resolve_tenant(identity.tenant_text)
        self.history.start(service.agent, account_key(tenant.host, identity.email), identity.email)
        self._start_listener(identity)

    def _tenant_now(self) -> datetime:
        """The clock CCS dates its records with: this computer's, or the `tenant_utc_offset` setting's."""
        from ccs_desktop.core.api.records import tenant_clock  # noqa: PLC0415

        return tenant_clock(lambda: self.settings.get_str("tenant_utc_offset"), self.clock)()

    def _database_path(self) -> Path:
        """The one SQLite file (a separate one in demo mode, seeded with its customers)."""
        path = data_dir() / "demo.sqlite3" if self.demo else database_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _calls_db(self) -> CallCache:
        """Serial worker only: the call-records cache, in the same file as the contacts."""
        if self._calls is None:
            from ccs_desktop.core.calls.cache import CallCache  # noqa: PLC0415

            self._calls = CallCache(self._database_path())
        return self._calls

    def _names_for(self, parties: set[str]) -> dict[str, str]:
        """Serial worker only: contact names for the call list."""
        return self._contacts_db().names_for(parties) if parties else {}

    def _contacts_db(self) -> ContactStore:
        """Serial worker only: the contacts, opened on first use."""
        if self._store is None:
            from ccs_desktop.core.contacts.store import ContactStore  # noqa: PLC0415

            self._store = ContactStore(self._database_path(), self.settings.get_str("region"))
            if self.demo and self._store.count() == 0:
                _seed_demo_contacts(self._store)
        return self._store

    def _store_region(self, region: str) -> None:
        """Numbers typed without a country code are read in the new region (on the store's own worker)."""

        def apply() -> None:
            if self._store is not None:
                self._store.region = region

        self.runner.submit(apply, pool="serial", name="contacts region")

    def _with_store(self, work: Any, done: Any = None, name: str = "contacts") -> None:
        self.runner.submit(
            lambda: work(self._contacts_db()), done, self.bus.show_error, pool="serial", name=name
        )

    def _search_contacts(self, query: str) -> None:
        def work(store: ContactStore) -> tuple[list[Contact], int]:
            found = store.search(query, limit=100) if query else list(itertools.islice(store.all(), 200))
            return found, store.count()

        def done(result: tuple[list[Contact], int]) -> None:
            self.window.contacts.show_results(*result)
            self._smoke_check()

        self._with_store(work, done, "contact search")

    def _show_contact(self, contact_id: int) -> None:
        account = self.history.account

        def work(store: ContactStore) -> tuple[Contact | None, list[str]]:
            from ccs_desktop.core.calls.rows import describe_row  # noqa: PLC0415
            from ccs_desktop.core.phone import digits_suffix  # noqa: PLC0415

            contact = store.get(contact_id)
            if contact is None:
                return None, []
            cache = self._calls_db()
            rows = cache.history(account, {digits_suffix(n.e164) for n in contact.numbers}, 200)
            notes = cache.notes(account) if rows else {}
            return contact, [_with_note(describe_row(row), notes.get(row.callid)) for row in rows]

        def done(result: tuple[Contact | None, list[str]]) -> None:
            contact, calls = result
            if contact is not None:
                self.window.contacts.show_card(contact, calls)

        self._with_store(work, done, "contact card")

    def _save_contact(self, contact: Contact) -> None:
        def work(store: ContactStore) -> Contact:
            return store.update(contact) if contact.id is not None else store.add(contact)

        def done(saved: Contact) -> None:
            self.window.contacts.refresh()
            self.history.names_changed()
            self._show_contact(saved.id or 0)
            self.bus.info(self.tr("Saved {name}.").format(name=saved.name))

        self._with_store(work, done, "save contact")

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import contacts"),
            "",
            self.tr("Contacts (*.csv *.vcf *.vcard *.txt);;All files (*)"),
        )
        if path:
            self.import_contacts(Path(path))

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export contacts"),
            self.tr("contacts.csv"),
            self.tr("CSV (*.csv);;vCard (*.vcf)"),
        )
        if path:
            self.export_contacts(Path(path))

    def _choose_calls_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export calls"), self.tr("calls.csv"), self.tr("CSV (*.csv)")
        )
        if path:
            self.export_calls(Path(path))

    def export_calls(self, path: Path) -> None:
        """The rows the calls panel shows, in its order, with notes and every CCS field."""
        self.history.export(
            path, lambda n: self.bus.info(self.tr("Exported %Ln call(s) to {path}.", "", n).format(path=path))
        )

    # --- call notifications ------------------------------------------------------------------------------

    def _start_listener(self, identity: Identity) -> None:
        """The local HTTP endpoint for CCS's incoming-call and hangup notifications (a setting; always in the
        demo, whose simulator sends them). Its secret comes from the keyring, off the UI thread."""
        if self.listener is not None or not (self.demo or self.settings.get_bool("notification_listener")):
            return
        store = identity.store

        def token() -> str:
            if store is None:
                from ccs_desktop.core.notifications import new_token  # noqa: PLC0415

                return new_token()
            return store.listener_token()

        def start(secret: str) -> None:
            from ccs_desktop.core.notifications import ParamNames  # noqa: PLC0415
            from ccs_desktop.services.listener import NotificationListener  # noqa: PLC0415

            if self.identity is not identity or self.listener is not None:
                return
            get = self.settings.get_str
            names = ParamNames(
                get("notify_param_callerid"),
                get("notify_param_activecallkey"),
                get("notify_param_agent_email"),
                get("notify_param_duration"),
            )
            port = 0 if self.demo else self.settings.get_int("listener_port")
            listener = NotificationListener(
                self.runner, secret, self._notified, address=get("listener_address"), port=port, names=names
            )
            self.listener = listener  # kept while it retries a failed bind: Diagnostics shows why
            try:
                listener.start(retry=True)
            except CcsError as exc:
                self.bus.error(self.tr("Call notifications are off: {error}").format(error=exc))
                return
            if self.simulator is not None:  # the demo's CCS rings us like a configured tenant would
                self.simulator.config.notify_url = listener.ivr_url

        self.runner.submit(token, start, self.bus.show_error, pool="serial", name="listener token")

    def _restart_listener(self) -> None:
        """Its settings changed: the old address stops answering, the new one starts (the demo's listener
        follows its simulator, not the settings)."""
        if self.demo:
            return
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        if self.identity is not None:
            self._start_listener(self.identity)

    def _notified(self, notification: CallNotification) -> None:
        self.history.notification(notification)

    def _hangup_url(self) -> str | None:
        """Where CCS should POST when an app-placed call ends: only an address CCS can reach."""
        listener, identity = self.listener, self.identity
        if listener is None or not listener.running or identity is None:
            return None
        public = self.settings.get_str("listener_public_url").rstrip("/")
        if public:
            return listener.hangup_url_at(public)
        host = resolve_tenant(identity.tenant_text).host.split(":")[0]
        return listener.hangup_url if host in ("127.0.0.1", "localhost", "::1") else None

    def import_contacts(self, path: Path) -> None:
        """Bad rows are listed with their line numbers, good rows are kept. The import runs on its own thread and
        SQLite connection, in batches, so a ringing call's card or a copied number is answered meanwhile."""
        database, region = self._database_path(), self.settings.get_str("region")

        def work() -> Any:
            from ccs_desktop.core.contacts.io import import_csv, import_vcard  # noqa: PLC0415
            from ccs_desktop.core.contacts.store import ContactStore  # noqa: PLC0415

            vcard = path.suffix.lower() in (".vcf", ".vcard")
            with ContactStore(database, region) as store:
                return (import_vcard if vcard else import_csv)(store, path)

        def done(report: Any) -> None:
            from ccs_desktop.core.contacts.io import import_summary  # noqa: PLC0415

            summary = f"{path.name}: " + import_summary(
                report.added, report.merged, len(report.skipped), len(report.dropped)
            )
            self.bus.info(summary)
            self._with_store(lambda store: store.changed_elsewhere(), None, "after import")
            self.window.contacts.refresh()
            self.history.names_changed()
            if report.problems():
                title = (
                    self.tr("Some rows were skipped")
                    if report.skipped
                    else self.tr("Some numbers need a look")
                )
                box = QMessageBox(QMessageBox.Icon.Warning, title, summary, parent=self.window)
                box.setDetailedText(
                    "\n".join(
                        self.tr("line {line}: {reason}").format(line=p.line, reason=p.reason)
                        for p in report.problems()
                    )
                )
                self.import_box = box
                box.open()

        self.runner.submit(work, done, self.bus.show_error, pool="bulk", name="import contacts")

    def export_contacts(self, path: Path) -> None:
        def work(store: ContactStore) -> int:
            from ccs_desktop.core.contacts.io import export_csv, export_vcard  # noqa: PLC0415

            vcard = path.suffix.lower() in (".vcf", ".vcard")
            return (export_vcard if vcard else export_csv)(store, path)  # InvalidInput when it cannot write

        self._with_store(
            work,
            lambda n: self.bus.info(self.tr("Exported %Ln contact(s) to {path}.", "", n).format(path=path)),
            "export contacts",
        )

    def _favourite_contact(self, contact_id: int, on: bool) -> None:
        def done(_r: object) -> None:
            self.window.contacts.refresh()
            self._show_contact(contact_id)

        self._with_store(lambda s: s.set_favourite(contact_id, on), done, "favourite")

    # --- window and tray -------------------------------------------------------------------------------------

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def toggle_window(self) -> None:
        if self.window.isVisible() and not self.window.isMinimized():
            self.window.hide()
        else:
            self.show_window()

    def _line_state(self, state: LineState) -> None:
        reason = self.supervisor.reason if self.supervisor is not None else ""
        self.tray.set_state(state, reason)
        self.window.set_line_state(state, reason)
        supervisor = self.supervisor
        self.window.set_recovery(
            supervisor.problem if supervisor else "", supervisor.next_try_text() if supervisor else ""
        )

    def _recent_changed(self) -> None:
        if self.service is not None:
            self.tray.set_recent(self.service.recent, self.settings.get_str("region"))

    def _show_session_age(self) -> None:
        self.window.set_session_age(self.service.agent.session_age() if self.service else None)

    def _show_message(self, level: str, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000 if level == "info" else 15000)
        if level != "info" and not self.window.isVisible():
            self.tray.notify("ccs-desktop", text, level)

    def open_settings(self) -> None:
        from ccs_desktop.ui.dialogs.settings import SettingsDialog  # noqa: PLC0415 - loads phonenumbers

        listener = self.listener
        urls = (listener.ivr_url, listener.redacted_base_url) if listener is not None else (None, "")
        dialog = SettingsDialog(self.settings, self.window, runner=self.runner, listener_urls=urls)
        dialog.accepted.connect(self._settings_saved)
        dialog.open()

    def _settings_saved(self) -> None:
        self.runner.submit(self.settings.save, None, self.bus.show_error, pool="serial", name="save settings")
        from ccs_desktop.core import autostart  # noqa: PLC0415 - off the start-up path

        enabled = self.settings.get_bool("autostart")
        self.runner.submit(
            lambda: autostart.apply(enabled), None, self.bus.show_error, pool="serial", name="autostart"
        )

    def open_diagnostics(self) -> None:
        from ccs_desktop.ui.dialogs.diagnostics import DiagnosticsDialog  # noqa: PLC0415

        DiagnosticsDialog(self.runner, self._slow_checks, self._quick_checks, self.window).open()

    def _quick_checks(self) -> list[Check]:
        from ccs_desktop.ui.dialogs.diagnostics import softphone_checks  # noqa: PLC0415
        from ccs_desktop.web.permissions import microphone_state  # noqa: PLC0415 - loaded with the view anyway

        mic = microphone_state(self.view.page())
        age = self.service.agent.session_age() if self.service else None
        pss = tree_pss_mib()
        supervisor = self.supervisor
        return [
            (
                self.tr("Session age"),
                self.tr("none") if age is None else self.tr("{hours:.1f} h").format(hours=age / 3600),
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
            self._listener_check(),
            *softphone_checks(
                self.view.softphone_url().toString(),
                supervisor.last_failure if supervisor else None,
                {"ccs-desktop": __version__, **engine_versions()},
            ),
        ]

    def _listener_check(self) -> Check:
        listener = self.listener
        if listener is None:
            wanted = self.demo or self.settings.get_bool("notification_listener")
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

    def _slow_checks(self) -> list[Check]:
        service = self.service
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

    # --- softphone events ------------------------------------------------------------------------------------

    def _bridge_message(self, message: dict[str, object]) -> None:
        self.tracker.page_spoke()
        if message.get("type") == "call":
            self.tracker.page_event(message)
        if self.supervisor is not None:
            self.supervisor.page_message(message)
        if message.get("type") == "ready":
            self.smoke_state["page_ready"] = True
            self._smoke_check()

    def _page_loaded(self, ok: bool) -> None:
        if self.view.softphone_url().toString() == "about:blank":
            return
        if ok and "loaded_at" not in self.smoke_state:
            self.smoke_state["loaded_at"] = process_age()
        if ok:
            self._open_contacts()
        if self.supervisor is not None:
            self.supervisor.page_loaded(ok)

    def _renderer_crashed(self, reason: str) -> None:
        if self.tracker.is_active():
            self.bus.error(
                self.tr(
                    "The softphone stopped during a call. The call may still be up on CCS: use Hang up to end it; "
                    "the softphone comes back after."
                )
            )
        if self.supervisor is not None:
            self.supervisor.renderer_crashed(reason)

    # --- hand-over from a second process ---------------------------------------------------------------------

    def _handoff(self, message: dict[str, Any], reply: Reply) -> None:
        action = message.get("action")
        if action == "show":
            self.show_window()
            reply.ok()
            return
        if action == "ping":  # a login-time `--minimized` start: already running is all it needs to know
            reply.ok()
            return
        if action in ("hangup", "hold", "unhold"):
            self._control_handoff(str(action), reply)
            return
        if action not in ("call", "open"):
            reply.fail(self.tr("unknown request {action}").format(action=repr(action)), 2)
            return
        text = str(message.get("number") or message.get("uri") or "")
        if self.service is None:
            if action == "open":
                self.pending_uri = text
                self.show_window()
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
            if self.service is None:
                reply.fail(self.tr("ccs-desktop is running but not logged in."), 2)
                return
            if (
                not self.service.dial(
                    text, dial_format=str(dial_format) if dial_format else None, done=done, failed=failed
                )
                and not reply.sent
            ):
                reply.fail(self.tr("The same number was dialed less than 2 s ago; not dialed twice."), 2)

        self.call_guard.confirm(
            text,
            go,
            lambda: reply.fail(self.tr("The agent is on a call and did not place this one."), 2),
        )

    def open_uri(self, text: str) -> None:
        """A tel:/callto:/sip: link from another app: show who it is, then call (after asking, by default)."""
        service = self.service
        if service is None:
            self.pending_uri = text
            self.show_window()
            return
        try:
            number = service.parse(text)
        except InvalidInput as exc:
            self.show_window()
            self.bus.error(str(exc))
            return
        region = self.settings.get_str("region")
        self.show_window()

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
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Call this number?"),
                self.tr("Call {who} at {number}?").format(who=who, number=number.display(region)),
                parent=self.window,
            )
            self.uri_call_button = box.addButton(self.tr("Call"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(self.uri_call_button)
            box.finished.connect(
                lambda _r: box.clickedButton() is self.uri_call_button and self.dial(number.e164)
            )
            self.uri_box = box
            box.open()

        self._with_store(lookup, decide, "link lookup")

    def _control_handoff(self, action: str, reply: Reply) -> None:
        """`ccs-desktop hangup|hold|unhold` while the window runs: done by the window's own agent."""
        service = self.service
        if service is None:
            reply.fail(self.tr("ccs-desktop is running but not logged in."), 2)
            return

        def done(message: object) -> None:
            if action == "hangup":
                self.tracker.hangup_confirmed()
            reply.ok({"message": str(message or "")})

        def failed(exc: BaseException) -> None:
            reply.fail(str(exc), getattr(exc, "exit_code", 4))

        self.runner.submit(getattr(service.agent, action), done, failed, name=action)

    # --- quitting --------------------------------------------------------------------------------------------

    def request_quit(self) -> None:
        """Quit, but never silently drop a live call: ask, and offer to hang up first."""
        if not self.tracker.is_active():
            self.quit_now()
            return
        if self.quit_box is not None and self.quit_box.isVisible():
            self.quit_box.raise_()
            return
        self.show_window()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("A call is in progress"),
            self.tr("You are on a call. Quitting now would leave the call hanging on Call Center Studio."),
            parent=self.window,
        )
        box.setInformativeText(self.tr("Hang up and quit, or stay on the call?"))
        self.hangup_quit_button = box.addButton(
            self.tr("Hang up and quit"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.stay_button = box.addButton(self.tr("Stay on the call"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.stay_button)
        box.finished.connect(lambda _r: self._quit_answer(box))
        self.quit_box = box
        box.open()

    def _quit_answer(self, box: QMessageBox) -> None:
        if box.clickedButton() is not self.hangup_quit_button or self.service is None:
            return
        service = self.service

        def hung_up(_msg: object) -> None:
            self.tracker.hangup_confirmed()
            self.quit_now()

        def failed(exc: BaseException) -> None:
            self.bus.error(self.tr("Could not hang up, so ccs-desktop stays open: {error}").format(error=exc))

        self.runner.submit(service.agent.hangup, hung_up, failed, name="hang up to quit")

    def _session_ending(self, manager: QSessionManager) -> None:
        """The OS session ends (logout/shutdown): refuse while a call is up, if the OS lets us ask."""
        if self.tracker.is_active() and manager.allowsInteraction():
            manager.cancel()
            self.request_quit()
            manager.release()

    def quit_now(self) -> None:
        if self.quit_started:
            return
        self.quit_started = True
        self._disconnect_from_globals()
        self.window.quitting = True
        self.window.save_state()
        self.window.close()
        self.tray.icon.hide()
        self.popup.close()
        self.popup.deleteLater()
        self.clipboard.detach()
        self.instance.close()
        self.history.stop()  # no more polls for followed calls
        self.runner.shutdown(wait=True)  # the serial worker may be writing the contacts file
        translation.remove(self.qapp, self.translation)
        if self._store is not None:
            self._store.close()
        if self._calls is not None:
            self._calls.close()
        if self.listener is not None:
            self.listener.stop()
        self.view.shutdown()  # the page goes before its profile
        self.window.deleteLater()
        self.profile.deleteLater()
        if self.simulator is not None:
            self.simulator.stop()
        elif self._demo_future is not None:  # quit before the demo simulator was handed over
            self._demo_future.add_done_callback(lambda f: f.exception() is None and f.result().stop())
        if self.owns_loop:
            self.qapp.exit(self.exit_code)

    def _disconnect_from_globals(self) -> None:
        """The QApplication and the network monitor outlive us: connections to them would keep this object
        (and everything it holds) alive until the interpreter shuts down."""
        self.qapp.commitDataRequest.disconnect(self._session_ending)
        info = QNetworkInformation.instance()
        slot = getattr(self, "_network_slot", None)
        if info is not None and slot is not None:
            info.reachabilityChanged.disconnect(slot)
            self._network_slot = None

    # --- smoke -----------------------------------------------------------------------------------------------

    def _smoke_check(self) -> None:
        if not self.smoke or self.smoke_state.get("printed"):
            return
        calls, contacts = self.window.calls.row_count(), self.window.contacts.row_count()
        if not (self.smoke_state.get("page_ready") and calls and contacts):
            return
        self.smoke_state["printed"] = True
        loaded = self.smoke_state.get("loaded_at") or process_age() or 0.0
        result = {
            "softphone_loaded_s": round(loaded, 3),
            "ready_s": round(process_age() or 0.0, 3),
            "pss_mib": tree_pss_mib(),
            "contacts": contacts,
            "calls": calls,
        }
        print(json.dumps(result), flush=True)
        QTimer.singleShot(0, self.quit_now)

    def _smoke_fail(self, why: str) -> None:
        print(json.dumps({"error": why}), flush=True)
        self.exit_code = 1
        QTimer.singleShot(0, self.quit_now)

    def _smoke_timeout(self) -> None:
        if not self.smoke_state.get("printed"):
            self._smoke_fail(f"not ready after {SMOKE_TIMEOUT_MS // 1000} s: {self.smoke_state}")


DEMO_PEOPLE = (
    ("Ayşe Demir", "Demir Lojistik"),
    ("Mehmet Kaya", ""),
    ("Fatma Şahin", "Şahin Eczanesi"),
    ("Mustafa Çelik", "Çelik Yapı"),
    ("Zeynep Arslan", ""),
    ("Emre Koç", "Koç Otomotiv"),
    ("Elif Aydın", "Aydın Hukuk"),
    ("Burak Öztürk", ""),
    ("Selin Yıldız", "Yıldız Tekstil"),
    ("Oğuz Doğan", "Doğan Market"),
    ("Gül Kurt", ""),
    ("Hakan Aksoy", "Aksoy İnşaat"),
    ("İrem Polat", ""),
    ("Cem Güneş", "Güneş Enerji"),
    ("Deniz Erdoğan", ""),
    ("Merve Çınar", "Çınar Kafe"),
    ("Serkan Özdemir", ""),
    ("Ebru Kılıç", "Kılıç Sigorta"),
)


def _seed_demo_contacts(store: ContactStore) -> None:
    """The demo's regular customers get names, so lookups and the contact card show something real."""
    from ccs_desktop.core.contacts.model import Contact, ContactNumber  # noqa: PLC0415
    from ccs_desktop.core.phone import try_parse  # noqa: PLC0415
    from ccs_desktop.simulator import SimulatorConfig  # noqa: PLC0415
    from ccs_desktop.simulator.seed import customer_numbers  # noqa: PLC0415

    with store.transaction():
        for i, (raw, (name, company)) in enumerate(
            zip(customer_numbers(SimulatorConfig()), DEMO_PEOPLE, strict=False)
        ):
            number = try_parse(raw, "TR")
            if number is not None:
                store.add(
                    Contact(None, name, company, [ContactNumber(number.e164, "mobile")], favourite=i < 3)
                )


def _with_note(line: str, note: Note | None) -> str:
    if note is None:
        return line
    return " — ".join(part for part in (line, note.outcome, note.note.replace("\n", " ")) if part)


def _warm_up_imports() -> None:
    """requests takes ~0.15 s to import: done while the page loads, not when the agent first clicks Call."""
    import requests  # noqa: F401, PLC0415


def _start_simulator(clock: Callable[[], float]) -> Any:
    from ccs_desktop.core.api.records import local_utc_offset  # noqa: PLC0415
    from ccs_desktop.simulator import Simulator, SimulatorConfig  # noqa: PLC0415 - demo only

    # The demo's tenant keeps this computer's time, as a real tenant keeps its agents' (records and the
    # calls the app follows then sort together), and the app's clock.
    hours = local_utc_offset(clock).total_seconds() / 3600
    simulator = Simulator(SimulatorConfig(port=0, utc_offset_hours=hours, clock=clock))
    simulator.start()
    return simulator


def run_gui(
    *,
    demo: bool = False,
    smoke: bool = False,
    uri: str | None = None,
    argv: list[str] | None = None,
    minimized: bool = False,
) -> int:
    from ccs_desktop.web.engine import prepare_environment  # noqa: PLC0415

    prepare_environment()
    favour_the_gui_thread()
    from ccs_desktop.ui.application import CcsApplication  # noqa: PLC0415

    qapp = CcsApplication(argv or sys.argv[:1])
    qapp.setApplicationName("ccs-desktop")
    qapp.setDesktopFileName(APP_ID)  # Wayland matches the window to <APP_ID>.desktop (its name and icon)
    qapp.setQuitOnLastWindowClosed(False)
    app = App(qapp, demo=demo, smoke=smoke, uri=uri, minimized=minimized)
    app.faults.install()  # a slot's or thread's uncaught exception: logged, shown once, never fatal
    qapp.uri_opened.connect(app.open_uri)  # macOS: links arrive as events
    stop = StopSignals(qapp, call_active=app.tracker.is_active)  # SIGTERM/INT/HUP: as the session's end
    stop.received.connect(lambda _name: app.quit_now())
    if not app.start():
        # lost the race to another instance that started meanwhile
        app.quit_now()
        handoff.send({"action": "open", "uri": uri} if uri else {"action": "ping" if minimized else "show"})
        return 0
    code = qapp.exec()
    for _ in range(3):  # the page goes before its profile, then the rest, before Qt itself shuts down
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()
    return code
