"""Shared customer directories (LDAP/AD, CardDAV, a directory URL, a CRM look-up), synced into local SQLite."""

#: Priorities: lower comes first. The local contacts are LOCAL_PRIORITY; a source is DEFAULT_PRIORITY unless set.
#: (Here, not in store.py, so the CLI's parser can show the default without loading SQLite or phonenumbers.)
LOCAL_PRIORITY = 0
DEFAULT_PRIORITY = 10
