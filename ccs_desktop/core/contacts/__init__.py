"""Contacts: the agent's address book in one SQLite file, found by any spelling of a name or any format of a number.

Import the submodules directly (`core.contacts.model`, `.store`, `.io`): this package file stays empty so that
widgets can use the plain `Contact` type without loading SQLite and phonenumbers at start-up.
"""
