"""Render the app icon's PNGs (hicolor sizes) from resources/icons/app.svg, and build a Windows .ico.

The PNGs are committed under resources/icons/hicolor/ (setup.py copies them into the package), because `ccs-desktop install-desktop-integration`
copies them from an ordinary pip install and must not load Qt to draw them; tests/test_packaging.py renders
app.svg again and fails if they went stale. Run after changing app.svg:

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ccs_desktop import APP_ID  # noqa: E402
from ccs_desktop.core.desktop import ICON_SIZES  # noqa: E402

ICONS_DIR = ROOT / "resources" / "icons"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS_DIR / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(svg: Path, size: int) -> bytes:
    """app.svg drawn at size x size, as PNG bytes (needs a QGuiApplication)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def make_ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding PNG images (Windows Vista and later read PNG entries), largest last."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QSvgRenderer needs one
    svg = ICONS_DIR / "app.svg"
    for size in ICON_SIZES:
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(svg, size))
        print(f"wrote {path.relative_to(ROOT)}")
    if "--ico" in sys.argv:
        out = Path(sys.argv[sys.argv.index("--ico") + 1])
        out.write_bytes(make_ico({size: png_path(size).read_bytes() for size in ICO_SIZES}))
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
