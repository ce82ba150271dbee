"""The agent statuses CCS knows, apart from the v1 client so that the window's status menu and the CLI's
`--help` name them without loading http.client and ssl."""

from __future__ import annotations

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core

#: What an agent can set.
STATUSES = ("available", "backoffice", "aftercallwork", "shortbreak", "lunch", "training", "meeting")
#: What CCS shows while the agent is on a call; a status change is refused then.
LIVE_STATUSES = ("ringing", "dialing", "talking", "hold")


def check_status(status: str) -> str:
    """`status` normalised, or InvalidInput (nothing is sent) when it is not one an agent can set."""
    wanted = status.strip().lower()
    if wanted not in STATUSES:
        raise InvalidInput(
            Core.tr("{status} is not a status CCS knows; use one of: {statuses}.").format(
                status=repr(status), statuses=", ".join(STATUSES)
            )
        )
    return wanted
