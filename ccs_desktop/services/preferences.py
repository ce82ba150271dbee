"""Who applies which setting, at once: each consumer subscribes to the options it uses (`Settings.on_change`).

A consumer that reads a setting every time it needs it (the dial format, the call guard's and the clipboard's
region, the listener's public URL, the tenant's time zone, the CRM template for a card or a call row and
`crm_auto_open`) has nothing to follow. The rest follow here, so a
change from the settings dialog, the login dialog or a test applies without reopening anything or restarting:

| options | applied by |
|---|---|
| region | the contacts list and card, the call records, the contact store (new numbers) |
| clipboard_lookup | the clipboard watcher (off: a copied number pops nothing) |
| notification_listener, listener_address, listener_port, notify_param_* | the listener starts again |
| softphone_url_template, softphone_build | the softphone loads from there, never during a call |
| crm_url_template | the open contact card shows or hides Open in CRM (ui.contacts_panel) |
| card_over_fullscreen | the caller card's window flags (ui.popup.connect_popup) |

Only `language` needs a restart (every text is translated when its widget is made); the dialog says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ccs_desktop.core.settings import Settings

LISTENER = (
    "notification_listener",
    "listener_address",
    "listener_port",
    "notify_param_callerid",
    "notify_param_activecallkey",
    "notify_param_agent_email",
    "notify_param_duration",
)
SOFTPHONE = ("softphone_url_template", "softphone_build")


def follow_settings(
    settings: Settings,
    *,
    region: Iterable[Callable[[str], None]],
    clipboard_lookup: Callable[[bool], None],
    restart_listener: Callable[[], None],
    move_softphone: Callable[[str | None, str | None], None],
) -> None:
    """Subscribe each consumer on its own, so one that fails never keeps the next from its new value.
    `move_softphone(template, build)` gets None for the one that did not change."""
    for apply_region in region:
        settings.on_change(lambda _c, apply=apply_region: apply(settings.get_str("region")), "region")
    settings.on_change(lambda _c: clipboard_lookup(settings.get_bool("clipboard_lookup")), "clipboard_lookup")
    settings.on_change(lambda _c: restart_listener(), *LISTENER)
    settings.on_change(
        lambda changed: move_softphone(
            *(settings.get_str(name) if name in changed else None for name in SOFTPHONE)
        ),
        *SOFTPHONE,
    )
