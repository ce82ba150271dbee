"""Global shortcuts as text: Qt's portable key sequence ("Ctrl+Alt+Shift+D", what QKeySequenceEdit gives and the
settings file keeps) turned into what each platform's registration wants, and back.

- the XDG GlobalShortcuts portal takes a trigger in the freedesktop "shortcuts" format: modifiers CTRL, ALT,
  SHIFT, LOGO joined by "+" with an xkb keysym name last ("CTRL+ALT+SHIFT+d");
- Windows' RegisterHotKey takes MOD_* flags and a virtual-key code.

Pure, so it is tested without Qt, a bus or Windows. A global shortcut needs Ctrl, Alt or the logo key: a plain or
Shift-only key would be taken from every other program the agent types in.
"""

from __future__ import annotations

from typing import NamedTuple

from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.i18n import Core

#: the global shortcuts the app offers: id -> the settings option that holds its key sequence
GLOBAL_ACTIONS = {"call-selection": "shortcut_call_selection", "hang-up": "shortcut_hang_up"}

# Qt's portable modifier names -> the portal's, in the order the portal string is written
_PORTAL_MODIFIERS = {"Ctrl": "CTRL", "Alt": "ALT", "Shift": "SHIFT", "Meta": "LOGO"}
# Windows MOD_* flags (winuser.h)
MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
_WINDOWS_MODIFIERS = {"Ctrl": MOD_CONTROL, "Alt": MOD_ALT, "Shift": MOD_SHIFT, "Meta": MOD_WIN}

# Qt's portable key name -> (xkb keysym name, Windows virtual-key code); letters, digits and F-keys are computed
_NAMED_KEYS: dict[str, tuple[str, int]] = {
    "Space": ("space", 0x20),
    "Return": ("Return", 0x0D),
    "Enter": ("KP_Enter", 0x0D),
    "Esc": ("Escape", 0x1B),
    "Tab": ("Tab", 0x09),
    "Backspace": ("BackSpace", 0x08),
    "Del": ("Delete", 0x2E),
    "Ins": ("Insert", 0x2D),
    "Home": ("Home", 0x24),
    "End": ("End", 0x23),
    "PgUp": ("Page_Up", 0x21),
    "PgDown": ("Page_Down", 0x22),
    "Left": ("Left", 0x25),
    "Up": ("Up", 0x26),
    "Right": ("Right", 0x27),
    "Down": ("Down", 0x28),
    "Pause": ("Pause", 0x13),
    "Print": ("Print", 0x2C),
    ";": ("semicolon", 0xBA),
    "=": ("equal", 0xBB),
    ",": ("comma", 0xBC),
    "-": ("minus", 0xBD),
    ".": ("period", 0xBE),
    "/": ("slash", 0xBF),
    "`": ("grave", 0xC0),
    "[": ("bracketleft", 0xDB),
    "\\": ("backslash", 0xDC),
    "]": ("bracketright", 0xDD),
    "'": ("apostrophe", 0xDE),
}
_KEYSYM_TO_QT = {keysym: qt for qt, (keysym, _vk) in _NAMED_KEYS.items()}


class Chord(NamedTuple):
    """One key with its modifiers, in Qt's portable names (modifiers in Ctrl, Alt, Shift, Meta order)."""

    modifiers: tuple[str, ...]
    key: str

    def portable(self) -> str:
        return "+".join((*self.modifiers, self.key))


def _invalid(text: str) -> InvalidInput:
    return InvalidInput(
        Core.tr(
            "{keys} cannot be a global shortcut: use Ctrl, Alt or the logo key with a letter, digit or F-key."
        ).format(keys=repr(text))
    )


def parse_chord(text: str) -> Chord:
    """ "Ctrl+Alt+Shift+D" -> Chord(("Ctrl", "Alt", "Shift"), "D"); InvalidInput for several chords, an unknown
    key, or no Ctrl/Alt/Meta."""
    text = text.strip()
    if not text or ", " in text:  # Qt writes a multi-chord sequence as "Ctrl+K, Ctrl+D": no platform takes it
        raise _invalid(text)
    parts = text.split("+")
    if text.endswith("++"):  # "Ctrl++": the key is the plus sign itself, which no layout has unshifted
        raise _invalid(text)
    *modifiers, key = parts
    if any(m not in _PORTAL_MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        raise _invalid(text)
    if not {"Ctrl", "Alt", "Meta"} & set(modifiers):
        raise _invalid(text)
    if len(key) == 1 and key.isascii() and key.isalnum():
        key = key.upper()
    elif not (_function_key(key) or key in _NAMED_KEYS):
        raise _invalid(text)
    ordered = tuple(m for m in _PORTAL_MODIFIERS if m in modifiers)
    return Chord(ordered, key)


def _function_key(key: str) -> int:
    """1..24 for "F1".."F24" (what Windows and every keyboard share), else 0."""
    if key[:1] == "F" and key[1:].isdigit() and 1 <= int(key[1:]) <= 24:
        return int(key[1:])
    return 0


def check_global_shortcut(text: str) -> str:
    """The settings check: "" (this shortcut is off) or a chord, written the portable way."""
    return parse_chord(text).portable() if text.strip() else ""


def portal_trigger(text: str) -> str:
    """ "Ctrl+Alt+Shift+D" -> "CTRL+ALT+SHIFT+d" (the portal's preferred_trigger)."""
    chord = parse_chord(text)
    if len(chord.key) == 1 and chord.key.isalpha():
        keysym = chord.key.lower()
    elif chord.key in _NAMED_KEYS:
        keysym = _NAMED_KEYS[chord.key][0]
    else:
        keysym = chord.key  # digits and F-keys are their own keysym names
    return "+".join((*(_PORTAL_MODIFIERS[m] for m in chord.modifiers), keysym))


def from_portal_trigger(trigger: str) -> str:
    """ "CTRL+ALT+SHIFT+d" -> "Ctrl+Alt+Shift+D": what the portal says it bound, in the app's notation."""
    *modifiers, keysym = trigger.strip().split("+")
    names = {portal: qt for qt, portal in _PORTAL_MODIFIERS.items()}
    try:
        qt_modifiers = [names[m.upper()] for m in modifiers]
    except KeyError:
        raise _invalid(trigger) from None
    key = _KEYSYM_TO_QT.get(keysym, keysym.upper() if len(keysym) == 1 else keysym)
    return parse_chord("+".join((*qt_modifiers, key))).portable()


def windows_hotkey(text: str) -> tuple[int, int]:
    """ "Ctrl+Alt+Shift+D" -> (MOD_CONTROL | MOD_ALT | MOD_SHIFT | MOD_NOREPEAT, 0x44) for RegisterHotKey."""
    chord = parse_chord(text)
    flags = MOD_NOREPEAT  # a held key fires once, not a call per auto-repeat
    for modifier in chord.modifiers:
        flags |= _WINDOWS_MODIFIERS[modifier]
    if len(chord.key) == 1 and chord.key.isalnum():
        vk = ord(chord.key)  # "A".."Z" and "0".."9" are their own virtual-key codes
    elif number := _function_key(chord.key):
        vk = 0x70 + number - 1  # VK_F1 = 0x70
    else:
        vk = _NAMED_KEYS[chord.key][1]
    return flags, vk
