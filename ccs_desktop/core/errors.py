"""The errors ccs-desktop shows to people.

Every error here has a `str()` written for the agent who reads it: no traceback, no URL with a query string, no
token. `exit_code` is what the CLI returns for it, so the CLI, the GUI and scripts agree on what a failure means.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccs_desktop.core.i18n import Core

if TYPE_CHECKING:
    import logging  # only named in a hint: the CLI's start reads the settings, which import this module


class CcsError(Exception):
    """Base of every expected failure; its text is safe to show and to log.

    `field` names what the person typed that the error is about ("tenant", "email", "token"; "" when it is about
    nothing they typed), so a form can show the error next to it.
    """

    exit_code = 4

    def __init__(self, *args: object, field: str = "") -> None:
        super().__init__(*args)
        self.field = field


def user_text(exc: BaseException, log: logging.Logger | None = None, what: str = "unexpected error") -> str:
    """The text a person sees for any failure: an expected error's own text, else a generic line that points to
    the log. With `log`, an unexpected error's traceback goes there (as `what`), so the line tells the truth."""
    if isinstance(exc, CcsError):
        return str(exc)
    if log is not None:
        log.error("%s", what, exc_info=exc)
    return Core.tr("Something went wrong ({error}); details are in the log.").format(error=type(exc).__name__)


class InvalidInput(CcsError):
    """The user gave something we cannot use (a number, a date, a file); nothing was sent."""

    exit_code = 2


class InvalidNumber(InvalidInput):
    """A phone number that cannot be parsed or is not a valid number for its region."""


class NotConfigured(InvalidInput):
    """A setting or credential the command needs is missing."""


class CredentialStoreError(CcsError):
    """The OS keyring is missing, locked or refused us; `kind` names the keyring's own exception type."""

    exit_code = 2
    kind = ""


class AuthenticationFailed(CcsError):
    """CCS rejected the app_token or the agent's e-mail."""

    exit_code = 3


class SessionExpired(AuthenticationFailed):
    """The session ran out and logging in again did not help."""


class ApiRefused(CcsError):
    """CCS answered, but said no; the message is CCS's own."""

    exit_code = 4

    def __init__(self, message: str, function: str = "") -> None:
        self.function = function
        self.reason = message  # CCS's own words, for a sentence of our own around them
        reason = message or Core.tr("no reason given")
        if function:
            text = Core.tr("CCS refused {function}: {reason}").format(function=function, reason=reason)
        else:
            text = Core.tr("CCS refused the request: {reason}").format(reason=reason)
        super().__init__(text)


class NetworkError(CcsError):
    """CCS could not be reached or its answer was unusable."""

    exit_code = 4


class Unreachable(NetworkError):
    """No connection to CCS (refused, unknown host, connect timeout, TLS failure): the request never left."""


class RequestTimedOut(NetworkError):
    """CCS did not answer in time; the request may or may not have been carried out."""


class CallNotPlaced(NetworkError):
    """A click2call that was never sent (CCS unreachable, or the login before it failed): nothing rings."""


class CallOutcomeUnknown(NetworkError):
    """A click2call that was sent but whose answer was lost: it may be ringing. It is never sent again."""

    def __init__(self, message: str, transaction_id: str) -> None:
        super().__init__(message)
        self.transaction_id = transaction_id


class RateLimited(NetworkError):
    """CCS answered 429: too many requests. `retry_after` is how many seconds it asked us to wait (its
    `Retry-After`, bounded); the client never sleeps on it, the caller's back-off does."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ManualCallsRestricted(ApiRefused):
    """CCS refused a click2call because the user has "Restrict Manual Calls" (only incoming, campaign and
    click2connect calls): no retry or other number helps, only an administrator. `reason` is CCS's own text."""

    def __init__(self, reason: str, function: str = "click2call") -> None:
        CcsError.__init__(
            self, Core.tr("Your CCS user may not place manual calls; ask your CCS administrator.")
        )
        self.function = function
        self.reason = reason
