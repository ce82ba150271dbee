"""Our own SVG icons (app and tray states), loaded by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

HERE = Path(__file__).resolve().parent


@cache
def icon(name: str) -> QIcon:
    path = HERE / f"{name}.svg"
    if not path.is_file():
        raise FileNotFoundError(path)
    return QIcon(str(path))
