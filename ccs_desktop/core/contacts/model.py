"""Plain contact records: what the store keeps and the UI shows, with no database or Qt inside."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ContactNumber:
    """One number of a contact; `e164` is normalised by the store ("+905321234567"), `label` is free text.

    `flagged` marks a number of possible length that libphonenumber's metadata does not list as valid (a new
    range, or a typo): it is kept, since numbering plans change before the metadata does, with `typed` holding it
    as the file or the agent wrote it.
    """

    e164: str
    label: str = ""
    flagged: bool = False
    typed: str = ""


@dataclass
class Contact:
    """A person or company; `id` is None until the store has saved it."""

    id: int | None
    name: str
    company: str = ""
    numbers: list[ContactNumber] = field(default_factory=list)
    email: str = ""
    notes: str = ""
    favourite: bool = False
    external_id: str = ""  # the CRM's key, so a re-import updates instead of duplicating

    @property
    def display_name(self) -> str:
        """How a contact is named to a person, everywhere: "Ayşe Yılmaz (Koç Holding)", or the name alone."""
        return f"{self.name} ({self.company})" if self.company else self.name
