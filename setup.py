"""Build step of ccs-desktop: the GUI's resources, compiled by Qt's own tools from resources/ into the package.

Everything else is declared in pyproject.toml. build_py then adds, in the build tree (never in the sources):
- ccs_desktop/ui/icons/icons_rc.py: resources/icons/*.svg by `pyside6-rcc` (the GUI loads `:/icons/<name>.svg`);
- ccs_desktop/resources/i18n/: each .ts (the CLI reads them, without Qt) and its .qm by `pyside6-lrelease`,
  named as ccs_desktop.core.i18n looks for it (after the .ts checksum);
- ccs_desktop/resources/icons/: app.svg and its hicolor PNGs, as files: `install-desktop-integration` copies
  them into the desktop's icon theme without loading Qt.
PySide6-Essentials is a build requirement for those tools. An editable install has no build tree: there the
package reads resources/ itself and the GUI compiles into the user cache on first use (see ui/icons, services/
translation).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
RESOURCES = HERE / "resources"


def _load(name: str, path: Path):  # noqa: ANN202 - loaded by path, without importing the package
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # NamedTuple looks its module up
    spec.loader.exec_module(module)
    return module


def build_resources(package: Path) -> None:
    """Compile and copy resources/ into `package`, the ccs_desktop folder of a build tree."""
    qt_tools = _load("_ccs_desktop_qt_tools", HERE / "ccs_desktop" / "services" / "qt_tools.py")
    i18n = _load("_ccs_desktop_i18n", HERE / "ccs_desktop" / "core" / "i18n.py")
    catalogues = package / "resources" / "i18n"
    for ts in sorted((RESOURCES / "i18n").glob(f"{i18n.PREFIX}*.ts")):
        language = ts.stem.removeprefix(i18n.PREFIX)
        qm = catalogues / i18n.qm_name(language, ts.read_bytes())
        qt_tools.lrelease(ts, qm)
        shutil.copy2(ts, catalogues / ts.name)
    icons = package / "resources" / "icons"
    for source in [
        RESOURCES / "icons" / "app.svg",
        *sorted((RESOURCES / "icons" / "hicolor").rglob("*.png")),
    ]:
        target = icons / source.relative_to(RESOURCES / "icons")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    qt_tools.rcc(qt_tools.icon_files(RESOURCES / "icons"), package / "ui" / "icons" / "icons_rc.py")


class BuildPyWithResources(build_py):
    """The usual build_py, then the compiled resources in the build tree (not for an editable install)."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:  # (an editable install's build tree is thrown away: see above)
            build_resources(Path(self.build_lib) / "ccs_desktop")


setup(cmdclass={"build_py": BuildPyWithResources})
