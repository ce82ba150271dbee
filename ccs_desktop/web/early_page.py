"""A start requests the softphone page before the rest of the window is built.

A start within the kept session's lifetime (a restart during the shift) finds that session in the keyring (an
expired one is renewed by the supervisor's login first, as before). A child process reads it
(core/keyring_child.py) while this process imports Qt; as soon as the view exists the page is requested with
that session, and the event loop turns (so Chromium, whose browser side runs on this thread, can load it) while
a thread imports the rest of the app. The window is built once the page has loaded, or after `WAIT_S` at most
(a locked keyring asks for its password: the window does not wait for the agent to type it). `--demo` does the
same with its simulator, started in a thread (services/demo.py).

The view holds the page's events until the session's supervisor asks for that same page, then replays them, so
the supervisor sees one load as it would have done it itself (`SoftphoneView.hold_events`). A session that is too
old is not used here: the supervisor logs in first, as it always did.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, QUrl, Signal

from ccs_desktop.core import startup
from ccs_desktop.core.api.tenant import resolve_tenant
from ccs_desktop.core.keyring_child import SavedSecrets
from ccs_desktop.core.logs import register_secret
from ccs_desktop.core.settings import Settings
from ccs_desktop.core.softphone import build_url
from ccs_desktop.services.instance import InstanceServer
from ccs_desktop.web.profile import create_profile
from ccs_desktop.web.view import SoftphoneView

log = logging.getLogger(__name__)

WAIT_S = 1.5  # at most, before the window is built anyway


def saved_page(settings: Settings, clock: Callable[[], float]) -> Callable[[object], str | None]:
    """The saved account's page for the keyring child's answer, as the session controller will build it; None
    without a token or a session, or for a session past the lifetime the agent keeps one for (core.api.make_agent),
    which the supervisor renews first."""
    tenant = resolve_tenant(settings.get_str("tenant"))
    template, build = settings.get_str("softphone_url_template"), settings.get_str("softphone_build")
    lifetime = settings.get_float("session_lifetime_hours") * 3600

    def page_of(answer: object) -> str | None:
        if not isinstance(answer, SavedSecrets):
            return None  # (the session controller marks its own read)
        startup.mark("keyring")
        if not answer.token or answer.session is None:
            return None
        register_secret(answer.token)  # as the agent does: no log line shows them
        register_secret(answer.session.session)
        if answer.session.age(clock()) >= lifetime:
            return None
        return build_url(
            template, base=tenant.base_url, tenant_host=tenant.host, build=build, session=answer.session.session
        )

    return page_of


def _import(module: str) -> None:
    with contextlib.suppress(Exception):  # it raises again, and is reported, when the window imports it
        importlib.import_module(module)


class EarlyPage(QObject):
    """The profile, view and instance server the window will adopt, and the answer its start needs (the keyring
    child's, or the demo's simulator and session): `deliver(answer)` from any thread; `page_of(answer)` is the
    page to request, or None for none. Once the window `adopt`s it, no page is requested any more: the session
    takes the answer with `take_answer`, the demo with `answer_future`."""

    _answered = Signal(object)  # any thread → this thread

    def __init__(
        self,
        storage_dir: Path,
        page_of: Callable[[object], str | None],
        instance: InstanceServer,
        stop: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__()
        self.instance = instance  # listening already: a second start hands over, and loads no second page
        self._stop = stop  # what still works for it (a keyring child's open prompt) ends with the window
        self.adopted = self.closed = False
        self.profile = create_profile(storage_dir)
        self.view = SoftphoneView(self.profile)
        self.page_of = page_of
        self.answer: object = None
        self.settled = False  # the page loaded or failed, or there is no page to load early
        self.waited_out = False  # the window was built at the limit, not on the page
        self._taken: Callable[[Any], None] | None = None
        self._loop: QEventLoop | None = None
        self.view.page().loadFinished.connect(self._settle)  # Qt's own: the view's `loaded` is held
        self._answered.connect(self._on_answer)
        self._future: Future[Any] = Future()  # resolved on the delivering thread: a worker waiting on it never
        # needs this thread's event loop (a quit before the answer would otherwise leave it waiting for ever)

    def deliver(self, answer: object) -> None:
        """From any thread; the first answer counts."""
        if self._future.done():
            return
        if isinstance(answer, BaseException):
            self._future.set_exception(answer)
        else:
            self._future.set_result(answer)
        self._answered.emit(answer)

    def adopt(self, parent: QObject) -> None:
        """The window is built around this: it owns the objects made here, and its start takes the answer."""
        for made in (self, self.instance, self.profile):
            made.setParent(parent)
        self.adopted = True

    def close(self) -> None:
        """The window quits: an answer that comes later is dropped."""
        self.closed = True
        self._taken = None
        self._stop()

    def _on_answer(self, answer: object) -> None:
        if self.closed:
            return
        self.answer = answer
        if self.adopted or self._taken is not None:  # the window is built: its start takes it from here
            if self._taken is not None:
                self._taken(answer)
            return
        try:
            url = self.page_of(answer)
            if url is not None:
                self.view.load_softphone(QUrl(url))
                self.view.hold_events()  # (after: the next load_softphone is the supervisor's)
        except Exception:  # (a bad address template): the window's own load reports it, in words
            log.exception("the softphone page could not be requested early")
            url = None
        if url is None:
            self._settle()

    def _settle(self, *_args: object) -> None:
        self.settled = True
        if self._loop is not None:
            self._loop.quit()

    def wait(self, module: str = "ccs_desktop.app", limit_s: float = WAIT_S) -> None:
        """Turn the event loop until the page has loaded (or failed, or there is none), `limit_s` at most, while a
        thread imports `module` (the interpreter is free while Chromium works in C++)."""
        importer = threading.Thread(target=_import, args=(module,), name="import", daemon=True)
        importer.start()
        if not self.settled:
            self._loop = QEventLoop()
            QTimer.singleShot(round(limit_s * 1000), self._loop, self._limit_reached)
            self._loop.exec()
            self._loop = None
        importer.join()

    def _limit_reached(self) -> None:
        self.waited_out = True
        if self._loop is not None:
            self._loop.quit()

    def take_answer(self, callback: Callable[[Any], None]) -> None:
        """The window's start: the answer now if there is one, else once it comes."""
        self._taken = callback
        if self.answer is not None:
            callback(self.answer)

    def answer_future(self) -> Future[Any]:
        """The answer as a Future (the demo's start waits on one in a worker); an exception delivered raises."""
        return self._future
