"""Global shortcuts over real D-Bus: a private dbus-daemon, with and without a stand-in for the desktop's
GlobalShortcuts portal (tests/support/portal.py); the Windows path with a stand-in for user32 (it cannot run here)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ccs_desktop.core.hotkeys import MOD_ALT, MOD_CONTROL, MOD_NOREPEAT, MOD_SHIFT
from ccs_desktop.services.global_shortcuts import (
    NONE,
    OFF,
    PORTAL,
    WINDOWS,
    GlobalShortcuts,
    WindowsHotkeys,
    availability_text,
)
from tests.support.portal import FakePortal, private_bus

WAIT = 10_000
BINDINGS = {"call-selection": "Ctrl+Alt+Shift+D", "hang-up": "Ctrl+Alt+Shift+H"}


@pytest.fixture
def bus() -> Iterator[str]:
    with private_bus() as address:
        yield address


@pytest.fixture
def portal(bus: str) -> Iterator[FakePortal]:
    fake = FakePortal(bus)
    fake.start()
    yield fake
    fake.close()


def started(qtbot, shortcuts: GlobalShortcuts, enabled: bool = True, bindings=BINDINGS) -> str:
    with qtbot.waitSignal(
        shortcuts.availability_changed, timeout=WAIT, check_params_cb=lambda k: k != "checking"
    ):
        shortcuts.start(enabled, bindings)
    return shortcuts.availability


def test_a_desktop_without_the_portal_is_said_to_offer_none(qtbot, bus):
    shortcuts = GlobalShortcuts(bus=bus, platform="linux")
    assert started(qtbot, shortcuts) == NONE
    assert availability_text(NONE) == "Not offered by this desktop"
    assert [keys for _what, keys in shortcuts.rows()] == ["Not offered by this desktop"] * 2
    shortcuts.stop()


def test_no_bus_at_all_is_none_too(qtbot, tmp_path):
    shortcuts = GlobalShortcuts(bus=f"unix:path={tmp_path}/nothing", platform="linux")
    assert started(qtbot, shortcuts) == NONE


def test_the_portal_binds_the_keys_and_a_press_arrives(qtbot, bus, portal):
    shortcuts = GlobalShortcuts(bus=bus, platform="linux")
    assert started(qtbot, shortcuts) == PORTAL
    session = portal.sessions[-1]
    asked = {name: {k: v[1] for k, v in info.items()} for name, info in portal.bound[session]}
    assert asked["call-selection"]["preferred_trigger"] == "CTRL+ALT+SHIFT+d"
    assert asked["hang-up"] == {"description": "hang up", "preferred_trigger": "CTRL+ALT+SHIFT+h"}
    # what the desktop says it bound is what the sheet shows
    assert dict(shortcuts.rows())["hang up"] == "Press CTRL+ALT+SHIFT+h"
    with qtbot.waitSignal(shortcuts.activated, timeout=WAIT) as pressed:
        portal.press("hang-up")
    assert pressed.args == ["hang-up"]
    with qtbot.waitSignal(shortcuts.activated, timeout=WAIT) as pressed:
        portal.press("call-selection")
    assert pressed.args == ["call-selection"]
    shortcuts.stop()


def test_a_change_of_keys_binds_again_in_a_new_session_and_off_lets_go(qtbot, bus, portal):
    shortcuts = GlobalShortcuts(bus=bus, platform="linux")
    started(qtbot, shortcuts)
    assert started(qtbot, shortcuts, bindings={"call-selection": "Ctrl+Alt+K", "hang-up": ""}) == PORTAL
    assert len(portal.sessions) == 2
    assert [name for name, _info in portal.bound[portal.sessions[-1]]] == ["call-selection"]
    assert started(qtbot, shortcuts, enabled=False) == OFF
    with qtbot.assertNotEmitted(shortcuts.activated, wait=200):
        portal.press("call-selection")


def test_a_refused_bind_is_not_claimed(qtbot, bus):
    fake = FakePortal(bus, refuse_bind=True)
    fake.start()
    try:
        shortcuts = GlobalShortcuts(bus=bus, platform="linux")
        assert started(qtbot, shortcuts) == NONE
    finally:
        fake.close()


class User32:
    """Stand-in for windll.user32: records registrations; `taken` keys fail as another program's."""

    def __init__(self, taken: set[int] = frozenset()) -> None:
        self.registered: dict[int, tuple[int, int]] = {}
        self.taken = taken

    def RegisterHotKey(self, _hwnd, number: int, modifiers: int, vk: int) -> bool:
        if vk in self.taken:
            return False
        self.registered[number] = (modifiers, vk)
        return True

    def UnregisterHotKey(self, _hwnd, number: int) -> bool:
        return self.registered.pop(number, None) is not None


def test_windows_hotkeys_register_each_binding_and_let_go(qapp):
    user32 = User32(taken={0x48})
    hotkeys = WindowsHotkeys(lambda _name: None, user32=user32)
    hotkeys.register(BINDINGS)
    assert list(user32.registered.values()) == [(MOD_CONTROL | MOD_ALT | MOD_SHIFT | MOD_NOREPEAT, 0x44)]
    assert hotkeys.failed == ["hang-up"]  # Ctrl+Alt+Shift+H is another program's
    hotkeys.unregister()
    assert user32.registered == {}


def test_windows_is_chosen_on_windows_and_a_press_arrives(qtbot):
    user32 = User32()
    shortcuts = GlobalShortcuts(platform="win32", user32=user32)
    with qtbot.waitSignal(shortcuts.availability_changed, timeout=WAIT):
        shortcuts.start(True, BINDINGS)
    assert shortcuts.availability == WINDOWS
    assert len(user32.registered) == 2
    shortcuts.stop()
    assert user32.registered == {}
