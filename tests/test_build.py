"""Building the package compiles resources/ with Qt's tools (rcc, lrelease) into it, and the built package uses
them: the icons as :/icons/, Turkish from the built .qm, the menu icons as files, nothing compiled at run time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from ccs_desktop import APP_ID
from ccs_desktop.core import desktop, i18n

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("setup.py", "pyproject.toml", "README.md", "MANIFEST.in")

# Run with the built tree first on sys.path, in a fresh user: what a wheel's user gets.
CHECK_BUILT = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QFile
from PySide6.QtWidgets import QApplication
import ccs_desktop
from ccs_desktop.core import desktop, i18n
from ccs_desktop.services import translation
from ccs_desktop.ui.icons import icon

app = QApplication(sys.argv[:1])
installed = translation.install(app, "tr")
i18n.set_language("tr")
print(json.dumps({
    "package": ccs_desktop.__file__,
    "resources": str(i18n.RESOURCES),
    "qm": str(translation.qm_file("tr")),
    "window_says": QCoreApplication.translate("MainWindow", "Hang up"),
    "cli_says": i18n.Cli.tr("Exported %Ln contact(s) to {path}.", "", 2),
    "icons": {name: not icon(name).isNull() for name in ("app", "ready", "in-call")},
    "rcc_module": "ccs_desktop.ui.icons.icons_rc" in sys.modules,
    "resource_exists": QFile.exists(":/icons/app.svg"),
    "menu_icons": sorted(str(p) for p in desktop.icon_sources().values()),
}))
"""


def copy_sources(target: Path) -> Path:
    """The repository's build inputs (a copy: building writes egg-info next to setup.py)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("ccs_desktop", "resources"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    for name in SOURCES:
        shutil.copy(ROOT / name, target / name)
    return target


def setup_py(where: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "setup.py", "-q", *args], cwd=where, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr


def run_built(lib: Path, home: Path) -> dict:
    env = {
        **os.environ,
        "PYTHONPATH": str(lib),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", CHECK_BUILT], cwd=home, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_the_sdist_builds_a_package_that_uses_its_resources(tmp_path):
    """The sdist carries resources/ as sources (MANIFEST.in); build_py there (what bdist_wheel packs) compiles
    them into the package, and that package runs on them alone."""
    source = copy_sources(tmp_path / "src")
    dist = tmp_path / "dist"
    setup_py(source, "sdist", "--dist-dir", str(dist))
    (archive,) = dist.glob("*.tar.gz")
    with tarfile.open(archive) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
        tar.extractall(tmp_path / "unpacked", filter="data")
    assert {"resources/i18n/ccs_desktop_tr.ts", "resources/icons/app.svg", "MANIFEST.in"} <= names
    assert not [n for n in names if n.endswith((".qm", "_rc.py"))], "built files are never in the sources"

    out = tmp_path / "lib"
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    setup_py(unpacked, "build_py", "--build-lib", str(out))
    package = out / "ccs_desktop"
    built = package / "resources" / "i18n"
    for language in ("tr", "en"):
        ts = (ROOT / "resources" / "i18n" / f"ccs_desktop_{language}.ts").read_bytes()
        assert (built / f"ccs_desktop_{language}.ts").read_bytes() == ts  # the CLI reads it
        assert (built / i18n.qm_name(language, ts)).is_file(), sorted(p.name for p in built.iterdir())
    assert (package / "ui" / "icons" / "icons_rc.py").is_file()
    assert (package / "simulator" / "static" / "softphone.html").is_file()
    for size in desktop.ICON_SIZES:
        assert (
            package / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        ).is_file()
    # only app.svg is a file (the menus need it); the window's icons are in the rcc module
    assert [p.relative_to(package) for p in package.rglob("*.svg")] == [Path("resources/icons/app.svg")]
    assert not (out / "resources").exists()

    home = tmp_path / "home"
    home.mkdir()
    seen = run_built(out, home)
    assert Path(seen["package"]).is_relative_to(package)
    assert seen["resources"] == str(package / "resources")
    assert Path(seen["qm"]).parent == built
    assert seen["window_says"] == "Kapat"
    assert seen["cli_says"] == "2 kişi {path} dosyasına aktarıldı."
    assert seen["icons"] == {"app": True, "ready": True, "in-call": True}
    assert seen["rcc_module"] and seen["resource_exists"]
    assert len(seen["menu_icons"]) == len(desktop.ICON_SIZES) + 1
    assert all(Path(p).is_relative_to(package) for p in seen["menu_icons"])
    assert not (home / "cache" / "ccs-desktop").exists(), "the built package compiled something at run time"


@pytest.mark.gui
def test_a_source_checkout_compiles_the_icons_into_the_cache(monkeypatch, tmp_path, user_dirs, qapp):
    """No build step: rcc compiles resources/icons into the user cache once per version of the icons."""
    from PySide6.QtCore import QFile, QResource

    from ccs_desktop.ui import icons

    folder = tmp_path / "resources"
    shutil.copytree(ROOT / "resources" / "icons", folder / "icons")
    monkeypatch.setattr(icons, "RESOURCES", folder)
    first = icons._compile_from_source()
    assert first is not None and first.is_relative_to(user_dirs.cache)
    assert icons._compile_from_source() == first
    assert QResource.registerResource(str(first), "/first")
    assert QFile.exists(":/first/icons/app.svg") and QFile.exists(":/first/icons/in-call.svg")
    svg = folder / "icons" / "ready.svg"
    svg.write_text(svg.read_text(encoding="utf-8").replace("<svg", "<svg id='edited'", 1), encoding="utf-8")
    second = icons._compile_from_source()
    assert second is not None and second != first
    assert QResource.registerResource(str(second), "/second")
    ready = QFile(":/second/icons/ready.svg")
    assert ready.open(QFile.OpenModeFlag.ReadOnly) and b"id='edited'" in bytes(ready.readAll().data())
    ready.close()
    for root, path in (("/first", first), ("/second", second)):
        QResource.unregisterResource(str(path), root)


def test_a_cache_that_cannot_be_written_falls_back_to_a_private_temp_folder(tmp_path):
    from ccs_desktop.services import qt_tools

    blocked = tmp_path / "a-file"
    blocked.write_text("")
    built = qt_tools.built_once("x.bin", blocked / "cache", lambda out: out.write_bytes(b"ok"))
    assert built is not None and built.read_bytes() == b"ok"
    assert not built.is_relative_to(tmp_path) and built.parent.stat().st_mode & 0o777 == 0o700
    shutil.rmtree(built.parent)

    def broken(out: Path) -> None:
        out.write_bytes(b"half")
        raise subprocess.CalledProcessError(1, "rcc")

    cache = tmp_path / "cache"
    assert qt_tools.built_once("y.bin", cache, broken) is None
    assert list(cache.iterdir()) == [], "a failed build leaves nothing behind"
