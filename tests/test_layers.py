"""The import rules of STYLE.md, checked on the source so they cannot quietly erode."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ccs_desktop"


def imports_of(path: Path, *, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.If) and top_level_only:
            continue  # `if TYPE_CHECKING:` blocks do not run
    return found


def modules_under(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def test_the_checker_sees_imports():
    assert "requests" in imports_of(PACKAGE / "core" / "api" / "client.py")


@pytest.mark.parametrize("path", modules_under("core"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_never_imports_qt_or_upper_layers(path):
    bad = {
        name
        for name in imports_of(path)
        if name.split(".")[0] in ("PySide6", "shiboken6")
        or name.startswith(("ccs_desktop.ui", "ccs_desktop.web", "ccs_desktop.services", "ccs_desktop.app"))
        or name.startswith(("ccs_desktop.simulator", "ccs_desktop.cli"))
    }
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize("path", modules_under("simulator"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_simulator_stands_apart(path):
    bad = {
        name
        for name in imports_of(path)
        if name.split(".")[0] in ("PySide6", "shiboken6")
        or (name.startswith("ccs_desktop.") and not name.startswith("ccs_desktop.simulator"))
    }
    assert not bad, f"{path} imports {bad}"


def test_i18n_stays_light():
    """The CLI imports it before anything else: no Qt, no third-party package, nothing slow at import."""
    top = imports_of(PACKAGE / "core" / "i18n.py", top_level_only=True)
    assert top <= {"__future__", "os", "pathlib", "typing", "zlib"}, top


def test_cli_imports_nothing_heavy_at_module_level():
    allowed_roots = {
        "__future__",
        "argparse",
        "json",
        "os",
        "sys",
        "time",
        "collections",
        "datetime",
        "typing",
    }
    top = set().union(*(imports_of(path, top_level_only=True) for path in modules_under("cli")))
    light = {"ccs_desktop", "ccs_desktop.core.i18n"}  # i18n: os and pathlib only, and every message needs it
    light |= {f"ccs_desktop.cli.{path.stem}" for path in modules_under("cli")} | {"ccs_desktop.cli"}
    heavy = {name for name in top if name.split(".")[0] not in allowed_roots and name not in light}
    assert not heavy, heavy


def test_the_window_module_leaves_slow_imports_to_workers():
    """The softphone loads first; phonenumbers, SQLite, requests and keyring come later, in workers."""
    import subprocess
    import sys

    code = (
        "import sys, ccs_desktop.app; "
        "print(' '.join(m for m in ('phonenumbers', 'sqlite3', 'requests', 'keyring') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent
    ).stdout.split()
    assert loaded == []
