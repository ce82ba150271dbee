"""SoftphonePage: the allowlist, the call guard, popups, permissions, JS dialogs, console and crashes."""

from __future__ import annotations

import logging
import os
import signal

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEnginePermission

from ccs_desktop.web.page import (
    POPUP,
    TERMINATION_REASONS,
    ErrorDomain,
    NavigationRequest,
    Verdict,
    describe_load_failure,
    navigation_verdict,
    termination_reason,
)
from tests.web.support import TIMEOUT, click_until, engine_test, eval_async, load, round_trip, run_js

SOFTPHONE = QUrl("https://softphone.alo-tech.com")
TerminationStatus = QWebEnginePage.RenderProcessTerminationStatus
PermissionType = QWebEnginePermission.PermissionType


# --- the allowlist as a pure function ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kind", "main", "user", "verdict"),
    [
        ("https://softphone.alo-tech.com/b/sso/?session=s", "Typed", True, False, Verdict.LOAD),
        ("https://softphone.alo-tech.com/b/", "Redirect", True, False, Verdict.LOAD),
        ("https://softphone.alo-tech.com/b/", "Reload", True, False, Verdict.LOAD),
        ("https://softphone.alo-tech.com/b/", "BackForward", True, False, Verdict.REFUSE),
        ("https://www.example.com/help", "LinkClicked", True, True, Verdict.EXTERNAL),
        ("http://www.example.com/help", "LinkClicked", True, True, Verdict.EXTERNAL),
        ("https://www.example.com/", "Redirect", True, False, Verdict.REFUSE),  # no browser spam
        ("https://www.example.com/", "FormSubmitted", True, True, Verdict.REFUSE),  # a POST cannot move
        ("https://www.example.com/", "Typed", True, False, Verdict.REFUSE),
        ("http://softphone.alo-tech.com/", "LinkClicked", True, True, Verdict.EXTERNAL),  # other scheme
        ("file:///etc/passwd", "LinkClicked", True, True, Verdict.REFUSE),
        ("chrome://crash", "Typed", True, False, Verdict.REFUSE),
        ("javascript:alert(1)", "LinkClicked", True, True, Verdict.REFUSE),
        ("about:blank", "Other", True, False, Verdict.REFUSE),
        ("about:blank", "LinkClicked", True, True, Verdict.REFUSE),
        ("about:blank", "Typed", True, False, Verdict.LOAD),  # only the app's own load_softphone(about:blank)
        ("https://softphone.alo-tech.com/frame", "Other", False, False, Verdict.LOAD),
        ("about:blank", "Other", False, False, Verdict.LOAD),
        ("about:srcdoc", "Other", False, False, Verdict.LOAD),
        ("data:text/html,hi", "Other", False, False, Verdict.LOAD),
        ("https://ads.example.com/frame", "Other", False, False, Verdict.REFUSE),
        ("https://www.example.com/", POPUP, True, True, Verdict.EXTERNAL),
        ("https://www.example.com/", POPUP, True, False, Verdict.REFUSE),
        ("https://softphone.alo-tech.com/popout", POPUP, True, True, Verdict.REFUSE),
        ("about:blank", POPUP, True, True, Verdict.REFUSE),
    ],
)
def test_navigation_verdict(url, kind, main, user, verdict):
    assert navigation_verdict(NavigationRequest(QUrl(url), kind, main, user), SOFTPHONE) is verdict


def test_nothing_loads_before_the_softphone_origin_is_set():
    request = NavigationRequest(QUrl("https://softphone.alo-tech.com/"), "Typed", True, False)
    assert navigation_verdict(request, QUrl()) is Verdict.REFUSE


def test_every_termination_status_has_a_reason():
    assert set(TERMINATION_REASONS) == set(TerminationStatus)
    assert termination_reason(TerminationStatus.NormalTerminationStatus, 0) is None
    assert termination_reason(TerminationStatus.CrashedTerminationStatus, 11) == (
        "the softphone page crashed (exit code 11)"
    )
    for status in set(TerminationStatus) - {TerminationStatus.NormalTerminationStatus}:
        assert termination_reason(status, 1)


# --- navigation in the real engine ------------------------------------------------------------------------

LINKS = """<!doctype html><html><body style="margin:0">
<a id="out" href="{outside}/landing.html">help</a>
<a id="same" href="/second.html">second</a>
<button id="pop" style="position:fixed;left:0;top:40px;width:100vw;height:200px"
        onclick="window.open(document.body.dataset.popup)">pop</button>
<script>window.marker = 42;</script>
</body></html>"""


@pytest.fixture
def links_page(softphone_server, outside_server):
    softphone_server.add("/second.html", "<!doctype html><p>second</p>")
    outside_server.add("/landing.html", "<!doctype html><p>outside</p>")
    outside_server.add("/popup.html", "<!doctype html><p>popup</p>")
    return softphone_server.add("/links.html", LINKS.format(outside=outside_server.origin))


@engine_test
def test_an_outside_link_opens_in_the_browser_not_in_the_view(
    qtbot, view, links_page, outside_server, softphone_server
):
    load(qtbot, view, links_page)
    loads: list[bool] = []
    view.loaded.connect(loads.append)
    landing = outside_server.url("/landing.html")
    with qtbot.wait_signal(view.page().external_link, timeout=TIMEOUT):
        run_js(qtbot, view.page(), "document.getElementById('out').click()")
    assert view.opened == [landing]
    with qtbot.wait_signal(view.page().external_link, timeout=TIMEOUT):
        run_js(qtbot, view.page(), f"location.href = {landing.toString()!r}")
    assert view.opened == [landing, landing]
    round_trip(qtbot, view.page(), softphone_server)
    assert loads == [], "a refused navigation is no failed load"
    assert run_js(qtbot, view.page(), "window.marker") == 42, "the softphone document was never replaced"
    assert view.url() == links_page
    assert outside_server.hits("/landing.html") == 0


@engine_test
def test_window_open_creates_no_window(qtbot, view, links_page, outside_server, softphone_server):
    load(qtbot, view, links_page)
    requests: list[NavigationRequest] = []
    view.page().navigation_requested.connect(requests.append)
    popup = outside_server.url("/popup.html").toString()
    run_js(qtbot, view.page(), f"window.popups = [window.open({popup!r}), window.open('/second.html')]; 0")
    qtbot.wait_until(lambda: run_js(qtbot, view.page(), "popups.every(w => !w || w.closed)"), timeout=TIMEOUT)
    assert [(r.navigation_type, r.user_initiated) for r in requests] == [(POPUP, False), (POPUP, False)]
    assert view.page().findChildren(QWebEnginePage) == []
    assert view.opened == [], "a popup without a click does not reach the browser"
    assert outside_server.hits("/popup.html") == 0
    assert softphone_server.hits("/second.html") == 0
    assert run_js(qtbot, view.page(), "window.marker") == 42


@engine_test
def test_a_clicked_popup_to_another_site_opens_in_the_browser(qtbot, view, links_page, outside_server):
    load(qtbot, view, links_page)
    popup = outside_server.url("/popup.html")
    run_js(qtbot, view.page(), f"document.body.dataset.popup = {popup.toString()!r}")
    click_until(qtbot, view, Qt.MouseButton.LeftButton, lambda: bool(view.opened))
    assert set(view.opened) == {popup}
    assert outside_server.hits("/popup.html") == 0


@engine_test
def test_the_call_guard_refuses_same_origin_loads_but_not_in_page_routing(
    qtbot, view, links_page, softphone_server
):
    load(qtbot, view, links_page)
    call_active = True
    asked: list[QUrl] = []

    def guard(url: QUrl) -> bool:
        asked.append(url)
        return not call_active

    view.page().navigation_guard = guard
    second = softphone_server.url("/second.html")
    with qtbot.wait_signal(view.page().navigation_refused, timeout=TIMEOUT) as blocker:
        run_js(qtbot, view.page(), "document.getElementById('same').click()")
    assert blocker.args == [second]
    with qtbot.wait_signal(view.page().navigation_refused, timeout=TIMEOUT):
        run_js(qtbot, view.page(), "location.reload()")
    run_js(qtbot, view.page(), "location.hash = '#/dialer'; history.pushState({}, '', '/links.html?tab=2')")
    assert run_js(qtbot, view.page(), "window.marker + location.search") == "42?tab=2"
    assert asked == [second, links_page], "same-document routing never asks the guard"
    assert softphone_server.hits("/second.html") == 0

    call_active = False
    with qtbot.wait_signal(view.loaded, timeout=TIMEOUT):
        run_js(qtbot, view.page(), "document.getElementById('same').click()")
    assert view.url() == second


@engine_test
def test_a_failing_guard_refuses(qtbot, view, links_page, caplog):
    load(qtbot, view, links_page)

    def broken(url: QUrl) -> bool:
        raise RuntimeError("call state unknown")

    view.page().navigation_guard = broken
    with caplog.at_level(logging.ERROR), qtbot.wait_signal(view.page().navigation_refused, timeout=TIMEOUT):
        run_js(qtbot, view.page(), "location.reload()")
    assert "navigation guard failed" in caplog.text


@engine_test
def test_a_handler_can_veto_a_navigation(qtbot, view, links_page, softphone_server):
    load(qtbot, view, links_page)
    seen: list[NavigationRequest] = []

    def veto(request: NavigationRequest) -> None:
        seen.append(request)
        request.allowed = False

    view.page().navigation_requested.connect(veto)
    run_js(qtbot, view.page(), "document.getElementById('same').click()")
    qtbot.wait_until(lambda: bool(seen), timeout=TIMEOUT)
    round_trip(qtbot, view.page(), softphone_server)
    assert (seen[0].navigation_type, seen[0].is_main_frame, seen[0].user_initiated) == (
        "LinkClicked",
        True,
        True,
    )
    assert softphone_server.hits("/second.html") == 0
    assert run_js(qtbot, view.page(), "window.marker") == 42


@engine_test
def test_foreign_subframes_are_not_loaded(qtbot, view, softphone_server, outside_server):
    outside_server.add("/ad.html", "<!doctype html><p>ad</p>")
    softphone_server.add("/own.html", "<!doctype html><p>own</p>")
    url = softphone_server.add(
        "/frames.html",
        f'<!doctype html><iframe src="/own.html"></iframe><iframe src="{outside_server.origin}/ad.html"></iframe>'
        '<iframe srcdoc="<p>inline</p>"></iframe>',
    )
    load(qtbot, view, url)
    assert softphone_server.hits("/own.html") == 1
    assert outside_server.hits("/ad.html") == 0


# --- permissions in the real engine -----------------------------------------------------------------------

MEDIA = """<!doctype html><body><script>
window.ask = {
  mic: () => navigator.mediaDevices.getUserMedia({audio: true}).then(() => "ok", e => e.name),
  notifications: () => Notification.requestPermission(),
};
</script></body>"""

CASES = {"mic": "MediaAudioCapture", "notifications": "Notifications"}


@pytest.fixture
def media_pages(softphone_server, outside_server):
    return softphone_server.add("/media.html", MEDIA), outside_server.add("/media.html", MEDIA)


def ensure_fake_microphone(qtbot, page):
    devices = eval_async(
        qtbot, page, "navigator.mediaDevices.enumerateDevices().then(d => d.map(x => x.kind))"
    )
    if "audioinput" not in devices:
        pytest.fail(
            "no microphone, not even the fake one: a WebEngine profile was created before tests/web/conftest.py"
        )


@pytest.mark.parametrize("what", CASES)
@engine_test
def test_permission_granted_to_the_softphone_origin(qtbot, view, media_pages, softphone_server, what):
    load(qtbot, view, media_pages[0])
    page = view.page()
    ensure_fake_microphone(qtbot, page)
    assert page.permission_state(PermissionType[CASES[what]]) == "not asked"
    with qtbot.wait_signal(page.permission_decided, timeout=TIMEOUT) as blocker:
        run_js(qtbot, page, f"ask.{what}().then(r => window.result = r); true")
    assert blocker.args == [CASES[what], softphone_server.origin, True]
    assert page.permission_state(PermissionType[CASES[what]]) == "granted"
    qtbot.wait_until(lambda: run_js(qtbot, page, "window.result") is not None, timeout=TIMEOUT)
    # the fake device may still fail to open without an audio stack; what matters is that it was not refused
    assert run_js(qtbot, page, "window.result") in ("ok", "granted", "NotReadableError")


@pytest.mark.parametrize("what", CASES)
@engine_test
def test_permission_denied_to_another_origin(
    qtbot, view, media_pages, softphone_server, outside_server, what
):
    """The page in the view is not the softphone's (as after a redirect to another host): no microphone."""
    load(qtbot, view, media_pages[1])
    page = view.page()
    page.set_softphone_origin(softphone_server.url("/"))
    ensure_fake_microphone(qtbot, page)
    with qtbot.wait_signal(page.permission_decided, timeout=TIMEOUT) as blocker:
        run_js(qtbot, page, f"ask.{what}().then(r => window.result = r); true")
    assert blocker.args == [CASES[what], outside_server.origin, False]
    assert page.permission_state(PermissionType[CASES[what]]) == "denied"
    qtbot.wait_until(lambda: run_js(qtbot, page, "window.result") is not None, timeout=TIMEOUT)
    assert run_js(qtbot, page, "window.result") in ("NotAllowedError", "denied", "AbortError")


@engine_test
def test_the_camera_is_denied_even_to_the_softphone(qtbot, view, media_pages):
    load(qtbot, view, media_pages[0])
    page = view.page()
    with qtbot.wait_signal(page.permission_decided, timeout=TIMEOUT) as blocker:
        run_js(qtbot, page, "navigator.mediaDevices.getUserMedia({video: true}).catch(e => 0); true")
    assert blocker.args[0] == "MediaVideoCapture"
    assert blocker.args[2] is False


# --- dialogs, console, crashes, lifecycle -----------------------------------------------------------------


@engine_test
def test_js_dialogs_never_block(qtbot, view, media_pages, caplog):
    load(qtbot, view, media_pages[0])
    with caplog.at_level(logging.INFO, logger="ccs_desktop.web.page"):
        result = run_js(qtbot, view.page(), "alert('hello'); [confirm('leave?'), prompt('name?', 'x')]")
    assert result == [False, None]
    assert "alert (not displayed): hello" in caplog.text
    assert "answered no): leave?" in caplog.text


@engine_test
def test_console_goes_to_the_log_without_the_session(qtbot, view, softphone_server, caplog):
    url = softphone_server.add("/console.html", "<!doctype html><script>console.error('boom')</script>")
    url.setQuery("tenant=t.example&session=SECRET-SESSION")
    with caplog.at_level(logging.DEBUG):
        load(qtbot, view, url)
        run_js(qtbot, view.page(), "console.log('info line'); console.warn('careful session=SECRET-SESSION')")
    console = {r.levelno: r.getMessage() for r in caplog.records if r.name == "ccs_desktop.web.console"}
    assert "boom" in console[logging.WARNING]
    assert "/console.html?tenant=t.example&session=***" in console[logging.WARNING]
    assert "info line" in console[logging.DEBUG]
    assert "careful session=***" in console[logging.INFO]
    assert "SECRET-SESSION" not in caplog.text


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@engine_test
def test_a_killed_renderer_is_reported(qtbot, view, media_pages):
    load(qtbot, view, media_pages[0])
    pid = view.page().renderProcessPid()
    assert pid > 0
    with qtbot.wait_signal(view.page().renderer_crashed, timeout=TIMEOUT) as blocker:
        os.kill(pid, signal.SIGKILL)
    assert blocker.args == ["the softphone page was killed (out of memory, or by another program)"]


@engine_test
def test_the_page_is_never_left_frozen(qtbot, make_view, media_pages):
    view = make_view(show=False)  # only a hidden page can be frozen
    load(qtbot, view, media_pages[0])
    page = view.page()
    with qtbot.wait_signal(page.lifecycleStateChanged, timeout=TIMEOUT):
        page.setLifecycleState(QWebEnginePage.LifecycleState.Frozen)
    qtbot.wait_until(lambda: page.lifecycleState() == QWebEnginePage.LifecycleState.Active, timeout=TIMEOUT)
    assert run_js(qtbot, page, "1 + 1") == 2


# --- load failures in words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "code", "error", "expected"),
    [
        (
            ErrorDomain.ConnectionErrorDomain,
            -105,
            "net::ERR_NAME_NOT_RESOLVED",
            "the softphone at softphone.alo-tech.com cannot be reached: host not found",
        ),
        (
            ErrorDomain.ConnectionErrorDomain,
            -102,
            "net::ERR_CONNECTION_REFUSED",
            "the softphone at softphone.alo-tech.com cannot be reached: connection refused",
        ),
        (
            ErrorDomain.HttpErrorDomain,
            -130,
            "net::ERR_PROXY_CONNECTION_FAILED",
            "the softphone at softphone.alo-tech.com cannot be reached: the proxy refused it",
        ),
        (
            ErrorDomain.HttpStatusCodeDomain,
            404,
            "No web page was found",
            "the softphone at softphone.alo-tech.com answered HTTP 404",
        ),
        (
            ErrorDomain.CertificateErrorDomain,
            -201,
            "net::ERR_CERT_DATE_INVALID",
            "the softphone at softphone.alo-tech.com cannot be reached: its certificate is not trusted",
        ),
        (
            ErrorDomain.InternalErrorDomain,
            -999,
            "net::ERR_SOMETHING_NEW",
            "the softphone at softphone.alo-tech.com cannot be reached: ERR_SOMETHING_NEW",
        ),
    ],
)
def test_load_failures_name_the_host_and_the_error(qapp, domain, code, error, expected):
    url = QUrl("https://softphone.alo-tech.com/generic/sso/?tenant=t&session=SECRET")
    failure = describe_load_failure(url, domain, code, error)
    assert failure.text == expected
    assert failure.host == "softphone.alo-tech.com"
    assert f"{domain.name} {code}" in failure.detail
    assert "SECRET" not in failure.text + failure.detail
