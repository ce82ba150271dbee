"""The catalogues are complete and current, the CLI's reading of them says what Qt's says, and the language is
chosen right."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ccs_desktop.core import i18n
from ccs_desktop.core.i18n import read_ts

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "resources" / "i18n"
TR, EN = CATALOGUES / "ccs_desktop_tr.ts", CATALOGUES / "ccs_desktop_en.ts"
# what must survive translation unchanged: str.format fields, Qt's %n/%Ln/%1, printf-style (argparse), newlines
PLACEHOLDER = re.compile(r"\{[^{}\s]*\}|[{}]|%L?n|%\d|%\([a-z_]+\)[sr]|%s|\n")


def _update_script():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


# --- the catalogues ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("ts", "forms"), [(TR, 1), (EN, 2)], ids=["tr", "en"])
def test_every_message_is_translated_with_the_same_placeholders(ts, forms):
    _, messages = read_ts(ts.read_bytes())
    assert messages
    problems = []
    for m in messages:
        where = f"{m.context}: {m.source!r}"
        if not m.finished or not all(t.strip() for t in m.translations):
            problems.append(f"{where} is not translated")
            continue
        if m.numerus and len(m.translations) != forms:
            problems.append(f"{where} needs {forms} plural form(s), has {len(m.translations)}")
        for text in m.translations:
            if placeholders(text) != placeholders(m.source):
                problems.append(f"{where}: placeholders differ in {text!r}")
        if m.comment:
            problems.append(f"{where}: lrelease drops disambiguations, so do not use them")
    assert not problems, "\n".join(problems)


def test_english_catalogue_holds_exactly_the_plurals():
    _, turkish = read_ts(TR.read_bytes())
    _, english = read_ts(EN.read_bytes())
    assert {(m.context, m.source) for m in english} == {(m.context, m.source) for m in turkish if m.numerus}


def test_the_package_reads_the_catalogues_from_resources():
    """In a source checkout (what the tests run) the package finds resources/ at the top of the repository."""
    assert i18n.CATALOGUE_DIR == CATALOGUES
    assert i18n.ts_file("tr") == TR


@pytest.mark.parametrize("ts", [TR, EN], ids=["tr", "en"])
def test_catalogue_is_up_to_date_with_the_code(ts, tmp_path):
    """lupdate over the code finds no string missing from the catalogue and none that the code dropped."""
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    try:
        _update_script().lupdate(copy, plural_only=ts is EN, language="en" if ts is EN else "tr_TR")
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"lupdate failed: {exc.stdout}{exc.stderr}")
    _, fresh = read_ts(copy.read_bytes())
    _, committed = read_ts(ts.read_bytes())
    new = sorted(f"{m.context}: {m.source!r}" for m in fresh if not m.finished)
    assert not new, (
        "not in the catalogue (run scripts/update_translations.py, then translate):\n" + "\n".join(new)
    )
    assert {(m.context, m.source) for m in fresh} == {(m.context, m.source) for m in committed}, (
        "the catalogue has strings the code no longer uses: run scripts/update_translations.py"
    )


@pytest.mark.gui
@pytest.mark.parametrize("language", ["tr", "en"])
def test_the_cli_says_what_qt_says_for_every_message(language, qapp):
    """The CLI reads the .ts itself; the window loads lrelease's .qm into a QTranslator. Every message, and every
    plural form under our PLURAL_FORMS against Qt's own plural rules, must come out the same."""
    from PySide6.QtCore import QCoreApplication

    from ccs_desktop.services import translation

    _, messages = read_ts(TR.read_bytes())
    installed = translation.install(qapp, language)
    try:
        assert len(installed.translators) == (2 if language == "tr" else 1)
        differ = []
        for m in messages:
            for n in (0, 1, 2, 5, 11, 21, 101, 12345) if m.numerus else (-1,):
                qt = QCoreApplication.translate(m.context, m.source, m.comment or None, n)
                ours = i18n.translate(m.context, m.source, m.comment or None, n)
                if qt != ours:
                    differ.append(f"{m.context}: {m.source!r} n={n}: Qt {qt!r}, CLI {ours!r}")
        assert not differ, "\n".join(differ[:20])
        assert any(m.numerus for m in messages)
    finally:
        translation.remove(qapp, installed)


def test_plural_forms_are_data_for_every_language():
    """One gettext expression per language, and it never picks a form the language's catalogue lacks."""
    assert set(i18n.PLURAL_FORMS) == set(i18n.LANGUAGES)
    assert [i18n.plural_form("en", n) for n in (0, 1, 2, 11, 21)] == [1, 0, 1, 1, 1]
    assert {i18n.plural_form("tr", n) for n in range(200)} == {0}
    for language in i18n.LANGUAGES:
        _, messages = read_ts(i18n.ts_file(language).read_bytes())
        forms = {len(m.translations) for m in messages if m.numerus}
        assert len(forms) == 1, (language, forms)
        assert max(i18n.plural_form(language, n) for n in range(1000)) == forms.pop() - 1, language


def test_the_cli_reads_only_finished_translations(monkeypatch, tmp_path):
    folder = tmp_path / "i18n"
    folder.mkdir()
    text = TR.read_text(encoding="utf-8")
    hang_up = "<source>Hang up</source>\n        <translation>Kapat</translation>"
    assert hang_up in text
    text = text.replace(hang_up, hang_up.replace("<translation>", '<translation type="unfinished">'))
    (folder / "ccs_desktop_tr.ts").write_text(text, encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", folder)
    monkeypatch.setattr(i18n, "_catalogues", {})
    i18n.set_language("tr")
    assert i18n.translate("MainWindow", "Hang up") == "Hang up"
    assert i18n.Core.tr("No phone number given.") == "Telefon numarası verilmedi."
    assert i18n.Core.tr("not in the catalogue") == "not in the catalogue"
    assert i18n.translate("NoSuchContext", "No phone number given.") == "No phone number given."


# --- translate() ---------------------------------------------------------------------------------------------


def test_turkish_and_english_texts():
    i18n.set_language("tr")
    assert i18n.Core.tr("No phone number given.") == "Telefon numarası verilmedi."
    assert (
        i18n.Cli.tr("Exported %Ln contact(s) to {path}.", "", 12345)
        == "12.345 kişi {path} dosyasına aktarıldı."
    )
    assert i18n.translate("argparse", "usage: ") == "kullanım: "
    i18n.set_language("en")
    assert i18n.Core.tr("No phone number given.") == "No phone number given."
    assert i18n.Cli.tr("Exported %Ln contact(s) to {path}.", "", 1) == "Exported 1 contact to {path}."
    assert (
        i18n.Cli.tr("Exported %Ln contact(s) to {path}.", "", 12345) == "Exported 12,345 contacts to {path}."
    )
    assert i18n.Core.tr("a text nobody marked") == "a text nobody marked"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "tr"}, "en"),  # GNU ignores LANGUAGE under C
        ({"LANG": "tr_TR.UTF-8"}, "tr"),
        ({"LANG": "tr_TR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "tr_TR.UTF-8"}, "tr"),
        ({"LANG": "en_GB.UTF-8", "LANGUAGE": "tr:en"}, "tr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_system_language(env, expected):
    assert i18n.system_language(env) == expected


def test_setting_overrides_the_system(monkeypatch, tmp_path):
    monkeypatch.setenv("LANG", "tr_TR.UTF-8")
    assert i18n.resolve("auto") == "tr"
    assert i18n.resolve("en") == "en"
    assert i18n.resolve("auto", system="en") == "en"
    config = tmp_path / "config.ini"
    assert i18n.configured_language(config) == "auto"
    config.write_text("[other]\nlanguage = en\n[ccs-desktop]\nregion = TR\nlanguage = tr\n", encoding="utf-8")
    assert i18n.configured_language(config) == "tr"


@pytest.mark.gui
def test_a_fresh_checkout_compiles_into_the_cache_and_follows_edits(monkeypatch, tmp_path, user_dirs, qapp):
    """No build step (a checkout, `pip install -e .`): the GUI runs lrelease into the user cache, once per
    version of the .ts; a built package's .qm beside the .ts wins, and a stray unversioned .qm is never used."""
    from PySide6.QtCore import QTranslator

    from ccs_desktop.services import qt_tools, translation

    def says(path: Path) -> str:
        translator = QTranslator()
        assert translator.load(str(path))
        return translator.translate("Core", "No phone number given.")

    folder = tmp_path / "i18n"
    folder.mkdir()
    ts = folder / "ccs_desktop_tr.ts"
    shutil.copy(TR, ts)
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", folder)
    monkeypatch.setattr(translation, "_compiled", {})  # (what this process compiled for earlier tests)
    first = translation.qm_file("tr")
    assert first is not None and first.is_relative_to(user_dirs.cache)
    assert says(first) == "Telefon numarası verilmedi."
    assert translation.qm_file("tr") == first  # compiled once
    ts.write_text(
        ts.read_text(encoding="utf-8").replace("Telefon numarası verilmedi.", "Numara yok."), "utf-8"
    )
    second = translation.qm_file("tr")
    assert second is not None and second != first
    assert says(second) == "Numara yok."
    built = folder / i18n.qm_name("tr", ts.read_bytes())  # what setup.py's build step leaves beside the .ts
    qt_tools.lrelease(ts, built)
    assert translation.qm_file("tr") == built
    (folder / "ccs_desktop_tr.qm").write_bytes(b"an old lrelease output is never used")
    assert translation.qm_file("tr") == built


def test_context_objects_are_named_as_their_context():
    """lupdate takes a `X.tr(...)` call's context from the name X: `X = Context("Y")` must have X == Y."""
    for path in (ROOT / "ccs_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", None) == "Context"
                and node.value.args
                and isinstance(node.value.args[0], ast.Constant)  # (cli.Context is another class)
            ):
                name = node.targets[0].id  # type: ignore[attr-defined]
                assert node.value.args[0].value == name, (
                    f"{path}: {name} = Context({node.value.args[0].value!r})"
                )  # type: ignore[attr-defined]
