"""Where ccs-desktop keeps its files; one place so tests can move all of them with XDG_* variables.

The files hold customer names and numbers (the database, its WAL, the logs), so on POSIX our directories are
owner-only (0700) and our files 0600, whatever the umask; a wider mode left by an older version is tightened.
Windows keeps its per-user ACLs on these folders.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "ccs-desktop"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name == "posix"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.ini"


def database_file() -> Path:
    """The one SQLite file: contacts now, cached call records and notes later."""
    return data_dir() / "ccs-desktop.sqlite3"


def tighten(path: Path) -> None:
    """Take group and other bits off `path` if it exists (POSIX); the owner's bits stay as they are."""
    if not _POSIX:
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        path.chmod(mode & 0o700)


def private_dir(path: Path) -> Path:
    """`path` as an owner-only directory: missing levels are made 0700 (as XDG asks), and the app's own levels
    (up to the one named ccs-desktop, e.g. `~/.local/state/ccs-desktop/log`) are tightened if wider."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for level in reversed(missing):
        level.mkdir(mode=PRIVATE_DIR, exist_ok=True)  # the umask can only take bits away
    parts = path.parts
    root = len(parts) - 1 - parts[::-1].index(APP_NAME) if APP_NAME in parts else len(parts) - 1
    for level in (path, *path.parents):
        if len(level.parts) <= root:
            break
        tighten(level)
    return path


def private_file(path: Path) -> Path:
    """`path` as an owner-only file: created empty (0600) if missing, tightened if wider; never truncated."""
    private_dir(path.parent)
    if _POSIX:
        os.close(os.open(path, os.O_RDONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE))
        tighten(path)
    else:
        path.touch(exist_ok=True)
    return path


def secure_existing() -> None:
    """Tighten what an older version (or the umask) left readable to others: run once per start, costs a few
    stat calls, creates nothing."""
    for folder in (config_dir(), data_dir(), log_dir()):
        if folder.is_dir():
            private_dir(folder)
    tighten(config_file())
    tighten(database_file())
    for suffix in ("-wal", "-shm"):
        tighten(database_file().with_name(database_file().name + suffix))
