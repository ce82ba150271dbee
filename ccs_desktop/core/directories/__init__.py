"""Shared customer directories (LDAP/AD, CardDAV, a directory URL, a CRM look-up), synced into local SQLite."""
