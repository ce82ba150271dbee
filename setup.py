"""Build step of ccs-desktop: compile the translation catalogues (.ts) into Qt's .qm files.

Everything else is declared in pyproject.toml. The compiler is ours (ccs_desktop/core/qm.py, pure Python and
byte-for-byte what `pyside6-lrelease` writes), so building a wheel needs no PySide6. An editable install or a
source checkout has no .qm: ccs_desktop.core.i18n compiles the .ts into the user cache on first use instead.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
CATALOGUES = HERE / "ccs_desktop" / "i18n"


def _load(name: str, path: Path):  # noqa: ANN202 - loaded by path, without importing the package
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


class BuildPyWithTranslations(build_py):
    """The usual build_py, then one .qm next to each .ts in the build tree (named as core.i18n looks for it)."""

    def run(self) -> None:
        super().run()
        qm = _load("_ccs_desktop_qm", HERE / "ccs_desktop" / "core" / "qm.py")
        i18n = _load("_ccs_desktop_i18n", HERE / "ccs_desktop" / "core" / "i18n.py")
        for ts in sorted(CATALOGUES.glob(f"{i18n.PREFIX}*.ts")):
            data = ts.read_bytes()
            language = ts.stem.removeprefix(i18n.PREFIX)
            target = Path(self.build_lib) / "ccs_desktop" / "i18n" / i18n.qm_name(language, data)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(qm.compile_ts(data))


setup(cmdclass={"build_py": BuildPyWithTranslations})
