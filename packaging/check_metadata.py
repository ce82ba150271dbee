"""Check that every packaging file agrees with the code: app id, name, version, URL schemes, autostart value.

The code is the one source (ccs_desktop/__init__.py, core/desktop.py, core/autostart.py); the Linux, Windows
and macOS files repeat some of it because their tools read them as they are. build.sh runs this before
building, and tests/test_packaging.py runs it in CI. Standard library only.
"""

from __future__ import annotations

import plistlib
import re
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ccs_desktop import APP_ID, APP_TITLE, __version__  # noqa: E402
from ccs_desktop.core import autostart, desktop  # noqa: E402

PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
PLIST = PACKAGING / "macos" / "Info.plist"
ISS = PACKAGING / "windows" / "ccs-desktop.iss"
CHANGELOG = ROOT / "CHANGELOG.md"
ICONS = ROOT / "resources" / "icons"  # the sources; setup.py copies them into the package
ISS_SCHEMES = ("tel", "callto")  # registered directly; sip only through the capabilities (see the .iss)


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def check_desktop() -> list[str]:
    expected = desktop.desktop_entry(["ccs-desktop"])
    if DESKTOP.read_text(encoding="utf-8") != expected:
        return [f"{DESKTOP.name} differs from core.desktop.desktop_entry(['ccs-desktop']); regenerate it"]
    return []


def check_metainfo() -> list[str]:
    root = ET.parse(METAINFO).getroot()
    problems = []
    found = {
        "id": root.findtext("id"),
        "launchable": root.findtext("launchable"),
        "icon": root.findtext("icon"),
        "name": root.findtext("name"),
        "binary": root.findtext("provides/binary"),
    }
    wanted = {
        "id": APP_ID,
        "launchable": desktop.DESKTOP_FILE,
        "icon": APP_ID,
        "name": APP_TITLE,
        "binary": "ccs-desktop",
    }
    problems += [
        f"metainfo {key} is {found[key]!r}, not {value!r}"
        for key, value in wanted.items()
        if found[key] != value
    ]
    releases = [r.get("version") for r in root.iterfind("releases/release")]
    if not releases or releases[0] != __version__:
        problems.append(f"metainfo's newest release is {releases[:1]}, not {__version__}")
    return problems


def check_plist() -> list[str]:
    info = plistlib.loads(PLIST.read_bytes())
    problems = []
    for key, value in {
        "CFBundleIdentifier": APP_ID,
        "CFBundleName": APP_TITLE,
        "CFBundleExecutable": "ccs-desktop",
        "CFBundleShortVersionString": __version__,
        "CFBundleVersion": __version__,
    }.items():
        if info.get(key) != value:
            problems.append(f"Info.plist {key} is {info.get(key)!r}, not {value!r}")
    schemes = [
        s for url_type in info.get("CFBundleURLTypes", []) for s in url_type.get("CFBundleURLSchemes", [])
    ]
    if sorted(schemes) != sorted(desktop.SCHEMES):
        problems.append(f"Info.plist URL schemes are {schemes}, not {list(desktop.SCHEMES)}")
    if not info.get("NSMicrophoneUsageDescription"):
        problems.append("Info.plist has no NSMicrophoneUsageDescription: macOS would refuse the microphone")
    return problems


def iss_defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^\s*#define\s+(\w+)\s+"([^"]*)"', text, flags=re.MULTILINE))


def check_iss() -> list[str]:
    text = ISS.read_text(encoding="utf-8")
    defines = iss_defines(text)
    problems = []
    for key, value in {
        "AppId": APP_ID,
        "AppName": APP_TITLE,
        "AppVersion": __version__,
        "AppExe": "ccs-desktop.exe",
        "RunValue": autostart.RUN_VALUE,
        "RunKey": autostart.RUN_KEY,
    }.items():
        if defines.get(key) != value:
            problems.append(f"{ISS.name} defines {key} as {defines.get(key)!r}, not {value!r}")
    for scheme in ISS_SCHEMES:
        if f'Subkey: "Software\\Classes\\{scheme}\\shell\\open\\command"' not in text:
            problems.append(f"{ISS.name} does not register {scheme}:")
    for scheme in desktop.SCHEMES:
        if f'ValueName: "{scheme}"; ValueData: "{{#ProgId}}"' not in text:
            problems.append(f"{ISS.name} lists no URLAssociations entry for {scheme}:")
    if (
        '--minimized"; Flags: uninsdeletevalue; Tasks: autostart' not in text
        or desktop.MINIMIZED_FLAG != "--minimized"
    ):
        problems.append(f"{ISS.name}'s autostart task does not start with {desktop.MINIMIZED_FLAG}")
    return problems


def check_changelog() -> list[str]:
    text = CHANGELOG.read_text(encoding="utf-8")
    if not re.search(
        rf"^## \[{re.escape(__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, flags=re.MULTILINE
    ):
        return [f"CHANGELOG.md has no '## [{__version__}] - YYYY-MM-DD' section"]
    return []


def check_icons() -> list[str]:
    problems = []
    for size in desktop.ICON_SIZES:
        path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        if not path.is_file():
            problems.append(f"missing icon {path.relative_to(ROOT)}: run packaging/render_icons.py")
        elif png_size(path) != (size, size):
            problems.append(f"{path.relative_to(ROOT)} is {png_size(path)}, not {size}x{size}")
    return problems


CHECKS = (check_desktop, check_metainfo, check_plist, check_iss, check_changelog, check_icons)


def problems() -> list[str]:
    return [problem for check in CHECKS for problem in check()]


def main() -> int:
    found = problems()
    for problem in found:
        print(f"packaging: {problem}", file=sys.stderr)
    if not found:
        print(f"packaging files agree: {APP_ID} {__version__}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
