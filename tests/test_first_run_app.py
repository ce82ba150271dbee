"""The first run and the logged-out window, in the whole app: no credentials saved, so the login dialog opens with
what each field is; cancelling it leaves a window that says what to do, with Log in… in the menu and a Log in
button where the softphone goes; logging in from there brings the softphone back (real QtWebEngine offscreen, real
HTTP to the simulator, a private keyring)."""

from __future__ import annotations

import pytest

from ccs_desktop.app import App
from ccs_desktop.core.softphone import DEMO_TEMPLATE
from tests.helpers import SimHandle, close_app, start_simulator

pytestmark = [pytest.mark.gui, pytest.mark.webengine, pytest.mark.usefixtures("private_keyring")]
WAIT = 20_000


def test_first_run_explains_and_a_cancelled_login_leaves_log_in_everywhere(qtbot, qapp):
    sim = start_simulator()
    handle = SimHandle(sim)
    app = App(qapp, owns_loop=False)
    window = app.window
    app.settings.set("softphone_url_template", DEMO_TEMPLATE)  # the simulator's softphone page (not saved)
    try:
        assert app.start()  # nothing saved: a first run
        qtbot.waitUntil(lambda: app.login.dialog is not None and app.login.dialog.isVisible(), timeout=WAIT)
        dialog = app.login.dialog
        help_text = dialog.help.text()
        assert dialog.help.isVisible() and dialog.welcome.isVisible()
        for words in ("Tenant:", "E-mail:", "app_token:", "Administrator › Applications", "keyring"):
            assert words in help_text
        # logged out: Log in…, not Log out; the pane says what to do instead of a blank softphone
        assert window.login_action.isVisible() and not window.logout_action.isVisible()
        assert window.logged_out_pane.isVisible() and not window.softphone.isVisible()
        assert "logged out" in window.logged_out_pane.title.text()
        assert "app_token" in window.logged_out_pane.text.text()

        dialog.reject()  # the agent cancels the first login
        assert not dialog.isVisible()
        assert window.login_action.isVisible() and window.logged_out_pane.isVisible()
        window.login_action.trigger()  # the menu's Log in… opens it again
        again = app.login.dialog
        assert again is not dialog and again.isVisible()
        window.logged_out_pane.login_button.click()  # a second ask raises the open one
        assert app.login.dialog is again

        again.tenant_edit.setText(sim.base_url)
        again.email_edit.setText(sim.email)
        again.token_edit.setText(sim.app_token)
        again.build_edit.setText("demo")
        again.login_button.click()
        qtbot.waitUntil(lambda: app.service is not None and app.supervisor.page_ready, timeout=WAIT)
        assert window.softphone.isVisible() and not window.logged_out_pane.isVisible()
        assert window.logout_action.isVisible() and not window.login_action.isVisible()

        app.logout()  # logged out again: the pane and Log in… are back (and the dialog, without the welcome)
        assert window.logged_out_pane.isVisible() and window.login_action.isVisible()
        later = app.login.dialog
        assert later.isVisible() and not later.welcome.isVisible() and not later.help.isVisible()
        later.help_button.click()
        assert later.help.isVisible()
        later.reject()
    finally:
        close_app(app, qapp)
        handle.http.close()
        sim.stop()
