"""The window in Turkish: the language setting reaches menus, tray, status bar, dialogs and Qt's own buttons."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ccs_desktop.app import App, Identity
from ccs_desktop.core import i18n
from ccs_desktop.core.paths import config_file
from ccs_desktop.core.settings import Settings
from ccs_desktop.core.softphone import DEMO_TEMPLATE
from ccs_desktop.ui.dialogs.contact import ContactDialog
from ccs_desktop.ui.dialogs.diagnostics import DiagnosticsDialog
from ccs_desktop.ui.dialogs.login import LoginDialog
from ccs_desktop.ui.dialogs.settings import SettingsDialog
from tests.helpers import SimHandle, close_app, start_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine]
WAIT = 20_000


def _app(qapp, language: str) -> App:
    settings = Settings(config_file())
    settings.set("language", language)
    settings.save()
    return App(qapp, owns_loop=False)


@pytest.fixture
def turkish(qtbot, qapp) -> Iterator[tuple[App, SimHandle]]:
    sim = start_simulator()
    handle = SimHandle(sim)
    app = _app(qapp, "tr")
    assert app.start(Identity(sim.base_url, sim.email, sim.app_token, None, DEMO_TEMPLATE, "demo"))
    try:
        yield app, handle
    finally:
        close_app(app, qapp)
        handle.http.close()
        sim.stop()


def test_window_tray_and_dialogs_speak_turkish(turkish, qtbot, qapp):
    app, _sim = turkish
    window = app.window
    menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in menu.actions()]
    assert "&Ayarlar…" in texts and "Çı&k" in texts, texts
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Kişiler", "Çağrılar", "Günüm"]
    day = window.my_day
    window.tabs.setCurrentWidget(day)  # built when first shown
    assert [f.title.text() for f in day.figures][:3] == ["Cevaplanan", "Cevapsız", "Konuşma süresi"]
    assert (day.today_button.text(), day.chart.accessibleName()) == ("&Bugün", "Saat başına çağrı")
    window.tabs.setCurrentIndex(0)
    assert window.hangup_button.text() == "Kapat" and window.hold_button.text() == "Beklet"
    assert window.number_edit.placeholderText() == "Aranacak numara (herhangi bir biçimde)"
    tray = [a.text() for a in app.tray.menu.actions() if a.text() and a.isVisible()]
    assert tray == [
        "Göster",
        "Panodaki numarayı ara",
        "Son aramalar",
        "Durum",
        "Pano numara sorgusunu duraklat",
        "Ayarlar…",
        "Çık",
    ]
    qtbot.waitUntil(lambda: window.state_label.text() == "Hazır", timeout=WAIT)  # logged in, softphone ready
    qtbot.waitUntil(lambda: app.agent_status.button.text() == "Müsait", timeout=WAIT)  # CCS's status read
    assert app.tray.icon.toolTip() == "ccs-desktop: çağrılara hazır\nDurum: Müsait"
    statuses = [a.text() for a in app.tray.status_menu.actions() if a.isCheckable()]
    assert statuses == ["Müsait", "Arka ofis", "Kısa mola", "Öğle yemeği", "Eğitim", "Toplantı", "Çağrı sonrası iş"]

    app.open_settings()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible()
    )
    assert dialog.windowTitle() == "ccs-desktop ayarları"
    assert dialog.language.currentData() == "tr"
    formats = [dialog.dial_format.itemText(i) for i in range(dialog.dial_format.count())]
    assert formats == [  # "national" was shown raw
        "Ulusal (yurt içinde arandığı gibi)",
        "Uluslararası (E.164, + ile)",
        "Uluslararası, yalnız rakam",
    ]
    buttons = dialog.findChild(QDialogButtonBox)
    # Qt's own translation (qtbase_tr.qm, shipped with PySide6) names the standard buttons
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "İptal"
    dialog.reject()

    login = LoginDialog(app.runner, lambda *_: None, parent=window)
    assert login.windowTitle() == "Call Center Studio'da oturum aç"
    assert login.login_button.text() == "Oturum aç"
    login.deleteLater()
    contact = ContactDialog(None, "TR", parent=window)
    assert contact.windowTitle() == "Kişi ekle"
    contact.deleteLater()
    app.open_diagnostics()
    diagnostics = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, DiagnosticsDialog) and w.isVisible()
    )
    assert diagnostics.windowTitle() == "ccs-desktop tanılama"
    assert diagnostics.rows[0][0] == "Oturum süresi"
    diagnostics.reject()

    app.dial("12")  # a core error on the message bus, in Turkish too
    qtbot.waitUntil(lambda: "geçerli bir telefon numarası değil" in window.statusBar().currentMessage())


def test_auto_with_the_c_locale_is_english_and_quitting_restores_the_language(qtbot, qapp):
    app = _app(qapp, "auto")
    try:
        assert app.language == "en"
        assert app.window.tabs.tabText(0) == "Contacts"
        assert app.tray.menu.actions()[0].text() == "Show"
    finally:
        close_app(app, qapp)
    app = _app(qapp, "tr")
    assert i18n.language() == "tr"
    close_app(app, qapp)
    assert i18n.language() == "en"
    assert QCoreApplication.translate("MainWindow", "Ready") == "Ready"  # no translator left installed


def test_settings_dialog_saves_the_language(qtbot):
    settings = Settings(config_file())
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "auto"
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == [
        "System language",
        "English",
        "Türkçe",
    ]
    dialog.language.setCurrentIndex(dialog.language.findData("tr"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert settings.get_str("language") == "tr"
