"""Logging that never writes a secret.

CCS puts the app_token and the session in the query string (and a click2call's hangup_url carries the
notification listener's secret), and urllib3 logs whole URLs at DEBUG; every handler we install therefore runs a
filter that masks those parameters, whatever logger the record came from.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

_SECRET_PARAM = re.compile(
    r"(?i)((?:app_token|session|token|password|secret|hangup_url)(?:%3D|=|\"?\s*:\s*\"?))([^&\s\"',;]+)"
)
MASK = "***"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def redact(text: str) -> str:
    """Mask the values of secret-looking parameters in URLs, query strings and JSON-ish text."""
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
        return True


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
            log_file.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8", delay=True
            )
        except OSError as exc:
            logging.getLogger(__name__).warning("cannot write the log file %s: %s", log_file, exc)
        else:
            root.addHandler(_handler_setup(handler, logging.INFO))
    logging.getLogger("urllib3").setLevel(logging.DEBUG if verbose else logging.WARNING)
