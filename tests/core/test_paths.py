"""Owner-only files on POSIX: the real modes of the real files the app writes (database, WAL, logs, config)."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from ccs_desktop.core import paths
from ccs_desktop.core.database import open_database
from ccs_desktop.core.logs import PrivateFileHandler, setup_logging
from ccs_desktop.core.settings import Settings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask():
    """The umask most desktops run with: without our care, files would be 0644 and folders 0755."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_database_its_wal_and_shm_are_owner_only(user_dirs):
    path = paths.database_file()
    db = open_database(path)
    try:
        db.execute("CREATE TABLE t (customer TEXT)")
        db.execute("INSERT INTO t VALUES ('Ayşe Yılmaz +905321234561')")
        wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
        assert wal.exists() and shm.exists()
        assert [mode(p) for p in (path, wal, shm)] == [0o600] * 3
        assert mode(path.parent) == 0o700
    finally:
        db.close()


def test_wider_modes_left_by_an_older_version_are_tightened(user_dirs):
    path = paths.database_file()
    path.parent.mkdir(parents=True, mode=0o755)
    open_database(path).close()
    wal = Path(f"{path}-wal")
    wal.touch()
    for p in (path, wal):
        p.chmod(0o644)
    path.parent.chmod(0o755)
    config = paths.config_file()
    config.parent.mkdir(parents=True)
    config.write_text("[meta]\nversion = 1\n")
    config.chmod(0o664)
    logs = paths.log_dir()
    logs.mkdir(parents=True)
    (logs / "ccs-desktop.log.1").write_text("old lines\n")
    (logs / "ccs-desktop.log.1").chmod(0o644)

    paths.secure_existing()
    assert [mode(p) for p in (path, wal, config)] == [0o600] * 3
    assert mode(path.parent) == mode(config.parent) == mode(logs) == mode(logs.parent) == 0o700
    open_database(path).close()
    assert mode(path) == 0o600


def test_log_files_are_owner_only_after_rotation_too(user_dirs):
    log_file = paths.log_dir() / "ccs-desktop.log"
    log_file.parent.mkdir(parents=True, mode=0o755)
    old = log_file.with_name("ccs-desktop.log.2")
    old.write_text("old\n")
    old.chmod(0o644)
    setup_logging(log_file=log_file)
    try:
        logging.getLogger("ccs_desktop.test").info("incoming call from +905321234561")
        handler = next(h for h in logging.getLogger().handlers if isinstance(h, PrivateFileHandler))
        handler.doRollover()
        logging.getLogger("ccs_desktop.test").info("after the rotation")
        handler.flush()
    finally:
        setup_logging()
    files = sorted(log_file.parent.glob("ccs-desktop.log*"))
    assert [p.name for p in files] == ["ccs-desktop.log", "ccs-desktop.log.1", "ccs-desktop.log.3"]
    assert [mode(p) for p in files] == [0o600] * 3
    assert mode(log_file.parent) == mode(log_file.parent.parent) == 0o700  # .../ccs-desktop/log


def test_config_ini_and_its_folder(user_dirs):
    settings = Settings(paths.config_file())
    settings.set("email", "agent@example.com")
    settings.save()
    assert mode(paths.config_file()) == 0o600
    assert mode(paths.config_dir()) == 0o700


def test_only_the_apps_own_levels_are_tightened(tmp_path):
    shared = tmp_path / "share"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    target = paths.private_dir(shared / "ccs-desktop" / "webengine" / "storage")
    assert mode(shared) == 0o755  # the user's ~/.local/share is not ours to change
    assert [mode(p) for p in (target, target.parent, target.parent.parent)] == [0o700] * 3
