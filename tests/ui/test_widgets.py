"""Widgets with a real QApplication (offscreen); network through the simulator where they use it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from ccs_desktop.core.api import CcsClient, resolve_tenant
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.errors import AuthenticationFailed, InvalidInput, NetworkError, user_text
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.agent_service import LineState
from ccs_desktop.services.tasks import TaskRunner
from ccs_desktop.ui.contacts_panel import ContactsPanel
from ccs_desktop.ui.dialogs.login import LoginDialog
from ccs_desktop.ui.dialogs.settings import SettingsDialog
from ccs_desktop.ui.main_window import MainWindow, adopt_old_layout
from ccs_desktop.ui.tray import Tray, state_tip


def make_window(tmp_path) -> MainWindow:
    return MainWindow(QWidget(), Settings(tmp_path / "config.ini"))


def test_geometry_and_splitter_persist(qtbot, tmp_path):
    window = make_window(tmp_path)
    qtbot.addWidget(window)
    window.show()
    window.resize(780, 520)  # within the offscreen screen (800x600)
    window.splitter.setSizes([370, 400])
    sizes = window.splitter.sizes()
    window.quitting = True
    window.close()
    again = make_window(tmp_path)
    qtbot.addWidget(again)
    again.show()
    assert (again.size().width(), again.size().height()) == (780, 520)
    assert again.splitter.sizes() == sizes


def test_the_layout_round_trips_through_the_settings_registry(qtbot, tmp_path):
    window = make_window(tmp_path)
    qtbot.addWidget(window)
    window.show()
    window.resize(780, 500)
    window.quitting = True
    window.close()
    stored = Settings(tmp_path / "config.ini")
    assert stored.get_str("window_geometry") and stored.get_str("window_splitter")
    assert not list(tmp_path.glob("*state*")), "no undeclared file beside it"
    stored.set("window_splitter", "not base64!")  # damaged by hand: the default split, no error
    stored.save()
    again = make_window(tmp_path)
    qtbot.addWidget(again)
    again.show()
    assert (again.size().width(), again.size().height()) == (780, 500)


def test_the_old_layout_file_is_taken_over_once(qtbot, tmp_path):
    old = tmp_path / "window-state.ini"
    legacy = make_window(tmp_path / "unused")
    qtbot.addWidget(legacy)
    legacy.resize(770, 510)
    state = QSettings(str(old), QSettings.Format.IniFormat)
    state.setValue("window/geometry", legacy.saveGeometry())
    state.setValue("window/splitter", legacy.splitter.saveState())
    state.sync()
    del state
    adopt_old_layout(Settings(tmp_path / "config.ini"), old)
    assert not old.exists()
    window = make_window(tmp_path)
    qtbot.addWidget(window)
    window.show()
    assert (window.size().width(), window.size().height()) == (770, 510)


def test_close_hides_instead_of_quitting(qtbot, tmp_path):
    window = make_window(tmp_path)
    qtbot.addWidget(window)
    window.show()
    assert window.close() is False  # the event was ignored
    assert not window.isVisible() or window.isMinimized()


def test_line_state_and_call_buttons(qtbot, tmp_path):
    window = make_window(tmp_path)
    qtbot.addWidget(window)
    window.set_line_state(LineState.UNAVAILABLE, "the network is down")
    assert window.state_label.text() == "Cannot take calls — the network is down"
    assert not window.hangup_button.isEnabled()
    window.set_call_active(True)
    assert window.hangup_button.isEnabled()
    window.set_session_age(3 * 3600 + 125)
    assert window.session_label.text() == "Session: 3 h 02 min"


def test_typed_number_is_dialed(qtbot, tmp_path):
    window = make_window(tmp_path)
    qtbot.addWidget(window)
    window.number_edit.setText(" 0532 123 45 67 ")
    with qtbot.waitSignal(window.dial_requested) as blocker:
        window.number_edit.returnPressed.emit()
    assert blocker.args == ["0532 123 45 67"]


def test_tray_states(qtbot):
    tray = Tray()
    for state in LineState:
        tray.set_state(state, "why")
        assert tray.state is state
        assert tray.icon.toolTip() == f"ccs-desktop: {state_tip(state)}\nwhy"
    assert [a.text() for a in tray.menu.actions() if a.text() and a.isVisible()] == [
        "Show",
        "Call number from clipboard",
        "Recent calls",
        "Status",
        "Pause clipboard lookup",
        "Settings…",
        "Quit",
    ]


def verify(tenant: str, email: str, token: str) -> None:
    with CcsClient(resolve_tenant(tenant)) as client:
        client.ping(token)
        client.login(token, email)


def test_login_dialog_shows_errors_inline(qtbot, simulator):
    runner = TaskRunner()
    dialog = LoginDialog(runner, verify)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tenant_edit.setText("not a tenant!")
    dialog.email_edit.setText("nope")
    dialog.login_button.click()
    assert dialog.errors["tenant"].isVisible()
    assert dialog.errors["email"].isVisible()
    assert dialog.errors["token"].isVisible()
    assert simulator.functions() == []

    dialog.tenant_edit.setText(simulator.base_url)
    dialog.email_edit.setText(simulator.email)
    dialog.token_edit.setText("agWRONG")
    dialog.test_button.click()
    qtbot.waitUntil(dialog.errors["token"].isVisible, timeout=10_000)
    assert "agWRONG" not in dialog.errors["token"].text()

    dialog.token_edit.setText(simulator.app_token)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.login_button.click()
    runner.shutdown(wait=True)


def test_settings_dialog_refuses_a_bad_template_and_previews_dialing(qtbot, tmp_path):
    settings = Settings(tmp_path / "config.ini")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.preview.text().endswith("05321234567")
    # the formats are named in words (translated), never as the stored keys ("national" was shown raw)
    assert [dialog.dial_format.itemText(i) for i in range(dialog.dial_format.count())] == [
        "National (as dialled at home)",
        "International (E.164, with +)",
        "International, digits only",
    ]
    dialog.dial_format.setCurrentIndex(dialog.dial_format.findData("e164"))
    assert dialog.preview.text().endswith("+905321234567")
    dialog.template.setText("https://x.example/{nope}")
    dialog._save()
    assert "nope" in dialog.error.text()
    assert settings.get("dial_format") == "national"
    dialog.template.setText("https://softphone.example/{build}/sso/?session={session}")
    dialog._save()
    assert settings.get("dial_format") == "e164"
    assert settings.get("softphone_url_template").startswith("https://softphone.example/")


def test_contact_dialog_checks_numbers_and_keeps_labels(qtbot):
    from ccs_desktop.core.contacts.model import Contact, ContactNumber
    from ccs_desktop.ui.dialogs.contact import ContactDialog, parse_lines

    numbers, bad = parse_lines(
        "cep: 0532 123 45 67\n\nwork: +90 212 555 12 34\ntel:+905337654321\nfoo: 12\nuk: +447700900123", "TR"
    )
    assert numbers == [
        ContactNumber("+905321234567", "cep"),
        ContactNumber("+902125551234", "work"),
        ContactNumber("+905337654321", ""),
        ContactNumber("+447700900123", "uk"),  # flagged by the store, but an edit must not refuse it
    ]
    assert bad == ["foo: 12"]
    dialog = ContactDialog(Contact(7, "Ahmet"), "TR", number="0532 123 45 67")
    qtbot.addWidget(dialog)
    dialog.numbers.setPlainText(dialog.numbers.toPlainText() + "\nnot a number")
    dialog._save()
    assert "not a number" in dialog.error.text()
    dialog.numbers.setPlainText("0532 123 45 67")
    with qtbot.waitSignal(dialog.accepted):
        dialog._save()
    saved = dialog.contact()
    assert (saved.id, saved.name, [n.e164 for n in saved.numbers]) == (7, "Ahmet", ["+905321234567"])


def test_the_contact_dialog_shows_numbers_as_the_agent_writes_them_and_saves_e164(qtbot):
    """Numbers in the region's format (international abroad; a flagged one in E.164, which reads back the same),
    saved back as E.164."""
    from ccs_desktop.core.contacts.model import Contact, ContactNumber
    from ccs_desktop.ui.dialogs.contact import ContactDialog

    numbers = [
        ContactNumber("+905321234567", "cep"),
        ContactNumber("+902125551234"),
        ContactNumber("+447911123456", "uk"),
        ContactNumber("+447700900123", "eski", flagged=True, typed="07700 900123"),
    ]
    dialog = ContactDialog(Contact(7, "Ahmet", numbers=numbers), "TR")
    qtbot.addWidget(dialog)
    assert dialog.numbers.toPlainText().splitlines() == [
        "cep: 0532 123 45 67",
        "(0212) 555 12 34",
        "uk: +44 7911 123456",
        "eski: +447700900123",
    ]
    assert "+905321234567" not in dialog.numbers.toPlainText()
    with qtbot.waitSignal(dialog.accepted):
        dialog._save()
    assert [(n.e164, n.label) for n in dialog.contact().numbers] == [
        ("+905321234567", "cep"),
        ("+902125551234", ""),
        ("+447911123456", "uk"),
        ("+447700900123", "eski"),
    ]


def test_settings_prefix_preview_and_validation(qtbot, tmp_path):
    settings = Settings(tmp_path / "config.ini")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.prefix.setText("0")
    assert dialog.preview.text().endswith("→ 005321234567")
    dialog.prefix.setText("zero")
    dialog._save()
    assert "prefix" in dialog.error.text()
    assert settings.get("outside_line_prefix") == ""
    dialog.prefix.setText("9")
    dialog.confirm_uri.setChecked(False)
    dialog._save()
    assert (settings.get("outside_line_prefix"), settings.get("confirm_uri_calls")) == ("9", False)


@pytest.mark.parametrize(
    ("error", "field"),
    [
        (AuthenticationFailed("Login refused: Unknown account.", field="email"), "email"),
        (AuthenticationFailed("Login refused: user is not valid.", field="token"), "token"),
        (InvalidInput("No such tenant.", field="tenant"), "tenant"),
        (NetworkError("CCS cannot be reached."), "form"),
        (KeyError("bug"), "form"),
    ],
)
def test_login_dialog_shows_an_error_by_the_field_it_names(qtbot, error, field):
    """The error's `field`, not words in its text, says where it goes."""

    def fail(tenant: str, email: str, token: str) -> None:
        raise error

    runner = TaskRunner()
    dialog = LoginDialog(runner, fail, tenant="acme", email="agent@acme.com")
    qtbot.addWidget(dialog)
    dialog.token_edit.setText("agTOKEN")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    shown = {name for name, label in dialog.errors.items() if not label.isHidden()}
    assert shown == {field}
    assert dialog.errors[field].text() == user_text(error)
    runner.shutdown(wait=True)


def test_contact_rows_name_the_company_as_everywhere_else(qtbot):
    panel = ContactsPanel()
    qtbot.addWidget(panel)
    ayse = Contact(1, "Ayşe Yılmaz", company="Koç Holding", numbers=[ContactNumber("+905321234567")])
    panel.show_results([ayse, Contact(2, "Ali Can", favourite=True)], 2)
    rows = [panel.row_text(i) for i in range(panel.row_count())]
    assert rows[0] == "Ayşe Yılmaz, Koç Holding, 0532 123 45 67"
    assert rows[1] == "★ Ali Can"
