"""The GUI's half of core.i18n: Qt translators on the same compiled catalogue the core and the CLI read.

Ours gives the app's own texts; Qt's `qtbase_<lang>.qm` (shipped with PySide6) gives the standard buttons
(Save, Cancel, Close) and Qt's own dialogs. `%Ln` in our texts groups digits the way QLocale's default does.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ccs_desktop.core import i18n

log = logging.getLogger(__name__)


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
    ours = i18n.qm_file(language)
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
