"""The GUI's half of core.i18n: Qt translators on our catalogue, compiled by Qt's lrelease.

Ours (the .qm built from the same .ts the core and the CLI read) gives the app's own texts; Qt's
`qtbase_<lang>.qm` (shipped with PySide6) gives the standard buttons (Save, Cancel, Close) and Qt's own dialogs. `%Ln` in our texts groups digits the way QLocale's default does.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ccs_desktop.core import i18n
from ccs_desktop.core.paths import cache_dir
from ccs_desktop.services import qt_tools

log = logging.getLogger(__name__)
_compiled: dict[str, Path] = {}  # .qm name -> where this process compiled it (tests start many apps)


def qm_file(language: str) -> Path | None:
    """A compiled catalogue for the current .ts: the one the build put beside it, else one compiled now by
    lrelease into the user cache (a source checkout or an editable install has no build step)."""
    ts = i18n.ts_file(language)
    try:
        name = i18n.qm_name(language, ts.read_bytes())
    except OSError:
        return None
    for known in (i18n.CATALOGUE_DIR / name, _compiled.get(name)):
        if known is not None and known.is_file():
            return known
    compiled = qt_tools.built_once(name, cache_dir() / "i18n", lambda out: qt_tools.lrelease(ts, out))
    if compiled is not None:
        _compiled[name] = compiled
    return compiled


def system_language() -> str:
    """The first of the desktop's UI languages that we speak (QLocale also knows Windows' and macOS' choice)."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in i18n.LANGUAGES:
            return code
    return "en"


class Installed:
    """What `install` changed, so `remove` can put it back (tests build several apps in one process)."""

    def __init__(self, language_before: str, locale_before: QLocale) -> None:
        self.language_before = language_before
        self.locale_before = locale_before
        self.translators: list[QTranslator] = []


def install(app: QCoreApplication, language: str) -> Installed:
    """Install our translator and Qt's for `language`, and make the core and QLocale speak it too."""
    done = Installed(i18n.language(), QLocale())
    i18n.set_language(language)
    QLocale.setDefault(QLocale(language))
    ours = qm_file(language)
    sources = [(str(ours), "")] if ours else []
    if language != "en":
        sources.append((f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(name, folder) and app.installTranslator(translator):
            done.translators.append(translator)
        else:
            log.warning("translation %s not loaded; texts stay in English", name)
    return done


def remove(app: QCoreApplication, installed: Installed) -> None:
    for translator in installed.translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    installed.translators.clear()
    QLocale.setDefault(installed.locale_before)
    i18n.set_language(installed.language_before)
