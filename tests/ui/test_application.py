"""macOS hands phone links to a running app as FileOpen events; the app class turns them into `uri_opened`.

Run in a subprocess: a test process has pytest-qt's QApplication already, and there can be only one."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import REPO

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent
from ccs_desktop.ui.application import CcsApplication

app = CcsApplication([])
seen = []
early = QCoreApplication.sendEvent(app, QFileOpenEvent(QUrl("tel:+902121234567")))  # (an early start's wait)
app.hand_links_to(seen.append)
for url in ("tel:+905321234567", "callto:05321234567", "file:///tmp/contacts.vcf"):
    handled = QCoreApplication.sendEvent(app, QFileOpenEvent(QUrl(url)))
    print(url, handled)
print("seen", seen, early)
"""


def test_phone_links_in_file_open_events_are_handed_on_and_files_are_not():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
    ).stdout.splitlines()
    assert out[:3] == ["tel:+905321234567 True", "callto:05321234567 True", "file:///tmp/contacts.vcf False"]
    # the link that came before anyone listened was kept, and handed on first
    assert out[3] == "seen ['tel:+902121234567', 'tel:+905321234567', 'callto:05321234567'] True"
