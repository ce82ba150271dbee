"""A real start's early page (web/early_page.py): requested with the keyring child's session before the window
exists, its events held until the supervisor asks for that same page, which is then not loaded a second time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from ccs_desktop.core.api.session import StoredSession
from ccs_desktop.core.keyring_child import ChildFailed, KeyringChild, SavedSecrets, encode
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.instance import InstanceServer
from ccs_desktop.web.early_page import EarlyPage, saved_page
from ccs_desktop.web.view import SoftphoneView
from tests.web.support import TIMEOUT, dispose_profile, dispose_view, engine_test, round_trip

READY_PAGE = """<!doctype html><body><p>phone</p><script>
window.addEventListener("load", () => window.dispatchEvent(new CustomEvent("ccs-softphone",
  {detail: JSON.stringify({type: "ready", agent: "Ayşe", email: "a@acme.test"})})));
</script></body>"""


READY = {"type": "ready", "agent": "Ayşe", "email": "a@acme.test"}


@pytest.fixture
def pages(softphone_server):
    softphone_server.add("/sso/", READY_PAGE)
    softphone_server.add("/other/", READY_PAGE)
    return softphone_server


def events_of(view: SoftphoneView) -> list[tuple]:
    seen: list[tuple] = []
    view.loaded.connect(lambda ok: seen.append(("loaded", ok)))
    view.bridge.message.connect(lambda message: seen.append(("message", message["type"])))
    return seen


def held_until_ready(qtbot, view: SoftphoneView, url: QUrl) -> None:
    """Load with the events held, until the page has loaded and said ready (Qt's own signal, not ours)."""
    with qtbot.wait_signal(view.page().loadFinished, timeout=TIMEOUT):
        assert view.load_softphone(url)
        view.hold_events()
    said_ready = lambda: any(args[0] == READY for _signal, args in view.bridge.held or [])  # noqa: E731
    qtbot.wait_until(said_ready, timeout=TIMEOUT)


@engine_test
def test_the_same_page_asked_for_again_is_not_loaded_but_its_events_are_replayed(qtbot, view, pages):
    seen = events_of(view)
    url = QUrl(pages.url("/sso/?session=s1"))
    held_until_ready(qtbot, view, url)
    assert seen == []  # nobody heard of it yet
    held = [("loaded", args[0]) if isinstance(args[0], bool) else ("message", args[0]["type"]) for _s, args in view.bridge.held]
    assert sorted(held) == [("loaded", True), ("message", "ready")]
    with qtbot.wait_signals([view.bridge.message, view.loaded], timeout=TIMEOUT):
        assert view.load_softphone(QUrl(url.toString()))  # the supervisor's own request, as a string made again
    assert seen == held  # in the order they happened
    round_trip(qtbot, view.page(), pages)
    assert pages.hits("/sso/") == 1
    assert view.bridge.held is None
    with qtbot.wait_signal(view.loaded, timeout=TIMEOUT):  # from now on, a load is a load
        assert view.load_softphone(url)
    assert pages.hits("/sso/") == 2


@engine_test
def test_another_page_drops_the_held_events_and_loads(qtbot, view, pages):
    seen = events_of(view)
    held_until_ready(qtbot, view, QUrl(pages.url("/sso/?session=old")))
    with qtbot.wait_signals([view.bridge.message, view.loaded], timeout=TIMEOUT):
        assert view.load_softphone(QUrl(pages.url("/other/?session=new")))  # a renewed session: a new page
    round_trip(qtbot, view.page(), pages)
    assert sorted(seen) == [("loaded", True), ("message", "ready")]  # the new page's, once; the old page's never
    assert pages.hits("/other/") == 1


CALL_PAGE = """<!doctype html><body><script>
window.addEventListener("load", () => window.dispatchEvent(new CustomEvent("ccs-softphone", {detail: JSON.stringify(
  {type: "call", callid: "c1", state: "ringing", direction: "in", number: "+905321234561"})})));
</script></body>"""


@engine_test
def test_a_call_on_the_early_page_is_told_before_another_page_could_replace_it(qtbot, view, pages):
    """The session renewed meanwhile (another URL): the guards must hear of the early page's live call first, so
    the view refuses to navigate away from it."""
    pages.add("/ringing/", CALL_PAGE)
    calls: list[str] = []
    view.bridge.message.connect(lambda message: calls.append(message["state"]))
    view.loaded.connect(lambda ok: calls.append(f"loaded {ok}"))
    view.can_reload = lambda: calls != ["ringing"]
    with qtbot.wait_signal(view.page().loadFinished, timeout=TIMEOUT):
        assert view.load_softphone(QUrl(pages.url("/ringing/?session=s1")))
        view.hold_events()
    qtbot.wait_until(lambda: any(isinstance(args[0], dict) for _s, args in view.bridge.held), timeout=TIMEOUT)
    with qtbot.wait_signal(view.reload_refused, timeout=TIMEOUT):
        assert view.load_softphone(QUrl(pages.url("/sso/?session=s2"))) is False
    assert calls == ["ringing", "loaded True"]  # the call first; the page stays, so the rest of it is true too
    assert pages.hits("/sso/") == 0 and view.bridge.held is None


@engine_test
def test_once_the_window_listens_the_early_pages_calls_are_not_held(qtbot, view, pages):
    """The guards (quit, logout, reload) must see a call on the early page before the supervisor claims it."""
    pages.add("/ringing/", CALL_PAGE)
    url = QUrl(pages.url("/ringing/?session=s1"))
    seen = events_of(view)
    with qtbot.wait_signal(view.page().loadFinished, timeout=TIMEOUT):
        assert view.load_softphone(url)
        view.hold_events()
    qtbot.wait_until(lambda: any(isinstance(args[0], dict) for _s, args in view.bridge.held), timeout=TIMEOUT)
    view.release_calls()  # the window is wired
    assert seen == [("message", "call")]
    with qtbot.wait_signal(view.bridge.message, timeout=TIMEOUT):  # a call after that is not held either
        view.page().runJavaScript(
            "window.dispatchEvent(new CustomEvent('ccs-softphone', {detail: JSON.stringify({type: 'call',"
            " callid: 'c1', state: 'talking', direction: 'in', number: '+905321234561'})}))"
        )
    assert seen == [("message", "call"), ("message", "call")]
    with qtbot.wait_signal(view.loaded, timeout=TIMEOUT):  # the claim replays the rest
        assert view.load_softphone(url)
    assert seen[2:] == [("loaded", True)] and pages.hits("/ringing/") == 1


@engine_test
def test_events_nobody_claims_are_not_kept_for_ever(qtbot, view, pages):
    """The session never started (its agent could not be built): after a while the page's calls are told (the
    guards must know of them) and the rest dropped, and a later load of that page is a real one."""
    pages.add("/ringing/", CALL_PAGE)
    url = QUrl(pages.url("/ringing/?session=s1"))
    seen = events_of(view)
    with qtbot.wait_signal(view.page().loadFinished, timeout=TIMEOUT):
        assert view.load_softphone(url)
        view.hold_events(limit_ms=200)
    qtbot.wait_until(lambda: seen != [], timeout=TIMEOUT)
    assert seen == [("message", "call")] and view.bridge.held is None
    with qtbot.wait_signal(view.loaded, timeout=TIMEOUT):
        assert view.load_softphone(url)
    assert pages.hits("/ringing/") == 2


class Child:
    """A keyring child whose answer the test gives (the real process is tested in tests/core)."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.given = threading.Event()
        self.child = KeyringChild(self._collect, lambda: None)

    def _collect(self) -> str:
        assert self.given.wait(60)
        if self.text is None:
            raise ChildFailed("the keyring reader failed: exit code 1")
        return self.text

    def answer(self, text: str | None) -> None:
        self.text = text
        self.given.set()


@pytest.fixture
def early_of(qtbot, storage_dir: Path) -> Iterator:
    made: list[EarlyPage] = []

    def make(child: Child, url: str | None) -> EarlyPage:
        saved = lambda answer: url if isinstance(answer, SavedSecrets) and answer.session else None  # noqa: E731
        early = EarlyPage(storage_dir, saved, InstanceServer(name=f"ccs-desktop-test-{id(child)}"))
        child.child.on_answer(early.deliver)
        early.view.open_external = lambda _url: None
        made.append(early)
        return early

    yield make
    for early in made:
        dispose_view(qtbot, early.view)
        dispose_profile(qtbot, early.profile)


@engine_test
def test_a_saved_session_has_the_page_loaded_before_the_window_takes_it(qtbot, early_of, pages):
    child = Child()
    url = pages.url("/sso/?session=s1")
    early = early_of(child, url)
    secrets = SavedSecrets("tok", StoredSession("s1", 10.0))
    child.answer(encode(secrets))
    early.wait(module="json", limit_s=60)
    assert not early.waited_out  # it returned once loaded, not at the limit
    assert early.settled and pages.hits("/sso/") == 1
    assert early.view.address() == url
    taken: list = []
    early.take_answer(taken.append)
    assert taken == [secrets]


@engine_test
@pytest.mark.parametrize("answer", [encode(SavedSecrets(None, None)), encode(SavedSecrets("tok", None)), None])
def test_no_token_no_session_or_a_failed_child_loads_nothing_early(qtbot, early_of, pages, answer):
    child = Child()
    early = early_of(child, pages.url("/sso/?session=s1"))
    child.answer(answer)
    early.wait(module="json", limit_s=60)
    assert early.settled and early.view.softphone_url().isEmpty()
    taken: list = []
    early.take_answer(taken.append)
    assert len(taken) == 1 and (isinstance(taken[0], ChildFailed) if answer is None else taken[0].session is None)


@engine_test
def test_a_slow_keyring_does_not_hold_the_window_and_its_answer_goes_to_the_session(qtbot, early_of, pages):
    """A locked keyring asks for its password: the window is built meanwhile and the session takes the answer."""
    child = Child()
    early = early_of(child, pages.url("/sso/?session=s1"))
    early.wait(module="json", limit_s=0.05)  # nothing came: the window goes on
    assert not early.settled and early.waited_out
    taken: list = []
    early.take_answer(taken.append)
    assert taken == []
    child.answer(encode(SavedSecrets("tok", StoredSession("s1", 10.0))))
    qtbot.wait_until(lambda: taken != [], timeout=TIMEOUT)
    assert taken[0].token == "tok"
    assert early.view.softphone_url().isEmpty()  # the supervisor loads it, as it always did


@engine_test
def test_an_answer_after_the_window_quit_is_dropped(qtbot, early_of, pages):
    child = Child()
    early = early_of(child, pages.url("/sso/?session=s1"))
    taken: list = []
    early.take_answer(taken.append)
    early.close()
    early.deliver(SavedSecrets("tok", StoredSession("s1", 10.0)))  # (on this thread: handled before it returns)
    assert taken == [] and early.view.softphone_url().isEmpty()
    child.answer(None)  # (its thread ends)


def test_the_early_address_is_the_sessions_and_none_once_the_session_is_too_old(tmp_path):
    settings = Settings(tmp_path / "config.ini")
    settings.update(
        {
            "tenant": "acme",
            "softphone_url_template": "{base}/{build}/sso/?tenant={tenant_host}&session={session}",
            "softphone_build": "b 1",
            "session_lifetime_hours": 2,
        }
    )
    now = [10_000.0]
    page_of = saved_page(settings, lambda: now[0])
    assert page_of(SavedSecrets("tok", StoredSession("a/b", now[0] - 7199))) == (
        "https://acme.callcenterstudio.com/b%201/sso/?tenant=acme.callcenterstudio.com&session=a%2Fb"
    )
    assert page_of(SavedSecrets("tok", StoredSession("a/b", now[0] - 7200))) is None  # the supervisor logs in first
    assert page_of(SavedSecrets("tok", None)) is None
    assert page_of(SavedSecrets(None, None)) is None
    assert page_of(ChildFailed("the keyring reader failed: exit code 1")) is None
