"""Who is this number, across the local contacts and every directory: each source's fact, in priority order.

Priorities: a lower number comes first; the local contacts are 0 (`LOCAL_PRIORITY`) and a source is 10 unless
set otherwise, so by default the agent's own contacts win and a centre can put a source before them with a
negative priority. A blocklist source is not in that race: if any blocklist has the number, the card says
"blocked / spam" (naming the list) whatever the others say. The card names where its fact came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccs_desktop.core.directories import LOCAL_PRIORITY
from ccs_desktop.core.directories.store import Hit
from ccs_desktop.core.i18n import Core

if TYPE_CHECKING:
    from ccs_desktop.core.contacts.model import Contact
    from ccs_desktop.core.contacts.store import ContactStore
    from ccs_desktop.core.directories.store import DirectoryStore

LOCAL = "local"


@dataclass(frozen=True)
class Caller:
    """Every source's entry for one number, best first (`facts`), and the blocklists that hold it."""

    facts: tuple[Hit, ...]
    blocked_by: tuple[str, ...] = ()

    @property
    def best(self) -> Hit | None:
        return self.facts[0] if self.facts else None

    @property
    def blocked(self) -> bool:
        return bool(self.blocked_by)

    def card_text(self) -> str | None:
        """The card's line: "Ayşe Demir (Demir Lojistik) · from Active Directory" (no "from" for a local
        contact). A fact the best source lacks comes from the next source that has it, named too: "Ayşe Demir ·
        from local; company Demir Lojistik from AD". "Blocked / spam (Spam list)" comes first when a blocklist has
        the number; None when nobody knows it."""
        best = self.best
        who = None
        if best is not None:
            who = best.display_name
            if best.source != LOCAL:
                who = Core.tr("{who} · from {source}").format(who=who, source=best.source)
            lender = None if best.company else next((h for h in self.facts[1:] if h.company), None)
            if lender is not None:
                who = Core.tr("{who}; company {company} from {source}").format(
                    who=who, company=lender.company, source=lender.source
                )
        if not self.blocked:
            return who
        flag = Core.tr("Blocked / spam ({source})").format(source=", ".join(self.blocked_by))
        return f"{flag} · {who}" if who else flag


def local_hit(contact: Contact) -> Hit:
    return Hit(
        source=LOCAL,
        uid=str(contact.id),
        name=contact.name,
        company=contact.company,
        email=contact.email,
        url="",
        numbers=tuple((n.e164, n.label) for n in contact.numbers),
        priority=LOCAL_PRIORITY,
        blocklist=False,
    )


def combine(local: list[Hit], directory: list[Hit]) -> Caller:
    """The facts in priority order (local first among equals); blocklists apart."""
    ranked = sorted(
        [*local, *(h for h in directory if not h.blocklist)],
        key=lambda h: (h.priority, h.source != LOCAL),  # sorted() is stable: each source's own order stays
    )
    blocked = tuple(dict.fromkeys(h.source for h in directory if h.blocklist))
    # when nobody else knows the number, the blocklist's own entry names it
    facts = ranked or [h for h in directory if h.blocklist][:1]
    return Caller(tuple(facts), blocked)


def identify(contacts: ContactStore | None, directories: DirectoryStore | None, text: str) -> Caller:
    """Everything the local contacts and the synced directories know of the number `text`."""
    local = [local_hit(c) for c in contacts.find_by_number(text)] if contacts is not None and text else []
    found = directories.find_by_number(text) if directories is not None and text else []
    return combine(local, found)
