"""SoftphoneView: guarded (re)loads, no history or reload by menu, mouse or action, persistence, teardown."""

from __future__ import annotations

import contextlib
import logging
import socket
import sqlite3

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QMenu

from ccs_desktop import __version__
from ccs_desktop.web.page import NavigationRequest, SoftphonePage
from ccs_desktop.web.view import HIDDEN_MENU_ACTIONS, SoftphoneView
from tests.web.support import (
    TIMEOUT,
    click_until,
    dispose_profile,
    dispose_view,
    engine_test,
    load,
    round_trip,
    run_js,
)

WebAction = QWebEnginePage.WebAction
PAGE = "<!doctype html><html><body style='height:100vh'><p>softphone</p><script>window.marker = 42</script></body></html>"


@pytest.fixture
def softphone(softphone_server):
    softphone_server.add("/b/", PAGE)
    softphone_server.add("/b/other.html", PAGE)
    return softphone_server.url("/b/")


@engine_test
def test_the_view_owns_a_typed_softphone_page_with_its_bridge(view):
    assert isinstance(view.page(), SoftphonePage)
    assert view.page().profile().storageName() == "ccs-desktop"
    assert view.softphone_url().isEmpty()


@engine_test
def test_reload_is_refused_while_a_call_is_active(qtbot, view, softphone, softphone_server):
    load(qtbot, view, softphone)
    call_active = True
    view.can_reload = lambda: not call_active
    with qtbot.wait_signal(view.reload_refused, timeout=TIMEOUT), qtbot.assert_not_emitted(view.loaded):
        assert view.reload_softphone() is False
        assert view.load_softphone(softphone) is False
        round_trip(qtbot, view.page(), softphone_server)
    assert softphone_server.hits("/b/") == 1
    assert run_js(qtbot, view.page(), "window.marker") == 42

    call_active = False
    run_js(qtbot, view.page(), "window.marker = 7")
    with qtbot.wait_signal(view.loaded, timeout=TIMEOUT) as blocker:
        assert view.reload_softphone() is True
    assert blocker.args == [True]
    assert softphone_server.hits("/b/") == 2
    assert run_js(qtbot, view.page(), "window.marker") == 42, "a fresh document"


@engine_test
def test_loads_also_ask_the_navigation_guard(qtbot, view, softphone, softphone_server):
    load(qtbot, view, softphone)
    view.page().navigation_guard = lambda url: False
    with qtbot.wait_signal(view.reload_refused, timeout=TIMEOUT):
        assert view.load_softphone(softphone) is False
    with qtbot.wait_signal(view.reload_refused, timeout=TIMEOUT):
        assert view.reload_softphone() is False
    assert softphone_server.hits("/b/") == 1


@engine_test
def test_logout_blanks_the_page_unless_a_call_is_active(qtbot, view, softphone):
    load(qtbot, view, softphone)
    view.can_reload = lambda: False
    with qtbot.wait_signal(view.reload_refused, timeout=TIMEOUT):
        assert view.load_softphone(QUrl("about:blank")) is False
    assert run_js(qtbot, view.page(), "window.marker") == 42

    view.can_reload = lambda: True
    load(qtbot, view, QUrl("about:blank"))
    assert view.url() == QUrl("about:blank")
    assert view.page().softphone_origin().isEmpty(), "no origin may use the microphone after logout"


@engine_test
def test_reload_before_any_load_does_nothing(view):
    assert view.reload_softphone() is False


@engine_test
def test_reload_actions_do_nothing(qtbot, view, softphone, softphone_server):
    """Menus and shortcuts reach the page as actions; only reload_softphone() may reload."""
    load(qtbot, view, softphone)
    run_js(qtbot, view.page(), "window.marker = 7")
    with qtbot.assert_not_emitted(view.loaded, wait=500):
        view.pageAction(WebAction.Reload).trigger()
        view.page().triggerAction(WebAction.ReloadAndBypassCache)
        QTest.keyClick(view.focusProxy(), Qt.Key.Key_F5)
        QTest.keyClick(view.focusProxy(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert run_js(qtbot, view.page(), "window.marker") == 7, "the document was never replaced"
    assert softphone_server.hits("/b/") == 1


@engine_test
def test_history_navigation_does_nothing(qtbot, view, softphone, softphone_server):
    """Back and forward, from an action, the mouse's back button or the page itself, stay put."""
    load(qtbot, view, softphone)
    load(
        qtbot, view, softphone_server.url("/b/other.html")
    )  # app-made entries: Chromium lets back reach them
    run_js(qtbot, view.page(), "window.marker = 7")
    history: list[NavigationRequest] = []
    view.page().navigation_requested.connect(
        lambda r: history.append(r) if r.navigation_type == "BackForward" else None
    )
    with qtbot.assert_not_emitted(view.loaded):
        view.pageAction(WebAction.Back).trigger()
        QTest.keyClick(view.focusProxy(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        click_until(qtbot, view, Qt.MouseButton.BackButton, lambda: len(history) >= 1)
        run_js(qtbot, view.page(), "history.back()")
        qtbot.wait_until(lambda: len(history) >= 2, timeout=TIMEOUT)
        round_trip(qtbot, view.page(), softphone_server)
    assert run_js(qtbot, view.page(), "window.marker") == 7, "the document was never replaced"
    assert view.url() == softphone_server.url("/b/other.html")
    assert softphone_server.hits("/b/") == 1


MENU_PAGE = """<!doctype html><body style="margin:0">
<a href="https://www.example.com/help" style="display:block;height:200px;font-size:60px">help</a>
<p style="height:100px">plain</p></body>"""


@engine_test
def test_the_context_menu_has_no_reload_history_or_tools(qtbot, view, softphone_server):
    load(qtbot, view, softphone_server.add("/menu.html", MENU_PAGE))
    shown: list[QMenu | None] = []
    original = view.context_menu

    def spy() -> QMenu | None:
        shown.append(original())
        return shown[-1]

    view.context_menu = spy
    click_until(qtbot, view, Qt.MouseButton.RightButton, lambda: bool(shown))  # on the link
    standard = view.createStandardContextMenu()
    assert view.pageAction(WebAction.Reload) in standard.actions(), "Qt's own menu offers Reload here"
    standard.deleteLater()
    ours = shown[-1]
    assert ours is not None
    actions = ours.actions()
    assert view.pageAction(WebAction.CopyLinkToClipboard) in actions
    assert not {view.pageAction(a) for a in HIDDEN_MENU_ACTIONS} & set(actions)
    assert not (actions[0].isSeparator() or actions[-1].isSeparator())
    ours.close()

    QTest.mouseClick(view.focusProxy(), Qt.MouseButton.RightButton, pos=QPoint(100, 250))  # plain text
    qtbot.wait_until(lambda: len(shown) == 2, timeout=TIMEOUT)
    assert shown[-1] is None, "nothing is left to offer, so no menu"


@engine_test
def test_the_softphone_session_never_reaches_the_log(qtbot, view, softphone, caplog):
    url = QUrl(softphone)
    url.setQuery("tenant=t.example&session=SECRET-SESSION")
    with caplog.at_level(logging.DEBUG):
        load(qtbot, view, url)
        with qtbot.wait_signal(view.loaded, timeout=TIMEOUT):
            assert view.reload_softphone()
    assert "session=***" in caplog.text
    assert "SECRET-SESSION" not in caplog.text
    assert view.softphone_url() == url


@engine_test
def test_a_failed_load_says_so(qtbot, view):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with qtbot.wait_signal(view.loaded, timeout=TIMEOUT) as blocker:
        assert view.load_softphone(QUrl(f"http://127.0.0.1:{port}/b/"))
    assert blocker.args == [False]


@engine_test
@pytest.mark.parametrize("bad", ["", "file:///etc/passwd", "chrome://crash", "softphone.example/b"])
def test_load_softphone_wants_an_http_url(make_view, bad):
    view = make_view(show=False)
    with pytest.raises(ValueError, match="http"):
        view.load_softphone(QUrl(bad))


@engine_test
def test_the_agent_string_names_the_app(qtbot, view, softphone):
    load(qtbot, view, softphone)
    assert run_js(qtbot, view.page(), "navigator.userAgent").endswith(f" ccs-desktop/{__version__}")


def stored_cookies(storage_dir) -> set[str]:
    path = storage_dir / "storage" / "Cookies"
    if not path.exists():
        return set()
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        try:
            return {name for (name,) in db.execute("SELECT name FROM cookies")}
        except sqlite3.OperationalError:  # not created yet, or busy
            return set()


@engine_test
def test_storage_survives_a_restart(qtbot, make_profile, storage_dir, softphone):
    profile = make_profile()
    first = SoftphoneView(profile)
    load(qtbot, first, softphone)
    run_js(
        qtbot, first.page(), "localStorage.setItem('agent', 'ayse'); document.cookie = 'k=v; max-age=3600'"
    )
    dispose_view(qtbot, first)
    dispose_profile(qtbot, profile)
    # Chromium writes cookies to disk in the background; a real restart waits for that at process exit.
    qtbot.wait_until(lambda: "k" in stored_cookies(storage_dir), timeout=TIMEOUT)

    second = SoftphoneView(make_profile())
    try:
        load(qtbot, second, softphone)
        assert (
            run_js(qtbot, second.page(), "localStorage.getItem('agent') + ' ' + document.cookie")
            == "ayse k=v"
        )
    finally:
        dispose_view(qtbot, second)
    assert (storage_dir / "storage").is_dir()
    assert (storage_dir / "cache").is_dir()


@engine_test
def test_shutdown_deletes_the_page_and_is_idempotent(qtbot, make_view, softphone):
    view: SoftphoneView = make_view()
    load(qtbot, view, softphone)
    page = view.page()
    with qtbot.wait_signal(page.destroyed, timeout=TIMEOUT):
        view.shutdown()
        view.shutdown()
    with pytest.raises(RuntimeError, match="shut down"):
        view.page()
