"""Our own SVG icons (app and tray states), loaded by name from the Qt resource `:/icons/<name>.svg`.

The sources are resources/icons/*.svg; setup.py's build compiles them with `pyside6-rcc` into the module
`icons_rc` beside this file (never committed). A source checkout or an editable install has no build step, so
there the same rcc compiles them on first use into a binary resource in the user cache, named after the icons'
checksum (an edited icon is compiled again), and Qt registers that file instead. Either way :/icons/ exists
as soon as this module is imported, as with the usual `import resources_rc`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QFile, QResource
from PySide6.QtGui import QIcon

from ccs_desktop.core.i18n import RESOURCES
from ccs_desktop.core.paths import cache_dir
from ccs_desktop.services import qt_tools


@cache
def icon(name: str) -> QIcon:
    path = f":{qt_tools.ICON_PREFIX}/{name}.svg"
    if not QFile.exists(path):
        raise FileNotFoundError(path)
    return QIcon(path)


@cache
def register() -> None:
    """Make :/icons/ available, once per process: the built module, else the icons compiled from source."""
    try:
        from ccs_desktop.ui.icons import icons_rc  # noqa: F401, PLC0415 - built by setup.py; registers on import
    except ImportError:
        compiled = _compile_from_source()
        if compiled is None or not QResource.registerResource(str(compiled)):
            raise FileNotFoundError(
                f"no compiled icons, and none could be built from {RESOURCES / 'icons'}"
            ) from None


def _compile_from_source() -> Path | None:
    files = qt_tools.icon_files(RESOURCES / "icons")
    if not files:
        return None
    name = f"icons-{qt_tools.icons_checksum(files):08x}.rcc"
    return qt_tools.built_once(name, cache_dir() / "icons", lambda out: qt_tools.rcc(files, out, binary=True))


register()
