"""Logging that never writes a secret.

CCS puts the app_token and the session in the query string (and a click2call's hangup_url carries the
notification listener's secret), and urllib3 logs whole URLs at DEBUG; every handler we install therefore runs a
filter that masks those parameters, whatever logger the record came from. Names are not enough (a softphone URL
template may put `{session}` in a path, the listener's secret is a path segment), so the values themselves are
masked too: code that learns a secret (a login, the keyring, the listener) hands it to `register_secret`.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from ccs_desktop.core.paths import private_dir, private_file, tighten

_SECRET_PARAM = re.compile(
    r"(?i)((?:app_token|session|token|password|secret|hangup_url)(?:%3D|=|\"?\s*:\s*\"?))([^&\s\"',;]+)"
)
MASK = "***"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


#: Shorter values are not masked by value: a 3-letter "secret" would blank ordinary words out of every line.
MIN_SECRET_LENGTH = 8
#: How many values are remembered (oldest forgotten first): every login brings a new session.
MAX_SECRETS = 64


class _SecretValues:
    """The registered values and one regex that finds any of them; read without a lock (one attribute load)."""

    def __init__(self) -> None:
        self._values: dict[str, None] = {}  # an insertion-ordered set
        self._lock = threading.Lock()
        self.pattern: re.Pattern[str] | None = None

    def add(self, value: str) -> None:
        with self._lock:
            if value in self._values:
                return
            self._values[value] = None
            while len(self._values) > MAX_SECRETS:
                del self._values[next(iter(self._values))]
            forms = {form for known in self._values for form in (known, quote(known, safe=""))}
            # longest first, so a value that contains another is masked whole
            self.pattern = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self.pattern = None


_secrets = _SecretValues()


def register_secret(value: str | None) -> None:
    """From now on, `value` (as is and URL-encoded) is masked wherever it appears in a log line or `redact`."""
    if value and len(value) >= MIN_SECRET_LENGTH:
        _secrets.add(value)


def forget_secrets() -> None:
    """Drop every registered value (tests; a process never needs to)."""
    _secrets.clear()


def redact(text: str) -> str:
    """Mask the registered secret values, and the values of secret-looking parameters in URLs, query strings and
    JSON-ish text."""
    known = _secrets.pattern
    if known is not None:
        text = known.sub(MASK, text)
    return _SECRET_PARAM.sub(lambda m: m.group(1) + MASK, text)


class RedactingFilter(logging.Filter):
    """Formats the record once, masks it, and freezes the result so no handler sees the raw text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken %-format must not take logging down
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class PrivateFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created 0600 (POSIX): log lines name customers and their numbers."""

    def _open(self) -> TextIO:
        private_file(Path(self.baseFilename))  # a new file after each rotation, too
        return super()._open()


def _handler_setup(handler: logging.Handler, level: int) -> logging.Handler:
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    handler._ccs_desktop = True  # type: ignore[attr-defined]
    return handler


def setup_logging(*, verbose: bool = False, log_file: Path | None = None) -> None:
    """stderr gets warnings (everything with --verbose); the log file, if any, gets INFO and up."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_ccs_desktop", False)]:
        root.removeHandler(old)  # only our own: test harnesses keep theirs
        old.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.addHandler(
        _handler_setup(logging.StreamHandler(sys.stderr), logging.DEBUG if verbose else logging.WARNING)
    )
    if log_file is not None:
        try:
            private_dir(log_file.parent)
            for old_file in log_file.parent.glob(log_file.name + "*"):  # the log and its rotated copies
                tighten(old_file)
            handler = PrivateFileHandler(
                log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8", delay=True
            )
        except OSError as exc:
            logging.getLogger(__name__).warning("cannot write the log file %s: %s", log_file, exc)
        else:
            root.addHandler(_handler_setup(handler, logging.INFO))
    logging.getLogger("urllib3").setLevel(logging.DEBUG if verbose else logging.WARNING)
