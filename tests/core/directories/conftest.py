"""The directory tests' real HTTP server (tests/support/http_files.py)."""

from tests.support.http_files import file_server  # noqa: F401 - a fixture, by name
