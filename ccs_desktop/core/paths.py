"""Where ccs-desktop keeps its files; one place so tests can move all of them with XDG_* variables."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "ccs-desktop"


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
