"""Contacts: the agent's address book in one SQLite file, found by any spelling of a name or any format of a number."""

from __future__ import annotations

from ccs_desktop.core.contacts.fold import fold
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore

__all__ = ["Contact", "ContactNumber", "ContactStore", "fold"]
