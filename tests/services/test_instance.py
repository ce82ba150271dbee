"""services/instance.py: one window per user. A second InstanceServer on the same name must lose (Qt's
QLocalServer with access options would rename its socket over the first one's), and a crashed one's leftovers
(socket and lock) must not keep the next start out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from ccs_desktop.services.instance import InstanceServer


def test_a_second_server_on_the_same_name_loses_until_the_first_closes(qapp, tmp_path):
    name = str(tmp_path / "instance.sock")
    first = InstanceServer(name=name)
    assert first.listen() and first.listen()  # (again: an early start listened already)
    second = InstanceServer(name=name)
    assert not second.listen()
    first.close()
    assert second.listen()
    second.close()


def test_a_crashed_instance_leaves_nothing_that_keeps_the_next_out(qapp, tmp_path):
    name = str(tmp_path / "instance.sock")
    script = f"""
import sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from ccs_desktop.services.instance import InstanceServer
server = InstanceServer(name={name!r})
assert server.listen()
print("listening", flush=True)
sys.stdin.read()
"""
    with subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as crashed:
        assert crashed.stdout is not None and crashed.stdout.readline().strip() == "listening"
        assert not InstanceServer(name=name).listen()  # it runs
        os.kill(crashed.pid, signal.SIGKILL)
        crashed.wait(30)
    assert os.path.exists(name) and os.path.exists(name + ".lock")  # what a crash leaves
    after = InstanceServer(name=name)
    assert after.listen()
    after.close()
