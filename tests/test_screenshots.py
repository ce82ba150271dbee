"""`ccs-desktop --demo --screenshots DIR`: the README's pictures are drawn by the code of today (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from ccs_desktop.core.screenshots import expected_files
from tests.helpers import cli_env, run_cli

pytestmark = [pytest.mark.gui, pytest.mark.webengine]
WINDOW_VIEWS = ("contacts", "calls", "worklist", "my-day")


def test_every_view_in_both_themes_and_languages(tmp_path, user_dirs, qapp):
    out = tmp_path / "shots"
    done = run_cli("--demo", "--screenshots", str(out), env=cli_env(None), timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(expected_files())
    assert len(expected_files()) == 28
    for name in expected_files():
        image = QImage(str(out / name))
        assert not image.isNull(), name
        if name.split("-")[0] in WINDOW_VIEWS or name.startswith("my-day"):
            assert (image.width(), image.height()) >= (1200, 760), name
    light, dark = QImage(str(out / "contacts-light-en.png")), QImage(str(out / "contacts-dark-en.png"))
    # the theme reaches the native side and the softphone page alike: dark pictures are darker on both halves
    for x in (100, 900):
        assert dark.pixelColor(x, 700).lightness() < light.pixelColor(x, 700).lightness(), x
    assert not user_dirs.all_files(), "nothing of the agent's settings or data is touched"


def test_screenshots_need_the_demo(user_dirs, tmp_path):
    done = run_cli("--screenshots", str(tmp_path), env=cli_env(None))
    assert done.returncode == 2 and "--demo" in done.stderr
