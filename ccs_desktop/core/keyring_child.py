"""The saved login read from the keyring by a child process, started before the window's own imports.

Why a process: `import keyring` and the first Secret Service reads cost about 80 ms, and a thread of ours would
take them from the window's start (one interpreter lock). A child runs them on another core while the window
imports Qt, so the softphone page can be requested as soon as the view exists (bench/bench_startup.py).

The child answers one JSON line on its stdout, a pipe only its parent reads: the secrets are never in its
arguments, environment, logs or exit code. Any failure of the child (a crash, an unreadable answer) is a
`ChildFailed` with one line, and the window reads the keyring itself instead; the keyring's
own refusal (a dismissed unlock prompt) comes back as the CredentialStoreError it is, so it is not asked twice.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ccs_desktop.core.api.session import StoredSession
from ccs_desktop.core.credentials import unavailable
from ccs_desktop.core.errors import CcsError, CredentialStoreError

log = logging.getLogger(__name__)
CHILD_FLAG = "--keyring-child"  # the frozen bundle's way in (it has no `python -m`)


class ChildFailed(Exception):
    """Why the child gave no answer. Only logged: the window then reads the keyring itself, and shows what that
    says (CredentialStoreError), so the agent reads one message, in their language."""


@dataclass(frozen=True)
class SavedSecrets:
    """The keyring's entries for one account: the app_token (None: log in again) and the last session."""

    token: str | None = field(repr=False)  # (no repr shows a secret)
    session: StoredSession | None = field(repr=False)


Answer = SavedSecrets | CredentialStoreError | ChildFailed  # the secrets, the keyring's refusal, or no answer


def read_secrets(base_url: str, email: str) -> SavedSecrets:
    """One trip to the keyring for both entries (an unreadable session is no session: the agent logs in)."""
    from ccs_desktop.core.credentials import CredentialStore  # noqa: PLC0415

    store = CredentialStore(base_url, email)
    token = store.load_app_token()
    session = None
    if token:
        try:
            session = store.load_session()
        except CcsError as exc:  # the agent simply logs in
            log.warning("%s", exc)
    return SavedSecrets(token, session)


def encode(secrets: SavedSecrets) -> str:
    session = secrets.session
    return json.dumps(
        {
            "token": secrets.token,
            "session": None if session is None else {"session": session.session, "issued_at": session.issued_at},
        }
    )


def decode(text: str) -> SavedSecrets | CredentialStoreError:
    """The child's answer; ChildFailed (naming no secret) when it is not one."""
    try:
        data = json.loads(text)
        if "keyring_error" in data:
            return unavailable(str(data["keyring_error"]))
        token, session = data["token"], data["session"]
        if token is not None and not isinstance(token, str):
            raise TypeError("token")
        stored = None if session is None else StoredSession(str(session["session"]), float(session["issued_at"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ChildFailed("the keyring reader answered something unreadable") from None
    return SavedSecrets(token or None, stored)


class KeyringChild:
    """A running child; `on_answer(callback)` calls back once, from a thread of its own, with its Answer.
    `collect` (given) waits for the child's end and returns its stdout; `stop` (given) ends it."""

    def __init__(self, collect: Callable[[], str], stop: Callable[[], None]) -> None:
        self._lock = threading.Lock()
        self._answer: Answer | None = None
        self._callbacks: list[Callable[[Answer], None]] = []
        self.stop = stop  # not needed any more: end the child
        threading.Thread(target=self._wait, args=(collect,), name="keyring child", daemon=True).start()

    @classmethod
    def start(cls, base_url: str, email: str) -> KeyringChild | None:
        """None where no child can be started: the window reads in-process then. On Linux, before any thread
        exists, the child is a fork: no second interpreter start (about 40 ms)."""
        try:
            if sys.platform.startswith("linux") and threading.active_count() == 1:
                return cls(*_forked(base_url, email))
            return cls(*_spawned(child_command(base_url, email)))
        except OSError:
            return None

    def _wait(self, collect: Callable[[], str]) -> None:
        try:
            answer: Answer = decode(collect())
        except ChildFailed as exc:
            answer = exc
        except Exception as exc:  # the pipe itself broke: the window reads the keyring itself
            answer = ChildFailed(f"the keyring reader failed: {type(exc).__name__}")
        with self._lock:
            self._answer = answer
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(answer)

    def on_answer(self, callback: Callable[[Answer], None]) -> None:
        with self._lock:
            answer = self._answer
            if answer is None:
                self._callbacks.append(callback)
                return
        callback(answer)


def child_command(base_url: str, email: str) -> list[str]:
    """How to start the child: the bundle's own executable answers CHILD_FLAG (packaging/launcher.py); else
    Python, with -P so that a stray keyring.py in the current directory never sees the secrets."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG, base_url, email]
    return [sys.executable, "-P", "-m", __name__, base_url, email]


def answer_text(base_url: str, email: str) -> str:
    """The child's one line: the secrets, or {"keyring_error": kind}: the keyring refused (a dismissed unlock
    prompt, no keyring at all), which the parent shows as it would its own refusal, without asking again."""
    try:
        return encode(read_secrets(base_url, email))
    except CredentialStoreError as exc:
        return json.dumps({"keyring_error": exc.kind or "Error"})


def _spawned(command: list[str]) -> tuple[Callable[[], str], Callable[[], None]]:
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )

    def collect() -> str:
        out, err = process.communicate()
        if process.returncode != 0:
            last = (err or "").strip().splitlines()[-1:] or [f"exit code {process.returncode}"]
            raise ChildFailed(f"the keyring reader failed: {last[0][:200]}")
        return out

    return collect, lambda: process.poll() is None and process.kill()


def _forked(base_url: str, email: str) -> tuple[Callable[[], str], Callable[[], None]]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, and leave without running anything of the parent's (atexit, buffers)
        try:
            os.close(read_end)
            text = answer_text(base_url, email)
            with os.fdopen(write_end, "w") as out:
                out.write(text)
        finally:
            os._exit(0)
    os.close(write_end)
    lock = threading.Lock()
    reaped: list[int] = []

    def reap() -> int:  # (one caller: collect)
        try:
            status = os.waitpid(pid, 0)[1]  # until then the pid stays ours (a zombie), so stop() may kill it
        except ChildProcessError:
            status = 0
        with lock:
            reaped.append(status)
        return status

    def collect() -> str:
        with os.fdopen(read_end) as pipe:
            text = pipe.read()
        status = reap()
        if not text:
            raise ChildFailed(f"the keyring reader failed: wait status {status}")
        return text

    def stop() -> None:
        with lock:  # never once reaped: the pid may be another process's by then
            if not reaped:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    return collect, stop


def main(argv: list[str]) -> int:
    """The child: the answer on stdout (answer_text). Anything unexpected is one line on stderr and exit code 1,
    never a traceback (a windowed bundle would show it in a dialog nobody asked for)."""
    try:
        base_url, email = argv
        text = answer_text(base_url, email) + "\n"
    except Exception as exc:
        print(f"keyring child: {type(exc).__name__}", file=sys.stderr)
        return 1
    if sys.stdout is None:  # a windowed bundle (Windows) may have no sys.stdout, and still its pipe as fd 1
        os.write(1, text.encode())
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
