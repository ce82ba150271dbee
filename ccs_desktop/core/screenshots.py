"""What `ccs-desktop --demo --screenshots DIR` draws: each main view, in each theme and language."""

from __future__ import annotations

VIEWS = ("contacts", "calls", "caller-card", "worklist", "my-day", "settings", "diagnostics")
THEMES = ("light", "dark")
LANGUAGES = ("en", "tr")


def expected_files(languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """`{view}-{theme}-{lang}.png` for every view, theme and language (28 by default)."""
    return [f"{view}-{theme}-{lang}.png" for lang in languages for theme in THEMES for view in VIEWS]
