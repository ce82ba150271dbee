"""Task runners for these tests: the real one (threads) and the synchronous one (tests/support/runners.py)."""

from tests.support.runners import runner, sync_runner  # noqa: F401 - fixtures, by name
