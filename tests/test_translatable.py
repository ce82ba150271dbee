"""No user-visible text escapes translation: literals handed to the places people read must be marked.

A "sink" is where a text reaches a person: widget texts, titles, tooltips, menus, message boxes, the message bus,
hand-over replies, argparse help, the CLI's print(), and the errors of core.errors (their str() is shown as is).
A literal with words in it (a str, an f-string, or a concatenation) passed there fails, unless it went through
`self.tr`, `X.tr`, `translate` or `QCoreApplication.translate` first. Logging is not a sink: logs stay English.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ccs_desktop"
SCANNED = ["app.py", "cli", "core", "services", "ui", "web"]
EXEMPT: set[str] = set()  # every module is scanned
# names that read the same in every language: the program (and its menu), CCS's default softphone build path
NEUTRAL = {"ccs-desktop", "&ccs-desktop", "generic"}

SINK_METHODS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setInformativeText",
    "setDetailedText",
    "setTitle",
    "addAction",
    "addMenu",
    "addTab",
    "setTabText",
    "addRow",
    "addButton",
    "addItem",
    "addItems",
    "setHorizontalHeaderLabels",
    "setHeaderLabels",
    "showMessage",
    "notify",
    "fail",
    "getOpenFileName",
    "getSaveFileName",
    "getExistingDirectory",
}
BUS_METHODS = {"info", "warning", "error"}  # on a MessageBus (`bus`), never on a logger
LOGGERS = {"log", "_log", "logger", "logging", "_console_log"}
SINK_CLASSES = {
    "QAction",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QMessageBox",
    "QMenu",
    "QToolButton",
    "QListWidgetItem",
    "QTableWidgetItem",
    "QTreeWidgetItem",
}
SINK_KEYWORDS = {"placeholderText", "toolTip", "text", "windowTitle", "title", "help", "description"}
TRANSLATORS = {"tr", "translate"}
WORDS = re.compile(r"[A-Za-z]{2,}")


def error_classes() -> set[str]:
    tree = ast.parse((PACKAGE / "core" / "errors.py").read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.ClassDef)} | {
        "ArgumentTypeError",
        "HandoffFailed",
    }


ERRORS = error_classes()


def is_translated(node: ast.AST) -> bool:
    """`tr(...)`, `translate(...)`, or those followed by `.format(...)`."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in TRANSLATORS:
        return True
    return name == "format" and isinstance(func, ast.Attribute) and is_translated(func.value)


def raw_text(node: ast.AST) -> str | None:
    """The untranslated words in an expression shown to a person, if any."""
    if is_translated(node):
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if WORDS.search(node.value) and node.value not in NEUTRAL else None
    if isinstance(node, ast.JoinedStr):
        literal = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
        return literal if WORDS.search(literal) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return raw_text(node.left) or raw_text(node.right)
    if isinstance(node, ast.IfExp):
        return raw_text(node.body) or raw_text(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return next((t for t in map(raw_text, node.elts) if t), None)
    return None


def receiver(func: ast.AST) -> str:
    value = func.value if isinstance(func, ast.Attribute) else None
    if isinstance(value, ast.Attribute):
        return value.attr
    return getattr(value, "id", "")


def findings(source: str, *, cli: bool = False) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        sink = (
            name in SINK_METHODS
            or name in SINK_CLASSES
            or name in ERRORS
            or (name in BUS_METHODS and receiver(func) not in LOGGERS and "bus" in receiver(func))
            or (cli and name in ("print", "_ask", "getpass", "raise_input"))
            or (cli and name == "write" and receiver(func) in ("stream", "stderr", "stdout", "out"))
        )
        arguments = [*node.args] if sink else []
        if name == "addItem":
            arguments = arguments[:1]  # (text, user data): the data is for the code
        arguments += [k.value for k in node.keywords if k.arg in SINK_KEYWORDS]
        for argument in arguments:
            text = raw_text(argument)
            if text:
                found.append((node.lineno, text))
    return found


def scanned_files() -> list[Path]:
    files: list[Path] = []
    for entry in SCANNED:
        path = PACKAGE / entry
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [p for p in files if p.relative_to(PACKAGE).as_posix() not in EXEMPT]


@pytest.mark.parametrize("path", scanned_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_user_visible_literals_are_translated(path):
    found = findings(path.read_text(encoding="utf-8"), cli=path.relative_to(PACKAGE).parts[0] == "cli")
    assert not found, "untranslated user-visible text:\n" + "\n".join(f"  line {n}: {t!r}" for n, t in found)


def test_the_scanner_sees_untranslated_texts():
    code = """
label = QLabel("Ready")
button.setText(f"Call {number}")
self.bus.error("Log in first.")
raise InvalidInput("No number.")
box = QLineEdit(placeholderText="Search")
menu.addAction("&Quit" if a else self.tr("Quit"))
"""
    assert [n for n, _ in findings(code)] == [2, 3, 4, 5, 6, 7]
    fine = """
label = QLabel(self.tr("Ready"))
button.setText(self.tr("Call {number}").format(number=number))
self.bus.error(str(exc))
raise InvalidInput(Core.tr("No number."))
log.warning("Ready for calls")
window.setWindowTitle("ccs-desktop")
print(f"{PROG}: {exc}")
"""
    assert findings(fine, cli=True) == []
    assert findings('print("Done.")', cli=True) == [(1, "Done.")]
