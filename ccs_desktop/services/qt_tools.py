"""Qt's own build tools (lrelease, rcc, lupdate), as shipped in the PySide6 wheel, run as subprocesses.

One home for how the resources are built: setup.py's build step (it loads this file by path, so it imports
nothing but the standard library), the GUI's fallback in a source checkout or an editable install (which has no
build step: the GUI compiles into the user cache on first use), and scripts/update_translations.py.
The tools run through PySide6's own console-script entry points with this interpreter, so they are the ones of
the PySide6 the code runs with, and they are found even when the environment's bin/ is not on PATH.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

log = logging.getLogger(__name__)

TOOLS = ("lrelease", "rcc", "lupdate")
ICON_PREFIX = "/icons"  # the GUI loads its icons as ":/icons/<name>.svg"


def command(tool: str) -> list[str]:
    """The argv that runs `pyside6-<tool>`; arguments go after it."""
    if tool not in TOOLS:
        raise ValueError(tool)
    code = f"import sys; from PySide6.scripts import pyside_tool; sys.argv[0] = 'pyside6-{tool}'; pyside_tool.{tool}()"
    return [sys.executable, "-c", code]


def run(tool: str, *args: str, cwd: Path | None = None) -> None:
    """Run a tool; raises CalledProcessError (with its output) on failure."""
    subprocess.run([*command(tool), *args], check=True, capture_output=True, text=True, cwd=cwd, timeout=300)


def lrelease(ts: Path, qm: Path) -> None:
    """Compile one catalogue (.ts) to Qt's binary .qm, as `pyside6-lrelease` does it."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    run("lrelease", "-silent", str(ts), "-qm", str(qm))


def icon_files(folder: Path) -> list[Path]:
    """The icons the GUI loads by name: every SVG at the top of resources/icons (hicolor PNGs are for menus)."""
    return sorted(folder.glob("*.svg"))


def icons_checksum(files: Iterable[Path]) -> int:
    """Names and contents of the icons: an edited icon gets a freshly compiled resource file."""
    crc = 0
    for path in files:
        crc = zlib.crc32(path.read_bytes(), zlib.crc32(path.name.encode(), crc))
    return crc


def rcc(files: Iterable[Path], out: Path, *, binary: bool = False) -> None:
    """Compile `files` into a Qt resource under :/icons/: a Python module (`binary=False`: import it to
    register) or a binary .rcc (for `QResource.registerResource`). zlib, not zstd: any QtCore reads it."""
    from xml.sax.saxutils import escape, quoteattr  # noqa: PLC0415 - 14 ms (urllib): only when compiling

    out.parent.mkdir(parents=True, exist_ok=True)
    entries = "".join(f"<file alias={quoteattr(p.name)}>{escape(str(p.resolve()))}</file>" for p in files)
    qrc = out.with_name(f"{out.name}.{os.getpid()}.qrc")
    qrc.write_text(
        f'<!DOCTYPE RCC><RCC version="1.0"><qresource prefix="{ICON_PREFIX}">{entries}</qresource></RCC>\n',
        encoding="utf-8",
    )
    try:
        run("rcc", *(["--binary"] if binary else []), "--no-zstd", str(qrc), "-o", str(out))
    finally:
        qrc.unlink(missing_ok=True)


def built_once(name: str, cache: Path, build: Callable[[Path], None]) -> Path | None:
    """`cache/name`, made by `build(path)` when missing: for a checkout or an editable install, whose resources
    are compiled at first use. Written atomically (a concurrent start sees all of it or none); if the cache is not
    writable, into a new private temp folder instead (a shared one is never trusted)."""
    if (cache / name).is_file():
        return cache / name
    try:
        return _build_into(cache, name, build)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not build %s into %s (%s); building it into a temp folder", name, cache, exc)
    import tempfile  # noqa: PLC0415 - only then

    try:
        return _build_into(Path(tempfile.mkdtemp(prefix="ccs-desktop-")), name, build)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not build %s: %s", name, exc)
        return None


def _build_into(folder: Path, name: str, build: Callable[[Path], None]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"{name}.{os.getpid()}.part"
    try:
        build(partial)
        return partial.replace(folder / name)
    finally:
        partial.unlink(missing_ok=True)  # (only left if the build failed)
