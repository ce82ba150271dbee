"""Building the package compiles the translation catalogues, with no PySide6 needed by the build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ccs_desktop.core import i18n
from ccs_desktop.core.qm import Catalogue

ROOT = Path(__file__).resolve().parent.parent


def test_build_py_puts_a_qm_beside_each_catalogue(tmp_path):
    source = tmp_path / "src"  # a copy: the build writes egg-info next to setup.py
    shutil.copytree(
        ROOT / "ccs_desktop", source / "ccs_desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    out = tmp_path / "lib"
    result = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(out)],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    built = out / "ccs_desktop" / "i18n"
    for language in ("tr", "en"):
        ts = (ROOT / "ccs_desktop" / "i18n" / f"ccs_desktop_{language}.ts").read_bytes()
        assert (built / f"ccs_desktop_{language}.ts").read_bytes() == ts  # shipped too, for the fallback
        qm = built / i18n.qm_name(language, ts)
        assert qm.is_file(), sorted(p.name for p in built.iterdir())
    book = Catalogue(
        (built / i18n.qm_name("tr", (ROOT / "ccs_desktop/i18n/ccs_desktop_tr.ts").read_bytes())).read_bytes()
    )
    assert book.lookup("MainWindow", "Hang up") == "Kapat"
