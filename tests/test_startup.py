"""Start-up helpers that need PySide6 loaded (core/startup.py itself imports no Qt)."""

from __future__ import annotations

import linecache
import sys

import PySide6.QtCore  # noqa: F401 - installs the import hook whose source check is skipped

from ccs_desktop.core.startup import skip_pyside_source_checks


def import_fresh(tmp_path, monkeypatch, name: str) -> str:
    path = tmp_path / f"{name}.py"
    path.write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    __import__(name)  # an import statement goes through the hook; importlib.import_module does not
    monkeypatch.delitem(sys.modules, name)
    return str(path)


def test_pyside_no_longer_reads_the_source_of_every_module_imported_after_it(tmp_path, monkeypatch):
    feature = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)  # put back afterwards
    before = import_fresh(tmp_path, monkeypatch, "ccs_fresh_module_before")
    assert before in linecache.cache  # what the check costs: the whole file read and kept
    assert skip_pyside_source_checks()
    after = import_fresh(tmp_path, monkeypatch, "ccs_fresh_module_after")
    assert after not in linecache.cache
    assert feature.pyside_feature_dict.get("ccs_fresh_module_after") == 0  # the default selection, as before
