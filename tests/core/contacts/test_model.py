"""The contact record's own helpers."""

from __future__ import annotations

from ccs_desktop.core.contacts.model import Contact


def test_a_contact_is_named_with_its_company_in_brackets():
    assert Contact(None, "Ayşe Yılmaz", company="Koç Holding").display_name == "Ayşe Yılmaz (Koç Holding)"
    assert Contact(None, "Ayşe Yılmaz").display_name == "Ayşe Yılmaz"
