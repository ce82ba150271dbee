"""services/smoke.py where the kernel gives no process age (Windows, macOS): every agent's window hears
`page_loaded`, smoke run or not, so it must not fail there."""

from __future__ import annotations

import json

from ccs_desktop.core import startup
from ccs_desktop.services import smoke as smoke_module
from ccs_desktop.services.smoke import Smoke


def test_a_page_load_without_a_process_age_is_no_fault(qapp, monkeypatch, capsys):
    monkeypatch.setattr(startup, "process_age", lambda: None)
    monkeypatch.setattr(smoke_module, "process_age", lambda: None)
    monkeypatch.setattr(startup, "_marks", {})
    for enabled in (False, True):
        smoke = Smoke(enabled, lambda: (3, 2), demo=True)
        smoke.page_loaded()
        assert smoke.state["loaded_at"] is None
        smoke.page_message({"type": "ready"})
        smoke.contacts_listed()  # (a smoke run prints its figures here)
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed["ready_s"] is None and printed["calls"] == 3 and printed["marks"] == {}
