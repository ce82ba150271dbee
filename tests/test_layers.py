"""The import rules of STYLE.md, checked on the source so they cannot quietly erode."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ccs_desktop"


def package_of(path: Path) -> str:
    """The dotted package a module file sits in ("ccs_desktop.services" for services/x.py); "" outside it."""
    if not path.resolve().is_relative_to(PACKAGE):
        return ""
    return ".".join(("ccs_desktop", *path.resolve().relative_to(PACKAGE).parent.parts))


def absolute(node: ast.ImportFrom, package: str) -> str:
    """`from ..ui import x` in ccs_desktop.services is ccs_desktop.ui: relative imports obey the rules too."""
    if node.level == 0:
        return node.module or ""
    base = package.split(".")[: len(package.split(".")) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(path: Path, *, top_level_only: bool = False, package: str | None = None) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = package or package_of(path)
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or node.level):
            found.add(absolute(node, package))
        elif isinstance(node, ast.If) and top_level_only:
            continue  # `if TYPE_CHECKING:` blocks do not run
    return found


def modules_under(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def test_the_checker_sees_imports():
    assert "requests" in imports_of(PACKAGE / "core" / "api" / "client.py")


def test_the_checker_resolves_relative_imports(tmp_path):
    module = tmp_path / "x.py"
    module.write_text("from ..ui import widgets\nfrom . import tasks\nfrom .call_state import LineState\n")
    found = imports_of(module, package="ccs_desktop.services")
    assert {"ccs_desktop.ui", "ccs_desktop.services", "ccs_desktop.services.call_state"} <= found


@pytest.mark.parametrize("path", modules_under("core"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_never_imports_qt_or_upper_layers(path):
    bad = {
        name
        for name in imports_of(path)
        if name.split(".")[0] in ("PySide6", "shiboken6")
        or name.startswith(("ccs_desktop.ui", "ccs_desktop.web", "ccs_desktop.services", "ccs_desktop.app"))
        or name.startswith(("ccs_desktop.simulator", "ccs_desktop.cli"))
    }
    # spelled out as well, since the rule "core never imports services" is the one a shortcut is likeliest to break
    assert not _violations(path, ("ccs_desktop.services",)), f"{path} imports a service"
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


WEB_ENGINE = ("PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick")


def _named(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


def everything_imported(path: Path) -> set[str]:
    """Modules `path` imports anywhere (in functions and `if TYPE_CHECKING:` blocks too), with `from X import Y`
    counted as X.Y as well, since `from PySide6 import QtWebEngineCore` imports the module QtWebEngineCore."""
    found = imports_of(path)
    package = package_of(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or node.level):
            found |= {f"{absolute(node, package)}.{alias.name}" for alias in node.names}
    return found


def _violations(path: Path, forbidden: tuple[str, ...]) -> set[str]:
    """What `path` imports that is, or lies under, one of `forbidden`."""
    return {n for n in everything_imported(path) if any(n == f or n.startswith(f + ".") for f in forbidden)}


@pytest.mark.parametrize("path", modules_under("services"), ids=_named)
def test_services_never_import_widgets_or_the_web_view(path):
    """Services are Qt without widgets: the ui and web layers sit on top of them, never under them."""
    bad = _violations(
        path, ("ccs_desktop.ui", "ccs_desktop.web", "ccs_desktop.app", "PySide6.QtWidgets", *WEB_ENGINE)
    )
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize(
    "path", [p for p in sorted(PACKAGE.rglob("*.py")) if not p.is_relative_to(PACKAGE / "web")], ids=_named
)
def test_only_web_imports_qtwebengine(path):
    """QtWebEngine is wrapped once, in web/ (as qutebrowser keeps it in browser/webengine/): the rest of the app
    asks web/ (e.g. `web.permissions.microphone_state`) instead of handling its classes and enums."""
    bad = _violations(path, WEB_ENGINE)
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from ccs_desktop.ui.calls_model import CallRecordsModel", "ccs_desktop.ui.calls_model"),
        ("from ccs_desktop import ui", "ccs_desktop.ui"),
        ("from PySide6 import QtWebEngineCore", "PySide6.QtWebEngineCore"),
        ("import PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineWidgets"),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ccs_desktop.web.page import X",
            "ccs_desktop.web.page",
        ),
        ("def f():\n    from PySide6.QtWebEngineCore import QWebEnginePermission", "PySide6.QtWebEngineCore"),
    ],
)
def test_the_checker_sees_every_form_of_import(tmp_path, source, expected):
    module = tmp_path / "m.py"
    module.write_text(source + "\n", encoding="utf-8")
    assert expected in everything_imported(module)


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
