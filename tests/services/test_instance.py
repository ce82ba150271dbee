"""services/instance.py: one window per user. A second InstanceServer on the same name must lose (Qt's
QLocalServer with access options would rename its socket over the first one's), and a crashed one's leftovers
(socket and lock) must not keep the next start out."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading

from ccs_desktop.core import handoff
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


def test_a_request_before_the_window_listens_waits_for_it(qapp, qtbot, user_dirs):
    """An early start claims the instance before its window exists: a second launch meanwhile must get its answer
    once the window is there, not a 30 s wait and an error."""
    server = InstanceServer()
    assert server.listen()
    answers: list[object] = []
    sender = threading.Thread(target=lambda: answers.append(handoff.send({"action": "ping"}, timeout=60)))
    sender.start()
    heard: list[dict] = []
    server.request.connect(lambda message, reply: (heard.append(message), reply.ok({"shown": True})))
    qtbot.wait_until(lambda: len(server._waiting or []) == 1, timeout=15000)
    assert heard == []  # nobody listens yet: it waits
    server.accept_requests()
    assert heard == [{"action": "ping"}]
    qtbot.wait_until(lambda: not sender.is_alive(), timeout=15000)
    assert answers == [{"shown": True}]
    server.close()


def test_an_older_window_without_a_lock_is_not_taken_over(qapp, tmp_path):
    """A version before the lock answers on the socket only: the new start must hand over to it, not steal it."""
    name = str(tmp_path / "instance.sock")
    with socket.socket(socket.AF_UNIX) as older:
        older.bind(name)
        older.listen()
        assert not InstanceServer(name=name).listen()
    os.unlink(name)
    after = InstanceServer(name=name)
    assert after.listen()
    after.close()
