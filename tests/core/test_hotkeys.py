"""Global shortcuts as text: Qt's portable sequence <-> the portal's trigger and Windows' RegisterHotKey codes."""

from __future__ import annotations

import pytest

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.hotkeys import (
    MOD_ALT,
    MOD_CONTROL,
    MOD_NOREPEAT,
    MOD_SHIFT,
    MOD_WIN,
    check_global_shortcut,
    from_portal_trigger,
    parse_chord,
    portal_trigger,
    windows_hotkey,
)
from ccs_desktop.core.settings import OPTIONS, Settings


@pytest.mark.parametrize(
    ("sequence", "trigger"),
    [
        ("Ctrl+Alt+Shift+D", "CTRL+ALT+SHIFT+d"),
        ("Ctrl+Shift+K", "CTRL+SHIFT+k"),
        ("Shift+Ctrl+K", "CTRL+SHIFT+k"),  # the modifiers in one order whatever order they came in
        ("Meta+F5", "LOGO+F5"),
        ("Alt+Space", "ALT+space"),
        ("Ctrl+Alt+PgDown", "CTRL+ALT+Page_Down"),
        ("Ctrl+Alt+,", "CTRL+ALT+comma"),
        ("Ctrl+Alt+7", "CTRL+ALT+7"),
        ("Ctrl+Alt+Del", "CTRL+ALT+Delete"),
    ],
)
def test_portal_triggers_and_back(sequence, trigger):
    assert portal_trigger(sequence) == trigger
    assert from_portal_trigger(trigger) == parse_chord(sequence).portable()


@pytest.mark.parametrize(
    ("sequence", "flags", "vk"),
    [
        ("Ctrl+Alt+Shift+D", MOD_CONTROL | MOD_ALT | MOD_SHIFT, 0x44),
        ("Meta+F5", MOD_WIN, 0x74),
        ("Ctrl+Alt+F24", MOD_CONTROL | MOD_ALT, 0x87),
        ("Alt+Space", MOD_ALT, 0x20),
        ("Ctrl+Alt+0", MOD_CONTROL | MOD_ALT, 0x30),
        ("Ctrl+Alt+/", MOD_CONTROL | MOD_ALT, 0xBF),
        ("Ctrl+Alt+Up", MOD_CONTROL | MOD_ALT, 0x26),
    ],
)
def test_windows_hotkeys(sequence, flags, vk):
    assert windows_hotkey(sequence) == (flags | MOD_NOREPEAT, vk)


@pytest.mark.parametrize(
    "sequence",
    [
        "D",
        "Shift+D",
        "Ctrl+K, Ctrl+D",
        "Ctrl+Hyper+D",
        "Ctrl+Ctrl+D",
        "Ctrl+F25",
        "Ctrl+Alt+ü",
        "Ctrl++",
        "Ctrl+",
    ],
)
def test_what_cannot_be_global_is_refused_in_words(sequence):
    with pytest.raises(InvalidInput, match="global shortcut"):
        portal_trigger(sequence)
    with pytest.raises(InvalidInput):
        windows_hotkey(sequence)


def test_unknown_portal_modifier_is_refused():
    with pytest.raises(InvalidInput):
        from_portal_trigger("HYPER+d")


def test_the_settings_keep_the_portable_spelling_and_empty_is_off(tmp_path):
    assert check_global_shortcut(" Shift+Ctrl+k ") == "Ctrl+Shift+K"
    assert check_global_shortcut("") == ""
    settings = Settings(tmp_path / "c.ini")
    settings.set("shortcut_hang_up", "Alt+Ctrl+h")
    assert settings.get_str("shortcut_hang_up") == "Ctrl+Alt+H"
    with pytest.raises(InvalidInput):
        settings.set("shortcut_call_selection", "Shift+D")
    for name in ("shortcut_call_selection", "shortcut_hang_up"):
        check_global_shortcut(str(OPTIONS[name].default))  # the defaults are valid
