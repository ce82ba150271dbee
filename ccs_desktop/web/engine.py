"""Chromium's process-wide setup, which Qt reads once: it has to happen before the QApplication exists.

Qt WebEngine reads `QTWEBENGINE_CHROMIUM_FLAGS` when it first starts Chromium, and QtWebEngineWidgets must be
imported before the QApplication is created (it sets up the shared OpenGL context). A user's own flags are kept:
we only append switches that are not there yet, compared by switch name, so a user's
`--autoplay-policy=...` wins over ours.
"""

from __future__ import annotations

import logging
import os
import sys

ENV_FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"

# A softphone waits for calls while its window is hidden in the tray: Chromium must not throttle its timers
# or put the renderer in the background, or SIP keep-alives and the ringtone come late.
BASE_FLAGS = (
    "--autoplay-policy=no-user-gesture-required",  # the ringtone plays without a click
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
    "--disable-background-networking",  # no Chromium phone-home traffic from an agent's desktop
)
# Chromium refuses to start its sandbox as root; without this flag it does not start at all.
ROOT_FLAGS = ("--no-sandbox",)
# Without a display there is no GPU: render in software from the start instead of probing for one.
OFFSCREEN_FLAGS = ("--disable-gpu", "--disable-gpu-compositing")

_log = logging.getLogger(__name__)
_warned_root = False


def _is_root() -> bool:
    geteuid = getattr(os, "geteuid", None)  # absent on Windows
    return geteuid is not None and geteuid() == 0


def _platform() -> str:
    """The Qt platform plugin that will be used: `-platform` on the command line wins over QT_QPA_PLATFORM."""
    args = sys.argv
    for i, arg in enumerate(args[:-1]):
        if arg in ("-platform", "--platform"):
            return args[i + 1].split(":", 1)[0]
    return os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0]


def chromium_flags(*, is_root: bool, offscreen: bool) -> list[str]:
    """The switches we want for this process, before merging with the user's own."""
    flags = list(BASE_FLAGS)
    if is_root:
        flags += ROOT_FLAGS
    if offscreen:
        flags += OFFSCREEN_FLAGS
    return flags


def merge_flags(existing: str, wanted: list[str]) -> str:
    """Append each wanted switch whose name is not already present; the user's value for a switch wins."""
    tokens = existing.split()
    present = {token.split("=", 1)[0] for token in tokens}
    for flag in wanted:
        name = flag.split("=", 1)[0]
        if name not in present:
            tokens.append(flag)
            present.add(name)
    return " ".join(tokens)


def prepare_environment() -> None:
    """Make Chromium ready to start: call before the QApplication is created. Safe to call again."""
    global _warned_root  # noqa: PLW0603 - a once-per-process warning
    import PySide6.QtWebEngineWidgets  # noqa: F401, PLC0415 - Qt requires this import before the app exists

    root = _is_root()
    offscreen = _platform() == "offscreen"
    if root and not _warned_root:
        _warned_root = True
        _log.warning("running as root: Chromium's sandbox is switched off for the softphone page")
    os.environ[ENV_FLAGS] = merge_flags(
        os.environ.get(ENV_FLAGS, ""), chromium_flags(is_root=root, offscreen=offscreen)
    )
