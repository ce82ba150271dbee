"""Fixtures and fakes that some test folders need and others must not load (Qt, the private keyring)."""
