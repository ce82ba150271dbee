"""Refresh the catalogues from the code with Qt's own extractor: `python scripts/update_translations.py`.

`resources/i18n/ccs_desktop_tr.ts` gets every marked string (new ones unfinished, for the translator; gone ones
dropped); `ccs_desktop_en.ts` only the plural ones (`-pluralonly`), whose English forms we write once. Locations
are left out so a moved line does not change the catalogue. The simulator stays English (a developer tool).
Runs PySide6's `pyside6-lupdate` (ccs_desktop.services.qt_tools); then translate, and tests/core/test_i18n.py
checks the rest.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ccs_desktop.services import qt_tools  # noqa: E402 - stdlib only

PACKAGE = ROOT / "ccs_desktop"
CATALOGUES = ROOT / "resources" / "i18n"
EXCLUDED = ("simulator",)


def sources() -> list[Path]:
    """Our Python files, without the simulator and without generated resource modules (*_rc.py)."""
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in EXCLUDED and not path.name.endswith("_rc.py")
    )


def lupdate(ts: Path, *, plural_only: bool = False, language: str = "tr_TR") -> None:
    """Run lupdate for `ts` (created if missing); raises CalledProcessError with its output on failure."""
    command = [
        *qt_tools.command("lupdate"),
        *map(str, sources()),
        "-no-obsolete",
        "-locations",
        "none",
        "-target-language",
        language,
    ]
    if plural_only:
        command.append("-pluralonly")
    subprocess.run([*command, "-ts", str(ts)], check=True, capture_output=True, text=True, cwd=ROOT)


def main() -> int:
    lupdate(CATALOGUES / "ccs_desktop_tr.ts")
    lupdate(CATALOGUES / "ccs_desktop_en.ts", plural_only=True, language="en")
    print(f"updated {CATALOGUES.relative_to(ROOT)}/ccs_desktop_tr.ts and ccs_desktop_en.ts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
