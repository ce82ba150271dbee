"""Where the calls panel's walk through CCS's pages stands: the call history writes it, the table model reads it.

It lives here, apart from both, so the service never reaches into a widget model to flip its flags and the model
answers Qt's `canFetchMore` from the same object the service keeps.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Paging:
    """`more_available`: CCS has pages of this period not fetched yet; `fetching`: a page is on its way;
    `paused`: the last fetch failed, so scrolling waits for Refresh instead of hammering CCS."""

    more_available: bool = False
    fetching: bool = False
    paused: bool = False

    def reset(self) -> None:
        """A new period or account: nothing fetched, nothing pending, nothing failed."""
        self.more_available = self.fetching = self.paused = False

    def can_fetch_more(self) -> bool:
        """What a view scrolled to the end may ask for (Qt's canFetchMore)."""
        return self.more_available and not self.paused

    def wants_page(self) -> bool:
        """A view's request for the next page is worth passing on: there is one, and none is on its way."""
        return self.can_fetch_more() and not self.fetching
