"""The agent window end to end: real QtWebEngine (offscreen), the simulator's softphone page, real HTTP."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon

from ccs_desktop import APP_ID
from ccs_desktop.app import App, Identity
from ccs_desktop.core.paths import config_file
from ccs_desktop.core.settings import Settings
from ccs_desktop.core.softphone import DEMO_TEMPLATE
from ccs_desktop.ui.dialogs.diagnostics import DiagnosticsDialog
from ccs_desktop.ui.dialogs.settings import SettingsDialog
from tests.helpers import SimHandle, cli_env, close_app, start_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]
WAIT = 20_000


class Harness:
    def __init__(self, app: App, sim: SimHandle, qtbot) -> None:
        self.app = app
        self.sim = sim
        self.qtbot = qtbot
        self.messages: list[dict] = []
        self.loads: list[str] = []
        app.view.bridge.message.connect(self.messages.append)
        app.view.loaded.connect(lambda ok: self.loads.append(app.view.softphone_url().toString()))

    def wait_message(self, predicate, timeout: int = WAIT) -> dict:
        found: list[dict] = []

        def check() -> bool:
            for message in self.messages:
                if predicate(message):
                    found.append(message)
                    return True
            return False

        self.qtbot.waitUntil(check, timeout=timeout)
        return found[0]

    def wait_ready(self) -> dict:
        return self.wait_message(lambda m: m.get("type") == "ready")

    def page_text(self) -> str:
        with self.qtbot.waitCallback(timeout=WAIT) as callback:
            self.app.view.page().runJavaScript("document.body.innerText", 0, callback)
        return str(callback.args[0])

    def session_in_page(self) -> str:
        query = parse_qs(urlsplit(self.app.view.softphone_url().toString()).query)
        return query["session"][0]

    def start_call(self, number: str = "05321234561") -> dict:
        self.messages.clear()
        self.app.dial(number)
        return self.wait_message(lambda m: m.get("type") == "call" and m.get("state") == "talking")


@contextlib.contextmanager
def app_on_simulator(
    qtbot, qapp, *, sim_options: dict | None = None, before_start=None, **app_options
) -> Iterator[Harness]:
    """The whole app logged in to a fresh simulator; `before_start(app)` may change settings first."""
    sim = start_simulator(**(sim_options or {}))
    handle = SimHandle(sim)
    app = App(qapp, owns_loop=False, **app_options)
    if before_start is not None:
        before_start(app)
    identity = Identity(sim.base_url, sim.email, sim.app_token, None, DEMO_TEMPLATE, "demo")
    h = Harness(app, handle, qtbot)
    assert app.start(identity)
    try:
        yield h
    finally:
        close_app(app, qapp)
        handle.http.close()
        sim.stop()


@pytest.fixture
def harness(qtbot, qapp, request) -> Iterator[Harness]:
    """The app on the simulator; `@pytest.mark.parametrize("harness", [{"minimized": True}], indirect=True)`
    passes keyword arguments to App."""
    options = getattr(request, "param", {})
    with app_on_simulator(qtbot, qapp, sim_options={"call_seconds": 30, "ring_seconds": 0.3}, **options) as h:
        yield h


def test_auto_login_shows_the_agent_in_the_page(harness):
    ready = harness.wait_ready()
    assert ready["email"] == harness.sim.email
    assert ready["agent"] in harness.page_text()
    assert harness.app.supervisor.state.value == "ready"
    harness.qtbot.waitUntil(lambda: harness.app.window.calls.row_count() > 0, timeout=WAIT)


def test_click2call_appears_in_the_page(harness):
    harness.wait_ready()
    talking = harness.start_call("0532 123 45 61")
    assert talking["number"].endswith("5321234561")
    assert harness.app.tracker.is_active()
    assert "5321234561" in harness.page_text().replace(" ", "")
    assert harness.sim.functions().count("click2call") == 1


def test_closing_the_window_keeps_page_and_call_alive(harness):
    harness.wait_ready()
    harness.app.window.show()
    talking = harness.start_call()
    harness.app.window.close()
    assert not harness.app.window.isVisible() or harness.app.window.isMinimized()
    assert harness.app.view.page() is not None
    assert harness.page_text()  # the page still runs
    live = harness.sim.state()["live_calls"]
    assert [c["callid"] for c in live] == [talking["callid"]]
    assert harness.app.tracker.is_active()
    assert harness.loads.count(harness.loads[0]) == 1, "the softphone was not loaded again"


def test_quitting_during_a_call_asks_and_can_hang_up(harness, qtbot):
    harness.wait_ready()
    harness.start_call()
    harness.app.request_quit()
    box = harness.app.quit_guard.box
    assert isinstance(box, QMessageBox) and box.isVisible()
    harness.app.quit_guard.stay_button.click()
    assert harness.app.tracker.is_active()
    assert "click2hang" not in harness.sim.functions()
    harness.app.request_quit()
    harness.app.quit_guard.hangup_quit_button.click()
    qtbot.waitUntil(lambda: harness.app.quit_started, timeout=WAIT)
    assert harness.sim.functions().count("click2hang") == 1
    assert not harness.app.tracker.is_active()


def test_reload_is_refused_during_a_call_and_allowed_after(harness, qtbot):
    harness.wait_ready()
    harness.start_call()
    with qtbot.waitSignal(harness.app.view.reload_refused, timeout=WAIT):
        assert harness.app.view.reload_softphone() is False
    loads_before = len(harness.loads)
    harness.messages.clear()
    harness.app.service.hangup()
    harness.wait_message(lambda m: m.get("type") == "call" and m.get("state") == "ended")
    qtbot.waitUntil(lambda: not harness.app.tracker.is_active(), timeout=WAIT)
    assert harness.app.view.reload_softphone() is True
    qtbot.waitUntil(lambda: len(harness.loads) > loads_before, timeout=WAIT)


def test_expired_session_is_renewed_and_the_page_reloaded_only_after_the_call(harness, qtbot, monkeypatch):
    harness.wait_ready()
    first_session = harness.session_in_page()
    harness.start_call()
    supervisor = harness.app.supervisor
    heard: list[object] = []
    told = supervisor.session_renewed
    monkeypatch.setattr(supervisor, "session_renewed", lambda stored: (told(stored), heard.append(stored)))
    harness.sim.control("expire-sessions")
    # any API use now gets login: false; the agent logs in again by itself
    harness.app.service.hold()
    qtbot.waitUntil(lambda: harness.app.service.agent.logins >= 2, timeout=WAIT)
    qtbot.waitUntil(lambda: bool(heard), timeout=WAIT)  # the supervisor has decided what to do with it
    assert harness.session_in_page() == first_session, "no page reload during the call"
    assert harness.sim.state()["live_calls"], "the call is still up"
    harness.messages.clear()
    harness.app.service.hangup()
    qtbot.waitUntil(lambda: harness.session_in_page() != first_session, timeout=WAIT)
    harness.wait_ready()


def second_instance(qtbot, *args: str) -> str:
    """Run `ccs-desktop ARGS` as a second process while this test's event loop keeps the first one serving."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ccs_desktop", *args],
        env=cli_env(None),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return out


def test_a_second_instance_hands_tel_over_to_the_first(harness, qtbot, user_dirs):
    harness.wait_ready()
    second_instance(qtbot, "tel:+905321234567")
    qtbot.waitUntil(
        lambda: harness.app.uri_prompt.box is not None and harness.app.uri_prompt.box.isVisible(),
        timeout=WAIT,
    )
    assert (
        "0532 123 45 67" in harness.app.uri_prompt.box.text()
    )  # it asks first (the default), showing the number
    assert "click2call" not in harness.sim.functions()
    harness.app.uri_prompt.call_button.click()
    qtbot.waitUntil(lambda: "click2call" in harness.sim.functions(), timeout=WAIT)
    sent = [e["params"]["phonenumber"] for e in harness.sim.requests_log() if e["function"] == "click2call"]
    assert sent == ["05321234567"]


def test_cli_call_while_the_gui_runs_is_placed_by_the_gui(harness, qtbot):
    harness.wait_ready()
    data = json.loads(second_instance(qtbot, "call", "0532 123 45 62", "--json"))
    assert data["number"] == "+905321234562"
    assert harness.app.tracker.is_active()
    recent = harness.app.service.recent[0]
    assert recent.placed.transaction_id == data["transaction_id"]


def test_renderer_crash_recovers_by_itself(harness, qtbot):
    harness.wait_ready()
    harness.messages.clear()
    harness.app.supervisor.renderer_crashed("test")
    assert harness.app.supervisor.state.value == "cannot take calls"
    assert harness.app.tray.state.value == "cannot take calls"
    harness.wait_ready()
    qtbot.waitUntil(lambda: harness.app.supervisor.state.value == "ready", timeout=WAIT)


def test_diagnostics_report_what_works(harness, qtbot):
    harness.wait_ready()
    harness.app.open_diagnostics()
    dialog = harness.app.window.findChild(DiagnosticsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: "API reachable: yes" in dialog.result_text(), timeout=WAIT)
    text = dialog.result_text()
    assert "Softphone loaded: yes" in text
    assert "app_token valid: yes" in text
    assert "Memory in use (app + web engine):" in text
    assert harness.sim.app_token not in text
    dialog.close()


def test_logout_is_refused_during_a_call_and_asks_for_login_after(harness, qtbot):
    harness.wait_ready()
    harness.start_call()
    harness.app.logout()
    assert harness.app.service is not None, "a call is up: logging out would drop it"
    harness.app.service.hangup()
    qtbot.waitUntil(lambda: not harness.app.tracker.is_active(), timeout=WAIT)
    harness.app.logout()
    assert harness.app.service is None
    assert harness.app.login.dialog is not None and harness.app.login.dialog.isVisible()
    assert harness.app.tray.state.value == "logged out"
    harness.app.login.dialog.reject()


def test_tray_click_toggles_the_window(harness):
    window = harness.app.window
    window.show()
    harness.app.tray.toggle_window.emit()
    assert not window.isVisible()
    harness.app.tray.toggle_window.emit()
    assert window.isVisible()


def test_hangup_from_the_command_line_goes_to_the_window(harness, qtbot):
    harness.wait_ready()
    harness.start_call()
    out = second_instance(qtbot, "hold")
    assert out.strip()
    out = second_instance(qtbot, "hangup")
    assert out.strip()
    qtbot.waitUntil(lambda: not harness.app.tracker.is_active(), timeout=WAIT)
    assert harness.sim.functions()[-2:] == ["click2hold", "click2hang"]


def test_a_copied_number_pops_a_card_without_taking_focus(harness, qtbot):
    harness.wait_ready()
    model = harness.app.window.calls.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.paging.fetching, timeout=WAIT)
    called = next(r for r in model.visible_rows() if r.number.replace("+", "").startswith(("05", "905")))
    digits = called.party
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(
        f"Müşteri aradı, numara: +90 {digits[:3]} {digits[3:6]} {digits[6:8]} {digits[8:]} teşekkürler"
    )
    popup = harness.app.popup
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert popup.e164 == f"+90{digits}"
    assert popup.last_label.text().startswith("Last call ")
    assert popup.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    popup.call_button.click()
    qtbot.waitUntil(lambda: "click2call" in harness.sim.functions(), timeout=WAIT)
    assert not popup.isVisible()


def test_clipboard_lookup_ignores_own_copies_pauses_and_plain_text(harness, qtbot):
    harness.wait_ready()
    app, popup = harness.app, harness.app.popup
    clipboard = QGuiApplication.clipboard()
    found: list[str] = []
    app.clipboard.number_copied.connect(lambda number: found.append(number.e164))

    def copy(text: str, how=clipboard.setText) -> None:
        """Copy, and wait until the watcher has looked at it: it heard the change (it is connected before this
        wait), and whatever lookup it started has come back (the runner has nothing pending)."""
        with qtbot.waitSignal(clipboard.dataChanged, timeout=WAIT):
            how(text)
        qtbot.waitUntil(lambda: app.runner.pending == 0, timeout=WAIT)
        assert found == [] and not popup.isVisible(), text[:40]

    copy("0532 123 45 67", how=app.clipboard.copy)
    copy("no number in here, only 2026-11-25 and 1.250,00 TL")
    app.tray.pause_action.setChecked(True)
    copy("0532 765 43 21")
    app.tray.pause_action.setChecked(False)
    copy("x" * 2100 + " 0532 765 43 21")  # beyond the first 2,000 characters
    QGuiApplication.clipboard().setText("0532 765 43 21")
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert popup.who_label.text() == "Unknown number"


def test_contacts_panel_search_card_and_double_click_call(harness, qtbot):
    from ccs_desktop.core.contacts.model import Contact, ContactNumber

    harness.wait_ready()
    app, panel = harness.app, harness.app.window.contacts
    panel.save_requested.emit(
        Contact(None, "Ahmet Yılmaz", "Yılmaz Tekstil", [ContactNumber("+905321234567", "cep")])
    )
    panel.save_requested.emit(
        Contact(None, "Şule Çağlar", "", [ContactNumber("+905337654321")], favourite=True)
    )
    qtbot.waitUntil(lambda: panel.row_count() == 2, timeout=WAIT)
    assert panel.row_text(0).startswith("★ Şule Çağlar")  # favourites first
    panel.search_edit.setText("yilmaz")
    qtbot.waitUntil(lambda: panel.row_count() == 1 and "Ahmet" in panel.row_text(0), timeout=WAIT)
    panel.search_edit.setText("0532 123 45 67")
    qtbot.waitUntil(lambda: panel.row_count() == 1 and "Ahmet" in panel.row_text(0), timeout=WAIT)
    panel.select_row(0)
    qtbot.waitUntil(lambda: panel.card.isVisible() and len(panel.card.number_buttons) == 1, timeout=WAIT)
    button = panel.card.number_buttons[0]
    harness.sim.clear_log()
    button.click()
    button.click()  # an impatient second click within 2 s
    # a dial is submitted as it is clicked: with nothing pending, a second click2call would have been sent
    qtbot.waitUntil(lambda: "click2call" in harness.sim.functions() and app.runner.pending == 0, timeout=WAIT)
    calls = [e["params"]["phonenumber"] for e in harness.sim.requests_log() if e["function"] == "click2call"]
    assert calls == ["05321234567"]
    # a copied number now names the contact
    QGuiApplication.clipboard().setText("+90 532 123 4567")
    qtbot.waitUntil(app.popup.isVisible, timeout=WAIT)
    assert app.popup.who_label.text() == "Ahmet Yılmaz (Yılmaz Tekstil)"


def test_links_name_the_contact_and_can_call_without_asking(harness, qtbot):
    from ccs_desktop.core.contacts.model import Contact, ContactNumber

    harness.wait_ready()
    app = harness.app
    app.window.contacts.save_requested.emit(
        Contact(None, "Ahmet Yılmaz", "", [ContactNumber("+905321234567")])
    )
    qtbot.waitUntil(lambda: app.window.contacts.row_count() == 1, timeout=WAIT)
    app.open_uri("callto:0532 123 45 67")
    qtbot.waitUntil(lambda: app.uri_prompt.box is not None and app.uri_prompt.box.isVisible(), timeout=WAIT)
    assert "Ahmet Yılmaz" in app.uri_prompt.box.text()
    app.uri_prompt.box.reject()
    app.settings.set("confirm_uri_calls", False)
    app.settings.set("outside_line_prefix", "9")
    harness.sim.clear_log()
    app.open_uri("sip:+905321234567@pbx.example")
    qtbot.waitUntil(lambda: "click2call" in harness.sim.functions(), timeout=WAIT)
    sent = [e["params"]["phonenumber"] for e in harness.sim.requests_log() if e["function"] == "click2call"]
    assert sent == ["905321234567"]  # (the poll and the records may ask CCS meanwhile: only the call counts)
    with qtbot.waitSignal(
        app.bus.message, timeout=WAIT
    ):  # not a number: one message (as it is read), nothing sent
        app.open_uri("tel:12")
    qtbot.waitUntil(lambda: app.runner.pending == 0, timeout=WAIT)
    assert harness.sim.functions() == ["click2call"]


def test_import_from_the_window_keeps_good_rows_and_lists_bad_ones(harness, qtbot, tmp_path):
    harness.wait_ready()
    app = harness.app
    source = tmp_path / "kisiler.csv"
    source.write_text(
        "Ad;Telefon\nAyşe Demir;0533 775 15 19\nBozuk;12\nEmre Koç;0536 919 95 20\n", encoding="utf-8-sig"
    )
    app.contacts.import_contacts(source)
    qtbot.waitUntil(
        lambda: app.files.import_box is not None and app.files.import_box.isVisible(), timeout=WAIT
    )
    # a bad number costs that number, not the contact (issue 10)
    assert "3 added, 0 merged, 0 skipped. 1 number left out." in app.files.import_box.text()
    assert "line 3" in app.files.import_box.detailedText() and "'12'" in app.files.import_box.detailedText()
    qtbot.waitUntil(lambda: app.window.contacts.row_count() == 3, timeout=WAIT)
    app.files.import_box.close()
    out = tmp_path / "out.vcf"
    app.contacts.export_contacts(out)
    qtbot.waitUntil(lambda: out.exists() and "Emre Koç" in out.read_text(encoding="utf-8"), timeout=WAIT)


def test_edit_and_delete_a_contact(harness, qtbot):
    from ccs_desktop.core.contacts.model import Contact, ContactNumber

    harness.wait_ready()
    panel = harness.app.window.contacts
    panel.save_requested.emit(Contact(None, "Gül Kurt", "", [ContactNumber("+905417654321")]))
    qtbot.waitUntil(lambda: panel.row_count() == 1, timeout=WAIT)
    panel.select_row(0)
    qtbot.waitUntil(lambda: panel.contact is not None, timeout=WAIT)
    panel.edit_contact(panel.contact)
    panel.dialog.company.setText("Kurt Ticaret")
    panel.dialog._save()
    qtbot.waitUntil(lambda: "Kurt Ticaret" in panel.row_text(0), timeout=WAIT)
    panel.delete_button.click()  # at once: Undo, not a question, is the safety net
    qtbot.waitUntil(lambda: panel.row_count() == 0, timeout=WAIT)
    assert not panel.card.isVisible() and panel.undo_bar.isVisible()


@pytest.mark.parametrize("harness", [{"minimized": True}], indirect=True)
def test_minimized_start_stays_in_the_tray_and_the_softphone_still_loads(harness):
    harness.wait_ready()  # a hidden softphone must still log in and take calls
    window = harness.app.window
    if QSystemTrayIcon.isSystemTrayAvailable():
        assert harness.app.tray.icon.isVisible() and not window.isVisible()
    else:  # offscreen has no tray: the window waits minimized in the taskbar instead
        assert window.isVisible() and window.isMinimized()


def test_a_login_time_start_leaves_the_running_window_alone(harness, qtbot):
    harness.wait_ready()
    harness.app.window.hide()
    second_instance(qtbot, "--minimized")  # answered before the process exits: a "show" would already be done
    assert not harness.app.window.isVisible()
    second_instance(qtbot)
    assert harness.app.window.isVisible()


def test_saving_settings_writes_and_removes_the_login_entry(harness, qtbot, user_dirs):
    entry = user_dirs.config / "autostart" / f"{APP_ID}.desktop"
    for wanted in (True, False):
        harness.app.open_settings()
        dialog = harness.app.window.findChildren(SettingsDialog)[-1]
        dialog.autostart.setChecked(wanted)
        dialog._save()
        qtbot.waitUntil(lambda wanted=wanted: entry.exists() == wanted, timeout=10_000)
        if wanted:
            assert "--minimized" in entry.read_text()
        dialog.close()
    assert Settings(config_file()).get_bool("autostart") is False


def test_a_long_import_does_not_hold_up_lookups(harness, qtbot, tmp_path, monkeypatch):
    """A big CRM export imports on its own thread and connection: a number copied meanwhile still gets its card."""
    from ccs_desktop.core.contacts import io as contacts_io

    harness.wait_ready()
    app = harness.app
    source = tmp_path / "crm.csv"
    lines = ["Ad;Telefon"] + [f"Müşteri {i};0212 {300 + i // 10000} {i % 10000:04d}" for i in range(20_000)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    messages: list[str] = []
    app.bus.message.connect(lambda _level, text: messages.append(text))
    under_way = threading.Event()
    import_one = contacts_io._import_one

    def first_rows(*args: object) -> None:
        under_way.set()
        import_one(*args)

    monkeypatch.setattr(contacts_io, "_import_one", first_rows)
    app.contacts.import_contacts(source)
    qtbot.waitUntil(under_way.is_set, timeout=WAIT)  # the import is writing its first batch
    QGuiApplication.clipboard().setText("Aradı: 0532 765 43 21")
    qtbot.waitUntil(app.popup.isVisible, timeout=3000)
    assert not any("20,000 added" in m for m in messages), (
        "the import finished first: the test proves nothing"
    )
    qtbot.waitUntil(lambda: any("20,000 added" in m for m in messages), timeout=120_000)
    counted: list[int] = []
    app.contacts.with_store(lambda store: store.count(), counted.append)
    qtbot.waitUntil(lambda: counted == [20_000], timeout=WAIT)
