"""Dialogs: login, settings, diagnostics."""
