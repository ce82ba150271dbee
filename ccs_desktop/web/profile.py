"""The one persistent browser profile the softphone lives in.

It is named and on disk (not off-the-record) because the softphone keeps its own login and settings in
cookies and local storage, and an agent must not log in again after every restart. Qt's own permission store
is off: `permissions.decide` is asked every time, so a grant can never outlive a change of softphone origin.
Pages must be deleted before their profile (`SoftphoneView.shutdown`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEngineProfile,
    QWebEngineProfileBuilder,
    QWebEngineSettings,
)

from ccs_desktop import __version__
from ccs_desktop.core.logs import redact
from ccs_desktop.core.paths import data_dir, private_dir

PROFILE_NAME = "ccs-desktop"
USER_AGENT_PRODUCT = f"ccs-desktop/{__version__}"

_log = logging.getLogger(__name__)


def profile_dir(demo: bool) -> Path:
    """The profile's folder: the demo's apart, so nothing of the demo reaches the agent's own."""
    return data_dir() / ("webengine-demo" if demo else "webengine")


def storage_paths(storage_dir: Path) -> tuple[Path, Path]:
    """(persistent storage, HTTP cache) under the app's data dir."""
    return storage_dir / "storage", storage_dir / "cache"


def create_profile(storage_dir: Path, parent: QObject | None = None) -> QWebEngineProfile:
    """Build the named profile with its storage under `storage_dir`; create it once per process and dir."""
    storage, cache = storage_paths(storage_dir)
    private_dir(storage)  # cookies, local storage and cached pages of an agent's session: owner-only (0700)
    private_dir(cache)
    # Qt >= 6.9: the storage paths and policies are fixed at construction, so no page can start with
    # Chromium's default paths before our setters run.
    builder = QWebEngineProfileBuilder()
    builder.setPersistentStoragePath(str(storage))
    builder.setCachePath(str(cache))
    builder.setHttpCacheType(QWebEngineProfile.HttpCacheType.DiskHttpCache)
    builder.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.ForcePersistentCookies)
    builder.setPersistentPermissionsPolicy(QWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime)
    profile = builder.createProfile(PROFILE_NAME, parent)

    agent = profile.httpUserAgent()
    if USER_AGENT_PRODUCT not in agent:
        profile.setHttpUserAgent(f"{agent} {USER_AGENT_PRODUCT}")

    settings = profile.settings()
    attr = QWebEngineSettings.WebAttribute
    settings.setAttribute(attr.PlaybackRequiresUserGesture, False)  # the ringtone must play unattended
    settings.setAttribute(
        attr.NavigateOnDropEnabled, False
    )  # a dropped file or link must not replace the page
    settings.setAttribute(attr.FullScreenSupportEnabled, False)
    settings.setAttribute(attr.ScreenCaptureEnabled, False)
    settings.setAttribute(attr.AllowWindowActivationFromJavaScript, False)
    # Chromium's own error page prints the failed URL, session and all; the window's banner says what failed
    settings.setAttribute(attr.ErrorPageEnabled, False)
    # The receiver is a plain function, so nothing can be garbage-collected from under the connection.
    profile.downloadRequested.connect(_refuse_download)
    _log.debug("web profile %r at %s", PROFILE_NAME, storage)
    return profile


def _refuse_download(download: QWebEngineDownloadRequest) -> None:
    """The softphone has nothing to download; a download it starts is cancelled, not saved somewhere."""
    _log.info("refused a download from the softphone page: %s", redact(download.url().toString()))
    download.cancel()
