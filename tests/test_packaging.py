"""The packaging files agree with the code and with their own validators (the PyInstaller build is not run here:
packaging/build.sh does that, minutes long)."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest

from ccs_desktop import APP_ID, __version__
from tests.helpers import REPO, cli_env, run_cli

PACKAGING = REPO / "packaging"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_metadata = load("check_metadata")
render_icons = load("render_icons")


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install the Debian package {package} (see .ci/run)")
    return path


def test_every_packaging_file_agrees_with_the_code():
    assert check_metadata.problems() == []


def test_the_checker_notices_a_version_bump_left_out_of_the_files(monkeypatch):
    monkeypatch.setattr(check_metadata, "__version__", "9.9.9")
    found = check_metadata.problems()
    for where in ("metainfo", "Info.plist", "ccs-desktop.iss", "CHANGELOG.md"):
        assert any(where in problem for problem in found), (where, found)


def test_the_checker_notices_a_wrong_app_id(monkeypatch):
    monkeypatch.setattr(check_metadata, "APP_ID", "com.example.Other")
    found = check_metadata.problems()
    assert any("metainfo id" in p for p in found) and any("CFBundleIdentifier" in p for p in found)
    assert any("AppId" in p for p in found)


def test_desktop_file_is_valid():
    validate = tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validate, str(check_metadata.DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = check_metadata.DESKTOP.read_text()
    assert "MimeType=x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/sip;\n" in text
    assert "Exec=ccs-desktop %u\n" in text
    assert f"Icon={APP_ID}\n" in text


def test_metainfo_is_valid_appstream():
    root = ET.parse(check_metadata.METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    validate = tool("appstreamcli", "appstream")
    result = subprocess.run(
        [validate, "validate", "--no-net", str(check_metadata.METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_version_comes_from_one_place():
    result = run_cli("--version", env=cli_env(None))
    assert result.stdout.strip() == f"ccs-desktop {__version__}"
    spec = (PACKAGING / "ccs-desktop.spec").read_text()
    assert (
        "ccs_desktop.__version__" in spec and __version__ not in spec
    )  # the spec reads it, never repeats it


def test_committed_icon_pngs_are_app_svg_as_drawn_now(qapp):
    """Fails when app.svg changed and packaging/render_icons.py was not run again."""
    from PySide6.QtGui import QImage

    for size in (16, 48, 256):
        fresh = QImage.fromData(render_icons.render(render_icons.ICONS_DIR / "app.svg", size))
        committed = QImage(str(render_icons.png_path(size)))
        assert committed.size() == fresh.size()
        worst = max(
            abs(a - b)
            for y in range(0, size, max(1, size // 32))
            for x in range(0, size, max(1, size // 32))
            for a, b in zip(committed.pixelColor(x, y).getRgb(), fresh.pixelColor(x, y).getRgb(), strict=True)
        )
        assert worst <= 8, f"{size}px icon differs from app.svg by {worst}: run packaging/render_icons.py"


def test_windows_icon_holds_every_size_as_png():
    pngs = {size: render_icons.png_path(size).read_bytes() for size in render_icons.ICO_SIZES}
    ico = render_icons.make_ico(pngs)
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(pngs))
    for index, size in enumerate(sorted(pngs)):
        width, height, _c, _r, _p, bits, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * index)
        assert (width or 256, height or 256, bits) == (size, size, 32)
        assert ico[offset : offset + length] == pngs[size]


def test_packaging_scripts_are_well_formed():
    bash = shutil.which("bash")
    assert bash is not None
    result = subprocess.run([bash, "-n", str(PACKAGING / "build.sh")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    compile((PACKAGING / "ccs-desktop.spec").read_text(), "ccs-desktop.spec", "exec")
