"""Run a command, and end its whole process group when the process that started us is gone.

`python tests/orphan_guard.py PARENT_PID COMMAND...`, started in a new session (so the group is ours alone). The
private D-Bus and gnome-keyring of the tests run under it: pytest ends them at teardown by signalling the group,
and if pytest itself dies (kill -9, a crash, an abort in Qt) nothing is left running, because we notice that our
parent changed within POLL seconds. Standard library only: it runs before anything is imported.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from types import FrameType

POLL = 0.2  # seconds between looks at our parent
GRACE = 3.0  # seconds the group gets to exit after SIGTERM, before SIGKILL


def main(argv: list[str]) -> int:
    parent, command = int(argv[0]), argv[1:]
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    child = subprocess.Popen(command)  # inherits our stdin/stdout and our process group
    code = None
    while code is None and not stopping and os.getppid() == parent:
        with contextlib.suppress(subprocess.TimeoutExpired):
            code = child.wait(timeout=POLL)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the group's SIGTERM is for the others
    os.killpg(0, signal.SIGTERM)
    deadline = time.monotonic() + GRACE
    while child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if child.poll() is None:
        os.killpg(0, signal.SIGKILL)  # ends us too
    return child.returncode if code is None else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
