"""Fixtures for the web layer: the real QtWebEngine, offscreen, against pages on two local origins."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWebEngineCore import QWebEngineProfile

from ccs_desktop.web.profile import create_profile
from ccs_desktop.web.view import SoftphoneView
from tests.web.support import PageServer, dispose_profile, dispose_view


@pytest.fixture(scope="session")
def _servers() -> Iterator[tuple[PageServer, PageServer]]:
    servers = PageServer(), PageServer()
    yield servers
    for server in servers:
        server.close()


@pytest.fixture
def softphone_server(_servers: tuple[PageServer, PageServer]) -> PageServer:
    """The softphone's origin; pages and the request log start empty in every test."""
    return _servers[0].reset()


@pytest.fixture
def outside_server(_servers: tuple[PageServer, PageServer]) -> PageServer:
    """A second origin (same host, other port): a site the softphone links to, or a foreign page."""
    return _servers[1].reset()


@pytest.fixture
def storage_dir(tmp_path: Path) -> Path:
    return tmp_path / "web"


@pytest.fixture
def make_profile(qapp: object, qtbot: object, storage_dir: Path) -> Iterator[Callable[[], QWebEngineProfile]]:
    """Profiles on this test's storage dir, deleted at teardown after their views (they are made after them)."""
    profiles: list[QWebEngineProfile] = []

    def make() -> QWebEngineProfile:
        profile = create_profile(storage_dir)
        profiles.append(profile)
        return profile

    yield make
    for profile in profiles:
        dispose_profile(qtbot, profile)


@pytest.fixture
def make_view(
    make_profile: Callable[[], QWebEngineProfile], qtbot: object
) -> Iterator[Callable[..., SoftphoneView]]:
    """Shown SoftphoneViews that never open a real browser; shut down and deleted before their profile."""
    views: list[SoftphoneView] = []

    def make(profile: QWebEngineProfile | None = None, *, show: bool = True) -> SoftphoneView:
        view = SoftphoneView(profile or make_profile())
        view.opened: list = []  # type: ignore[attr-defined]
        view.open_external = view.opened.append  # type: ignore[attr-defined]
        view.resize(480, 360)
        if show:
            view.show()
        views.append(view)
        return view

    yield make
    for view in views:
        dispose_view(qtbot, view)


@pytest.fixture
def view(make_view: Callable[..., SoftphoneView]) -> SoftphoneView:
    return make_view()
