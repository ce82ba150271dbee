"""Composition root of the GUI: builds every object once and connects them. Behaviour lives in the controllers
(services/: session, contacts, handoff, listener_control, diagnostics, smoke; ui/: quit_guard, login_flow,
settings_flow, status, data_files, uri_prompt), which only know what they are handed here.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from ccs_desktop.core import bulk, handoff, i18n, startup
from ccs_desktop.core.paths import config_file, data_dir
from ccs_desktop.core.settings import Settings
from ccs_desktop.services import preferences, translation
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.call_state import CallTracker
from ccs_desktop.services.clipboard import ClipboardWatcher
from ccs_desktop.services.contacts import ContactsController
from ccs_desktop.services.demo import Demo, seed_demo_contacts
from ccs_desktop.services.diagnostics import Diagnostics
from ccs_desktop.services.directories import connect_directories
from ccs_desktop.services.faults import FaultReporter
from ccs_desktop.services.handoff import Handoff
from ccs_desktop.services.instance import InstanceServer
from ccs_desktop.services.listener_control import ListenerControl
from ccs_desktop.services.live_calls import LiveCalls
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.network import NetworkWatch
from ccs_desktop.services.session import Identity, SessionController, tenant_now
from ccs_desktop.services.smoke import Smoke
from ccs_desktop.services.stop_signals import StopSignals
from ccs_desktop.services.stores import Stores
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.ui.agent_status import connect_agent_status
from ccs_desktop.ui.application import CcsApplication, make_application
from ccs_desktop.ui.call_guard import CallGuard
from ccs_desktop.ui.calls_panel import connect_calls_panel
from ccs_desktop.ui.contacts_panel import connect_contacts_panel
from ccs_desktop.ui.data_files import DataFiles
from ccs_desktop.ui.keyboard import connect_keyboard
from ccs_desktop.ui.login_flow import LoginFlow
from ccs_desktop.ui.main_window import MainWindow, adopt_old_layout
from ccs_desktop.ui.my_day import connect_my_day
from ccs_desktop.ui.popup import NumberPopup, connect_popup
from ccs_desktop.ui.quit_guard import QuitGuard
from ccs_desktop.ui.settings_flow import SettingsFlow
from ccs_desktop.ui.status import StatusPresenter
from ccs_desktop.ui.tray import Tray, connect_tray
from ccs_desktop.ui.uri_prompt import UriPrompt
from ccs_desktop.web.early_page import EarlyPage
from ccs_desktop.web.notifications import connect_page_rings
from ccs_desktop.web.profile import create_profile, profile_dir
from ccs_desktop.web.view import SoftphoneView


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
        early: EarlyPage | None = None,
    ) -> None:
        super().__init__(qapp)
        self.qapp, self.owns_loop, self.demo, self.minimized = qapp, owns_loop, demo, minimized
        self.quit_started = False
        self.settings = settings = Settings(config_file())
        region = lambda: settings.get_str("region")  # noqa: E731
        # Before any widget exists: every text is translated when it is made (a new language needs a restart).
        self.language = i18n.resolve(settings.get_str("language"), system=translation.system_language())
        self.translation = translation.install(qapp, self.language)
        self.faults = FaultReporter(self)
        self.runner = runner = TaskRunner(self, report=self.faults.report)
        self.bus = bus = MessageBus(self)
        # The demo's simulator: an early start's, or started in a worker while the widgets are built.
        self.demo_sim = Demo(runner, bus, clock, self, early and early.answer_future()) if demo else None
        self.tracker = tracker = CallTracker(self)
        self.smoke = Smoke(smoke, lambda: (window.calls.row_count(), window.contacts.row_count()), self, demo=demo)

        self.early = early  # a start's page requested before this was built (web/early_page.py)
        self.profile = early.profile if early else create_profile(profile_dir(demo), self)
        self.view = early.view if early else SoftphoneView(self.profile)
        self.view.can_reload = lambda: not tracker.is_active()
        self.view.page().navigation_guard = lambda _url: not tracker.is_active()
        if not smoke:
            adopt_old_layout(settings, data_dir() / "window-state.ini")
        self.window = window = MainWindow(self.view, settings)
        window.persist = not smoke
        window.contacts.region = window.calls.model.region = region()
        self.tray = Tray(self)
        self.popup = NumberPopup()
        self.call_guard = guard = CallGuard(tracker, window, region, self)
        self.clipboard = ClipboardWatcher(runner, region, self)
        self.clipboard.enabled = settings.get_bool("clipboard_lookup")
        self.stores = stores = Stores(demo=demo, region=region, seed=seed_demo_contacts if demo else None)
        now = lambda: tenant_now(settings, clock)  # noqa: E731
        names, model = stores.names_for, window.calls.model
        self.history = history = CallHistory(runner, model, stores.calls, names, tracker, bus, self, now=now)
        self.my_day = connect_my_day(window.my_day, runner, history, stores.calls, self)
        args = (runner, bus, settings)
        self.listeners = listeners = ListenerControl(*args, history.notification, demo=demo, parent=self)
        self.session = session = SessionController(
            *args, tracker, history, listeners, clock, demo=demo, parent=self
        )
        self.contacts = contacts = ContactsController(*args, stores, history, self)
        self.live = LiveCalls(runner, session, history, tracker, contacts, self)  # rings: one card per call
        connect_page_rings(self.view, self.live.desk, region).said.connect(self.tray.notify)
        self.uri_prompt = prompt = UriPrompt(window, self)
        self.handoff = Handoff(session, contacts, *args, tracker, guard.confirm, prompt.ask, pending_uri=uri, parent=self)
        self.login = LoginFlow(session, *args, window, self)
        self.quit_guard = QuitGuard(tracker, session, runner, bus, window, self)
        self.status = StatusPresenter(session, bus, settings, window, self.tray, self)
        self.agent_status = connect_agent_status(*args, tracker, session, window, self.tray, self.quit_guard, self)
        self.files = DataFiles(contacts, window, self)
        self.settings_flow = SettingsFlow(*args, listeners, window, self)
        self.settings_flow.directories = connect_directories(*args, stores, contacts, self)  # synced look-ups
        self.diagnostics = Diagnostics(session, listeners, self.view, self, live=self.live)
        self.network = NetworkWatch(self)
        self.instance = early.instance if early else InstanceServer(self)
        if early is not None:
            early.adopt(self)
        self.open_uri, self.dial, self.logout = self.handoff.open_uri, self.handoff.dial, self.session.logout
        self.open_settings, self.request_quit = self.settings_flow.open, self.quit_guard.request_quit
        self._wire()

    # the objects of the current session (tests and embedders read them here)
    service = property(lambda self: self.session.service)
    supervisor = property(lambda self: self.session.supervisor)
    listener = property(lambda self: self.listeners.listener)

    def _wire(self) -> None:
        w, tray, view, session = self.window, self.tray, self.view, self.session
        contacts, handoff = self.contacts, self.handoff
        w.dial_requested.connect(handoff.dial)
        for signal, act in ((w.hangup_requested, "hangup"), (w.hold_requested, "hold"), (w.unhold_requested, "unhold")):
            signal.connect(lambda act=act: session.service and getattr(session.service, act)())
        w.quit_requested.connect(self.quit_guard.request_quit)
        w.diagnostics_requested.connect(self.open_diagnostics)
        reload = lambda: view.reload_softphone() if self.tracker.is_active() else session.retry_now()  # noqa: E731
        w.reload_requested.connect(reload)  # during a call the view refuses, and says so
        w.retry_requested.connect(reload)
        w.import_requested.connect(self.files.choose_import)
        w.export_requested.connect(self.files.choose_export)
        w.calls.export_requested.connect(self.files.choose_calls_export)
        connect_tray(tray, w, handoff, self.settings_flow.open, self.quit_guard.request_quit, self.clipboard, self.popup)
        self.clipboard.number_copied.connect(contacts.look_up_copied)
        contacts.copied_card.connect(lambda *card: self.clipboard.paused or self.popup.show_number(*card))
        connect_popup(self.popup, contacts, w, handoff.dial)
        contacts.incoming_selected.connect(w.calls.select_call)
        self.keys = connect_keyboard(w, self.tracker, self.popup, handoff, self.settings, self.settings_flow, self)
        connect_contacts_panel(w.contacts, contacts)
        contacts.results.connect(lambda *_: self.smoke.contacts_listed())
        connect_calls_panel(w.calls, self.history, contacts)
        self.history.status.connect(lambda _text: self.smoke.check())
        self.faults.shown.connect(lambda text: self.bus.message.emit("error", text))
        self.tracker.active_changed.connect(w.set_call_active)
        self.tracker.active_changed.connect(self.popup.set_call_active)
        session.login_needed.connect(lambda: self.smoke.login_needed(self.login.ask))
        session.identity_shown.connect(w.set_identity)
        session.origin_changed.connect(lambda origin: view.page().set_softphone_origin(QUrl(origin)))
        session.load_softphone.connect(lambda url: view.load_softphone(QUrl(url)))  # the view logs a refusal
        session.logged_in.connect(handoff.open_pending)
        session.softphone_loaded.connect(self.smoke.page_loaded)
        session.records_opened.connect(w.contacts.refresh)
        self.listeners.started.connect(lambda url: self.demo_sim and self.demo_sim.listener_started(url))
        handoff.show_requested.connect(w.bring_up)
        view.bridge.message.connect(session.page_message)
        view.bridge.message.connect(self.live.desk.page_call)
        view.bridge.message.connect(self.smoke.page_message)
        view.load_failed.connect(session.page_failed)
        view.loaded.connect(lambda ok: session.page_loaded(ok, view.address()))
        view.page().renderer_crashed.connect(session.renderer_crashed)
        view.reload_refused.connect(session.reload_refused)
        self.instance.request.connect(handoff.handle)
        self.view.release_calls()  # (an early page's calls: the guards hear of them now, the rest at the claim)
        self.quit_guard.attach(self.qapp)
        self.quit_guard.quit_confirmed.connect(self.quit_now)
        self.smoke.finished.connect(self.quit_now)
        self.network.changed.connect(session.network_changed)
        self.network.start()
        self.settings.report = self.faults.report
        preferences.follow_settings(
            self.settings,
            region=(w.contacts.set_region, w.calls.model.set_region, contacts.set_region, self.status.show_recent_in),
            clipboard_lookup=self.clipboard.set_enabled,
            restart_listener=session.restart_listener,
            move_softphone=session.move_softphone,
        )

    def start(self, identity: Identity | None = None) -> bool:
        """Show up and log in: with `identity` (tests, embedding), the demo simulator, or the saved settings."""
        if not self.instance.listen():
            return False
        self.tray.show()
        # --minimized (a login-time start) always goes to the tray; the setting does, except in the demo
        hidden = self.minimized or (self.settings.get_bool("start_minimized") and not self.demo)
        if self.smoke.enabled or not hidden:
            self.window.show()
        elif not QSystemTrayIcon.isSystemTrayAvailable():
            self.window.showMinimized()  # no tray to come back from: the taskbar is the only way back
        self.smoke.arm()  # (the window is shown)
        # The contact list opens after the softphone (or 2 s at most): taking calls comes first at start-up.
        QTimer.singleShot(2000, self.session.open_records)
        QTimer.singleShot(bulk.FREEZE_AFTER_MS, bulk.freeze_start_up)  # out of every later full collection
        if identity is not None:
            self.session.begin(identity)
        elif self.demo_sim is not None:
            self.demo_sim.ready.connect(self.session.begin_demo)
            self.demo_sim.start()
        else:
            self.session.start_from_settings(self.early and self.early.take_answer)
        self.instance.accept_requests()  # (those that came while an early start built the window too)
        return True

    def open_diagnostics(self) -> None:
        from ccs_desktop.ui.dialogs.diagnostics import DiagnosticsDialog  # noqa: PLC0415

        checks = self.diagnostics
        DiagnosticsDialog(self.runner, checks.slow_checks, checks.quick_checks, self.window).open()

    def quit_now(self, code: int | None = None) -> None:
        """Tear down what __init__ built, in the order that loses nothing; `code` overrides the exit code."""
        if code is not None:
            self.smoke.exit_code = code
        if self.quit_started:
            return
        self.quit_started = True
        self.quit_guard.detach()
        self.network.stop()
        self.window.quitting = True
        self.window.save_state()
        self.window.close()
        self.tray.icon.hide()
        self.popup.close()
        self.popup.deleteLater()
        self.clipboard.detach()
        self.instance.close()
        if self.early is not None:
            self.early.close()
        self.history.stop()  # no more polls for followed calls
        self.runner.shutdown(wait=True, network=False)  # a file may be being written; a request may hang
        translation.remove(self.qapp, self.translation)
        self.stores.close()
        self.listeners.stop()
        self.view.shutdown()  # the page goes before its profile
        self.window.deleteLater()
        self.profile.deleteLater()
        if self.demo_sim is not None:
            self.demo_sim.stop()
        if self.owns_loop:
            self.qapp.exit(self.smoke.exit_code)


def run_gui(
    *,
    demo: bool = False,
    smoke: bool = False,
    uri: str | None = None,
    argv: list[str] | None = None,
    minimized: bool = False,
    prepare: Callable[[App], None] | None = None,  # once the app is built (the screenshot tour)
    qapp: CcsApplication | None = None,
    early: EarlyPage | None = None,  # the page requested before this module was imported (cli/gui.py)
) -> int:
    startup.mark("imports")
    qapp = qapp or make_application(argv or sys.argv[:1])
    with qapp.theme.sheet_held():  # styled once, not once per layout level
        app = App(qapp, demo=demo, smoke=smoke, uri=uri, minimized=minimized, early=early)
    startup.mark("window_built")
    app.faults.install()  # a slot's or thread's uncaught exception: logged, shown once, never fatal
    if prepare is not None:
        prepare(app)
    qapp.hand_links_to(app.handoff.open_uri)  # macOS: links arrive as events
    stop = StopSignals(qapp, call_active=app.tracker.is_active)  # SIGTERM/INT/HUP: as the session's end
    stop.received.connect(lambda _name: app.quit_now())
    code = qapp.exec() if app.start() else None  # None: lost the race to another instance started meanwhile
    if code is None:
        app.quit_now()
    for _ in range(3):  # the page goes before its profile, then the rest, before Qt itself shuts down
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qapp.processEvents()
    if code is None and smoke:  # it measured nothing: it says so
        app.smoke.give_up("another instance is running")
        return 1
    if code is None:
        handoff.send({"action": "open", "uri": uri} if uri else {"action": "ping" if minimized else "show"})
    return code or 0
